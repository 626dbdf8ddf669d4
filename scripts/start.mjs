// `npm start`: build when needed, then serve the app on PORT (default 3000).
// Runs Next's server in this process so that stopping this PID stops everything.
import { buildIfStale } from './build-if-stale.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
buildIfStale();

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? 'localhost';
process.argv = [process.argv[0], 'next', 'start', '-p', String(port), '-H', hostname];
await import('next/dist/bin/next');
