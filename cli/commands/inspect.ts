/** `loopbook inspect model.zip`: what the model is, what it needs, how well it did. */
import { parseCommand } from '../args';
import { UsageError } from '../errors';
import { formatNumber, textTable } from '../format';
import { loadModel } from './model-file';

export const INSPECT_USAGE = 'Usage: loopbook inspect model.zip [--json]';

export async function inspect(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { json: { type: 'boolean' } }, INSPECT_USAGE);
  if (positionals.length !== 1) throw new UsageError(`Give one model.zip.\n\n${INSPECT_USAGE}`);
  const { manifest } = await loadModel(positionals[0]!);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `Loopbook model (format ${manifest.version}, made by Loopbook ${manifest.appVersion} on ${manifest.createdAt})`,
    `Predicts "${manifest.label}" (${manifest.task}${manifest.classes ? `: ${manifest.classes.join(', ')}` : ''}) with ${manifest.learner}.`,
    '',
    'Held-out metrics:',
    textTable(['metric', 'value'], Object.entries(manifest.metrics).map(([k, v]) => [k, formatNumber(v)])),
    '',
    `Features (${manifest.features.length}):`,
    textTable(
      ['column', 'kind', 'values'],
      manifest.features.map((f) => [f.name, f.kind, f.levels ? `${f.levels.slice(0, 6).join(', ')}${f.levels.length > 6 ? ', …' : ''}` : '']),
    ),
    '',
    'Members:',
    textTable(['learner', 'weight', 'params'], manifest.members.map((m) => [m.learner, formatNumber(m.weight), JSON.stringify(m.params)])),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
