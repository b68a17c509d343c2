import { createToolbar, findToolbar, placeToolbar, rekeyToolbar, setCaptureButtonState } from '../../lib/detection/captureToolbar';
import { REVIEW_ATTR } from '../../lib/detection/reviewScanner';
import { captureReviewEvidence } from '../../lib/evidence/captureReview';
import { sendMessage, type RuntimePort } from '../../lib/messaging/channel';
import type { ReviewIdentity, ReviewPageAdapter } from '../../lib/platforms/types';
import { formatShanghai } from '../../lib/time/shanghai';
import type { CaseState, ObservedPageJson, ReviewSnapshot } from '../../lib/schemas';

/** The page's own JSON for a review, when the network tap observed it (see lib/detection/observedItems.ts). */
export type PageJsonFor = (snapshot: ReviewSnapshot) => { pageJson: ObservedPageJson | null; pageJsonNote: string | null };

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
  pageJsonFor: PageJsonFor,
  onSaved: (saved: CapturedReview) => void = () => {},
): void {
  const existing = findToolbar(review.toolbarHost);
  if (existing) {
    rekeyToolbar(existing, review.key);
    return;
  }
  const bar = createToolbar(document, review.key, (button) => void captureReview(adapter, root, button, pageJsonFor, onSaved));
  placeToolbar(review, bar);
}

async function captureReview(
  adapter: ReviewPageAdapter,
  root: Element,
  button: HTMLButtonElement,
  pageJsonFor: PageJsonFor,
  onSaved: (saved: CapturedReview) => void,
): Promise<void> {
  setCaptureButtonState(button, 'saving');
  try {
    // Read the review again at click time: the page may have re-rendered it since the scan.
    const reviewRoot = root.isConnected ? root : button.closest(`[${REVIEW_ATTR}]`);
    const review = reviewRoot ? adapter.extract(reviewRoot, location.href) : null;
    if (!review) throw new Error('这条评价已从页面上消失或无法读取，请刷新后重试');
    const runtime = browser.runtime as unknown as RuntimePort;

    // Pixel-exact first when the seller allowed it in the side panel; else (or if it fails) html2canvas, said so.
    const pixel = await sendMessage(runtime, 'capture-pixel', { reviewKey: review.snapshot.key }).catch(
      (error: unknown) => ({ method: 'unavailable' as const, reason: `像素级截图不可用：${error instanceof Error ? error.message : String(error)}` }),
    );
    if (pixel.method === 'pixel') {
      const saved = pixel.saved;
      button.setAttribute('data-rg-sha256', saved.sha256);
      button.setAttribute('data-rg-method', 'pixel');
      button.removeAttribute('data-rg-fallback');
      onSaved({ key: saved.caseKey, state: saved.state, status: review.snapshot.platformStatus });
      setCaptureButtonState(
        button,
        'saved',
        `${formatShanghai(Date.now(), 'HH:mm:ss')} 像素级截图已存证 · SHA-256 ${saved.sha256.slice(0, 8)}… · 点工具栏图标查看`,
      );
      return;
    }

    // A failed pixel attempt may have marked the button: still saving. It may have scrolled: read the review again.
    setCaptureButtonState(button, 'saving');
    const again = (reviewRoot?.isConnected ? adapter.extract(reviewRoot, location.href) : null) ?? review;
    const { renderMs, ...payload } = await captureReviewEvidence(again, {
      pageUrl: location.href,
      pageTitle: document.title,
      extensionVersion: browser.runtime.getManifest().version,
      userAgent: navigator.userAgent,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      nowMs: () => Date.now(),
      ...pageJsonFor(again.snapshot),
    });
    const saved = await sendMessage(runtime, 'capture-review', { review: again.snapshot, ...payload });
    button.setAttribute('data-rg-sha256', saved.sha256);
    button.setAttribute('data-rg-method', 'html2canvas');
    button.setAttribute('data-rg-fallback', pixel.reason);
    onSaved({ key: saved.caseKey, state: saved.state, status: again.snapshot.platformStatus });
    button.setAttribute('data-rg-render-ms', renderMs.toFixed(1));
    setCaptureButtonState(
      button,
      'saved',
      `${formatShanghai(Date.now(), 'HH:mm:ss')} 已存证（渲染截图）· SHA-256 ${saved.sha256.slice(0, 8)}… · ${pixel.reason}`,
    );
  } catch (error) {
    setCaptureButtonState(button, 'error', error instanceof Error ? error.message : String(error));
  }
}
