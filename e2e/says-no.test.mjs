// A browser that says no: storage missing or refusing, storage full mid-save, no service workers, no
// navigator.storage. In each the studio keeps generating, says in one note what is off (ui/limits.rs),
// and loses nothing the user made. Chromium, with the browser's refusal put in place before the page's
// own scripts run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, configure, generate, openSettings, tileAction, pick, chosen } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Opens the studio in a fresh profile where `refusal` (a script) ran first. */
async function openRefusing(refusal) {
  const context = await env.browser.newContext();
  if (refusal) await context.addInitScript(refusal);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(e.message));
  await page.goto(env.app.url);
  await page.getByTestId('prompt').waitFor();
  await page.getByTestId('provider').waitFor({ state: 'attached' });
  return page;
}

const limits = (page) => page.locator('[data-testid=browser-limits] li').evaluateAll((l) => l.map((e) => e.dataset.testid));
const errorShown = (page) => page.getByTestId('error').evaluate((e) => (e.hidden ? '' : e.innerText));

/** Generates one image and says whether it is shown. */
async function generatesOne(page, prompt) {
  const before = await page.getByTestId('result-image').count();
  await generate(page, prompt);
  await page.getByTestId('result-image').nth(before).waitFor();
  assert.match(await page.getByTestId('result-image').nth(before).getAttribute('src'), /^blob:/);
}

const NO_IDB = {
  missing: "Object.defineProperty(window, 'indexedDB', { get() { return undefined; } });",
  // Firefox's private windows before 115, and a storage-partitioned frame: open() fails.
  refusing: `IDBFactory.prototype.open = function () {
    const request = new EventTarget();
    setTimeout(() => {
      Object.defineProperty(request, 'error', { value: new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError') });
      request.dispatchEvent(new Event('error'));
      request.onerror?.(new Event('error'));
    });
    return request;
  };`,
  // A database upgrade the browser will not finish (a damaged profile, a store it refuses): rolled
  // back, told as the history being off, and never an abort of the page.
  'failing its upgrade': "IDBDatabase.prototype.createObjectStore = function () { throw new DOMException('The upgrade could not finish.', 'UnknownError'); };",
};

