// Finding images in a long history (issue 31): the star (tile, lightbox, selection) and the Favourites
// filter; the filter beside the search, combined with the words, counted over the whole history and
// kept in the URL's hash; collections made, shown as their own stage, renamed and deleted, kept across
// a reload, shared live with a second tab and carried by a ZIP export and import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setup, open, configure, generate, tileAction, seedHistory, variedSettings, historyMenu, storeContents, waitForStoreCount, openSettings } from './harness.mjs';

let env;
let dir;
before(async () => {
  env = await setup();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banana-finding-'));
});
after(async () => {
  await env?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cards = (page) => page.getByTestId('result-card');
const prompts = async (page) => (await page.getByTestId('result-prompt').allTextContents()).map((t) => t.trim());
/** The tile whose prompt is `prompt`. */
const card = (page, prompt) => cards(page).filter({ has: page.getByTestId('result-prompt').getByText(prompt, { exact: true }) });
const count = (page) => page.getByTestId('filter-count').textContent();
const openFilter = async (page) => {
  if ((await page.getByTestId('history-filter').getAttribute('aria-expanded')) !== 'true') await page.getByTestId('history-filter').click();
};
/** Generates each prompt in turn, each result on the stage before the next. */
const generateEach = async (page, list) => {
  for (const p of list) {
    await generate(page, p);
    await card(page, p).waitFor();
  }
};
const entries = async (page) => (await storeContents(page, 'entries')).map((json) => JSON.parse(json));

test('the star on a tile, in the lightbox and in the selection bar; the Favourites filter, counted, kept in the hash and across a reload', async () => {
  const page = await open(env);
  await configure(page, env);
  await generateEach(page, ['a red hat', 'a blue hat', 'a green hat']);
  // Saved as they arrive.
  assert.equal(await waitForStoreCount(page, 'entries', 3), 3);
  // The star on the tile's bar: pressed, a badge stays on the picture, the entry keeps it.
  const red = card(page, 'a red hat');
  await red.hover();
  const star = red.getByTestId('favourite');
  assert.equal(await star.getAttribute('aria-pressed'), 'false');
  await star.click();
  assert.equal(await star.getAttribute('aria-pressed'), 'true');
  await red.getByTestId('favourite-badge').waitFor();
  assert.equal(await cards(page).getByTestId('favourite-badge').count(), 1);
  await page.waitForFunction(async () => {
    const db = await new Promise((r) => { const q = indexedDB.open('banana-studio'); q.onsuccess = () => r(q.result); });
    const all = await new Promise((r) => { const q = db.transaction('entries').objectStore('entries').getAll(); q.onsuccess = () => r(q.result); });
    db.close();
    return all.map((j) => JSON.parse(j)).filter((e) => e.favourite).map((e) => e.prompt).join() === 'a red hat';
  });

  // The lightbox's star.
  await card(page, 'a blue hat').getByTestId('open-lightbox').click();
  const boxStar = page.getByTestId('lightbox').getByTestId('favourite');
  await boxStar.click();
  assert.equal(await boxStar.getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('Escape');
  await card(page, 'a blue hat').getByTestId('favourite-badge').waitFor();

  // The Favourites filter: only the starred, counted.
  await openFilter(page);
  await page.getByTestId('filter-favourites').check();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-card]').length === 2);
  assert.deepEqual((await prompts(page)).sort(), ['a blue hat', 'a red hat']);
  await page.getByTestId('filter-count').filter({ hasText: /^2 images match$/ }).waitFor();
  assert.equal(await page.getByTestId('filter-active').textContent(), '1');
  assert.match(await page.evaluate(() => location.hash), /(^#|&)fav=1(&|$)/);

  // Combined with the words.
  await page.getByTestId('history-search').fill('blue');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-card]').length === 1);
  await page.getByTestId('filter-count').filter({ hasText: /^1 images match$/ }).waitFor();
  assert.match(await page.evaluate(() => location.hash), /q=blue/);

  // A reload comes back to the same stage, read from the history.
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await page.getByTestId('filter-count').filter({ hasText: /^1 images match$/ }).waitFor();
  assert.deepEqual(await prompts(page), ['a blue hat']);
  assert.equal(await page.getByTestId('history-search').inputValue(), 'blue');
  assert.equal(await page.getByTestId('filter-favourites').isChecked(), true);

  // The selection bar's star: stars every selected image, or takes it from all when they all had it.
  await page.getByTestId('history-search').fill('');
  await page.getByTestId('filter-favourites').uncheck();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-card]').length === 3);
  await page.getByTestId('select-mode').click();
  for (const p of ['a red hat', 'a green hat']) await card(page, p).getByTestId('open-lightbox').click();
  const barStar = page.getByTestId('selection-bar').getByTestId('favourite');
  assert.equal(await barStar.getAttribute('aria-pressed'), 'false', 'not all of them are starred');
  await barStar.click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=favourite-badge]').length === 3);
  await barStar.click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=favourite-badge]').length === 1);
  assert.equal(await card(page, 'a blue hat').getByTestId('favourite-badge').count(), 1);
  await page.getByTestId('clear-selection').click();
  await page.waitForFunction(async () => {
    const db = await new Promise((r) => { const q = indexedDB.open('banana-studio'); q.onsuccess = () => r(q.result); });
    const all = await new Promise((r) => { const q = db.transaction('entries').objectStore('entries').getAll(); q.onsuccess = () => r(q.result); });
    db.close();
    return all.map((j) => JSON.parse(j)).filter((e) => e.favourite).map((e) => e.prompt).join() === 'a blue hat';
  });
  assert.deepEqual(page.consoleMessages.filter((m) => m.startsWith('pageerror')), []);
  await page.context().close();
});

