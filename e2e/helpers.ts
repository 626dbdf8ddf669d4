import { expect, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';

/** The sample shipped with the app (a copy of shared/data/penguins.csv). */
export const PENGUINS_CSV = fileURLToPath(new URL('../public/samples/penguins.csv', import.meta.url));

/** Creates a project from the home page and waits for its empty notebook. */
export async function createProject(page: Page, name: string): Promise<void> {
  await page.goto('/');
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
