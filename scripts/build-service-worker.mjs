// Builds public/sw.js from workers/service-worker/sw.ts after `next build` (Serwist's configurator
// mode: it runs once the pages are prerendered, so it can precache them). Run by `npm run build`
// and scripts/build-if-stale.mjs. The output is gitignored: it names this build's chunks.
import { runBuildCommand } from '@serwist/cli';
import { serwist } from '@serwist/next/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SW_DEST = 'public/sw.js';

export async function buildServiceWorker() {
  const config = await serwist(
    {
      swSrc: 'workers/service-worker/sw.ts',
      swDest: SW_DEST,
      // tf.min.js (about 1.1 MB, for code cells) must fit; Serwist's default cap is 2 MB.
      maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      // Source maps are for developers, not for working offline.
      globIgnores: ['**/*.map'],
      esbuildOptions: { alias: { '@': root } },
    },
    undefined,
    { cwd: root, isDev: false },
  );
  await runBuildCommand({ config, watch: false });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServiceWorker();