test('filters over the whole history: each field narrows, they combine with the words, the count covers entries never scrolled to, and the hash brings it back', async () => {
  const N = 300;
  const page = await open(env);
  await seedHistory(page, N, { varied: true, withReferences: 10 });
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await cards(page).first().waitFor();
  // What the seeded history holds, worked out here.
  const all = Array.from({ length: N }, (_, i) => ({ i, ...variedSettings(i), refs: i % 10 === 0, prompt: i % 10 === 0 ? `seeded entry ${i} w${i}` : `seeded entry ${i}` }));
  const expect = async (want, what) => {
    await page.getByTestId('filter-count').filter({ hasText: new RegExp(`^${want.length} images match$`) }).waitFor({ timeout: 10000 }).catch(async () => {
      assert.fail(`${what}: expected ${want.length}, the page says ${await count(page)}`);
    });
    // Every match on the stage is one the filter lets through (the newest are read in at once).
    const shown = await prompts(page);
    const wanted = new Set(want.map((e) => e.prompt));
    assert.ok(shown.length > 0 && shown.every((p) => wanted.has(p)), `${what}: ${shown.slice(0, 5)}`);
  };
  await openFilter(page);
  await page.getByTestId('filter-model').selectOption('gemini-3.1-flash-lite-image');
  const lite = all.filter((e) => e.model === 'gemini-3.1-flash-lite-image');
  await expect(lite, 'model');
  // More matches than one read brings: the gallery's "older" reads in the filter's next ones, until
  // every match is on the stage (and nothing else).
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-card]').length >= 96);
  for (let i = 0; i < 5 && (await cards(page).count()) < lite.length; i++) {
    const older = page.getByTestId('load-older');
    if (await older.count()) await older.click().catch(() => {});
    await page.waitForTimeout(300);
  }
  assert.equal(await cards(page).count(), lite.length, 'every match, read in as the stage scrolls');
  assert.ok((await prompts(page)).every((p) => lite.some((e) => e.prompt === p)));
  assert.equal(await page.getByTestId('load-older').count(), 0, 'no more to read');
  await page.getByTestId('filter-size').selectOption('2K');
  await expect(all.filter((e) => e.model === 'gemini-3.1-flash-lite-image' && e.size === '2K'), 'model + size');
  await page.getByTestId('filter-model').selectOption('');
  await page.getByTestId('filter-ratio').selectOption('16:9');
  await expect(all.filter((e) => e.size === '2K' && e.ratio === '16:9'), 'size + ratio');
  await page.getByTestId('filter-ratio').selectOption('auto');
  await expect(all.filter((e) => e.size === '2K' && e.ratio === ''), 'size + no ratio asked');
  await page.getByTestId('filter-size').selectOption('');
  await page.getByTestId('filter-ratio').selectOption('');
  await page.getByTestId('filter-references').check();
  await expect(all.filter((e) => e.refs), 'with references');
  await page.getByTestId('filter-references').uncheck();
  await page.getByTestId('filter-favourites').check();
  await expect(all.filter((e) => e.favourite), 'favourites');
  // With words (each word anywhere in the prompt): favourites whose prompt has a 1 and a w.
  await page.getByTestId('history-search').fill('1 W');
  await expect(all.filter((e) => e.favourite && e.prompt.includes('1') && e.prompt.includes('w')), 'favourites + words');
  // A date range, in local days: the seeded entries are six hours apart, ending now.
  const days = await page.evaluate((n) => {
    const step = 6 * 3600 * 1000;
    const base = Date.now() - n * step;
    const day = (ms) => { const d = new Date(ms); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; };
    return Array.from({ length: n }, (_, i) => day(base + i * step));
  }, N);
  // (the seeding took a moment: allow the count to be worked out from the page's own clock)
  await page.getByTestId('history-search').fill('');
  await page.getByTestId('filter-favourites').uncheck();
  const from = days[40], to = days[60];
  await page.getByTestId('filter-from').fill(from);
  await page.getByTestId('filter-to').fill(to);
  const inRange = all.filter((e) => days[e.i] >= from && days[e.i] <= to);
  assert.ok(inRange.length >= 20 && inRange.length <= 28, `${inRange.length} in range`);
  await expect(inRange, 'date range');
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, new RegExp(`from=${from}`));
  assert.match(hash, new RegExp(`to=${to}`));

  // A bookmark: a fresh page opened on the hash shows the same filter and the same count.
  await page.getByTestId('filter-model').selectOption('gemini-3.1-flash-image');
  const want = inRange.filter((e) => e.model === 'gemini-3.1-flash-image');
  await expect(want, 'date range + model');
  const url = page.url();
  const other = await page.context().newPage();
  await other.goto(url);
  await other.getByTestId('filter-count').filter({ hasText: new RegExp(`^${want.length} images match$`) }).waitFor();
  await openFilter(other);
  assert.equal(await other.getByTestId('filter-model').inputValue(), 'gemini-3.1-flash-image');
  assert.equal(await other.getByTestId('filter-from').inputValue(), from);
  // Clearing the filter keeps the words and empties the hash's filter.
  await other.getByTestId('filter-clear').click();
  await other.waitForFunction(() => location.hash === '');
  assert.equal(await other.getByTestId('filter-count').count(), 0);
  await page.context().close();
});

