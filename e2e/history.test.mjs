// Never lose an image: results are saved in IndexedDB as they arrive and are there after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, configure, generate } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('results and the prompt draft survive a reload; deleting removes them for good', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google', key: 'history-secret-key' });
  await page.getByTestId('count').selectOption('2');
  await page.getByTestId('image-size').selectOption('2K');
  await generate(page, 'keep these bananas');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 2);
  const before = await page.getByTestId('result-image').evaluateAll((is) => is.map((i) => i.alt));
  // Saved the moment they arrive.
  await page.waitForFunction(async () => {
    const db = await new Promise((r) => { const q = indexedDB.open('banana-studio'); q.onsuccess = () => r(q.result); });
    const n = await new Promise((r) => { const q = db.transaction('entries').objectStore('entries').count(); q.onsuccess = () => r(q.result); });
    db.close();
    return n === 2;
  });
  await page.getByTestId('prompt').fill('a draft I have not sent');
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 2);
  assert.equal(await page.getByTestId('prompt').inputValue(), 'a draft I have not sent');
  const after = await page.getByTestId('result-image').evaluateAll((is) => is.map((i) => i.alt));
  assert.deepEqual([...after].sort(), [...before].sort());
  const first = page.getByTestId('result-image').first();
  assert.ok(await first.evaluate((i) => new Promise((r) => (i.complete ? r(i.naturalWidth) : (i.onload = () => r(i.naturalWidth))))) === 2048);
  assert.match(await page.getByTestId('result-caption').first().innerText(), /2048×2048/);
  assert.match(await page.locator('.result .meta').first().innerText(), /gemini-3\.1-flash-image/);
  // The stored entries hold the settings but never the key.
  const stored = await page.evaluate(async () => {
    const db = await new Promise((r) => { const q = indexedDB.open('banana-studio'); q.onsuccess = () => r(q.result); });
    const all = await new Promise((r) => { const q = db.transaction('entries').objectStore('entries').getAll(); q.onsuccess = () => r(q.result); });
    db.close();
    return all;
  });
  assert.equal(stored.length, 2);
  for (const s of stored) {
    const e = JSON.parse(s);
    assert.equal(e.prompt, 'keep these bananas');
    assert.equal(e.settings.image_size, '2K');
    assert.ok(!s.includes('history-secret-key'));
  }
  await page.getByTestId('remove-result').first().click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 1);
  await page.waitForTimeout(300);
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 1);
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('result-image').count(), 1);
  await page.context().close();
});
