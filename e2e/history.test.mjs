// Never lose an image: results are saved in IndexedDB as they arrive and are there after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, configure, generate, seedHistory, naturalWidth, storeContents, storeCount, waitForStoreCount, openSettings, openMore, tileAction, details, closeDetails, historyMenu, pick, chosen } from './harness.mjs';
import { png } from './png.mjs';
import { readFile } from 'node:fs/promises';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('results and the prompt draft survive a reload; deleting removes them for good', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google', key: 'history-secret-key' });
  await pick(page, 'count', '2');
  await pick(page, 'image-size', '2K');
  await generate(page, 'keep these bananas');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 2);
  const before = await page.getByTestId('result-image').evaluateAll((is) => is.map((i) => i.alt));
  // Saved the moment they arrive.
  assert.equal(await waitForStoreCount(page, 'entries', 2), 2);
  // Their thumbnails follow once the images are on screen.
  assert.equal(await waitForStoreCount(page, 'thumbs', 2), 2);
  await page.getByTestId('prompt').fill('a draft I have not sent');
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 2);
  assert.equal(await page.getByTestId('prompt').inputValue(), 'a draft I have not sent');
  const after = await page.getByTestId('result-image').evaluateAll((is) => is.map((i) => i.alt));
  assert.deepEqual([...after].sort(), [...before].sort());
  // Saved results come back as 256 px thumbnails made by the browser's decoder...
  assert.equal(await naturalWidth(page.getByTestId('result-image').first()), 256);
  const box = await details(page);
  assert.match(await box.getByTestId('result-caption').innerText(), /2048×2048/);
  assert.match(await box.getByTestId('result-size').innerText(), /^2048×2048 · 1:1 · 2K$/);
  assert.equal(await box.getByTestId('result-meta').innerText(), 'PNG');
  assert.equal(await box.getByTestId('result-model').innerText(), 'gemini-3.1-flash-image');
  await closeDetails(page);
  // ...and a download or "open full size" reads the image itself from the history.
  const [saved] = await Promise.all([page.waitForEvent('download'), (await tileAction(page, 'download')).click()]);
  const bytes = await readFile(await saved.path());
  assert.equal(bytes.readUInt32BE(16), 2048, 'the full 2048 px PNG is downloaded');
  assert.match(saved.suggestedFilename(), /^banana-keep-these-bananas-.*\.png$/);
  await page.waitForFunction(() => document.querySelectorAll('.tile img.thumb').length === 1);
  await (await tileAction(page, 'open', page.getByTestId('result-card').last())).click();
  await page.waitForFunction(() => !document.querySelector('.tile img.thumb'));
  assert.equal(await naturalWidth(page.getByTestId('result-image').last()), 2048);
  const thumbs = (await storeContents(page, 'thumbs')).map((b) => b.type);
  assert.deepEqual(thumbs, ['image/webp', 'image/webp']);
  // The stored entries hold the settings but never the key.
  const stored = await storeContents(page, 'entries');
  assert.equal(stored.length, 2);
  for (const s of stored) {
    const e = JSON.parse(s);
    assert.equal(e.prompt, 'keep these bananas');
    assert.equal(e.settings.image_size, '2K');
    assert.ok(!s.includes('history-secret-key'));
  }
  await (await tileAction(page, 'remove-result')).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 1);
  await page.waitForTimeout(300);
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 1);
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('result-image').count(), 1);
  await page.context().close();
});

test('reuse settings refills the form from a saved result', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await pick(page, 'aspect-ratio', '21:9');
  await pick(page, 'image-size', '4K');
  await generate(page, 'a wide banana');
  await page.getByTestId('result-image').first().waitFor();
  await page.waitForFunction(() => /1 image in the history/.test(document.querySelector('[data-testid=storage-note]').textContent));
  await historyMenu(page);
  assert.match(await page.getByTestId('storage-note').innerText(), /used/);
  await page.reload();
  await page.getByTestId('result-image').first().waitFor();
  await pick(page, 'aspect-ratio', '1:1');
  await pick(page, 'image-size', '1K');
  await page.getByTestId('prompt').fill('something else');
  await (await tileAction(page, 'reuse-settings')).click();
  assert.equal(await chosen(page, 'aspect-ratio'), '21:9');
  assert.equal(await chosen(page, 'image-size'), '4K');
  assert.equal(await page.getByTestId('prompt').inputValue(), 'a wide banana');
  await page.context().close();
});

