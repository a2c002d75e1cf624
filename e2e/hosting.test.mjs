// The release build from a static host under a sub-path, as GitHub Pages serves it
// (https://user.github.io/banana-studio/): no rewrite rules, every asset found by a relative URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, configure, generate, waitForStoreCount , openMore} from './harness.mjs';
import { startProvider } from './provider.mjs';
import { png } from './png.mjs';

let app, provider, browser;
before(async () => { [app, provider, browser] = await Promise.all([serveDist({ prefix: '/banana-studio/' }), startProvider(), launch()]); });
after(async () => { await browser?.close(); await provider?.close(); await app?.close(); });

test('served under /banana-studio/, the app loads, generates, shrinks in its worker and keeps its history', async () => {
  const page = await browser.newPage();
  const missing = [];
  page.on('response', (r) => { if (r.status() >= 400 && r.url().startsWith(new URL(app.url).origin)) missing.push(r.url()); });
  await page.goto(app.url);
  await page.getByTestId('prompt').waitFor();
  assert.ok(app.url.endsWith('/banana-studio/'));
  await configure(page, { provider }, { preset: 'google' });
  await openMore(page);
  await page.getByTestId('ref-long-edge').selectOption('1024');
  await page.getByTestId('ref-input').setInputFiles([{ name: 'wide.png', mimeType: 'image/png', buffer: png(1600, 900) }]);
  await page.getByTestId('ref-note').waitFor();
  await generate(page, 'from a sub-path');
  await page.getByTestId('result-image').first().waitFor();
  assert.equal(await waitForStoreCount(page, 'entries', 1), 1, 'saved before the reload');
  await page.reload();
  await page.getByTestId('result-image').first().waitFor();
  assert.deepEqual(missing, [], 'every asset found under the sub-path');
  await page.close();
});
