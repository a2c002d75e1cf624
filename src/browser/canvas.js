// Drawing the annotation editor's marks: the operations the pure core works out (`studio::annotate`,
// as JSON), carried out on a canvas. The screen's canvas draws them scaled to its own pixels; the copy
// that is sent is the image and the marks together, at the image's full resolution.

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

/**
 * The image in `blob` with `ops` (JSON) drawn over it, at its full `width`×`height`, as a PNG Blob.
 * Decoding and encoding happen off the main thread (createImageBitmap, convertToBlob).
 */
export async function flatten(blob, width, height, json) {
  const bitmap = await createImageBitmap(blob);
  const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height) : Object.assign(document.createElement('canvas'), { width, height });
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close?.();
  run(ctx, JSON.parse(json), 1);
  if (canvas.convertToBlob) return canvas.convertToBlob({ type: 'image/png' });
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the image'))), 'image/png'));
}
