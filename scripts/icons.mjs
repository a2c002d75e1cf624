// Renders static/icons/icon.svg to the PNG sizes the web app manifest lists (run after changing the
// SVG: `node scripts/icons.mjs`). The artwork keeps inside the central 80 %, so the icons are maskable.
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const svg = fs.readFileSync('static/icons/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  fs.writeFileSync(`static/icons/icon-${size}.png`, await page.screenshot({ type: 'png' }));
  await page.close();
}
await browser.close();
console.log('static/icons/icon-192.png, icon-512.png written');
