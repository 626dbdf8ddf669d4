/** `loopbook serve model.zip [--port 5000]`: the model behind a small REST API (cli/serve/). */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { numberOption, parseCommand } from '../args';
import { UsageError } from '../errors';
import { runPrimary, runWorker } from '../serve/cluster';
import { startServer, type ServeOptions } from '../serve/server';
import { loadModel } from './model-file';

/** Flask's default port, which people who served a model before will try first. */
const DEFAULT_PORT = 5000;
/** Loopback only unless asked: a model answers anyone who can reach the port. */
const DEFAULT_HOST = '127.0.0.1';
/** About 100,000 rows of ten columns: larger batches belong in `loopbook predict`. */
const DEFAULT_MAX_BODY_MB = 10;
/** One worker process per core, up to this many: each holds its own copy of the model. */
const MAX_DEFAULT_WORKERS = 16;
const MAX_WORKERS = 256;

/** --workers when it is not given. */
export function defaultWorkers(): number {
  return Math.min(availableParallelism(), MAX_DEFAULT_WORKERS);
}

export const SERVE_USAGE = `Usage: loopbook serve model.zip [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}] [--max-body-mb ${DEFAULT_MAX_BODY_MB}] [--workers N]

  POST /predict       {"columns": [...], "data": [[...], ...]} → the same rows with "prediction"
                      (and "prob_<class>" per class) added, plus "notices"
  GET  /health        the model served
  GET  /openapi.json  OpenAPI 3.1, the model's features as the request schema
  GET  /metrics       Prometheus metrics

  --port N            1–65535 (default ${DEFAULT_PORT})
  --host ADDRESS      the address to listen on (default ${DEFAULT_HOST}; 0.0.0.0 for every interface)
  --max-body-mb N     larger request bodies get a 413 (default ${DEFAULT_MAX_BODY_MB})
  --workers N         processes answering on the port, each with its own copy of the
                      model (default: one per core, at most ${MAX_DEFAULT_WORKERS}); 1 serves from this process

Stops on Ctrl-C (SIGINT) or SIGTERM, after the requests under way are answered.`;

export async function serve(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { port: { type: 'string', short: 'p' }, host: { type: 'string' }, 'max-body-mb': { type: 'string' }, workers: { type: 'string' } },
    SERVE_USAGE,
  );
  if (positionals.length !== 1) throw new UsageError(`Give one model.zip.\n\n${SERVE_USAGE}`);
  const port = numberOption(values.port, 'port', (n) => Number.isInteger(n) && n >= 1 && n <= 65535, 'a whole number from 1 to 65535') ?? DEFAULT_PORT;
  const maxBodyMb = numberOption(values['max-body-mb'], 'max-body-mb', (n) => n > 0 && n <= 1024, 'a number of megabytes above 0, at most 1024') ?? DEFAULT_MAX_BODY_MB;
  const workers = numberOption(values.workers, 'workers', (n) => Number.isInteger(n) && n >= 1 && n <= MAX_WORKERS, `a whole number from 1 to ${MAX_WORKERS}`) ?? defaultWorkers();
  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new UsageError(`--host needs an address, such as ${DEFAULT_HOST}.`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const options = async (): Promise<ServeOptions> => ({ bundle: await loadModel(positionals[0]!), host, port, maxBodyBytes: Math.round(maxBodyMb * 1024 * 1024), log });

  // A worker process of the cluster below runs this same command line.
  if (cluster.isWorker) return runWorker(options);
  // Read the model here first: a file that is no model fails before any worker starts.
  const served = await options();
  const describe = `${served.bundle.manifest.learner} model for ${served.bundle.manifest.label}`;
  if (workers > 1) return runPrimary({ workers, describe, log });
  const server = await startServer(served);
  log(`Serving ${describe} on ${server.url}`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const stop = (received: NodeJS.Signals) => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      resolve(received);
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
  log(`Stopping (${signal})…`);
  await server.close();
  return 0;
}
