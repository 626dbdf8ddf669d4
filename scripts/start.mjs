// `npm start`: build when needed, then serve the app and the sync relay on PORT (default 3000)
// from one process (server/main.ts, run through tsx like the CLI), so stopping this PID stops everything.
// LOOPBOOK_RELAY_ONLY=1 serves the relay alone and needs no build.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { buildIfStale } from './build-if-stale.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
// What `next start` sets: React and Next run their production builds.
process.env.NODE_ENV = 'production';
if (process.env.LOOPBOOK_RELAY_ONLY !== '1') buildIfStale();

register();
const { main } = await import('../server/main.ts');
try {
  await main(fileURLToPath(new URL('..', import.meta.url)));
} catch (error) {
  console.error(`Loopbook could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
