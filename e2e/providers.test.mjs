// Saved providers (issue 18, part 4): named provider set-ups switched from the composer, each with its
// own key (in memory, or remembered in this browser for that provider only), a comparison that mixes
// them with one request each, and exports that never carry a key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, open, configure, openSettings, openMore, generate, historyMenu, chosen } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const chats = () => env.provider.requests.filter((r) => /chat\/completions$/.test(r.path));
const natives = () => env.provider.requests.filter((r) => /:generateContent$/.test(r.path));
const stored = (page) => page.evaluate(() => JSON.stringify({ ...localStorage }));
const savedList = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('banana-studio.providers') || '{}').list ?? []);

async function results(page, n) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=result-image]').length >= n && !document.querySelector('[data-testid=cancel]'), n, { timeout: 30000 });
}

/** Saves what the provider settings hold under `name` (the settings panel open). */
async function saveAs(page, name) {
  await openSettings(page);
  await page.getByTestId('provider-name').fill(name);
  await page.getByTestId('provider-save').click();
  await page.waitForFunction((name) => document.querySelector('[data-testid=provider-editing]')?.textContent.includes(name), name);
}

/** Two saved providers: "Google direct" (native, x-goog-api-key) and "Router" (OpenAI-compatible, Bearer). */
async function twoProviders(page, { rememberGoogle = false } = {}) {
  await configure(page, env, { preset: 'google', key: 'key-google' });
  if (rememberGoogle) await page.getByTestId('remember-key').check();
  await saveAs(page, 'Google direct');
  await saveAs(page, 'Router');
  await configure(page, env, { preset: 'openrouter', key: 'key-router', baseUrl: `${env.provider.url}/api/v1` });
  await page.getByTestId('remember-key').uncheck();
}

async function switchTo(page, name) {
  await page.getByTestId('provider-switch').selectOption({ label: name });
  await page.waitForFunction((name) => {
    const s = document.querySelector('[data-testid=provider-switch]');
    return s && s.selectedOptions[0]?.textContent === name;
  }, name);
}

test('saved providers: switched from the composer with their own set-up, model and key; a key remembered for one provider only; deleting forgets it', async () => {
  env.provider.reset();
  const page = await open(env);
  assert.equal(await page.getByTestId('provider-switch').count(), 0, 'no switch before a provider is saved');
  await twoProviders(page, { rememberGoogle: true });
  assert.equal(await chosen(page, 'model-chip'), 'google/gemini-3.1-flash-image-preview');
  await generate(page, 'through the router');
  await results(page, 1);
  assert.equal(chats().at(-1).headers.authorization, 'Bearer key-router');

  // From the composer: Google's own endpoint, its model and its key, the prompt kept.
  await page.getByTestId('prompt').fill('a prompt that stays');
  await switchTo(page, 'Google direct');
  assert.equal(await page.getByTestId('prompt').inputValue(), 'a prompt that stays');
  assert.equal(await chosen(page, 'model-chip'), 'gemini-3.1-flash-image');
  assert.equal(await page.getByTestId('api-key').inputValue(), 'key-google');
  assert.equal(await page.getByTestId('base-url').inputValue(), env.provider.url);
  await page.getByTestId('generate').click();
  await results(page, 2);
  const native = natives().at(-1);
  assert.match(native.path, /\/v1beta\/models\/gemini-3\.1-flash-image:generateContent$/);
  assert.equal(native.headers['x-goog-api-key'], 'key-google');
  assert.equal(native.headers.authorization, undefined);
  assert.equal(chats().length, 1);

  // Back to the router: its key typed this visit comes back with it.
  await switchTo(page, 'Router');
  assert.equal(await page.getByTestId('api-key').inputValue(), 'key-router');
  assert.equal(await page.getByTestId('dialect').count(), 0, 'a preset: no dialect to pick');
  assert.equal(await chosen(page, 'model-chip'), 'google/gemini-3.1-flash-image-preview');
  let kept = await stored(page);
  assert.ok(kept.includes('key-google'), 'remembered for Google direct');
  assert.ok(!kept.includes('key-router'), 'the router key is not remembered');
  assert.deepEqual((await savedList(page)).map((p) => p.name), ['Google direct', 'Router']);
  assert.ok(!JSON.stringify(await savedList(page)).includes('key-'), 'the list holds no key');

  // A later visit: the router is in use without a key; Google's comes back remembered.
  await page.reload();
  await page.getByTestId('provider-switch').waitFor();
  await openSettings(page);
  assert.equal(await page.getByTestId('api-key').inputValue(), '');
  await switchTo(page, 'Google direct');
  assert.equal(await page.getByTestId('api-key').inputValue(), 'key-google');
  assert.ok(await page.getByTestId('remember-key').isChecked());

  // Renaming checks the name; deleting forgets the remembered key and keeps the set-up in use, unsaved.
  await page.getByTestId('provider-name').fill('router');
  await page.getByTestId('provider-rename').click();
  await page.waitForFunction(() => /Another saved provider has this name/.test(document.querySelector('[data-testid=error]')?.textContent ?? ''));
  await page.getByTestId('provider-name').fill('Google');
  await page.getByTestId('provider-rename').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=provider-editing]')?.textContent.includes('“Google”'));
  await page.getByTestId('provider-delete').click();
  await page.getByTestId('provider-editing').waitFor({ state: 'detached' });
  kept = await stored(page);
  assert.ok(!kept.includes('key-google'), 'its remembered key is gone');
  assert.deepEqual((await savedList(page)).map((p) => p.name), ['Router']);
  const options = await page.getByTestId('provider-switch').evaluate((s) => [...s.options].map((o) => o.textContent));
  assert.deepEqual(options, ['Router', `Not saved (${new URL(env.provider.url).host})`]);
  assert.equal(await page.getByTestId('base-url').inputValue(), env.provider.url, 'the set-up stays in use');
  // The switch fits the narrowest phone: nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 640 });
  await page.keyboard.press('Escape');
  await page.getByTestId('provider-switch').waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
  await page.context().close();
});

