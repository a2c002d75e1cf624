// Takes docs/screenshot.png: the release build against the test provider, after one generation.
//   node e2e/screenshot.mjs   (after `trunk build --release`)
import { setup, open, configure } from './harness.mjs';
import { png } from './png.mjs';

const env = await setup();
try {
  const page = await open(env);
  await page.setViewportSize({ width: 1280, height: 860 });
  await configure(page, env, { preset: 'google', key: 'demo-key' });
  await page.getByTestId('aspect-ratio').selectOption('16:9');
  await page.getByTestId('image-size').selectOption('2K');
  await page.getByTestId('ref-input').setInputFiles([
    { name: 'sketch.png', mimeType: 'image/png', buffer: png(256, 256, [250, 220, 90], [90, 160, 60]) },
    { name: 'palette.png', mimeType: 'image/png', buffer: png(256, 256, [40, 60, 160], [240, 120, 90]) },
  ]);
  await page.getByTestId('prompt').fill('A ripe banana surfing a wave at sunset, studio lighting, 16:9 poster');
  await page.getByTestId('generate').click();
  await page.getByTestId('result-image').first().waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: new URL('../docs/screenshot.png', import.meta.url).pathname });
  console.log('wrote docs/screenshot.png');
} finally {
  await env.close();
}
