// Takes the screenshots in docs/screens/: the release build against the test provider, after five
// generations of different shapes, at 1440×900 and 390×844, light and dark, English and Chinese; and the first screen of a
// fresh profile (the welcome). docs/screenshot.png is the desktop, light, English one.
//   node e2e/screenshot.mjs   (after `scripts/release.sh`)
import fs from 'node:fs';
import { setup, open, configure, openSettings, pick } from './harness.mjs';
import { png } from './png.mjs';

const OUT = new URL('../docs/screens/', import.meta.url).pathname;
fs.mkdirSync(OUT, { recursive: true });
const SIZES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } };

const env = await setup();
try {
  for (const [device, viewport] of Object.entries(SIZES)) {
    const page = await open(env);
    await page.setViewportSize(viewport);
    await page.getByTestId('welcome').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}${device}-welcome.png` });
    await configure(page, env, { key: 'demo-key' });
    await page.getByTestId('close-settings').click();
    await pick(page, 'image-size', '2K');
    const shots = [['16:9', 'A ripe banana surfing a wave at sunset, studio lighting'], ['1:1', 'Banana-shaped lamp on a walnut desk, product photo'], ['9:16', 'Poster: a banana astronaut floating above a yellow planet'], ['4:3', 'A banana bread loaf on a linen cloth, morning light'], ['21:9', 'A banana plantation at dawn, cinematic panorama']];
    for (const [ratio, prompt] of shots) {
      await pick(page, 'aspect-ratio', ratio);
      await page.getByTestId('prompt').fill(prompt);
      await page.getByTestId('generate').click();
      await page.getByTestId('generate').waitFor({ state: 'visible' });
      await page.waitForFunction(() => !document.querySelector('[data-testid=job-card]'));
    }
    await page.getByTestId('ref-input').setInputFiles([
      { name: 'sketch.png', mimeType: 'image/png', buffer: png(256, 256, [250, 220, 90], [90, 160, 60]) },
      { name: 'palette.png', mimeType: 'image/png', buffer: png(256, 256, [40, 60, 160], [240, 120, 90]) },
    ]);
    await page.getByTestId('ref-thumb').nth(1).waitFor();
    await page.getByTestId('prompt').fill('Same banana, now in watercolour, keep the composition');
    for (const theme of ['light', 'dark']) {
      for (const lang of ['en', 'zh-CN']) {
        await openSettings(page);
        await page.getByTestId('theme').selectOption(theme);
        await page.getByTestId('language').selectOption(lang);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        await page.getByTestId('close-settings').click();
        await page.evaluate(() => { window.scrollTo(0, 0); document.querySelector('.composer .chips').scrollLeft = 0; });
        await page.mouse.move(0, 0);
        await page.waitForTimeout(300);
        const name = `${device}-${theme}-${lang === 'en' ? 'en' : 'zh'}.png`;
        await page.screenshot({ path: OUT + name });
        console.log('wrote docs/screens/' + name);
      }
    }
    await page.context().close();
  }
  fs.copyFileSync(`${OUT}desktop-light-en.png`, new URL('../docs/screenshot.png', import.meta.url).pathname);
} finally {
  await env.close();
}