test('compare across saved providers: one request each with its own key and dialect, labelled by provider; the winner switches provider; exports carry no key', async () => {
  env.provider.reset();
  const page = await open(env);
  await twoProviders(page);
  const google = (await savedList(page)).find((p) => p.name === 'Google direct').id;
  await openMore(page);
  await page.getByTestId('compare-models').selectOption(['google/gemini-3.1-flash-image-preview', `${google}\u001fgemini-3.1-flash-image`]);
  await generate(page, 'a lighthouse, twice');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=compare-label]').length === 2 && !document.querySelector('[data-testid=cancel]'), null, { timeout: 30000 });
  assert.equal(chats().length, 1, 'one chat request');
  assert.equal(natives().length, 1, 'one native request');
  assert.equal(chats()[0].headers.authorization, 'Bearer key-router');
  assert.equal(natives()[0].headers['x-goog-api-key'], 'key-google');
  assert.equal(natives()[0].headers.authorization, undefined);
  assert.match(natives()[0].path, /gemini-3\.1-flash-image:generateContent$/);
  const labels = await page.getByTestId('compare-model').allInnerTexts();
  assert.ok(labels.some((l) => l === 'gemini-3.1-flash-image · Google direct'), labels.join(' | '));
  assert.ok(labels.some((l) => l === 'google/gemini-3.1-flash-image-preview · Router'), labels.join(' | '));

  // The history's ZIP: images and settings, never a key.
  await page.waitForTimeout(2000);
  const [download] = await Promise.all([page.waitForEvent('download'), (await historyMenu(page), page.getByTestId('export')).click()]);
  const zip = fs.readFileSync(await download.path());
  assert.ok(zip.length > 1000);
  assert.ok(!zip.includes('key-google') && !zip.includes('key-router'), 'no key in the export');

  // "Use this one" on Google's image: the studio goes on with that provider, its model and its key.
  await page.getByTestId('result-card').filter({ hasText: 'Google direct' }).getByTestId('use-this').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=provider-switch]').selectedOptions[0]?.textContent === 'Google direct');
  assert.equal(await chosen(page, 'model-chip'), 'gemini-3.1-flash-image');
  await openSettings(page);
  assert.equal(await page.getByTestId('api-key').inputValue(), 'key-google');

  // A comparison with a provider that has no key this visit sends nothing and says which and what to do.
  await page.reload();
  await page.getByTestId('provider-switch').waitFor();
  await switchTo(page, 'Router');
  await openSettings(page);
  await page.getByTestId('api-key').fill('key-router');
  await openMore(page);
  await page.getByTestId('compare-models').selectOption(['google/gemini-3.1-flash-image-preview', `${google}\u001fgemini-3.1-flash-image`]);
  const before = env.provider.requests.length;
  await generate(page, 'again');
  await page.waitForFunction(() => /No key for “Google direct”/.test(document.querySelector('[data-testid=error]')?.textContent ?? ''));
  assert.match(await page.getByTestId('error').innerText(), /switch to it, enter its key/);
  assert.equal(env.provider.requests.length, before, 'nothing was sent');
  await page.context().close();
});
