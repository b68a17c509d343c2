/**
 * Content script for the seller consoles, in every frame (Meituan loads its pages into iframes, some about:blank).
 * Picks the review or chat adapter for the frame's route, keeps every review marked with `data-rg-review` and one
 * 采集证据 button, every chat message with `data-rg-chat`, reports findings, and follows SPA route changes.
 * Only wires lib/ to the browser.
 */
import { CONSOLE_MATCH_PATTERNS, adapterForUrl, chatAdapterForUrl } from '../../lib/platforms';
import { ReviewScanner } from '../../lib/detection/reviewScanner';
import { ObservedItemCache } from '../../lib/detection/observedItems';
import type { ReviewPageAdapter } from '../../lib/platforms/types';
import type { ReviewSnapshot } from '../../lib/schemas';
import { ensureUiStyles } from '../../lib/detection/captureToolbar';
import { mountCaptureToolbar } from './capture';
import { setupPixelCaptureTarget } from './pixelTarget';
import { startChatScanner } from './chat';
import { FindingsReporter } from './findings';
import { startChatPageWatch, startReviewPageWatch } from './pageWatch';

/** An about:blank / srcdoc frame belongs to its parent's page (same origin by definition). */
function frameUrl(): string {
  if (location.protocol !== 'about:') return location.href;
  try {
    return window.parent.location.href;
  } catch {
    return location.href;
  }
}

function isRenderClone(): boolean {
  try {
    return window.frameElement?.classList.contains('html2canvas-container') ?? false;
  } catch {
    return false;
  }
}

export default defineContentScript({
  matches: CONSOLE_MATCH_PATTERNS,
  runAt: 'document_idle',
  // Meituan loads its review page into an iframe of the 开店宝 shell, and its chat into about:blank frames
  // (seller-consoles.md §4); these flags only take effect in `wxt build` output (stack-notes §11).
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  main(ctx) {
    // The renderer's own clone of the page (an about:blank iframe html2canvas-pro adds during a capture) is not a
    // console page: scanning it would draw our marks and buttons into the evidence image.
    if (isRenderClone()) return;
    let active: { id: string; stop(): void; adapter?: ReviewPageAdapter } | null = null;
    // Looked up each time: a frame written with document.open() gets a new documentElement.
    const markers = {
      setAttribute: (name: string, value: string) => document.documentElement.setAttribute(name, value),
      removeAttribute: (name: string) => document.documentElement.removeAttribute(name),
    };
    const root = markers;
    // The page's own list items by id (from the MAIN-world tap), for the capture record's pageJson.
    const observed = new ObservedItemCache();
    const reporter = new FindingsReporter(frameUrl, undefined, observed);
    const pageJsonFor = (snapshot: ReviewSnapshot) => observed.forReview(snapshot);

    const activate = () => {
      try {
        const url = frameUrl();
        const adapter = adapterForUrl(url);
        const chat = adapter ? undefined : chatAdapterForUrl(url);
        const id = adapter?.id ?? chat?.id ?? null;
        if (active?.id === id && id !== null) return;
        active?.stop();
        active = null;
        root.removeAttribute('data-rg-adapter');
        if (adapter) {
          const selectors = Object.values(adapter.selectors);
          const watch = startReviewPageWatch(adapter, reporter);
          const scanner = new ReviewScanner({
            adapter,
            document,
            mountToolbar: (review, reviewRoot) =>
              mountCaptureToolbar(adapter, review, reviewRoot, pageJsonFor, (saved) => watch.noteCaptured(saved.key, saved.state, saved.status)),
            // Read by tests and the benchmark: content scripts are otherwise invisible to the page.
            onScan: (stats) => {
              root.setAttribute('data-rg-found', String(stats.found));
              root.setAttribute('data-rg-scan-ms', stats.ms.toFixed(2));
              if (stats.unreadable) root.setAttribute('data-rg-unreadable', String(stats.unreadable));
              watch.afterScan(stats.full ? undefined : stats.changed);
              // Reviews live in this document's light DOM (the scanner does not enter shadow roots): one stylesheet
              // there styles every toolbar of the pass — put back if the page dropped it (a router rewriting <head>).
              ensureUiStyles(document);
              reporter.update({
                adapter: adapter.id,
                platform: adapter.platform,
                surface: 'review',
                selectors,
                domCount: stats.found,
                keyed: stats.found - stats.unreadable,
                unreadable: stats.unreadable,
                flagged: 0,
                scanMs: stats.ms,
                countOrderNumbers: adapter.platform !== 'dianping',
              });
            },
            onError: (error) => console.debug('[差评卫士] 页面识别出错（已忽略，不影响页面）', error),
          });
          root.setAttribute('data-rg-adapter', adapter.id);
          scanner.start();
          active = { id: adapter.id, adapter, stop: () => (scanner.stop(), watch.stop()) };
        } else if (chat) {
          root.setAttribute('data-rg-adapter', chat.id);
          let watch: ReturnType<typeof startChatPageWatch> | null = null;
          const scanner = startChatScanner(chat, reporter, frameUrl, () => watch?.afterScan());
          // The scopes of the scanner's last pass: the watch and the send guard need not walk the page for them again.
          watch = startChatPageWatch(chat, () => scanner.lastPass().scopes, reporter);
          active = { id: chat.id, stop: () => (scanner.stop(), watch?.stop()) };
        }
      } catch (error) {
        console.debug('[差评卫士] 启动失败', error);
      }
    };

    setupPixelCaptureTarget(() => active?.adapter ?? null, pageJsonFor);
    activate();
    ctx.addEventListener(window, 'wxt:locationchange', activate);
    // WXT notices pushState routes by polling (about once a second); hash routes can switch at once.
    ctx.addEventListener(window, 'hashchange', activate);
    ctx.addEventListener(window, 'popstate', activate);
    ctx.onInvalidated(() => active?.stop());
  },
});
