// Shrinking an image off the page's main thread. This one file is both the module the studio imports
// (through wasm-bindgen) and the script of the module worker it starts: in the worker,
// `createImageBitmap` decodes and resizes and an `OffscreenCanvas` encodes, so neither blocks the page.
// Where a worker cannot start (an old browser, a page policy), the same steps run in the page.

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

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  self.onmessage = async ({ data }) => {
    try {
      self.postMessage({ id: data.id, blob: await shrink(data) });
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
  for (const job of waiting.values()) shrink(job.message).then(job.resolve, job.reject);
  waiting.clear();
}

function start() {
  return new Promise((resolve) => {
    let w;
    try {
      w = new Worker(import.meta.url, { type: 'module' });
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

/** Resolves to the shrunk image as a Blob; rejects with an Error the browser gave. */
export async function shrinkImage(blob, width, height, type, quality) {
  const message = { id: ++next, blob, width, height, type, quality };
  worker ??= start();
  const w = await worker;
  if (!w) return shrink(message);
  return new Promise((resolve, reject) => {
    waiting.set(message.id, { resolve, reject, message });
    w.postMessage(message);
  });
}
