/**
 * Text normalisation for the classifier.
 *
 * Two views of the review are produced:
 * - `lite`: the original with full-width ASCII folded to half-width, A–Z lower-cased and traditional
 *   characters replaced by simplified ones (t2s.ts). Every change is one UTF-16 unit for one UTF-16 unit,
 *   so `lite[i]` corresponds to `original[i]` and offsets need no mapping. Used for links, phone numbers,
 *   IDs and for splitting into clauses.
 * - `compact`: `lite` without zero-width characters and emoji variation selectors, and without the
 *   separators used to disguise words (`s b`, `s.b`, `傻*逼`, `c-n-m`). `map[k]` is the index in the
 *   original text of `compact[k]`, so a match `[s, e)` in `compact` is `[map[s], map[e-1] + 1)` in the
 *   original (the original slice then includes the removed separators).
 */
import { T2S_SIMPLIFIED, T2S_TRADITIONAL } from './t2s';

export interface Normalized {
  readonly original: string;
  readonly lite: string;
  readonly compact: string;
  /** compact index → original UTF-16 index */
  readonly map: Int32Array;
}

/** One table for every per-unit fold: width, case, traditional → simplified. */
const FOLD = buildFoldTable();

function buildFoldTable(): Uint16Array {
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = c;
  for (let c = 0xff01; c <= 0xff5e; c++) t[c] = c - 0xfee0; // full-width ASCII → half-width
  t[0x3000] = 0x20; // ideographic space
  for (let c = 0x41; c <= 0x5a; c++) t[c] = c + 0x20; // A–Z → a–z
  for (let c = 0xff21; c <= 0xff3a; c++) t[c] = c - 0xfee0 + 0x20; // Ａ–Ｚ → a–z
  for (let i = 0; i < T2S_TRADITIONAL.length; i++) t[T2S_TRADITIONAL.charCodeAt(i)] = T2S_SIMPLIFIED.charCodeAt(i);
  return t;
}

/** Fold one UTF-16 unit (width, case, traditional → simplified). */
export function foldUnit(c: number): number {
  return FOLD[c] ?? c;
}

/** ASCII letters and CJK ideographs: the characters a disguise separator sits between. */
function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/** Invisible characters: zero-width spaces and joiners, soft hyphen, BOM, emoji variation selectors. */
function isInvisible(c: number): boolean {
  return (c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff || c === 0x00ad || c === 0xfe0f || c === 0xfe0e;
}

/** Characters inserted between letters to dodge filters. Chinese punctuation is not included: it separates clauses. */
function isSeparator(c: number): boolean {
  switch (c) {
    case 0x20: // space (ideographic space is folded to it)
    case 0x09: // tab
    case 0xa0: // nbsp
    case 0x2e: // .
    case 0x2a: // *
    case 0xb7: // ·
    case 0x2022: // •
    case 0x2d: // -
    case 0x5f: // _
    case 0x7e: // ~
    case 0x5e: // ^
    case 0x2f: // /
    case 0x5c: // \
    case 0x7c: // |
    case 0x2b: // +
    case 0x3d: // =
    case 0x23: // #
    case 0x60: // `
    case 0xd7: // ×
    case 0x2606: // ☆
    case 0x2605: // ★
      return true;
    default:
      return false;
  }
}

// Reused buffers: normalisation runs for every review, so avoid per-call allocation where possible.
let liteBuf = new Uint16Array(256);
let outBuf = new Uint16Array(256);
let mapBuf = new Int32Array(256);

function ensure(n: number): void {
  if (liteBuf.length >= n) return;
  let size = liteBuf.length;
  while (size < n) size *= 2;
  liteBuf = new Uint16Array(size);
  outBuf = new Uint16Array(size);
  mapBuf = new Int32Array(size);
}

function unitsToString(buf: Uint16Array, n: number): string {
  if (n <= 8192) return String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]);
  let s = '';
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  return s;
}

export function normalize(original: string): Normalized {
  const n = original.length;
  ensure(n + 1);
  const lite = liteBuf;
  for (let i = 0; i < n; i++) lite[i] = FOLD[original.charCodeAt(i)] ?? 0;
  const liteStr = unitsToString(lite, n);

  const out = outBuf;
  const map = mapBuf;
  let k = 0;
  let i = 0;
  while (i < n) {
    const c = lite[i] ?? 0;
    if (isInvisible(c)) {
      i++;
      continue;
    }
    if (isSeparator(c)) {
      let j = i;
      while (j < n && (isSeparator(lite[j] ?? 0) || isInvisible(lite[j] ?? 0))) j++;
      const prev = k > 0 ? (out[k - 1] ?? 0) : -1;
      const next = j < n ? (lite[j] ?? 0) : -1;
      if (prev >= 0 && next >= 0 && isLetter(prev) && isLetter(next)) {
        i = j; // disguise separator between two letters: drop it
        continue;
      }
      for (let m = i; m < j; m++) {
        const cm = lite[m] ?? 0;
        if (isInvisible(cm)) continue;
        out[k] = cm;
        map[k] = m;
        k++;
      }
      i = j;
      continue;
    }
    out[k] = c;
    map[k] = i;
    k++;
    i++;
  }
  return { original, lite: liteStr, compact: unitsToString(out, k), map: map.slice(0, k) };
}

/** Map a `[start, end)` span of `compact` to the original text. */
export function compactSpanToOriginal(nz: Normalized, start: number, end: number): [number, number] {
  const a = nz.map[start] ?? 0;
  const last = nz.map[end - 1] ?? a;
  let b = last + 1;
  // Keep surrogate pairs whole (an emoji is two UTF-16 units).
  const code = nz.original.charCodeAt(last);
  if (code >= 0xd800 && code <= 0xdbff && b < nz.original.length) b++;
  return [a, b];
}
