// Real PNG images for the test provider: a diagonal gradient of the requested size.
import zlib from 'node:zlib';

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/**
 * A `width` x `height` RGB PNG fading from colour `a` to colour `b`. With `grain` (0..255), each channel
 * (on every third pixel) gets up to that much deterministic noise, so the file is about as large as a
 * generated image of that size: a 4096 px square with grain 1 is about 11 MB, 15 MB as base64.
 */
export function png(width, height, a = [242, 194, 48], b = [120, 72, 200], { grain = 0 } = {}) {
  const row = 1 + width * 3;
  const raw = Buffer.alloc(row * height);
  let seed = 0x9e3779b9;
  const noise = () => {
    seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
    return ((seed >>> 0) % (grain + 1)) - (grain >> 1);
  };
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0;
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      const o = y * row + 1 + x * 3;
      const n = grain && x % 3 === 0;
      raw[o] = a[0] + (b[0] - a[0]) * t + (n ? noise() : 0);
      raw[o + 1] = a[1] + (b[1] - a[1]) * t + (n ? noise() : 0);
      raw[o + 2] = a[2] + (b[2] - a[2]) * t + (n ? noise() : 0);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Width and height for an aspect ratio ("16:9") and a long edge in pixels. */
export function dims(ratio, longEdge) {
  const [w, h] = (ratio && ratio !== 'auto' ? ratio : '1:1').split(':').map(Number);
  if (!w || !h) return [longEdge, longEdge];
  return w >= h ? [longEdge, Math.max(1, Math.round((longEdge * h) / w))] : [Math.max(1, Math.round((longEdge * w) / h)), longEdge];
}

/** Two colours from a string, so different prompts give different images. */
export function colours(text) {
  let h = 2166136261;
  for (const c of String(text)) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return [
    [h & 255, (h >>> 8) & 255, (h >>> 16) & 255],
    [255 - (h & 255), 255 - ((h >>> 8) & 255), (h >>> 24) & 255],
  ];
}
