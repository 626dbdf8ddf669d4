import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { untilOfflineReady } from './helpers';

const BUILT_SW = fileURLToPath(new URL('../public/sw.js', import.meta.url));

/**
 * A front server for the app, as a CDN or load balancer would be: it passes every request on to
 * `target`, except that after `deploy` it serves another service worker, as a new version would.
 */
async function frontServer(target: string): Promise<{ origin: string; deploy(sw: string): void; close(): Promise<void> }> {
  let deployed: string | undefined;
  const server: Server = createServer((incoming, outgoing) => {
    if (incoming.url === '/sw.js' && deployed !== undefined) {
      outgoing.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'no-cache' });
      outgoing.end(deployed);
      return;
    }
    const upstream = request(new URL(incoming.url ?? '/', target), { method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    deploy: (sw) => (deployed = sw),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The precached copies of the penguins sample: their cache keys carry the revision. */
const penguinRevisions = (page: Page) =>
  page.evaluate(async () => {
    const keys: string[] = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) keys.push(request.url);
    return keys.filter((url) => url.includes('/samples/penguins.csv')).map((url) => new URL(url).searchParams.get('__WB_REVISION__'));
  });

test('a new version is announced, the open tabs keep the version they started with, and "Reload to update" moves every tab to it', async ({ context, baseURL }) => {
  test.setTimeout(90_000);
  const front = await frontServer(baseURL!);
  try {
    const page = await context.newPage();
    await page.goto(`${front.origin}/`);
    await untilOfflineReady(page);
    const [firstRevision] = await penguinRevisions(page);
    expect(firstRevision).toMatch(/^[0-9a-f]{32}$/);
    const other = await context.newPage();
    await other.goto(`${front.origin}/`);
    await expect(other.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();

    // The new version changes one precached file.
    const built = readFileSync(BUILT_SW, 'utf8');
    const next = built.replace(`revision:"${firstRevision}",url:"/samples/penguins.csv"`, 'revision:"second-version",url:"/samples/penguins.csv"');
    expect(next).not.toBe(built);
    front.deploy(next);

    // A page load checks for it: it installs beside the running version and waits.
    await page.reload();
    const prompt = page.getByRole('status', { name: 'New version' });
    await expect(prompt).toContainText('A new version of Loopbook is ready.', { timeout: 30_000 });
    await page.screenshot({ path: 'e2e/.artifacts/update-prompt.png' });
    expect((await penguinRevisions(page)).sort()).toEqual([firstRevision, 'second-version'].sort());
    // Still the version it started with, after another reload too: nothing is mixed.
    await page.reload();
    await expect(prompt).toBeVisible({ timeout: 30_000 });
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null)).toBe(true);

    // Accepting activates it; both tabs reload into it and the old files leave the cache.
    const otherReloaded = other.waitForEvent('load');
    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Reload to update' }).click();
    await reloaded;
    await otherReloaded;
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
    await expect(prompt).toHaveCount(0);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
    await expect.poll(() => penguinRevisions(page)).toEqual(['second-version']);
  } finally {
    await front.close();
  }
});