test('a full storage quota loses nothing: the image stays, the message says what to do', async () => {
  env.provider.reset();
  const context = await env.browser.newContext();
  // Simulate a full disk: every IndexedDB write fails the way Chromium reports a quota error.
  await context.addInitScript(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const page = await context.newPage();
  await page.goto(env.app.url);
  await page.getByTestId('prompt').waitFor();
  await configure(page, env, { preset: 'google' });
  await generate(page, 'no room for me');
  await page.getByTestId('result-image').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid=error]').hidden);
  assert.equal(await page.getByTestId('error').getAttribute('data-kind'), 'history');
  assert.match(await page.getByTestId('error').innerText(), /storage .* is full.*still shown.*download it.*Export all \(ZIP\).*delete older/i);
  assert.equal(await page.getByTestId('result-image').count(), 1, 'the image is still on screen');
  assert.ok(await (await tileAction(page, 'download')).isVisible());
  const entries = [await storeCount(page, 'entries'), await storeCount(page, 'images')];
  assert.deepEqual(entries, [0, 0], 'no half-written entry');
  await context.close();
});

test('continue editing sends the earlier model turn back byte-exact, signature included', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await openMore(page);
  await page.getByTestId('thinking').selectOption('HIGH');
  env.provider.queue('thoughts');
  await generate(page, 'a cat on a chair');
  await page.getByTestId('result-image').first().waitFor();
  const first = env.provider.requests.find((r) => r.path.endsWith(':generateContent'));
  await (await tileAction(page, 'continue-editing')).click();
  await page.getByTestId('editing').waitFor();
  assert.equal(await page.getByTestId('prompt').inputValue(), '');
  await generate(page, 'make the cat blue');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 2);
  const second = env.provider.requests.filter((r) => r.path.endsWith(':generateContent'))[1];
  const contents = second.json.contents;
  assert.equal(contents.length, 3);
  assert.deepEqual(contents[0], first.json.contents[0], 'the first user turn');
  assert.deepEqual(contents[1], first.response.candidates[0].content, 'the model turn, every part in order');
  const sig = first.response.candidates[0].content.parts.at(-1).thoughtSignature;
  assert.ok(sig && second.body.includes(JSON.stringify(sig)), 'the signature, byte for byte');
  assert.deepEqual(contents[2], { role: 'user', parts: [{ text: 'make the cat blue' }] });
  // The thread goes on: a third edit carries all four earlier turns.
  assert.deepEqual(await page.locator('[data-testid=editing] li').allInnerTexts(), ['a cat on a chair', 'make the cat blue']);
  await generate(page, 'now add a hat');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 3);
  const third = env.provider.requests.filter((r) => r.path.endsWith(':generateContent'))[2];
  assert.equal(third.json.contents.length, 5);
  await page.getByTestId('stop-editing').click();
  await generate(page, 'a fresh start');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 4);
  assert.equal(env.provider.requests.filter((r) => r.path.endsWith(':generateContent'))[3].json.contents.length, 1);
  // The conversation is stored with the history: after a reload, the thread goes on from the saved
  // result, earlier turns (images, signatures) read back byte-exact.
  await page.waitForFunction(() => /4 images in the history/.test(document.querySelector('[data-testid=storage-note]').textContent));
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 4);
  await openSettings(page);
  await page.getByTestId('api-key').fill('test-key');
  const hat = page.locator('.tile', { hasText: 'now add a hat' });
  await (await tileAction(page, 'continue-editing', hat)).click();
  await page.getByTestId('editing').waitFor();
  assert.deepEqual(await page.locator('[data-testid=editing] li').allInnerTexts(), ['a cat on a chair', 'make the cat blue', 'now add a hat']);
  await generate(page, 'and a scarf');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 5);
  const fifth = env.provider.requests.filter((r) => r.path.endsWith(':generateContent'))[4];
  assert.equal(fifth.json.contents.length, 7);
  assert.deepEqual(fifth.json.contents.slice(0, 5), third.json.contents, 'every earlier turn as it was sent');
  assert.deepEqual(fifth.json.contents[5], third.response.candidates[0].content, 'the saved model turn, verbatim');
  const sig3 = third.response.candidates[0].content.parts.at(-1).thoughtSignature;
  assert.ok(sig3 && fifth.body.includes(JSON.stringify(sig3)));
  // Every saved native result can be continued.
  assert.equal(await page.locator('.tile', { hasText: 'a fresh start' }).getByTestId('continue-editing').count(), 1);
  await page.context().close();
});

