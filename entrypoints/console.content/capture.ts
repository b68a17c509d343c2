import { createToolbar, ensureUiStyles, findToolbar, rekeyToolbar, setCaptureButtonState } from '../../lib/detection/captureToolbar';
import { REVIEW_ATTR } from '../../lib/detection/reviewScanner';
import { captureReviewEvidence } from '../../lib/evidence/captureReview';
import { sendMessage, type RuntimePort } from '../../lib/messaging/channel';
import type { ReviewIdentity, ReviewPageAdapter } from '../../lib/platforms/types';
import { formatShanghai } from '../../lib/time/shanghai';
import type { CaseState } from '../../lib/schemas';

/** What a saved capture tells the rest of the page (the review now has a case). */
export interface CapturedReview {
  key: string;
  state: CaseState;
  status: string | null | undefined;
}

export function mountCaptureToolbar(
  adapter: ReviewPageAdapter,
  review: ReviewIdentity,
  root: Element,
  onSaved: (saved: CapturedReview) => void = () => {},
): void {
  // Reviews are found in the light DOM of this document (the scanner does not enter shadow roots): one stylesheet
  // there covers every toolbar, and checking it per document is cheaper than finding each host's root node.
  ensureUiStyles(document);
  const existing = findToolbar(review.toolbarHost);
  if (existing) {
    rekeyToolbar(existing, review.key);
    return;
  }
  const bar = createToolbar(document, review.key, (button) => void captureReview(adapter, root, button, onSaved));
  // insertBefore, not prepend: prepend's variadic (Node | string) binding costs more, a thousand times per page.
  review.toolbarHost.insertBefore(bar, review.toolbarHost.firstChild);
}

async function captureReview(
  adapter: ReviewPageAdapter,
  root: Element,
  button: HTMLButtonElement,
  onSaved: (saved: CapturedReview) => void,
): Promise<void> {
  setCaptureButtonState(button, 'saving');
  try {
    // Read the review again at click time: the page may have re-rendered it since the scan.
    const reviewRoot = root.isConnected ? root : button.closest(`[${REVIEW_ATTR}]`);
    const review = reviewRoot ? adapter.extract(reviewRoot, location.href) : null;
    if (!review) throw new Error('这条评价已从页面上消失或无法读取，请刷新后重试');
    const { renderMs, ...payload } = await captureReviewEvidence(review, {
      pageUrl: location.href,
      pageTitle: document.title,
      extensionVersion: browser.runtime.getManifest().version,
      userAgent: navigator.userAgent,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      nowMs: () => Date.now(),
    });
    const saved = await sendMessage(browser.runtime as unknown as RuntimePort, 'capture-review', { review: review.snapshot, ...payload });
    button.setAttribute('data-rg-sha256', saved.sha256);
    onSaved({ key: saved.caseKey, state: saved.state, status: review.snapshot.platformStatus });
    button.setAttribute('data-rg-render-ms', renderMs.toFixed(1));
    setCaptureButtonState(
      button,
      'saved',
      `${formatShanghai(Date.now(), 'HH:mm:ss')} 已存证 · SHA-256 ${saved.sha256.slice(0, 8)}… · 点工具栏图标查看`,
    );
  } catch (error) {
    setCaptureButtonState(button, 'error', error instanceof Error ? error.message : String(error));
  }
}
