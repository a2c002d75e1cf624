// Copying an image to the system clipboard (the async Clipboard API).

/** Whether this browser can put images on the clipboard. */
export function canCopyImages() {
  return typeof ClipboardItem !== 'undefined' && typeof navigator.clipboard?.write === 'function';
}

/** Puts the PNG that `png` (a Promise of a Blob) resolves to on the clipboard. The item is made at
 * once, inside the click, as Safari requires; its bytes may follow. Rejects with the browser's error. */
export function copyImage(png) {
  return navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
}

/** Puts `text` on the clipboard; rejects with the browser's error (or a TypeError without the API). */
export function copyText(text) {
  if (typeof navigator.clipboard?.writeText !== 'function') return Promise.reject(new TypeError('no clipboard'));
  return navigator.clipboard.writeText(text);
}
