/**
 * Small generated PNGs that stand in for platform CDN images (review pictures, goods thumbnails, avatars), so
 * fixture pages look plausible and evidence capture has real pixels to draw, without any network.
 * Deterministic: the same URL always yields the same bytes.
 */
import { deflateSync } from 'node:zlib';

export type PlaceholderKind = 'photo' | 'goods' | 'avatar';

type Rgb = readonly [number, number, number];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes an RGB image (8-bit, no alpha) as PNG. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let o = 0;
  for (let y = 0; y < height; y++) {
    raw[o++] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw[o++] = r;
      raw[o++] = g;
      raw[o++] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function hsl(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const k = Math.max(0, Math.min(1, t));
  return [
    Math.round(a[0] + (b[0] - a[0]) * k),
    Math.round(a[1] + (b[1] - a[1]) * k),
    Math.round(a[2] + (b[2] - a[2]) * k),
  ];
}

/** 1 inside, 0 outside, with a one-pixel soft edge. */
function coverage(distanceOutside: number): number {
  return Math.max(0, Math.min(1, 0.5 - distanceOutside));
}

function roundedRectDistance(x: number, y: number, cx: number, cy: number, hw: number, hh: number, r: number): number {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function renderPlaceholder(kind: PlaceholderKind, key: string): Buffer {
  const h = hashString(key);
  const hue = h % 360;
  if (kind === 'avatar') {
    const size = 64;
    const grey = key.includes('anonymous');
    const bg = grey ? hsl(0, 0, 0.86) : hsl(hue, 0.45, 0.82);
    const fg = grey ? hsl(0, 0, 0.97) : hsl(hue, 0.5, 0.95);
    return encodePng(size, size, (x, y) => {
      const head = coverage(Math.hypot(x - 32, y - 25) - 11);
      const body = coverage(Math.hypot((x - 32) / 1.15, y - 62) - 22);
      return mix(bg, fg, Math.max(head, body));
    });
  }
  if (kind === 'goods') {
    const size = 160;
    const bg: Rgb = [248, 248, 250];
    const item = hsl(hue, 0.55, 0.62);
    const light = hsl(hue, 0.6, 0.8);
    return encodePng(size, size, (x, y) => {
      const shadow = Math.exp(-(((x - 80) / 46) ** 2 + ((y - 136) / 6) ** 2)) * 0.18;
      let c = mix(bg, [120, 120, 130], shadow);
      const body = coverage(roundedRectDistance(x, y, 80, 78, 38, 54, 16));
      const shine = coverage(roundedRectDistance(x, y, 64, 60, 8, 30, 8)) * 0.55;
      c = mix(c, mix(item, light, (y - 24) / 200), body);
      return mix(c, [255, 255, 255], shine * body);
    });
  }
  // photo: a buyer-show style snapshot: soft backdrop, an object, its shadow
  const size = 240;
  const top = hsl((hue + 30) % 360, 0.35, 0.9);
  const bottom = hsl((hue + 30) % 360, 0.3, 0.74);
  const object = hsl(hue, 0.6, 0.55);
  const objectLight = hsl(hue, 0.7, 0.75);
  const cx = 100 + (h % 40);
  const cy = 118 + ((h >>> 8) % 24);
  const r = 58 + ((h >>> 16) % 22);
  return encodePng(size, size, (x, y) => {
    let c = mix(top, bottom, y / size);
    const shadow = Math.exp(-(((x - cx - 10) / (r * 1.1)) ** 2 + ((y - cy - r * 0.95) / (r * 0.2)) ** 2)) * 0.35;
    c = mix(c, [60, 60, 70], shadow);
    const inside = coverage(Math.hypot(x - cx, y - cy) - r);
    const lightT = Math.hypot(x - (cx - r * 0.35), y - (cy - r * 0.35)) / (r * 1.4);
    c = mix(c, mix(objectLight, object, lightT), inside);
    return c;
  });
}

const cache = new Map<string, Buffer>();
/** Distinct pictures per kind. Bounded so a 1,000-review page costs at most a few dozen encodes. */
const VARIANTS = 48;

/** PNG bytes for a placeholder; `key` (normally the image URL path) picks one of a fixed set of variants. */
export function placeholderPng(kind: PlaceholderKind, key: string): Buffer {
  const variant = kind === 'avatar' && key.includes('anonymous') ? 'anonymous' : `v${hashString(key) % VARIANTS}`;
  const id = `${kind}|${variant}`;
  let png = cache.get(id);
  if (!png) {
    png = renderPlaceholder(kind, `${kind}/${variant}`);
    cache.set(id, png);
  }
  return png;
}
