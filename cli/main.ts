/**
 * `loopbook`: train, predict, evaluate, inspect and serve models on the same lib/ the browser uses.
 * Exit codes: 0 success, 1 a failure doing the work, 2 a mistake in the command.
 */
import { setMlBackend } from '../lib/ml/backend';
import { EVALUATE_USAGE, evaluate } from './commands/evaluate';
import { INSPECT_USAGE, inspect } from './commands/inspect';
import { PREDICT_USAGE, predict } from './commands/predict';
import { SERVE_USAGE, serve } from './commands/serve';
import { TRAIN_USAGE, train } from './commands/train';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './errors';

const USAGE = `loopbook — AutoML for tables

  loopbook train data.csv --label y [--time 60] [-o model.zip]
  loopbook predict model.zip data.csv [-o out.csv]
  loopbook evaluate model.zip labeled.csv
  loopbook inspect model.zip
  loopbook serve model.zip [--port 5000]

Run "loopbook <command> --help" for a command's options.`;

const COMMANDS: Record<string, { run: (args: readonly string[]) => Promise<number>; usage: string; needsTf: boolean }> = {
  train: { run: train, usage: TRAIN_USAGE, needsTf: true },
  predict: { run: predict, usage: PREDICT_USAGE, needsTf: true },
  evaluate: { run: evaluate, usage: EVALUATE_USAGE, needsTf: true },
  inspect: { run: inspect, usage: INSPECT_USAGE, needsTf: true },
  serve: { run: serve, usage: SERVE_USAGE, needsTf: true },
};

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? EXIT_OK : EXIT_USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    if (command.needsTf) await setMlBackend('auto');
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    if (process.env.LOOPBOOK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    return EXIT_FAILURE;
  }
}