test('references on the form survive a reload, byte for byte and in order', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  const a = png(20, 10, [5, 5, 5], [200, 100, 0]);
  const b = png(10, 20, [50, 60, 70], [0, 100, 200]);
  await page.getByTestId('ref-input').setInputFiles([
    { name: 'first.png', mimeType: 'image/png', buffer: a },
    { name: 'second.png', mimeType: 'image/png', buffer: b },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=ref-thumb]').length === 2);
  await page.waitForTimeout(300);
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=ref-thumb]').length === 2);
  assert.deepEqual(await page.getByTestId('ref-thumb').evaluateAll((ts) => ts.map((t) => t.title.split(' ')[0])), ['first.png', 'second.png']);
  await page.getByTestId('ref-remove').first().click();
  await page.waitForTimeout(300);
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=ref-thumb]').length === 1);
  await openSettings(page);
  await page.getByTestId('api-key').fill('test-key'); // the key is not remembered unless asked
  await generate(page, 'with the kept reference');
  await page.waitForFunction(() => document.querySelector('[data-testid=result-image]') || !document.querySelector('[data-testid=error]').hidden);
  assert.equal(await page.getByTestId('error').isHidden(), true, await page.getByTestId('error').innerText());
  const parts = env.provider.requests.find((r) => r.path.endsWith(':generateContent')).json.contents[0].parts;
  assert.equal(parts.length, 2);
  assert.ok(Buffer.from(parts[1].inlineData.data, 'base64').equals(b));
  await page.context().close();
});

test('a batch of prompts runs with at most 4 requests in flight; one failure leaves the others', async () => {
  env.provider.reset();
  env.provider.setScenario('ok', { delay: 400 });
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await page.getByTestId('retries').selectOption('0'); // the failure must stay one
  await openMore(page);
  await page.getByTestId('batch').check();
  await pick(page, 'count', '2');
  env.provider.queue('ok', 'ok', 'http-500');
  await generate(page, 'a red banana\na green banana\n\na blue banana');
  await page.waitForFunction(() => !document.querySelector('[data-testid=cancel]') && document.querySelectorAll('[data-testid=result-image]').length >= 5, null, { timeout: 30000 });
  env.provider.setScenario('ok');
  assert.equal(await page.getByTestId('result-image').count(), 5, '6 requests, one failed');
  const gens = env.provider.requests.filter((r) => r.path.endsWith(':generateContent'));
  assert.equal(gens.length, 6);
  const prompts = gens.map((g) => g.json.contents[0].parts[0].text).sort();
  assert.deepEqual(prompts, ['a blue banana', 'a blue banana', 'a green banana', 'a green banana', 'a red banana', 'a red banana']);
  assert.ok(env.provider.maxInflight <= 4, `at most 4 at once, saw ${env.provider.maxInflight}`);
  assert.ok(env.provider.maxInflight >= 2, 'but they do run in parallel');
  // Requests in flight together reach the provider in any order: the error names whichever one failed.
  const failed = gens.filter((g) => g.scenario === 'http-500');
  assert.equal(failed.length, 1);
  const prompt = failed[0].json.contents[0].parts[0].text;
  assert.ok((await page.getByTestId('error').innerText()).startsWith(`“${prompt}”: `));
  assert.match(await page.getByTestId('error').innerText(), /temporary problem/);
  await page.context().close();
});

