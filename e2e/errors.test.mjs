// Each error kind shows a clear message, the page stays usable, and nothing the user made is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, configure, generate } from './harness.mjs';
import { png } from './png.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// Answers the provider gives (HTTP errors, bad bodies, unsafe images, retries) are in the hardening
// matrix (hardening.test.mjs); these are the failures around them.

test('task failures: failed and cancelled tasks', async () => {
  const page = await open(env);
  await configure(page, env, { preset: 'gccai' });
  for (const [scenario, kind, pattern] of [['task-failed', 'task-failed', /upstream model overloaded/], ['task-cancelled', 'task-cancelled', /cancelled the task/]]) {
    env.provider.reset();
    env.provider.queue(scenario);
    await generate(page, scenario);
    await page.waitForFunction(() => !document.querySelector('[data-testid=error]').hidden, null, { timeout: 30000 });
    assert.equal(await page.getByTestId('error').getAttribute('data-kind'), kind);
    assert.match(await page.getByTestId('error').innerText(), pattern);
    assert.equal(await page.getByTestId('prompt').inputValue(), scenario);
  }
  await page.context().close();
});

test('validation before sending: empty prompt, unsupported reference, missing key', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google', key: '' });
  await page.getByTestId('generate').click();
  assert.equal(await page.getByTestId('error').getAttribute('data-kind'), 'empty-prompt');
  await generate(page, 'no key');
  assert.equal(await page.getByTestId('error').getAttribute('data-kind'), 'missing-key');
  await page.getByTestId('ref-input').setInputFiles([
    { name: 'good.png', mimeType: 'image/png', buffer: png(4, 4) },
    { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just some text') },
    { name: 'anim.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a\x01\x00\x01\x00') },
  ]);
  await page.waitForFunction(() => !document.querySelector('[data-testid=error]').hidden && document.querySelector('[data-testid=error]').textContent.includes('anim.gif'));
  const text = await page.getByTestId('error').innerText();
  assert.match(text, /notes\.png.*not an image/);
  assert.match(text, /anim\.gif.*GIF/);
  assert.equal(await page.getByTestId('ref-thumb').count(), 1, 'the valid file is kept');
  assert.equal(env.provider.requests.length, 0, 'nothing was sent');
  await page.context().close();
});

test('cancel aborts a slow request and keeps everything', async () => {
  env.provider.reset();
  env.provider.setScenario('slow', { delay: 8000 });
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await generate(page, 'slow one');
  await page.getByTestId('cancel').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=elapsed]')?.textContent !== '0.0 s');
  await page.getByTestId('cancel').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent.includes('Cancelled'));
  assert.ok(await page.getByTestId('generate').isEnabled());
  assert.equal(await page.getByTestId('cancel').count(), 0);
  assert.equal(await page.getByTestId('prompt').inputValue(), 'slow one');
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('result-image').count(), 0);
  env.provider.setScenario('ok');
  await page.getByTestId('generate').click();
  await page.getByTestId('result-image').first().waitFor();
  await page.context().close();
});

test('an unreachable provider names the host and what to check', async () => {
  const page = await open(env);
  await configure(page, env, { preset: 'custom', auth: 'bearer', baseUrl: 'http://127.0.0.1:9' });
  await generate(page, 'nowhere');
  await page.waitForFunction(() => !document.querySelector('[data-testid=error]').hidden);
  const text = await page.getByTestId('error').innerText();
  assert.match(text, /Could not reach 127\.0\.0\.1:9: nothing answered there/);
  assert.match(text, /base URL with its port/);
  assert.equal(await page.getByTestId('error').getAttribute('data-kind'), 'network');
  await page.context().close();
});

test('a host that refuses CORS is named, with the fix', async () => {
  const page = await open(env);
  // The static server that serves the app sends no CORS headers on what it does not have, like a relay
  // that blocks browsers; under the name localhost it is another origin than the page's 127.0.0.1.
  const origin = `http://localhost:${new URL(env.app.url).port}`;
  await configure(page, env, { preset: 'custom', auth: 'bearer', baseUrl: origin });
  await generate(page, 'blocked by CORS');
  await page.waitForFunction(() => !document.querySelector('[data-testid=error]').hidden);
  const text = await page.getByTestId('error').innerText();
  assert.match(text, new RegExp(`^${new URL(origin).host.replace(/\./g, '\\.')} answers, but not to web pages`));
  assert.match(text, /CORS proxy/);
  assert.equal(await page.getByTestId('error').getAttribute('data-kind'), 'cors');
  await page.context().close();
});
