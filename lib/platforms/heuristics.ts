/**
 * Text heuristics shared by the platforms: the last detection layer and the cross-check of the selector tables.
 * Pure functions over text; they never touch the DOM.
 */

/** `订单号：4502224694062011129`, `订单编号：260410-662259689903207` (8+ digits, PDD's dashed form). */
export const ORDER_NUMBER = /订单(?:编)?号\s*[：:]\s*(\d{6}-\d{15}|\d{8,})/;

/** `YYYY-MM-DD HH:mm[:ss]`, `YYYY/MM/DD`, `YYYY年M月D日 H:mm`. */
export const DATE_TIME = /(\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)/;

/** Texts the consoles show in place of a review; not the buyer's words. */
export const PLACEHOLDER_TEXTS: readonly string[] = ['此用户没有填写评价', '系统默认好评', '该用户未填写评价内容', '用户未填写评价'];

/** Row actions that only appear on reviews. */
export const REVIEW_ACTION_LABELS = /回复\/互动|评价回复|追评回复|投诉评价|投诉追评|举报|申诉|回复/;

export function isPlaceholderText(text: string): boolean {
  const t = text.trim();
  return t === '' || PLACEHOLDER_TEXTS.includes(t);
}

/** Removes C0/C1 control characters (except tab and newline) and lone surrogates; keeps emoji. */
export function cleanText(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '').toWellFormed();
  if (cleaned.length <= max) return cleaned;
  // Never cut a surrogate pair in half.
  const cut = cleaned.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** FNV-1a, 8 hex chars: keys for reviews that show no id (Meituan). Stable across runs and browsers. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * How many reviews a block of page text seems to hold, judged by text alone: one per order-number label, or else one
 * per review time. Used to notice when the page shows reviews the selector tables no longer find.
 */
export function countReviewLikeBlocks(text: string): number {
  const orders = text.match(new RegExp(ORDER_NUMBER.source, 'g'))?.length ?? 0;
  return orders;
}
