import { expect, test, type Page } from '@playwright/test';
import { addMarkdown, createProject, openPenguinsSample, person, trainFirstExperiment } from './helpers';

/** Opens the share dialog and returns the edit and read-only links (creating them when asked). */
async function shareLinks(page: Page, create: boolean): Promise<{ edit: string; read: string }> {
  await page.getByRole('button', { name: create ? 'Share' : 'Sharing', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this project' });
  if (create) await dialog.getByRole('button', { name: 'Create share links' }).click();
  await expect(dialog.getByLabel('Edit link', { exact: true })).toHaveValue(/\/p\/[0-9A-Z]{26}#room=[\w-]{22},[\w-]{22}$/);
  const links = { edit: await dialog.getByLabel('Edit link', { exact: true }).inputValue(), read: await dialog.getByLabel('Read-only link', { exact: true }).inputValue() };
  return links;
}

test('two profiles share a project: cells sync live both ways, with presence; read-only and refused links', async ({ browser }) => {
  test.setTimeout(90_000);
  const alice = await person(browser, 'Alice');
  await createProject(alice, 'Shared notes');
  await addMarkdown(alice, 'Hello from Alice');
  const links = await shareLinks(alice, true);
  expect(links.read).toMatch(/,read$/);
  await alice.screenshot({ path: 'e2e/.artifacts/share-dialog.png' });
  await alice.getByRole('dialog', { name: 'Share this project' }).getByRole('button', { name: 'Close' }).click();
  await expect(alice.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

  const bob = await person(browser, 'Bob');
  await bob.goto(links.edit);
  // A fresh profile's first visit (see Carol's below).
  await expect(bob.getByRole('heading', { level: 1, name: 'Shared notes' })).toBeVisible({ timeout: 20_000 });
  await expect(bob.getByRole('region', { name: 'Cell 1, markdown' })).toContainText('Hello from Alice');
  // The secret left the address bar.
  expect(bob.url()).not.toContain('#room=');
  await expect(alice.getByRole('list', { name: 'In this project now' })).toContainText('Bob');
  await expect(bob.getByRole('status').filter({ hasText: 'Live · 1 other here' })).toBeVisible();

  await addMarkdown(bob, 'Reply from Bob');
  await expect(alice.getByRole('region', { name: 'Cell 2, markdown' })).toContainText('Reply from Bob');
  // Presence follows the focus: Bob in cell 1 shows on Alice's cell 1.
  await bob.getByRole('region', { name: 'Cell 1, markdown' }).focus();
  await expect(alice.getByRole('region', { name: 'Cell 1, markdown' }).getByLabel('Here: Bob')).toBeVisible();
  await alice.screenshot({ path: 'e2e/.artifacts/share-presence.png' });

  // A read-only link shows everything and follows changes, but its edits reach nobody.
  const carol = await person(browser, 'Carol');
  await carol.goto(links.read);
  // A fresh profile's first visit: the notebook's code loads while the offline copy (6 MB) is
  // precached; 5-6.5 s on the VM of 2026-11-24.
  await expect(carol.getByRole('region', { name: 'Cell 2, markdown' })).toContainText('Reply from Bob', { timeout: 20_000 });
  await expect(carol.getByRole('status').filter({ hasText: 'Read-only · Live' })).toBeVisible();
  await expect(carol.getByRole('note')).toContainText('Read-only link');
  await expect(carol.getByRole('button', { name: '+ Markdown cell' })).toBeDisabled();
  // Even an edit that gets past the page (a script) reaches nobody: the relay refuses it.
  await carol.evaluate(() => {
    const button = document.querySelector<HTMLButtonElement>('.add-cells button:last-child');
    button?.closest('fieldset')?.removeAttribute('disabled');
  });
  await addMarkdown(carol, 'Vandalism');
  await addMarkdown(alice, 'After Carol tried');
  const shown = (page: Page, text: string) => page.getByRole('paragraph').filter({ hasText: text });
  await expect(shown(carol, 'After Carol tried')).toBeVisible();
  // In Carol's list of projects, under the owner's name, marked as shared read-only.
  await carol.goto('/');
  await expect(carol.getByRole('row', { name: /Shared notes/ })).toContainText('shared · read-only');
  await carol.screenshot({ path: 'e2e/.artifacts/share-home.png' });
  await carol.goBack();
  await expect(shown(bob, 'After Carol tried')).toBeVisible();
  await expect(shown(bob, 'Vandalism')).toHaveCount(0);
  await expect(shown(alice, 'Vandalism')).toHaveCount(0);

  // A damaged secret is refused, and says so.
  const dave = await person(browser, 'Dave');
  const wrong = links.edit.replace(/,([\w-])([\w-]{21})$/, (_, first: string, rest: string) => `,${first === 'A' ? 'B' : 'A'}${rest}`);
  await dave.goto(wrong);
  await expect(dave.getByRole('status').filter({ hasText: 'The relay refused this link' })).toBeVisible();
  await expect(dave.getByText('Hello from Alice')).toHaveCount(0);

  // New links: Bob's old one stops working; the new edit link works.
  await alice.getByRole('button', { name: 'Sharing', exact: true }).click();
  const dialog = alice.getByRole('dialog', { name: 'Share this project' });
  await dialog.getByRole('button', { name: 'Make new links' }).click();
  await alice.getByRole('dialog', { name: 'Make new links?' }).getByRole('button', { name: 'Make new links' }).click();
  await expect(dialog.getByLabel('Edit link', { exact: true })).not.toHaveValue(links.edit);
  const fresh = await dialog.getByLabel('Edit link', { exact: true }).inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(bob.getByRole('status').filter({ hasText: 'The relay refused this link' })).toBeVisible();
  await dave.goto(fresh);
  await expect(dave.getByRole('region', { name: 'Cell 3, markdown' })).toContainText('After Carol tried');
  // Dave stops syncing: his copy stays, the link part of the page goes.
  await dave.getByRole('button', { name: 'Sharing', exact: true }).click();
  await dave.getByRole('dialog', { name: 'Share this project' }).getByRole('button', { name: 'Stop syncing here' }).click();
  await expect(dave.getByRole('button', { name: 'Share', exact: true })).toBeVisible();
  await dave.keyboard.press('Escape');
  await expect(dave.getByRole('status').filter({ hasText: 'Live' })).toHaveCount(0);
  await expect(dave.getByRole('region', { name: 'Cell 3, markdown' })).toContainText('After Carol tried');
});

test('a collaborator’s dataset downloads on demand; one not uploaded yet says whose browser has it', async ({ browser }) => {
  test.setTimeout(90_000);
  const alice = await person(browser, 'Alice');
  // Alice's uploads fail at first (a relay that cannot take them): the dataset is announced, not sent.
  let blockUploads = true;
  await alice.route('**/blobs/**', (route) => (blockUploads && route.request().method() === 'PUT' ? route.abort() : route.continue()));
  await openPenguinsSample(alice);
  const links = await shareLinks(alice, true);
  await alice.getByRole('dialog', { name: 'Share this project' }).getByRole('button', { name: 'Close' }).click();

  const bob = await person(browser, 'Bob');
  await bob.goto(links.edit);
  const data = bob.locator('section.cell-data').first();
  await expect(data.getByRole('status').filter({ hasText: 'in Alice’s browser' })).toBeVisible({ timeout: 15_000 });
  await data.screenshot({ path: 'e2e/.artifacts/share-dataset-waiting.png' });

  blockUploads = false;
  await expect(data.getByLabel('Dataset summary')).toContainText('344', { timeout: 30_000 });
  await expect(data.getByLabel('Label column')).toHaveValue('Species');
});

test('a collaborator sees my experiments and promotions, and predicts with my production model, fetched on demand', async ({ browser }) => {
  test.setTimeout(150_000);
  const alice = await person(browser, 'Alice');
  await openPenguinsSample(alice, { timeBudgetS: 4 });
  await trainFirstExperiment(alice);
  const links = await shareLinks(alice, true);
  await alice.getByRole('dialog', { name: 'Share this project' }).getByRole('button', { name: 'Close' }).click();

  const bob = await person(browser, 'Bob');
  await bob.goto(links.edit);
  // A fresh profile's first visit: the notebook's code loads while the offline copy is precached.
  await expect(bob.getByRole('link', { name: 'Experiments (1)' })).toBeVisible({ timeout: 20_000 });
  await bob.getByRole('link', { name: 'Experiments (1)' }).click();
  const table = bob.getByRole('table', { name: 'Experiments' });
  await expect(table).toContainText('exp-001');
  await expect(table).toContainText('Alice');

  // Alice promotes her model; Bob's registry follows, live.
  await alice.getByRole('link', { name: 'Experiments (1)' }).click();
  await alice.getByRole('table', { name: 'Experiments' }).getByRole('button', { name: 'Open exp-001' }).click();
  await alice.getByRole('region', { name: 'Experiment exp-001' }).getByRole('button', { name: 'Promote to production' }).click();
  await expect(bob.getByRole('region', { name: 'Model registry' }).getByRole('group', { name: 'production model' })).toContainText(/exp-001\s*since .* by Alice/);

  // Bob predicts with it: the model comes from the room, then runs in his browser.
  await bob.getByRole('link', { name: '← Notebook' }).click();
  await bob.getByRole('button', { name: '+ Predict cell' }).click();
  const predict = bob.locator('section.cell-predict').last();
  await expect(predict.getByText(/Using exp-001/)).toBeVisible();
  await predict.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(predict.getByRole('table').first()).toContainText('prob_', { timeout: 30_000 });
  // Bob's cell is in Alice's notebook too.
  await alice.getByRole('link', { name: '← Notebook' }).click();
  await expect(alice.locator('section.cell-predict')).toHaveCount(1);
});

test('two people type in one markdown cell at once: the edits merge by character and each caret stays put', async ({ browser }) => {
  const alice = await person(browser, 'Alice');
  await createProject(alice, 'Co-editing');
  await addMarkdown(alice, 'Hello world');
  const links = await shareLinks(alice, true);
  await alice.getByRole('dialog', { name: 'Share this project' }).getByRole('button', { name: 'Close' }).click();
  const bob = await person(browser, 'Bob');
  await bob.goto(links.edit);
  // A fresh profile's first visit: the notebook's code loads while the offline copy is precached.
  await expect(bob.getByRole('paragraph').filter({ hasText: 'Hello world' })).toBeVisible({ timeout: 20_000 });

  await alice.getByRole('button', { name: 'Edit markdown' }).click();
  const mine = alice.getByLabel('Markdown source');
  await mine.press('Control+Home');
  for (let i = 0; i < 'Hello'.length; i++) await mine.press('ArrowRight');
  await bob.getByRole('button', { name: 'Edit markdown' }).click();
  const theirs = bob.getByLabel('Markdown source');
  await theirs.press('Control+Home');
  await theirs.pressSequentially('Bob: ');
  await expect(mine).toHaveValue('Bob: Hello world');
  // Alice's caret is still after "Hello", not at the end where a new value would have put it.
  await mine.pressSequentially(',');
  await expect(mine).toHaveValue('Bob: Hello, world');
  await expect(theirs).toHaveValue('Bob: Hello, world');
});

test('a damaged share link says what is wrong', async ({ page }) => {
  await page.goto('/p/not-a-project#room=abc');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('This share link does not work');
  await page.goto('/p/01JABCDEFGHJKMNPQRSTVWXYZ0#room=short,bad');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('damaged');
  await page.goto('/p/01JABCDEFGHJKMNPQRSTVWXYZ0');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('no room in it');
});
