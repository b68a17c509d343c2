/**
 * Text normalisation for the classifier.
 *
 * Two views of the review are produced:
 * - `lite`: the original with full-width ASCII folded to half-width and A–Z lower-cased.
 *   Every change is one UTF-16 unit for one UTF-16 unit, so `lite[i]` corresponds to
 *   `original[i]` and offsets need no mapping. Used for links, phone numbers, IDs and
 *   for splitting into clauses.
 * - `compact`: `lite` without zero-width characters and without the separators used to
 *   disguise words (`s b`, `s.b`, `傻*逼`, `c-n-m`). `map[k]` is the index in the original
 *   text of `compact[k]`, so a match `[s, e)` in `compact` is `[map[s], map[e-1] + 1)` in
 *   the original (the original slice then includes the removed separators).
 */
export interface Normalized {
  readonly original: string;
  readonly lite: string;
  readonly compact: string;
  /** compact index → original UTF-16 index */
  readonly map: Int32Array;
}

function foldCode(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0; // full-width ASCII → half-width
  else if (c === 0x3000) c = 0x20; // ideographic space
  if (c >= 0x41 && c <= 0x5a) c += 0x20; // A–Z → a–z
  return c;
}

/** ASCII letters and CJK ideographs: the characters a disguise separator sits between. */
function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

function isZeroWidth(c: number): boolean {
  return (c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff || c === 0x00ad;
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

export function normalize(original: string): Normalized {
  const n = original.length;
  const liteCodes = new Array<number>(n);
  for (let i = 0; i < n; i++) liteCodes[i] = foldCode(original.charCodeAt(i));
  const lite = codesToString(liteCodes);

  const out: number[] = [];
  const map: number[] = [];
  let i = 0;
  while (i < n) {
    const c = liteCodes[i] ?? 0;
    if (isZeroWidth(c)) {
      i++;
      continue;
    }
    if (isSeparator(c)) {
      let j = i;
      while (j < n && (isSeparator(liteCodes[j] ?? 0) || isZeroWidth(liteCodes[j] ?? 0))) j++;
      const prev = out.length > 0 ? (out[out.length - 1] ?? 0) : -1;
      const next = j < n ? (liteCodes[j] ?? 0) : -1;
      if (prev >= 0 && next >= 0 && isLetter(prev) && isLetter(next)) {
        i = j; // disguise separator between two letters: drop it
        continue;
      }
      for (let k = i; k < j; k++) {
        const ck = liteCodes[k] ?? 0;
        if (isZeroWidth(ck)) continue;
        out.push(ck);
        map.push(k);
      }
      i = j;
      continue;
    }
    out.push(c);
    map.push(i);
    i++;
  }
  return { original, lite, compact: codesToString(out), map: Int32Array.from(map) };
}

function codesToString(codes: readonly number[]): string {
  // Chunked to stay below the engine's argument-count limit on long texts.
  let s = '';
  for (let i = 0; i < codes.length; i += 4096) {
    s += String.fromCharCode(...codes.slice(i, i + 4096));
  }
  return s;
}

/** Map a `[start, end)` span of `compact` to the original text. */
export function compactSpanToOriginal(nz: Normalized, start: number, end: number): [number, number] {
  const a = nz.map[start] ?? 0;
  const last = nz.map[end - 1] ?? a;
  return [a, last + 1];
}
