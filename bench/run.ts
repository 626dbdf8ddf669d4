/**
 * `npm run bench [-- ingest|gbdt|automl|experiments|sweep|predict|serve|bundle|pipeline|sync|offline …] [-- --time 60]`: runs the benchmarks, each in its own
 * process (clean memory figures), one after the other (they time things: never in parallel).
 * Each writes bench/results/<name>.json and .md and prints its table.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES = ['ingest', 'gbdt', 'automl', 'browser-training', 'experiments', 'sweep', 'predict', 'serve', 'bundle', 'pipeline', 'sync', 'offline'] as const;
const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const chosen = BENCHES.filter((b) => args.includes(b));
const rest = args.filter((a) => !(BENCHES as readonly string[]).includes(a));
let failed = 0;
for (const bench of chosen.length > 0 ? chosen : BENCHES) {
  console.log(`\n=== ${bench} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', `bench/${bench}.ts`, ...rest], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
