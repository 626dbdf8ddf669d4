import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';
import { createProject } from './helpers';

test('projects: create, rename, duplicate, delete with confirmation', async ({ page }) => {
  await createProject(page, 'Churn');
  await page.goto('/');
  const row = page.getByRole('row', { name: /Churn/ });
  await expect(row).toBeVisible();

  await page.getByRole('button', { name: 'Rename Churn' }).click();
  await page.getByLabel('New name for Churn').fill('Churn 2026');
  await page.getByLabel('New name for Churn').press('Enter');
  await expect(page.getByRole('link', { name: 'Churn 2026' })).toBeVisible();

  await page.getByRole('button', { name: 'Duplicate Churn 2026' }).click();
  await expect(page.getByRole('link', { name: 'Churn 2026 (copy)' })).toBeVisible();

  await page.getByRole('button', { name: 'Delete Churn 2026 (copy)' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('cannot be undone');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('link', { name: 'Churn 2026 (copy)' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete Churn 2026 (copy)' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete project' }).click();
  await expect(page.getByRole('link', { name: 'Churn 2026 (copy)' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Churn 2026', exact: true })).toBeVisible();
});

test('a project this browser does not have: a clear message, and no empty notebook left behind', async ({ page }) => {
  const absent = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
  for (const path of [`/project?id=${absent}`, `/project/experiments?id=${absent}`]) {
    await page.goto(path);
    await expect(page.getByRole('alert').filter({ hasText: 'This project is not in this browser' })).toBeVisible();
  }
  // Looking for the project must not leave an empty notebook database behind for an absent id.
  const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
  expect(databases.filter((name) => name.startsWith('loopbook-doc-'))).toEqual([]);
  await page.getByRole('link', { name: 'Back to your projects' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('a sample opens with one click, its data imported', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample Seattle weather' }).click();
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: 'Seattle weather' }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Cell 1, markdown' })).toContainText('Daily weather in Seattle');
  const data = page.locator('section.cell-data').first();
  await expect(data.getByLabel('Dataset summary')).toContainText('1,461', { timeout: 20_000 });
  await expect(data.getByLabel('Label column')).toHaveValue('weather');
  await expect(data.getByLabel('Type of date')).toHaveValue('datetime');
});

test('notebook keys: add, edit, Shift+Enter, arrows, move, collapse', async ({ page }) => {
  await createProject(page, 'Keys');
  await page.getByRole('button', { name: '+ Markdown cell' }).click();
  await page.getByLabel('Markdown source').fill('# First\nSome *notes*');
  await page.getByLabel('Markdown source').press('Shift+Enter');
  await expect(page.getByRole('heading', { name: 'First' })).toBeVisible();

  await page.getByRole('button', { name: '+ Markdown cell' }).click();
  await page.getByLabel('Markdown source').fill('# Second');
  await page.getByLabel('Markdown source').press('Escape');
  const second = page.getByRole('region', { name: 'Cell 2, markdown' });
  await expect(second).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('region', { name: 'Cell 1, markdown' })).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.locator('section.cell').first()).toContainText('Second');
  await page.getByRole('button', { name: 'Collapse Cell 2, markdown' }).click();
  await expect(page.getByRole('heading', { name: 'First' })).toHaveCount(0);

  await page.reload();
  await expect(page.locator('section.cell').first()).toContainText('Second');
  await expect(page.getByRole('button', { name: 'Expand Cell 2, markdown' })).toBeVisible();
});

test('everything survives a browser restart', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'loopbook-profile-'));
  const baseURL = test.info().project.use.baseURL ?? '';
  const launch = () =>
    chromium.launchPersistentContext(profile, { executablePath: findChromium(), args: CHROMIUM_ARGS, baseURL });
  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    await createProject(page, 'Restart me');
    await page.getByRole('button', { name: '+ Markdown cell' }).click();
    await page.getByLabel('Markdown source').fill('Kept across restarts');
    await page.getByLabel('Markdown source').press('Shift+Enter');
    await expect(page.getByRole('paragraph').getByText('Kept across restarts')).toBeVisible();
    // Let y-indexeddb's write land before the browser goes.
    await page.waitForTimeout(500);
    await context.close();

    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await page.getByRole('link', { name: 'Restart me' }).click();
    await expect(page.getByRole('paragraph').getByText('Kept across restarts')).toBeVisible();
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
