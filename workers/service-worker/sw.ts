/// <reference lib="webworker" />
/**
 * The service worker (DESIGN.md §10), built by scripts/build-service-worker.mjs into public/sw.js
 * after `next build`, with the list of what to precache injected: every prerendered page, every
 * chunk under /_next/static, and public/ (TF.js's WASM files, the sample datasets, icons).
 *
 * Pages are served from the precache even online, so a page and its chunks always come from one
 * build: a new deploy installs a new worker that waits until the user accepts the update
 * (components/offline/update-prompt.tsx sends SKIP_WAITING), and every open tab then reloads.
 * The relay's endpoints (/sync, /rooms, /blobs) are never cached.
 */
import { Serwist, type PrecacheEntry, type SerwistPlugin } from 'serwist';
import { shellFor } from '@/lib/offline/app-shell';

declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };

/**
 * A worker's script from the cache would lose the `#params=…` part of its URL (a cached response
 * carries its own URL, without a fragment), and Turbopack's worker bootstrap reads its chunk list
 * from there ("Missing worker bootstrap config"). A response built here has no URL of its own, so
 * the browser gives the worker the URL it asked for, fragment included.
 */
const keepWorkerUrls: SerwistPlugin = {
  handlerWillRespond: async ({ request, response }) =>
    request.destination === 'worker' || request.destination === 'sharedworker'
      ? new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers })
      : response,
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { plugins: [keepWorkerUrls] },
  // Waits for the user's yes (Serwist answers the SKIP_WAITING message); claims the first page
  // at once so that it works offline without a second visit.
  skipWaiting: false,
  clientsClaim: true,
  disableDevLogs: true,
});

// Navigations the precache does not match by URL (`/project?id=…`, `/p/<project>`) get their shell.
serwist.registerCapture(
  ({ request, sameOrigin }) => sameOrigin && request.mode === 'navigate',
  async ({ request, url }) => {
    const shell = shellFor(url.pathname);
    const cached = shell === null ? undefined : await serwist.matchPrecache(shell);
    return cached ?? fetch(request);
  },
);

serwist.addEventListeners();