test('a native request cut off by a reload is shown as interrupted and runs again in one click', async () => {
  env.provider.reset();
  env.provider.setScenario('slow', { delay: 4000 });
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await page.getByTestId('remember-key').check();
  await pick(page, 'aspect-ratio', '3:2');
  await generate(page, 'cut off by a reload');
  await page.getByTestId('cancel').waitFor();
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  const item = page.getByTestId('pending-item');
  await item.waitFor();
  assert.match(await item.innerText(), /cut off by a reload/);
  assert.match(await page.getByTestId('pending-status').innerText(), /Interrupted/);
  env.provider.setScenario('ok');
  await page.getByTestId('run-again').click();
  await page.getByTestId('result-image').first().waitFor();
  assert.equal(await page.getByTestId('pending-item').count(), 0);
  const last = env.provider.requests.filter((r) => r.path.endsWith(':generateContent')).at(-1);
  assert.equal(last.json.contents[0].parts[0].text, 'cut off by a reload');
  assert.equal(last.json.generationConfig.imageConfig.aspectRatio, '3:2');
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId('pending-item').count(), 0, 'nothing left pending');
  await page.context().close();
});

test('a second tab leaves the first tab\'s running request alone; a reload of the first shows it cut off', async () => {
  env.provider.reset();
  env.provider.setScenario('slow', { delay: 5000 });
  try {
    const first = await open(env);
    await configure(first, env, { preset: 'google' });
    await generate(first, 'running in the first tab');
    await first.getByTestId('cancel').waitFor();
    // Another tab of the same browser (same storage) opens while it runs.
    const second = await first.context().newPage();
    await second.goto(env.app.url);
    await second.getByTestId('prompt').waitFor();
    await second.waitForTimeout(500);
    assert.equal(await second.getByTestId('pending-item').count(), 0, 'not shown as interrupted in the other tab');
    await first.reload();
    await first.getByTestId('prompt').waitFor();
    await first.getByTestId('pending-item').waitFor();
    assert.match(await first.getByTestId('pending-item').innerText(), /running in the first tab/);
    await first.context().close();
  } finally {
    env.provider.setScenario(null);
  }
});

test('two tabs of one history: what one saves or deletes shows in the other at once; a running job stays its tab\'s', async () => {
  env.provider.reset();
  env.provider.setScenario('slow', { delay: 2500 });
  try {
    const a = await open(env);
    const b = await a.context().newPage();
    await b.goto(env.app.url);
    await b.getByTestId('provider').waitFor({ state: 'attached' });
    await configure(a, env, { preset: 'google' });
    await generate(a, 'made in tab A');
    await a.getByTestId('cancel').waitFor();
    // While A runs, B shows neither the job nor a card for it.
    await b.waitForTimeout(500);
    assert.equal(await b.getByTestId('pending-item').count(), 0);
    assert.equal(await b.getByTestId('result-image').count(), 0);
    // A's result, once saved, shows in B without a reload, and B's totals follow.
    await a.getByTestId('result-image').first().waitFor();
    await b.getByTestId('result-image').first().waitFor({ timeout: 10000 });
    assert.equal(await b.getByTestId('result-prompt').first().innerText(), 'made in tab A');
    await b.waitForFunction(() => /^1 image in the history/.test(document.querySelector('[data-testid=storage-note]').textContent));
    // B deletes it: it goes from A too.
    await (await tileAction(b, 'remove-result')).click();
    await a.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 0, null, { timeout: 10000 });
    await a.waitForFunction(() => /^0 images in the history/.test(document.querySelector('[data-testid=storage-note]').textContent));
    await a.context().close();
  } finally {
    env.provider.setScenario(null);
  }
});

test('a task-API generation resumes polling after a reload and its images land in the history', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'gccai', key: 'task-resume-key' });
  await page.getByTestId('remember-key').check();
  await generate(page, 'a task that outlives the tab');
  // Reload once the task has been submitted and polled.
  await page.waitForFunction(() => (document.querySelector('[data-testid=progress]')?.value ?? 0) > 0 || false, null, { timeout: 15000 }).catch(() => {});
  const submitted = env.provider.requests.filter((r) => r.path === '/v1/images/generations').length;
  assert.equal(submitted, 1);
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await page.getByTestId('pending-item').waitFor();
  await page.getByTestId('result-image').first().waitFor({ timeout: 30000 });
  assert.equal(env.provider.requests.filter((r) => r.path === '/v1/images/generations').length, 1, 'not submitted twice');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=pending-item]').length === 0);
  await page.waitForFunction(() => /1 image in the history/.test(document.querySelector('[data-testid=storage-note]').textContent));
  await page.context().close();
});

