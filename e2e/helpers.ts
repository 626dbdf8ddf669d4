import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';

/** The sample shipped with the app (a copy of shared/data/penguins.csv). */
export const PENGUINS_CSV = fileURLToPath(new URL('../public/samples/penguins.csv', import.meta.url));

/** Creates a project from the home page (of `origin`, else the test's) and waits for its empty notebook. */
export async function createProject(page: Page, name: string, origin = ''): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByLabel('New project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('This notebook is empty')).toBeVisible();
}

/** Adds a data cell at the end of the notebook and returns it. */
export async function addDataCell(page: Page) {
  const before = await page.locator('section.cell-data').count();
  await page.getByRole('button', { name: '+ Data cell' }).click();
  const cell = page.locator('section.cell-data').nth(before);
  await expect(cell).toBeVisible();
  return cell;
}

/**
 * Opens the penguins sample from the home page and waits for its data cell's 344 rows; with a
 * time budget, sets the project's (seconds) so that trainings stay short.
 */
export async function openPenguinsSample(page: Page, options: { timeBudgetS?: number } = {}): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample Palmer penguins' }).click();
  // Creating the project, its cells and the import all write IndexedDB: on a slow disk with other
  // journeys running, that took over the default 5 s (the sample's cells were half made).
  await expect(page.locator('section.cell-data').first().getByLabel('Dataset summary')).toContainText('344', { timeout: 20_000 });
  if (options.timeBudgetS !== undefined) {
    await page.getByText('Project settings').click();
    await page.getByLabel('Project time budget in seconds').fill(String(options.timeBudgetS));
  }
}

/**
 * Adds a train cell at the end of the notebook, trains on WASM (for `budgetS` seconds, else the
 * project's budget) and waits for exp-001 to complete; returns the cell.
 */
export async function trainFirstExperiment(page: Page, budgetS?: number): Promise<Locator> {
  await page.getByRole('button', { name: '+ Train cell' }).click();
  const train = page.locator('section.cell-train').last();
  if (budgetS !== undefined) await train.getByLabel('Time budget in seconds').fill(String(budgetS));
  await train.getByLabel('Backend').selectOption('wasm');
  await train.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(train.getByText(/exp-001: completed/)).toBeVisible({ timeout: 60_000 });
  return train;
}

/** Saved files arrive as downloads, not through the save dialog, so that the test gets them. */
export async function preferDownloads(page: Page): Promise<void> {
  await page.addInitScript(() => {
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
}

/** A separate browser profile (its own IndexedDB) whose user goes by `name`. */
export async function person(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript((n) => window.localStorage.setItem('loopbook:user-name', n), name);
  return context.newPage();
}

/** Adds a markdown cell with `text` and shows its preview. */
export async function addMarkdown(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: '+ Markdown cell' }).click();
  await page.getByLabel('Markdown source').fill(text);
  await page.getByLabel('Markdown source').press('Shift+Enter');
}

/** Waits until the service worker has precached the app and controls the page: from then on it works offline. */
export async function untilOfflineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });
}
