import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { freePort } from '../scripts/free-port.mjs';
import { spawnLoopbook } from '../scripts/spawn-loopbook.mjs';
import { addMarkdown, person } from './helpers';

const shown = (page: Page, text: string) => page.getByRole('paragraph').filter({ hasText: text });
const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

/** Creates a project at `origin`, shares it and returns the edit link. */
async function sharedProject(page: Page, origin: string, name: string): Promise<string> {
  await page.goto(`${origin}/`);
  await page.getByLabel('New project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this project' });
  await dialog.getByRole('button', { name: 'Create share links' }).click();
  const link = await dialog.getByLabel('Edit link', { exact: true }).inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return link;
}

test('one goes offline, both edit, it comes back: both converge with nothing lost', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const alice = await person(browser, 'Alice');
  const link = await sharedProject(alice, baseURL!, 'Offline merge');
  await addMarkdown(alice, 'Before the outage');
  const bob = await person(browser, 'Bob');
  await bob.goto(link);
  // A fresh profile's first visit: the notebook's code loads while the offline copy (6 MB) is precached.
  await expect(shown(bob, 'Before the outage')).toBeVisible({ timeout: 20_000 });

  await bob.context().setOffline(true);
  await expect(status(bob, 'Offline')).toBeVisible({ timeout: 20_000 });
  await addMarkdown(bob, 'Bob wrote this offline');
  await addMarkdown(alice, 'Alice wrote this meanwhile');
  await expect(shown(alice, 'Bob wrote this offline')).toHaveCount(0);
  await bob.screenshot({ path: 'e2e/.artifacts/share-offline.png' });

  await bob.context().setOffline(false);
  await expect(status(bob, 'Live')).toBeVisible({ timeout: 30_000 });
  for (const page of [alice, bob]) {
    for (const text of ['Before the outage', 'Bob wrote this offline', 'Alice wrote this meanwhile']) await expect(shown(page, text)).toBeVisible();
  }
  const order = async (page: Page) => (await page.locator('section.cell .cell-title').allTextContents()).join(' | ');
  expect(await order(bob)).toBe(await order(alice));
});

/** `npm start`'s script on `port` with `dataDir`: the built app and the relay. */
async function startLoopbook(port: number, dataDir: string): Promise<ChildProcess> {
  return (await spawnLoopbook({ PORT: String(port), HOST: 'localhost', LOOPBOOK_DATA: dataDir })).child;
}

test('the relay is killed mid-session and restarted: clients say so, reconnect, and nothing acknowledged is lost', async ({ browser }) => {
  test.setTimeout(120_000);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'loopbook-e2e-restart-'));
  const origin = `http://localhost:${port}`;
  let server = await startLoopbook(port, dataDir);
  try {
    const alice = await person(browser, 'Alice');
    const link = await sharedProject(alice, origin, 'Restart');
    await addMarkdown(alice, 'Acknowledged before the crash');
    const bob = await person(browser, 'Bob');
    await bob.goto(link);
    // A fresh profile's first visit: the notebook's code loads while the offline copy (6 MB) is precached.
    await expect(shown(bob, 'Acknowledged before the crash')).toBeVisible({ timeout: 20_000 });

    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    await expect(status(alice, 'Offline')).toBeVisible({ timeout: 20_000 });
    await expect(status(bob, 'Offline')).toBeVisible({ timeout: 20_000 });
    await addMarkdown(alice, 'Written while the relay was down');

    server = await startLoopbook(port, dataDir);
    await expect(status(alice, 'Live')).toBeVisible({ timeout: 60_000 });
    await expect(shown(bob, 'Written while the relay was down')).toBeVisible({ timeout: 60_000 });
    // A third browser that joins now gets everything from the restarted relay.
    const carol = await person(browser, 'Carol');
    await carol.goto(link);
    // A fresh profile's first visit, as Bob's above.
    await expect(shown(carol, 'Acknowledged before the crash')).toBeVisible({ timeout: 20_000 });
    await expect(shown(carol, 'Written while the relay was down')).toBeVisible();
  } finally {
    server.kill('SIGKILL');
  }
});