test('search, select, compare side by side, and delete many', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await openMore(page);
  await page.getByTestId('batch').check();
  await generate(page, 'a red apple\na yellow banana\na green pear');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 3);
  await page.getByTestId('history-search').fill('BANANA yellow');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 1);
  assert.match(await page.locator('.tile').textContent(), /a yellow banana/);
  await page.getByTestId('history-search').fill('');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 3);
  // Selection is a mode: a click on a tile selects it instead of opening it; Shift-click selects a range.
  await page.getByTestId('select-mode').click();
  const frames = page.getByTestId('open-lightbox');
  await frames.nth(0).click();
  assert.equal(await frames.nth(0).getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('lightbox').count(), 0, 'a click in selection mode does not open the lightbox');
  assert.ok(await page.getByTestId('compare').isDisabled(), 'comparing needs two');
  await frames.nth(2).click({ modifiers: ['Shift'] });
  assert.equal(await page.getByTestId('selected-count').innerText(), '3 selected');
  await frames.nth(1).focus();
  await page.keyboard.press('Space');
  assert.equal(await page.getByTestId('selected-count').innerText(), '2 selected');
  assert.equal(await frames.nth(1).getAttribute('aria-pressed'), 'false');
  await page.getByTestId('compare').click();
  const view = page.getByTestId('compare-view');
  await view.waitFor();
  assert.equal(await view.locator('img').count(), 2);
  const srcs = await view.locator('img').evaluateAll((is) => is.map((i) => i.src));
  assert.ok(srcs.every((s) => s.startsWith('blob:')));
  // A layer over the stage, like the lightbox: its close button has the focus, Esc closes it.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'close-compare');
  assert.equal(await view.evaluate((v) => getComputedStyle(v).position), 'fixed');
  await page.keyboard.press('Escape');
  await view.waitFor({ state: 'detached' });
  await page.getByTestId('compare').click();
  await view.waitFor();
  await page.getByTestId('close-compare').click();
  await view.waitFor({ state: 'detached' });
  await page.getByTestId('delete-selected').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 1);
  await page.waitForTimeout(300);
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 1);
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId('result-image').count(), 1, 'deleted from the history too');
  await page.context().close();
});

test('export to ZIP, then import into a fresh profile: same entries, no duplicates', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await openMore(page);
  await page.getByTestId('batch').check();
  const reference = png(12, 8, [9, 9, 9], [250, 200, 0]);
  await page.getByTestId('ref-input').setInputFiles({ name: 'shared-ref.png', mimeType: 'image/png', buffer: reference });
  await page.getByTestId('ref-thumb').waitFor();
  await generate(page, 'export me one\nexport me two');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 2);
  await page.waitForFunction(() => /2 images in the history/.test(document.querySelector('[data-testid=storage-note]').textContent));
  const [download] = await Promise.all([page.waitForEvent('download'), (await historyMenu(page), page.getByTestId('export')).click()]);
  assert.match(download.suggestedFilename(), /^banana-studio-history-\d{8}-\d{6}\.zip$/);
  // Read it before the context that downloaded it is closed (its downloads go with it).
  const zipFile = { name: download.suggestedFilename(), mimeType: 'application/zip', buffer: await readFile(await download.path()) };
  const before = (await page.getByTestId('result-prompt').allInnerTexts()).sort();
  await page.context().close();

  const fresh = await open(env);
  await fresh.getByTestId('import').setInputFiles(zipFile);
  await fresh.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 2);
  assert.deepEqual((await fresh.getByTestId('result-prompt').allInnerTexts()).sort(), before);
  assert.match(await fresh.getByTestId('status').innerText(), /Imported 2 images/);
  assert.equal(await naturalWidth(fresh.getByTestId('result-image').first()), 1024);
  // The references came along, stored once for both entries, byte for byte.
  const stores = async () => ({
    refs: (await storeContents(fresh, 'entries')).map((e) => (JSON.parse(e).references || []).map((r) => r.name)),
    parts: (await storeContents(fresh, 'parts')).map((b) => b.bytes),
  });
  const imported = await stores();
  assert.deepEqual(imported.refs, [['shared-ref.png'], ['shared-ref.png']]);
  assert.equal(imported.parts.length, 1);
  assert.deepEqual(imported.parts[0], [...reference]);
  await fresh.getByTestId('import').setInputFiles(zipFile);
  await fresh.waitForFunction(() => /already in the history/.test(document.querySelector('[data-testid=status]').textContent));
  assert.equal(await fresh.getByTestId('result-image').count(), 2, 'no duplicates');
  await fresh.reload();
  await fresh.getByTestId('prompt').waitFor();
  await fresh.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 2);
  await fresh.getByTestId('import').setInputFiles({ name: 'notes.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
  await fresh.waitForFunction(() => !document.querySelector('[data-testid=error]').hidden);
  assert.match(await fresh.getByTestId('error').innerText(), /not a ZIP/);
  // A reference stays while any entry uses it, and goes with the last one.
  await (await tileAction(fresh, 'remove-result')).click();
  await fresh.waitForFunction(() => /1 image in the history/.test(document.querySelector('[data-testid=storage-note]').textContent));
  assert.equal((await stores()).parts.length, 1);
  await (await tileAction(fresh, 'remove-result')).click();
  await fresh.waitForFunction(() => /0 images in the history/.test(document.querySelector('[data-testid=storage-note]').textContent));
  assert.equal((await stores()).parts.length, 0);
  await fresh.context().close();
});