for (const [how, refusal] of Object.entries(NO_IDB)) {
  test(`IndexedDB ${how}: the studio generates, says the history is off, and keeps the settings`, async () => {
    env.provider.reset();
    const page = await openRefusing(refusal);
    await page.getByTestId('limit-history').waitFor();
    assert.match(await page.getByTestId('limit-history').innerText(), /History is off.*download what you want to keep/s);
    await configure(page, env, { preset: 'google' });
    await pick(page, 'aspect-ratio', '3:4');
    await generatesOne(page, 'no history here');
    await generatesOne(page, 'still no history');
    // Told once, in the note: no error at every save.
    assert.equal(await errorShown(page), '');
    assert.deepEqual(await limits(page), ['limit-history']);
    // "Got it" hides the note; what the user set is still kept (localStorage works).
    await page.getByTestId('limits-dismiss').click();
    assert.equal(await page.getByTestId('browser-limits').count(), 0);
    await page.reload();
    await page.getByTestId('provider').waitFor({ state: 'attached' });
    assert.equal(await chosen(page, 'aspect-ratio'), '3:4');
    assert.equal(await page.getByTestId('prompt').inputValue(), 'still no history');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('localStorage throwing: the studio generates, keeps the history, and says settings last this visit', async () => {
  env.provider.reset();
  const page = await openRefusing("Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });");
  await page.getByTestId('limit-settings').waitFor();
  assert.match(await page.getByTestId('limit-settings').innerText(), /Settings are not kept/);
  await configure(page, env, { preset: 'google' });
  await generatesOne(page, 'settings in memory only');
  await page.waitForFunction(() => /^1 image in the history/.test(document.querySelector('[data-testid=storage-note]').textContent));
  await page.reload();
  await page.getByTestId('result-image').first().waitFor();
  assert.equal(await page.getByTestId('result-prompt').first().innerText(), 'settings in memory only');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('localStorage full mid-visit: the change stays in use, the note says it was not saved', async () => {
  env.provider.reset();
  const page = await openRefusing();
  await configure(page, env, { preset: 'google' });
  assert.equal(await page.getByTestId('browser-limits').count(), 0, 'nothing to tell yet');
  // The storage fills up.
  await page.evaluate(() => { Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }; });
  await pick(page, 'aspect-ratio', '16:9');
  await page.getByTestId('limit-settings-full').waitFor();
  assert.match(await page.getByTestId('limit-settings-full').innerText(), /could not be saved.*full/);
  assert.equal(await chosen(page, 'aspect-ratio'), '16:9');
  await generatesOne(page, 'sent with the unsaved ratio');
  const sent = [...env.provider.requests].reverse().find((r) => /generateContent/.test(r.path));
  assert.equal(sent.json.generationConfig.imageConfig.aspectRatio, '16:9');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('no service workers: the studio generates and says it cannot start offline', async () => {
  env.provider.reset();
  const page = await openRefusing('delete Navigator.prototype.serviceWorker;');
  await page.getByTestId('limit-offline').waitFor({ timeout: 20000 });
  assert.match(await page.getByTestId('limit-offline').innerText(), /No offline start/);
  await configure(page, env, { preset: 'google' });
  await generatesOne(page, 'online only');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a service worker that installs: nothing is said', async () => {
  const page = await openRefusing();
  await page.waitForFunction(() => navigator.serviceWorker.controller, null, { timeout: 20000 });
  assert.equal(await page.getByTestId('browser-limits').count(), 0);
  await page.context().close();
});

test('no navigator.storage: the studio generates, counts the history, and suggests exporting', async () => {
  env.provider.reset();
  const page = await openRefusing('delete Navigator.prototype.storage;');
  await page.getByTestId('limit-persistence').waitFor();
  await configure(page, env, { preset: 'google' });
  await generatesOne(page, 'no storage manager');
  await page.waitForFunction(() => document.querySelector('[data-testid=storage-note]').textContent === '1 image in the history');
  assert.equal(await errorShown(page), '');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the clipboard: Copy puts the PNG there; denied, it says how to allow it; missing, no button', async () => {
  env.provider.reset();
  // Allowed.
  const context = await env.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(env.app.url);
  await page.getByTestId('provider').waitFor({ state: 'attached' });
  await configure(page, env, { preset: 'google' });
  await generatesOne(page, 'copy me');
  await (await tileAction(page, 'copy-image')).click();
  await page.waitForFunction(() => /copied to the clipboard/.test(document.querySelector('[data-testid=status]').textContent));
  const copied = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const bytes = new Uint8Array(await (await item.getType('image/png')).arrayBuffer());
    return { magic: [...bytes.slice(1, 4)].map((c) => String.fromCharCode(c)).join(''), width: new DataView(bytes.buffer).getUint32(16) };
  });
  assert.deepEqual(copied, { magic: 'PNG', width: 1024 });
  await context.close();

  // Refused (the user said no, or a policy does).
  const denied = await openRefusing("navigator.clipboard.write = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));");
  await configure(denied, env, { preset: 'google' });
  await generatesOne(denied, 'not on the clipboard');
  await (await tileAction(denied, 'copy-image')).click();
  await denied.waitForFunction(() => !document.querySelector('[data-testid=error]').hidden);
  assert.match(await errorShown(denied), /did not let the studio use the clipboard\. Allow clipboard access/);
  assert.equal(await denied.getByTestId('result-image').count(), 1, 'the image stays');
  assert.equal(await denied.getByTestId('prompt').inputValue(), 'not on the clipboard');
  assert.deepEqual(denied.problems, []);
  await denied.context().close();

  // No image clipboard at all (older browsers): no button, Download as ever.
  const without = await openRefusing('delete window.ClipboardItem;');
  await configure(without, env, { preset: 'google' });
  await generatesOne(without, 'no clipboard API');
  assert.equal(await without.getByTestId('copy-image').count(), 0);
  assert.equal(await without.getByTestId('download').count(), 1);
  await without.context().close();
});

test('no AbortSignal.any or AbortSignal.timeout (Safari before 17.4): it generates, cancels, and a hung request hits the time limit', async () => {
  env.provider.reset();
  const page = await openRefusing('delete AbortSignal.any; delete AbortSignal.timeout;');
  await configure(page, env, { preset: 'google' });
  await generatesOne(page, 'without AbortSignal.any');
  // Cancel.
  env.provider.setScenario('slow', { delay: 8000 });
  try {
    await generate(page, 'cancelled without AbortSignal.any');
    await page.getByTestId('cancel').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent.includes('Cancelled'));
    // The time limit.
    await openSettings(page);
    await page.getByTestId('retries').selectOption('0');
    await page.getByTestId('timeout').fill('5');
    await page.getByTestId('timeout').press('Tab');
    await generate(page, 'hung without AbortSignal.any');
    await page.waitForFunction(() => !document.querySelector('[data-testid=error]').hidden, null, { timeout: 15000 });
    assert.match(await errorShown(page), /did not answer within 5 s/);
  } finally { env.provider.setScenario('ok'); }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
