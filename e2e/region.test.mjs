// Region edits' composite in the image worker (issue 28): the page hands the worker the original, the
// model's answer and the painted region; the worker decodes them, runs the pixel maths (`banana-pixels`,
// built beside the app as pixels.js + pixels_bg.wasm) and encodes a PNG. Checked on decoded pixels: outside
// the region and its feather every byte is the original's, the region's core is the answer's, the band
// between blends; an answer at twice the size is scaled; one of another shape is refused; at 4K the page
// has no long task while the worker composites (the time is printed for docs/benchmarks.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup } from './harness.mjs';

let env;
let page;
before(async () => {
  env = await setup();
  page = await env.browser.newPage();
  await page.goto(env.app.url);
  await page.getByTestId('prompt').waitFor();
  // The worker's module, as the studio loads it (a wasm-bindgen snippet of the build).
  const dist = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'dist');
  const crate = fs.readdirSync(path.join(dist, 'snippets')).find((d) => d.startsWith('banana-studio-'));
  const url = new URL(`snippets/${crate}/src/browser/shrink_worker.js`, env.app.url).href;
  await page.evaluate(async (u) => {
    window.__worker = await import(u);
    /** A PNG of `w`×`h`: noise from `seed`, or one colour when `flat` is [r, g, b]. */
    window.__png = async (w, h, seed, flat) => {
      const c = new OffscreenCanvas(w, h);
      const ctx = c.getContext('2d');
      const img = ctx.createImageData(w, h);
      let s = seed | 1;
      for (let i = 0; i < img.data.length; i += 4) {
        for (let k = 0; k < 3; k++) {
          s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
          img.data[i + k] = flat ? flat[k] : s & 255;
        }
        img.data[i + 3] = 255;
      }
      ctx.putImageData(img, 0, 0);
      return { blob: await c.convertToBlob({ type: 'image/png' }), pixels: img.data };
    };
    window.__decode = async (blob) => {
      const b = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
      const c = new OffscreenCanvas(b.width, b.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(b, 0, 0);
      return ctx.getImageData(0, 0, b.width, b.height);
    };
    /** A mask of `w`×`h` with the rectangle [x0, x1)×[y0, y1) in the region. */
    window.__mask = (w, h, [x0, y0, x1, y1]) => {
      const m = new Uint8Array(w * h);
      for (let y = y0; y < y1; y++) m.fill(255, y * w + x0, y * w + x1);
      return m;
    };
  }, url);
});
after(async () => { await env?.close(); });

test('outside region and feather the original byte for byte, the core the answer, a monotonic band', async () => {
  const r = await page.evaluate(async () => {
    const [w, h, feather, rect] = [96, 64, 8, [30, 20, 70, 50]];
    const original = await window.__png(w, h, 7);
    const answer = await window.__png(w, h, 99);
    const out = await window.__decode(await window.__worker.compositeImage(original.blob, answer.blob, window.__mask(w, h, rect), feather, false));
    let outside = 0; let core = 0; let badOutside = 0; let badCore = 0; let badBand = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 4;
        // Chebyshev distance to the region (0 inside) and to its outside.
        const dx = Math.max(rect[0] - x, x - (rect[2] - 1), 0); const dy = Math.max(rect[1] - y, y - (rect[3] - 1), 0);
        const toRegion = Math.max(dx, dy);
        const toOutside = toRegion > 0 ? 0 : Math.min(x - rect[0], rect[2] - 1 - x, y - rect[1], rect[3] - 1 - y) + 1;
        const px = [0, 1, 2, 3].map((k) => out.data[i + k]);
        const o = [0, 1, 2, 3].map((k) => original.pixels[i + k]);
        const a = [0, 1, 2, 3].map((k) => answer.pixels[i + k]);
        if (toRegion > feather) { outside++; if (px.some((v, k) => v !== o[k])) badOutside++; }
        else if (toOutside > feather) { core++; if (px.some((v, k) => v !== a[k])) badCore++; }
        else if (px.some((v, k) => v < Math.min(o[k], a[k]) || v > Math.max(o[k], a[k]))) badBand++;
      }
    }
    return { size: [out.width, out.height], outside, core, badOutside, badCore, badBand };
  });
  assert.deepEqual(r.size, [96, 64]);
  assert.ok(r.outside > 1000 && r.core > 100, JSON.stringify(r));
  assert.equal(r.badOutside, 0, 'every pixel outside region and feather is the original\'s');
  assert.equal(r.badCore, 0, 'every pixel of the core is the answer\'s');
  assert.equal(r.badBand, 0, 'the band blends between the two');

  // The band rises monotonically: flat original (black) and answer (white) across the left edge.
  const row = await page.evaluate(async () => {
    const [w, h] = [64, 16];
    const black = await window.__png(w, h, 1, [0, 0, 0]);
    const white = await window.__png(w, h, 1, [255, 255, 255]);
    const out = await window.__decode(await window.__worker.compositeImage(black.blob, white.blob, window.__mask(w, h, [32, 0, 64, 16]), 12, false));
    return Array.from({ length: w }, (_, x) => out.data[(8 * w + x) * 4]);
  });
  assert.ok(row.every((v, i) => i === 0 || v >= row[i - 1]), `monotonic: ${row}`);
  assert.equal(row[0], 0);
  assert.equal(row[63], 255);
  assert.ok(row.some((v) => v > 0 && v < 255), 'a band, not a hard edge');
});