test('collections: made from a selection and from one image, shown as their own stage, renamed, shared live with a second tab, kept across a reload, carried by ZIP, deleted with the images kept', async () => {
  const page = await open(env);
  await configure(page, env);
  await generateEach(page, ['trip one', 'trip two', 'work one']);
  assert.equal(await waitForStoreCount(page, 'entries', 3), 3);
  const second = await page.context().newPage();
  await second.goto(env.app.url);
  await second.getByTestId('prompt').waitFor();
  await cards(second).nth(2).waitFor();

  // From a selection, into a new collection (an empty name is refused with a message).
  await page.getByTestId('select-mode').click();
  for (const p of ['trip one', 'trip two']) await card(page, p).getByTestId('open-lightbox').click();
  await page.getByTestId('selection-bar').getByTestId('add-to-collection').click();
  await page.getByTestId('new-collection-create').click();
  await page.getByTestId('collection-name-error').waitFor();
  await page.getByTestId('new-collection-name').fill('  Trip  ');
  await page.getByTestId('new-collection-create').click();
  await page.getByTestId('collection-picker').waitFor({ state: 'detached' });
  await page.getByTestId('status').filter({ hasText: 'Added 2 image(s) to “Trip”' }).waitFor();
  await page.getByTestId('clear-selection').click();
  // One image from its tile's menu, into an existing collection and a second one.
  await (await tileAction(page, 'add-to-collection', card(page, 'work one'))).click();
  await page.getByTestId('new-collection-name').fill('Work');
  await page.keyboard.press('Enter');
  await page.getByTestId('collection-picker').waitFor({ state: 'detached' });
  await (await tileAction(page, 'add-to-collection', card(page, 'trip two'))).click();
  await page.getByTestId('collection-choice').filter({ hasText: 'Work' }).click();

  // The collection as its own stage, from the toolbar's menu.
  await historyMenu(page);
  await page.getByTestId('open-collection').filter({ hasText: 'Trip' }).click();
  await page.getByTestId('collection-title').filter({ hasText: 'Trip' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-card]').length === 2);
  assert.deepEqual((await prompts(page)).sort(), ['trip one', 'trip two']);
  assert.match(await page.evaluate(() => location.hash), /in=c/);

  // The second tab sees the collections and their images without a reload.
  await openFilter(second);
  await second.waitForFunction(() => [...document.querySelectorAll('[data-testid=filter-collection] option')].map((o) => o.textContent).join() === 'Any collection,Trip,Work');
  const workId = await second.getByTestId('filter-collection').locator('option', { hasText: 'Work' }).getAttribute('value');
  await second.getByTestId('filter-collection').selectOption(workId);
  await second.waitForFunction(() => document.querySelectorAll('[data-testid=result-card]').length === 2);
  assert.deepEqual((await prompts(second)).sort(), ['trip two', 'work one']);

  // Renamed here, renamed there.
  await page.getByTestId('rename-collection').click();
  await page.getByTestId('collection-name').fill('Rome trip');
  await page.getByTestId('save-collection-name').click();
  await page.getByTestId('collection-title').filter({ hasText: 'Rome trip' }).waitFor();
  await second.waitForFunction(() => [...document.querySelectorAll('[data-testid=filter-collection] option')].some((o) => o.textContent === 'Rome trip'));

  // Taken out of a collection from the selection bar: out of it here, and in the other tab.
  await second.getByTestId('select-mode').click();
  await card(second, 'trip two').getByTestId('open-lightbox').click();
  await second.getByTestId('remove-from-collection').click();
  await second.waitForFunction(() => document.querySelectorAll('[data-testid=result-card]').length === 1);
  await second.getByTestId('clear-selection').click();

  // Kept across a reload, with the stage on the collection (the hash).
  await page.reload();
  await page.getByTestId('collection-title').filter({ hasText: 'Rome trip' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-card]').length === 2);
  const stored = await entries(page);
  const byPrompt = Object.fromEntries(stored.map((e) => [e.prompt, e.collections ?? []]));
  assert.equal(byPrompt['trip one'].length, 1);
  assert.equal(byPrompt['trip two'].length, 1, 'in Rome trip only, out of Work');
  assert.equal(byPrompt['work one'].length, 1);

  // A ZIP round trip into a fresh profile: the collections and their members come with it.
  await page.getByTestId('show-all').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-card]').length === 3);
  await historyMenu(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  const zip = path.join(dir, 'history.zip');
  await download.saveAs(zip);
  const fresh = await open(env);
  await historyMenu(fresh);
  await fresh.getByTestId('import').setInputFiles(zip);
  await cards(fresh).nth(2).waitFor();
  await historyMenu(fresh);
  await fresh.getByTestId('open-collection').filter({ hasText: 'Rome trip' }).click();
  await fresh.waitForFunction(() => document.querySelectorAll('[data-testid=result-card]').length === 2);
  assert.deepEqual((await prompts(fresh)).sort(), ['trip one', 'trip two']);
  await fresh.context().close();

  // Deleted: the collection goes, its images stay (in the other tab too).
  await historyMenu(page);
  await page.getByTestId('open-collection').filter({ hasText: 'Rome trip' }).click();
  await page.getByTestId('delete-collection').click();
  await page.getByTestId('confirm-delete-collection').click();
  await page.getByTestId('collection-bar').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-card]').length === 3);
  await second.waitForFunction(() => [...document.querySelectorAll('[data-testid=filter-collection] option')].map((o) => o.textContent).join() === 'Any collection,Work');
  const after = await entries(page);
  assert.equal(after.length, 3, 'the images stay');
  assert.ok(after.every((e) => !(e.collections ?? []).some((c) => byPrompt['trip one'].includes(c))), 'no entry is in the deleted collection');
  assert.deepEqual(page.consoleMessages.filter((m) => m.startsWith('pageerror')), []);
  await page.context().close();
});

test('the spend ledger: per day, provider and model over a chosen period, its sums the results\' own costs, "estimated" where usage was missing, and CSV', async () => {
  const page = await open(env);
  await configure(page, env);
  await generateEach(page, ['ledger one', 'ledger two']);
  assert.equal(await waitForStoreCount(page, 'entries', 2), 2);
  // Three more without usage figures (as task APIs save them): their cost is estimated from the size.
  await seedHistory(page, 3, { width: 512, height: 512 });
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await cards(page).nth(4).waitFor();
  // Each result's own cost, as its details say it.
  const costs = [];
  for (let i = 0; i < 5; i++) {
    await cards(page).nth(i).getByTestId('open-lightbox').click();
    const text = await page.getByTestId('lightbox').getByTestId('result-cost').textContent();
    costs.push({ amount: Number(text.match(/[\d.]+/)[0]), estimated: /estimated/.test(text) });
    await page.keyboard.press('Escape');
  }
  assert.equal(costs.filter((c) => c.estimated).length, 3);
  const sum = costs.reduce((a, c) => a + c.amount, 0);

  await historyMenu(page);
  await page.getByTestId('open-ledger').click();
  const total = page.getByTestId('ledger-total');
  await total.waitFor();
  assert.equal(await total.getAttribute('data-images'), '5');
  const amount = Number(await total.getAttribute('data-amount'));
  // The cards round to tenths of a cent.
  assert.ok(Math.abs(amount - sum) <= 0.0006 * 5, `ledger ${amount} against the results' ${sum}`);
  assert.match(await total.textContent(), /estimated/);
  // Per model: the generated ones' model (the seeded ones have the same), one row.
  const modelRows = page.getByTestId('ledger-models').locator('tr');
  assert.equal(await modelRows.count(), 1);
  assert.match(await modelRows.first().textContent(), /gemini-3\.1-flash-image.*5 image/);
  // Per provider: the test provider's set-up (custom) and the seeded entries' (Google's preset).
  const providerRows = page.getByTestId('ledger-providers').locator('tr');
  assert.equal(await providerRows.count(), 2);
  // The chart: a bar per day of the period, today's the tallest.
  assert.equal(await page.getByTestId('ledger-chart').locator('rect').count(), 30);
  // CSV: one row per day, provider and model, summing to the total.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-csv').click()]);
  const csvPath = path.join(dir, 'ledger.csv');
  await download.saveAs(csvPath);
  assert.match(download.suggestedFilename(), /^banana-studio-spend-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
  const [head, ...rows] = fs.readFileSync(csvPath, 'utf8').trim().split('\n');
  assert.equal(head, 'day,provider,model,images,cost ($),estimated');
  assert.equal(rows.length, 2);
  const csvSum = rows.reduce((a, r) => a + Number(r.split(',')[4]), 0);
  assert.ok(Math.abs(csvSum - amount) < 0.0002, `${csvSum} vs ${amount}`);
  assert.deepEqual(rows.map((r) => r.split(',')[5]).sort(), ['no', 'yes']);
  // A period with nothing in it.
  const tomorrow = await page.evaluate(() => { const d = new Date(Date.now() + 86400000); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
  await page.getByTestId('ledger-from').fill(tomorrow);
  await page.getByTestId('ledger-to').fill(tomorrow);
  await page.getByTestId('ledger-empty').waitFor();
  await page.getByTestId('ledger-last-7').click();
  await total.waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('ledger').waitFor({ state: 'detached' });
  assert.deepEqual(page.consoleMessages.filter((m) => m.startsWith('pageerror')), []);
  await page.context().close();
});

test('the command palette runs actions from the keyboard alone; ? lists the shortcuts; a changed shortcut is kept and works after a reload', async () => {
  const page = await open(env);
  await configure(page, env);
  await page.getByTestId('prompt').fill('a lemon from the palette');
  // Ctrl+K from the prompt itself: the palette, its field focused.
  await page.getByTestId('prompt').press('Control+k');
  const palette = page.getByTestId('command-palette');
  await palette.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'palette-input');
  // Fuzzy: "thdk" finds "Theme: Dark"; Enter runs the best match.
  await page.keyboard.type('thdk');
  assert.equal(await page.getByTestId('palette-item').first().getAttribute('data-action'), 'theme-dark');
  await page.keyboard.press('Enter');
  await palette.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelector('.studio').dataset.theme === 'dark');
  // Arrows choose among the matches; each shows its shortcut.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('size');
  const items = page.getByTestId('palette-item');
  assert.ok(await items.count() >= 3, 'every size');
  await page.keyboard.press('ArrowDown');
  const second = await items.nth(1).getAttribute('data-action');
  assert.equal(await items.nth(1).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Enter');
  const size = second.replace('size-', '');
  await page.waitForFunction((s) => document.querySelector('[data-testid=image-size]').dataset.value === s, size);
  // The filters, shown from the palette (and hidden again).
  await page.keyboard.press('Control+k');
  await page.keyboard.type('filters');
  assert.equal(await items.first().getAttribute('data-action'), 'filters');
  await page.keyboard.press('Enter');
  await page.getByTestId('filter-panel').waitFor();
  await page.keyboard.press('Control+k');
  await page.keyboard.type('filters');
  await page.keyboard.press('Enter');
  await page.getByTestId('filter-panel').waitFor({ state: 'hidden' });
  // Generate, by name.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('gen');
  assert.equal(await items.first().getAttribute('data-action'), 'generate');
  assert.match(await items.first().textContent(), /Ctrl\+Enter/);
  await page.keyboard.press('Enter');
  await card(page, 'a lemon from the palette').waitFor();
  // Nothing matches: said so. Escape closes.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('zzqx');
  await page.getByTestId('palette-none').waitFor();
  await page.keyboard.press('Escape');
  await palette.waitFor({ state: 'detached' });

  // "?" outside a text field lists the shortcuts; typed in the prompt it is a question mark.
  await page.getByTestId('prompt').fill('');
  await page.getByTestId('prompt').press('?');
  assert.equal(await page.getByTestId('prompt').inputValue(), '?');
  assert.equal(await page.getByTestId('shortcuts-sheet').count(), 0);
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcuts-sheet');
  await sheet.waitFor();
  const row = (action) => sheet.locator(`[data-testid=shortcut-row][data-action="${action}"]`);
  assert.equal(await row('palette').getByTestId('shortcut-key').textContent(), 'Ctrl+K');
  assert.equal(await row('favourites').getByTestId('shortcut-key').textContent(), 'Alt+S');
  assert.equal(await row('generate').getByTestId('change-shortcut').count(), 0, "Generate's is the composer's own");
  // Change: the next keys pressed become the shortcut.
  await row('favourites').getByTestId('change-shortcut').click();
  await page.keyboard.press('Alt+g');
  await row('favourites').getByTestId('shortcut-key').filter({ hasText: 'Alt+G' }).waitFor();
  // Taking a shortcut another action has moves it: the palette's Ctrl+K to the export.
  await row('export').getByTestId('change-shortcut').click();
  await page.keyboard.press('Control+k');
  await row('export').getByTestId('shortcut-key').filter({ hasText: 'Ctrl+K' }).waitFor();
  assert.equal(await row('palette').getByTestId('shortcut-key').textContent(), '—');
  await row('palette').getByTestId('change-shortcut').click();
  await page.keyboard.press('Control+Shift+p');
  await row('palette').getByTestId('shortcut-key').filter({ hasText: 'Ctrl+Shift+P' }).waitFor();
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'detached' });
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('banana-studio.shortcuts')));
  assert.deepEqual(kept.favourites, { key: 'g', alt: true });

  // After a reload: Alt+G shows the favourites only; Alt+S does nothing; Ctrl+Shift+P opens the palette.
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await cards(page).first().waitFor();
  // (outside a text field: there Alt combinations are typing, ś or ß on a Mac)
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Alt+s');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => location.hash), '');
  await page.keyboard.press('Alt+g');
  await page.waitForFunction(() => /fav=1/.test(location.hash));
  await page.getByTestId('filter-active').filter({ hasText: '1' }).waitFor();
  await page.keyboard.press('Control+Shift+P');
  await palette.waitFor();
  await page.keyboard.press('Escape');
  // Reset all brings the defaults back.
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('?');
  await sheet.waitFor();
  await page.getByTestId('reset-shortcuts').click();
  assert.equal(await row('palette').getByTestId('shortcut-key').textContent(), 'Ctrl+K');
  assert.equal(await page.evaluate(() => localStorage.getItem('banana-studio.shortcuts')), null);
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'detached' });
  // Another provider, by name.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('switch anyfast');
  assert.equal(await items.first().getAttribute('data-action'), 'preset-anyfast');
  await page.keyboard.press('Enter');
  await openSettings(page);
  assert.equal(await page.getByTestId('provider').inputValue(), 'anyfast');
  assert.deepEqual(page.consoleMessages.filter((m) => m.startsWith('pageerror')), []);
  await page.context().close();
});