test('older images load page by page', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google', model: 'gemini-3.1-flash-image' });
  await pick(page, 'image-size', '512');
  await openMore(page);
  await page.getByTestId('batch').check();
  const prompts = Array.from({ length: 26 }, (_, i) => `banana number ${i + 1}`);
  await generate(page, prompts.join('\n'));
  await page.waitForFunction(() => /26 images in the history/.test(document.querySelector('[data-testid=storage-note]').textContent), null, { timeout: 60000 });
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 24);
  // The search covers the whole history, not only the page on screen.
  const firstPage = await page.getByTestId('result-prompt').allInnerTexts();
  const notShown = prompts.filter((p) => !firstPage.includes(p));
  assert.equal(notShown.length, 2);
  await page.getByTestId('history-search').fill(notShown[0]);
  await page.waitForFunction((p) => [...document.querySelectorAll('[data-testid=result-prompt]')].some((e) => e.textContent === p), notShown[0]);
  await page.getByTestId('history-search').fill('');
  // Scrolling to the end loads the next page by itself. (It may have loaded already: the page grew by the
  // search's match, so the button can come near the view and go before the test scrolls to it.)
  await page.evaluate(() => document.querySelector('[data-testid=load-older]')?.scrollIntoView());
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 26);
  const shown = await page.getByTestId('result-prompt').allInnerTexts();
  assert.deepEqual([...shown].sort(), [...prompts].sort(), 'every entry once');
  await page.waitForFunction(() => !document.querySelector('[data-testid=load-older]'));
  await page.context().close();
});

test('a history of 1,000 entries opens with one page of thumbnails and is searched whole', async () => {
  env.provider.reset();
  const page = await open(env);
  await seedHistory(page, 1000);
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 24);
  assert.equal(await naturalWidth(page.getByTestId('result-image').first()), 256);
  assert.equal(await page.getByTestId('result-prompt').first().innerText(), 'seeded entry 999', 'newest first');
  await page.waitForFunction(() => /1000 images in the history/.test(document.querySelector('[data-testid=storage-note]').textContent));
  // Old entries are found although they were never scrolled to; a broad search counts every match and
  // reads the rest in as the stage scrolls.
  await page.getByTestId('history-search').fill('entry 17');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=result-prompt]')].some((e) => e.textContent === 'seeded entry 17'));
  await page.getByTestId('history-search').fill('seeded');
  await page.getByTestId('filter-count').filter({ hasText: '1000 images match' }).waitFor();
  await page.getByTestId('load-older').waitFor({ state: 'attached' });
  await page.context().close();
});