test('an answer at twice the size is scaled to the original; one of another shape is refused', async () => {
  const scaled = await page.evaluate(async () => {
    const original = await window.__png(80, 60, 3);
    const answer = await window.__png(160, 120, 1, [200, 40, 90]);
    const out = await window.__decode(await window.__worker.compositeImage(original.blob, answer.blob, window.__mask(80, 60, [20, 15, 60, 45]), 4, false));
    return { size: [out.width, out.height], centre: [...out.data.slice((30 * 80 + 40) * 4, (30 * 80 + 40) * 4 + 3)], corner: [...out.data.slice(0, 3)], originalCorner: [...original.pixels.slice(0, 3)] };
  });
  assert.deepEqual(scaled.size, [80, 60], 'the composite is at the original\'s size');
  assert.deepEqual(scaled.centre, [200, 40, 90], 'the scaled answer fills the core');
  assert.deepEqual(scaled.corner, scaled.originalCorner);
  const refused = await page.evaluate(async () => {
    const original = await window.__png(80, 60, 3);
    const answer = await window.__png(100, 100, 5);
    try {
      await window.__worker.compositeImage(original.blob, answer.blob, window.__mask(80, 60, [0, 0, 10, 10]), 4, false);
      return 'composited';
    } catch (e) { return e.message; }
  });
  assert.match(refused, /^misfit 100×100$/);
});

test('colour match brings a darker answer to its surroundings', async () => {
  const r = await page.evaluate(async () => {
    const original = await window.__png(64, 64, 1, [120, 140, 160]);
    const answer = await window.__png(64, 64, 1, [100, 120, 140]);
    const mask = window.__mask(64, 64, [16, 16, 48, 48]);
    const decode = async (match) => [...(await window.__decode(await window.__worker.compositeImage(original.blob, answer.blob, mask, 4, match))).data.slice((32 * 64 + 32) * 4, (32 * 64 + 32) * 4 + 3)];
    return { off: await decode(false), on: await decode(true) };
  });
  assert.deepEqual(r.off, [100, 120, 140]);
  assert.deepEqual(r.on, [120, 140, 160]);
});

test('a 4K composite in the worker leaves the page without a long task (1K and 2K timed too)', async () => {
  const r = await page.evaluate(async () => {
    const times = {};
    const long = [];
    // The test's own noise images are drawn in the page first, before the long tasks are watched.
    const images = {};
    for (const side of [1024, 2048, 4096]) images[side] = [await window.__png(side, side, 11), await window.__png(side, side, 12)];
    const observer = new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push(Math.round(e.duration)); });
    observer.observe({ type: 'longtask' });
    for (const side of [1024, 2048, 4096]) {
      const [original, answer] = images[side];
      const k = side / 4096;
      const mask = window.__mask(side, side, [1200, 1400, 2600, 2300].map((v) => Math.round(v * k)));
      times[side] = [];
      for (let run = 0; run < 3; run++) {
        const t = performance.now();
        const blob = await window.__worker.compositeImage(original.blob, answer.blob, mask, Math.max(2, Math.round(25 * k)), true);
        times[side].push(Math.round(performance.now() - t));
        if (!(blob.size > 0)) throw new Error('no composite');
        await new Promise((ok) => setTimeout(ok, 50));
      }
    }
    observer.disconnect();
    return { times, long };
  });
  for (const [side, t] of Object.entries(r.times)) console.log(`${side}² composite in the worker (decode both, composite, encode PNG): ${t.join(', ')} ms`);
  console.log(`page long tasks: ${JSON.stringify(r.long)}`);
  assert.deepEqual(r.long, [], 'no task over 50 ms on the page');
});
