// Shrinking an image off the page's main thread, and drawing the annotation editor's marks (on the
// screen's canvas, and at full resolution over the image in the worker). This one file is both the module the studio imports
// (through wasm-bindgen) and the script of the module worker it starts: in the worker,
// `createImageBitmap` decodes and resizes and an `OffscreenCanvas` encodes, so neither blocks the page.
// Where a worker cannot start (an old browser, a page policy), the same steps run in the page.

import { fileUrl, startWorker } from './asset.js';

/** `blob` decoded at `width`×`height` and encoded as `type` (at `quality` for lossy formats). */
async function shrink({ blob, width, height, type, quality }) {
  const bitmap = await createImageBitmap(blob, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  if (type === 'image/jpeg') {
    // JPEG has no transparency: transparent pixels go on white, not black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
  }
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.convertToBlob({ type, quality });
}

/** Carries out `ops` on a 2D context, image pixels divided by `scale`. */
function run(ctx, ops, scale) {
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const op of ops) {
    if (op.op === 'line') {
      ctx.strokeStyle = op.color;
      ctx.lineWidth = op.width / scale;
      ctx.beginPath();
      op.points.forEach((p, i) => (i ? ctx.lineTo(p.x / scale, p.y / scale) : ctx.moveTo(p.x / scale, p.y / scale)));
      // A single point is a dot.
      if (op.points.length === 1) ctx.lineTo(op.points[0].x / scale + 0.01, op.points[0].y / scale);
      ctx.stroke();
    } else if (op.op === 'fill') {
      ctx.fillStyle = op.color;
      ctx.beginPath();
      op.points.forEach((p, i) => (i ? ctx.lineTo(p.x / scale, p.y / scale) : ctx.moveTo(p.x / scale, p.y / scale)));
      ctx.closePath();
      ctx.fill();
    } else if (op.op === 'ellipse') {
      ctx.strokeStyle = op.color;
      ctx.lineWidth = op.width / scale;
      ctx.beginPath();
      ctx.ellipse(op.center.x / scale, op.center.y / scale, Math.max(op.rx / scale, 0.5), Math.max(op.ry / scale, 0.5), 0, 0, 2 * Math.PI);
      ctx.stroke();
    } else if (op.op === 'text') {
      ctx.fillStyle = op.color;
      ctx.textBaseline = 'top';
      ctx.font = `600 ${op.size / scale}px system-ui, sans-serif`;
      ctx.fillText(op.text, op.at.x / scale, op.at.y / scale);
    }
  }
}

/** Draws `ops` (JSON) on `canvas` at `scale` image pixels per canvas pixel, after clearing it when asked. */
export function drawOps(canvas, json, scale, clear) {
  const ctx = canvas.getContext('2d');
  if (clear) {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    // A transparent dot: a canvas just resized gets its pixels now (at a zoom), not at the next stroke.
    ctx.fillStyle = 'rgba(0, 0, 0, 0)';
    ctx.fillRect(0, 0, 1, 1);
  }
  run(ctx, JSON.parse(json), scale);
}

/** The image in `blob` with `ops` (JSON) drawn over it at its full `width`×`height`, as a PNG Blob. */
async function flatten({ blob, width, height, ops }) {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  run(ctx, JSON.parse(ops), 1);
  return canvas.convertToBlob({ type: 'image/png' });
}

/** The pixel maths (`banana-pixels`, built beside the app by scripts/pixels.mjs), loaded on first use
 * from the URLs the page sends with each job (`pixels`: module, wasm), where the host serves them. */
let pixels = null;
let pixelFiles = null;
function loadPixels() {
  const [module, wasm] = pixelFiles;
  pixels ??= import(/* @vite-ignore */ /* webpackIgnore: true */ module).then(async (m) => {
    await m.default({ module_or_path: wasm });
    return m;
  });
  return pixels;
}

