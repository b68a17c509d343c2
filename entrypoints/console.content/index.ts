/**
 * Content script for the seller consoles: picks the adapter for the current route, keeps every review marked
 * with `data-rg-review` and one 采集证据 button, and follows SPA route changes. Only registers; logic is in lib/.
 */
import { CONSOLE_MATCH_PATTERNS, adapterForUrl } from '../../lib/platforms';
import type { ReviewPageAdapter } from '../../lib/platforms/types';
import { ReviewScanner } from '../../lib/detection/reviewScanner';
import { mountCaptureToolbar } from './capture';

export default defineContentScript({
  matches: CONSOLE_MATCH_PATTERNS,
  runAt: 'document_idle',
  // Meituan loads its review page into an iframe of the 开店宝 shell, and its chat into about:blank frames
  // (seller-consoles.md §4); these flags only take effect in `wxt build` output (stack-notes §11).
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  main(ctx) {
    let active: { adapter: ReviewPageAdapter; scanner: ReviewScanner } | null = null;
    const root = document.documentElement;

    const activate = () => {
      try {
        const adapter = adapterForUrl(location.href);
        if (active?.adapter === adapter) return;
        active?.scanner.stop();
        active = null;
        root.removeAttribute('data-rg-adapter');
        if (!adapter) return;
        const scanner = new ReviewScanner({
          adapter,
          document,
          mountToolbar: (review, reviewRoot) => mountCaptureToolbar(adapter, review, reviewRoot),
          // Read by tests and the benchmark: content scripts are otherwise invisible to the page.
          onScan: (stats) => {
            root.setAttribute('data-rg-found', String(stats.found));
            root.setAttribute('data-rg-scan-ms', stats.ms.toFixed(2));
            if (stats.unreadable) root.setAttribute('data-rg-unreadable', String(stats.unreadable));
          },
          onError: (error) => console.debug('[差评卫士] 页面识别出错（已忽略，不影响页面）', error),
        });
        root.setAttribute('data-rg-adapter', adapter.id);
        scanner.start();
        active = { adapter, scanner };
      } catch (error) {
        console.debug('[差评卫士] 启动失败', error);
      }
    };

    activate();
    ctx.addEventListener(window, 'wxt:locationchange', activate);
    ctx.onInvalidated(() => active?.scanner.stop());
  },
});
