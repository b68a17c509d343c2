/** `已立案 · 已申诉` beside a review's 采集证据 button: the review already has a case, in this state. */
import { findToolbar } from '../detection/captureToolbar';
import { UI_ATTR } from '../detection/reviewScanner';
import type { CaseState } from '../schemas';

export const CASE_MARKER = 'case-marker';

export function placeCaseMarker(toolbarHost: Element, reviewKey: string, state: CaseState): HTMLElement | null {
  const bar = findToolbar(toolbarHost);
  if (!bar) return null;
  let marker = bar.querySelector<HTMLElement>(`[${UI_ATTR}="${CASE_MARKER}"]`);
  if (!marker) {
    marker = bar.ownerDocument.createElement('span');
    marker.setAttribute(UI_ATTR, CASE_MARKER);
    marker.style.cssText =
      'all:initial;display:inline-block;font:12px/1.5 -apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;color:#0958d9;background:#e6f4ff;border:1px solid #91caff;border-radius:3px;padding:0 6px;';
    bar.prepend(marker);
  }
  const text = `已立案 · ${state}`;
  if (marker.textContent !== text) marker.textContent = text;
  marker.setAttribute('data-rg-case-state', state);
  marker.setAttribute('data-rg-for', reviewKey);
  return marker;
}

/**
 * Markers whose review is no longer there: the page reused the row for another review (virtual lists). `scope` is
 * the document, or one review's root after the scanner re-identified it.
 */
export function removeStaleCaseMarkers(scope: ParentNode, reviewAttr: string): void {
  for (const marker of Array.from(scope.querySelectorAll(`[${UI_ATTR}="${CASE_MARKER}"]`))) {
    if (marker.closest(`[${reviewAttr}]`)?.getAttribute(reviewAttr) !== marker.getAttribute('data-rg-for')) marker.remove();
  }
}
