// `npm start`'s script in a child process, resolved with its origin once it listens: for the tests
// and benchmarks that kill or restart a relay. `env` adds to this process's environment
// (PORT, HOST, LOOPBOOK_DATA, LOOPBOOK_RELAY_ONLY…).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function spawnLoopbook(env) {
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const origin = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      const match = /Loopbook on (http:\/\/\S+?):? /.exec(output);
      if (match) resolve(match[1]);
    });
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`Loopbook exited with ${code}: ${output}`)));
  });
  return { child, origin };
}
