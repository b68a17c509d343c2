/** Small plain-text helpers for drafts. Drafts are text, never HTML: nothing here escapes or strips markup. */

/** Length as a form's `maxlength` counts it (UTF-16 code units); never less than the visible character count. */
export function countChars(text: string): number {
  return text.length;
}

/**
 * Cuts `text` to at most `maxUnits` UTF-16 units, ending with `…` when cut. Never splits a surrogate pair.
 * Returns '' when even `…` does not fit.
 */
export function truncateWithEllipsis(text: string, maxUnits: number): string {
  if (countChars(text) <= maxUnits) return text;
  if (maxUnits < 1) return '';
  let kept = '';
  for (const codePoint of text) {
    if (countChars(kept) + codePoint.length + 1 > maxUnits) break;
    kept += codePoint;
  }
  return `${kept.trimEnd()}…`;
}

/**
 * Makes someone else's words fit a calm, single-line draft: whitespace runs become one space and exclamation
 * marks become a comma (or disappear at the end). The screenshot keeps the original wording.
 */
export function calmText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[!！]+\s*$/u, '')
    .replace(/[!！]+\s*/gu, '，')
    .replace(/，(?=[，。？、；：,.?;:）)]|$)/gu, '')
    .trim();
}

/** Words quoted inside our “…”: their own double quotes become single ones, as Chinese typesetting nests them. */
export function nested(text: string): string {
  return text.replace(/“/g, '‘').replace(/”/g, '’');
}
