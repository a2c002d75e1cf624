// When the user or the network goes away mid-generation: the device offline mid-request and back, a
// task's tab in the background with its timers throttled. The studio carries on by itself when they
// come back, sends nothing twice that the provider took, and loses nothing. Chromium (Playwright's
// offline emulation).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, configure, generate } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const generations = () => env.provider.requests.filter((r) => /generateContent/.test(r.path));
const polls = () => env.provider.requests.filter((r) => r.path.startsWith('/v1/tasks/'));
const waitFor = async (check, what, ms = 20000) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (check()) return;
  throw new Error(`timed out waiting for ${what}`);
};

test('offline mid-request: the studio says so, sends again once back, and the image arrives', async () => {
  env.provider.reset();
  // The connection breaks 1.5 s into the request, while the device is offline.
  env.provider.setScenario('network-drop', { delay: 1500 });
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await generate(page, 'made across a lost connection');
  await waitFor(() => generations().length === 1, 'the request');
  await page.context().setOffline(true);
  await page.getByTestId('offline-note').waitFor();
  assert.match(await page.getByTestId('offline-note').innerText(), /You are offline.*Nothing is lost/s);
  // It waits for the network, not spending its retries or giving up meanwhile. (Chromium itself may
  // send a request whose connection broke once more, before the studio hears of it.)
  await page.waitForTimeout(5000);
  const cut = generations().length;
  await page.waitForTimeout(3000);
  assert.equal(generations().length, cut, 'nothing sent while offline');
  assert.equal(await page.getByTestId('error').evaluate((e) => e.hidden), true, 'no error while offline');
  env.provider.setScenario('ok');
  await page.context().setOffline(false);
  await page.getByTestId('result-image').first().waitFor();
  assert.equal(await page.getByTestId('offline-note').count(), 0);
  assert.equal(generations().length, cut + 1, 'sent again once, when back');
  assert.equal(generations().at(-1).json.contents[0].parts[0].text, 'made across a lost connection');
  assert.equal(await page.getByTestId('prompt').inputValue(), 'made across a lost connection');
  await page.context().close();
});

test('offline while a task runs: polling waits for the network, and the task is never sent twice', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'gccai', key: 'task-key' });
  await generate(page, 'a task across a lost connection');
  await waitFor(() => polls().length >= 1, 'the first poll');
  await page.context().setOffline(true);
  await page.getByTestId('offline-note').waitFor();
  const seen = polls().length;
  await page.waitForTimeout(5000);
  assert.equal(polls().length, seen, 'no poll reaches the provider while offline');
  assert.equal(await page.getByTestId('error').evaluate((e) => e.hidden), true, 'no error while offline');
  await page.context().setOffline(false);
  await page.getByTestId('result-image').first().waitFor({ timeout: 20000 });
  assert.equal(env.provider.requests.filter((r) => r.path === '/v1/images/generations').length, 1, 'submitted once');
  await page.context().close();
});

// Headless Chromium never hides a page (no window to minimise or cover), so the test does to the page
// what Chrome does to a tab hidden for five minutes: `visibilityState` is "hidden" and every timer
// waits at least a minute ("intensive throttling").
const BACKGROUND = `(() => {
  let hidden = false;
  const setTimeout = window.setTimeout;
  Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible') });
  Object.defineProperty(document, 'hidden', { get: () => hidden });
  window.setTimeout = (f, ms, ...rest) => setTimeout(f, hidden ? Math.max(ms || 0, 60000) : ms, ...rest);
  window.__setHidden = (h) => { hidden = h; document.dispatchEvent(new Event('visibilitychange')); };
})();`;

test('a task in a tab left in the background asks again as soon as the user is back, and its image arrives', async () => {
  env.provider.reset();
  const context = await env.browser.newContext();
  await context.addInitScript(BACKGROUND);
  const page = await context.newPage();
  await page.goto(env.app.url);
  await page.getByTestId('provider').waitFor({ state: 'attached' });
  await configure(page, env, { preset: 'gccai', key: 'task-key' });
  await generate(page, 'made while away');
  await waitFor(() => polls().length >= 1, 'the first poll');
  await page.evaluate(() => window.__setHidden(true));
  const hiddenAt = polls().length;
  await page.waitForTimeout(6000);
  assert.ok(polls().length <= hiddenAt + 1, 'throttled while hidden');
  // Back: it asks at once rather than at its throttled timer, and the task finishes.
  await page.evaluate(() => window.__setHidden(false));
  await page.getByTestId('result-image').first().waitFor({ timeout: 20000 });
  assert.equal(env.provider.requests.filter((r) => r.path === '/v1/images/generations').length, 1, 'submitted once');
  assert.equal(await page.getByTestId('error').evaluate((e) => e.hidden), true);
  await context.close();
});
