/** `已立案 · 已申诉` beside a review's 采集证据 button: the review already has a case, in this state. */
import { findToolbar } from '../detection/captureToolbar';
import { UI_ATTR } from '../detection/reviewScanner';
import type { CaseState } from '../schemas';

export const CASE_MARKER = 'case-marker';
const MARKER_SELECTOR = `[${UI_ATTR}="${CASE_MARKER}"]`;

/** Documents this script has put a marker into (a query for markers would walk the whole page each time). */
const marked = new WeakSet<Document>();

export function placeCaseMarker(toolbarHost: Element, reviewKey: string, state: CaseState): HTMLElement | null {
  const bar = findToolbar(toolbarHost);
  if (!bar) return null;
  let marker = bar.querySelector<HTMLElement>(MARKER_SELECTOR);
  if (!marker) {
    marker = bar.ownerDocument.createElement('span');
    // Styled by the toolbar's shared stylesheet (captureToolbar.ts), like the button beside it.
    marker.setAttribute(UI_ATTR, CASE_MARKER);
    bar.prepend(marker);
    marked.add(bar.ownerDocument);
  }
  const text = `已立案 · ${state}`;
  if (marker.textContent !== text) marker.textContent = text;
  marker.setAttribute('data-rg-case-state', state);
  marker.setAttribute('data-rg-for', reviewKey);
  return marker;
}

/** Whether this script may have put a case marker into `doc` (false: none can be stale). */
export function hasCaseMarkers(doc: Document): boolean {
  return marked.has(doc);
}

/**
 * Markers whose review is no longer there: the page reused the row for another review (virtual lists). `scope` is
 * the document, or one review's root after the scanner re-identified it.
 */
export function removeStaleCaseMarkers(scope: ParentNode, reviewAttr: string): void {
  for (const marker of Array.from(scope.querySelectorAll(MARKER_SELECTOR))) {
    if (marker.closest(`[${reviewAttr}]`)?.getAttribute(reviewAttr) !== marker.getAttribute('data-rg-for')) marker.remove();
  }
}