/** A decoded image's RGBA bytes at `width`×`height`, as stored (no colour conversion). */
async function rgba(blob, width, height) {
  const bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none',
    ...(width ? { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' } : {}) });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}

/**
 * `answer` composited over `original` inside `mask` (one byte per pixel of the original), feathered by
 * `feather` pixels, colours matched when `colourMatch`: a PNG Blob at the original's size. An answer
 * of another size but the same shape is scaled to it first; one of another shape is refused with an
 * error `misfit W×H`.
 */
async function composite({ original, answer, mask, region, feather, colourMatch }) {
  const [px, o, a] = await Promise.all([loadPixels(), rgba(original), rgba(answer)]);
  const { width, height } = o;
  if (!px.fits(width, height, a.width, a.height)) throw new Error(`misfit ${a.width}×${a.height}`);
  const fitted = a.width === width && a.height === height ? a : await rgba(answer, width, height);
  const out = region
    ? px.composite_region(o.data, fitted.data, region, width, height, feather, colourMatch)
    : px.composite(o.data, fitted.data, mask, width, height, feather, colourMatch);
  return encode(out, width, height);
}

/** A PNG Blob of `rgba` (`width`×`height`). */
function encode(rgba, width, height) {
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(rgba.buffer), width, height), 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}

/** `original` with a line round the region `region` paints (see `banana-pixels`' flat steps). */
async function outline({ original, region }) {
  const [px, o] = await Promise.all([loadPixels(), rgba(original)]);
  return encode(px.outline(o.data, o.width, o.height, region), o.width, o.height);
}

/** The region `region` paints over a `width`×`height` image, white inside, black outside. */
async function maskPng({ width, height, region }) {
  const px = await loadPixels();
  return encode(px.mask_image(width, height, region), width, height);
}

/** An expansion's canvas: `original` at (`x`, `y`) on a grey `width`×`height`, as a PNG. */
async function place({ original, width, height, x, y }) {
  const [px, o] = await Promise.all([loadPixels(), rgba(original)]);
  return encode(px.place_canvas(o.data, width, height, x, y, o.width, o.height), width, height);
}

/**
 * An expansion's answer around the original: `answer` scaled to `width`×`height` when it is that shape
 * (else refused, `misfit W×H`), `original` (`ow`×`oh`, or the canvas holding it) put back at (`x`, `y`)
 * byte for byte, feathered inward.
 */
async function expand({ original, answer, width, height, x, y, ow, oh, feather }) {
  const [px, o, a] = await Promise.all([loadPixels(), rgba(original), rgba(answer)]);
  if (!px.fits(width, height, a.width, a.height)) throw new Error(`misfit ${a.width}×${a.height}`);
  const fitted = a.width === width && a.height === height ? a : await rgba(answer, width, height);
  // Given the canvas (an expansion taken up again from the history), the original is inside it.
  const inner = o.width === width && o.height === height && (ow !== width || oh !== height)
    ? px.crop_rgba(o.data, width, new Uint32Array([x, y, ow, oh])) : o.data;
  return encode(px.expand_canvas(inner, fitted.data, width, height, x, y, ow, oh, feather), width, height);
}

/** A detail edit's crop: the pixels of `original` inside `rect` (x, y, width, height), as a PNG. */
/** Refuses a box that does not lie in the decoded image (it was planned on another size). */
function inside(o, [x, y, w, h]) {
  if (x + w > o.width || y + h > o.height) throw new Error(`the image decoded at ${o.width}×${o.height}, not the size the region was painted on`);
}

async function crop({ original, rect }) {
  const [px, o] = await Promise.all([loadPixels(), rgba(original)]);
  inside(o, rect);
  return encode(px.crop_rgba(o.data, o.width, rect), rect[2], rect[3]);
}

/**
 * A detail edit's answer put back: `answer` scaled to the crop `rect` when it is that shape (else
 * refused, `misfit W×H`), pasted into the original there and composited inside the region: a PNG
 * at the original's size.
 */
async function detail({ original, answer, rect, region, feather, colourMatch }) {
  const [px, o, a] = await Promise.all([loadPixels(), rgba(original), rgba(answer)]);
  inside(o, rect);
  const [, , w, h] = rect;
  if (!px.fits(w, h, a.width, a.height)) throw new Error(`misfit ${a.width}×${a.height}`);
  const fitted = a.width === w && a.height === h ? a : await rgba(answer, w, h);
  const out = px.composite_detail(o.data, fitted.data, rect, region, o.width, o.height, feather, colourMatch);
  return encode(out, o.width, o.height);
}

/** The region-edit jobs, by name. */
const tasks = { composite, outline, maskPng, place, expand, crop, detail };

/** One job: a region edit's by its name, a flatten when it has marks, a shrink otherwise. */
function work(job) {
  pixelFiles = job.pixels ?? pixelFiles;
  return job.task ? tasks[job.task](job) : job.ops ? flatten(job) : shrink(job);
}

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  self.onmessage = async ({ data }) => {
    try {
      self.postMessage({ id: data.id, blob: await work(data) });
    } catch (e) {
      self.postMessage({ id: data.id, error: String(e?.message ?? e) });
    }
  };
  // Jobs are sent once the worker says it listens: a message posted while a module worker is still
  // loading can be lost.
  self.postMessage({ ready: true });
}

/** How long a worker may take to start before the page does the work itself. */
const START_MS = 5000;
/** `null`: not started; a Promise of the worker, or of `null` when the page does the work. */
let worker = null;
let next = 0;
const waiting = new Map();

/** Runs every waiting job in the page, and every later one. */
function giveUp() {
  worker = Promise.resolve(null);
  for (const job of waiting.values()) work(job.message).then(job.resolve, job.reject);
  waiting.clear();
}

function start() {
  return new Promise((resolve) => {
    let w;
    try {
      w = startWorker(import.meta.url);
    } catch {
      return resolve(null);
    }
    const timer = setTimeout(() => { w.terminate(); resolve(null); }, START_MS);
    w.onmessage = ({ data }) => {
      if (data.ready) {
        clearTimeout(timer);
        return resolve(w);
      }
      const job = waiting.get(data.id);
      waiting.delete(data.id);
      if (data.error) job?.reject(new Error(data.error));
      else job?.resolve(data.blob);
    };
    w.onerror = (e) => {
      e.preventDefault();
      clearTimeout(timer);
      w.terminate();
      resolve(null);
      giveUp();
    };
  });
}

/** Runs `message` in the worker (in the page where none can start). */
async function post(message) {
  if (message.task) message.pixels = [fileUrl('pixels.js'), fileUrl('pixels_bg.wasm')];
  worker ??= start();
  const w = await worker;
  if (!w) return work(message);
  return new Promise((resolve, reject) => {
    waiting.set(message.id, { resolve, reject, message });
    w.postMessage(message);
  });
}

/** Resolves to the shrunk image as a Blob; rejects with an Error the browser gave. */
export function shrinkImage(blob, width, height, type, quality) {
  return post({ id: ++next, blob, width, height, type, quality });
}

/**
 * The image in `blob` with `ops` (JSON) drawn over it, at its full `width`×`height`, as a PNG Blob:
 * decoded, drawn and encoded in the worker, so Done never holds the page.
 */
export function flattenImage(blob, width, height, ops) {
  return post({ id: ++next, blob, width, height, ops });
}

/** A region edit's composite (see `composite` above), made in the worker: resolves to a PNG Blob. */
export function compositeImage(original, answer, mask, feather, colourMatch) {
  return post({ id: ++next, task: 'composite', original, answer, mask, feather, colourMatch });
}

/** The same with the region as flat steps (`banana-pixels`' `flat`), as the studio sends it. */
export function compositeRegion(original, answer, region, feather, colourMatch) {
  return post({ id: ++next, task: 'composite', original, answer, region, feather, colourMatch });
}

/** `original` with a line round the region (flat steps): a PNG Blob. */
export function outlineRegion(original, region) {
  return post({ id: ++next, task: 'outline', original, region });
}

/** The region (flat steps) over a `width`×`height` image as a PNG mask. */
export function maskImage(width, height, region) {
  return post({ id: ++next, task: 'maskPng', width, height, region });
}

/** An expansion's canvas (see `place` above): a PNG Blob. */
export function placeCanvas(original, width, height, x, y) {
  return post({ id: ++next, task: 'place', original, width, height, x, y });
}

/** An expansion's answer around the original (see `expand` above): a PNG Blob. */
export function expandCanvas(original, answer, width, height, x, y, ow, oh, feather) {
  return post({ id: ++next, task: 'expand', original, answer, width, height, x, y, ow, oh, feather });
}

/** A detail edit's crop (see `crop` above): a PNG Blob. */
export function cropImage(original, rect) {
  return post({ id: ++next, task: 'crop', original, rect });
}

/** A detail edit's answer put back over the original (see `detail` above): a PNG Blob. */
export function compositeDetail(original, answer, rect, region, feather, colourMatch) {
  return post({ id: ++next, task: 'detail', original, answer, rect, region, feather, colourMatch });
}

/**
 * Shows `mask` (a byte per pixel of `canvas`, non-zero in the region) as a translucent overlay, and
 * `frame` ([x, y, width, height] in canvas pixels, or empty), a detail edit's crop, as a dashed box.
 */
export function drawMask(canvas, mask, frame) {
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(canvas.width, canvas.height);
  const pixels = new Uint32Array(image.data.buffer);
  // RGBA bytes read as one little-endian word: a translucent magenta.
  const tint = (150 << 24) | (255 << 16) | (0 << 8) | 255;
  for (let i = 0; i < pixels.length && i < mask.length; i++) if (mask[i]) pixels[i] = tint;
  ctx.putImageData(image, 0, 0);
  if (frame?.length === 4) {
    ctx.save();
    ctx.lineWidth = 2;
    ctx.setLineDash([8, 6]);
    for (const [colour, offset] of [['#000', 0], ['#fff', 7]]) {
      ctx.strokeStyle = colour;
      ctx.lineDashOffset = offset;
      ctx.strokeRect(frame[0] + 1, frame[1] + 1, frame[2] - 2, frame[3] - 2);
    }
    ctx.restore();
  }
}
