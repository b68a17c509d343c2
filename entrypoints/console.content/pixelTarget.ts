/**
 * Content-script half of the pixel-exact capture (context menu 采集证据（像素级） or the keyboard shortcut): remembers
 * which review the seller right-clicked or points at, brings it into view, hides our own button, and tells the
 * background where the review is on screen. The background takes the screenshot (content scripts cannot).
 */
import { classifyReview } from '../../lib/classify';
import { setCaptureButtonState } from '../../lib/detection/captureToolbar';
import { REVIEW_ATTR, UI_ATTR } from '../../lib/detection/reviewScanner';
import { findPersonalData } from '../../lib/export/privacy';
import { measureText } from '../../lib/evidence/textBoxes';
import { registerTabHandlers } from '../../lib/messaging/tabChannel';
import type { ReviewPageAdapter } from '../../lib/platforms/types';
import type { PixelBox, PixelCaptureTarget } from '../../lib/schemas';
import { decidingPhraseTexts } from '../../lib/evidence/decidingPhrases';
import type { PageJsonFor } from './capture';

const CONTEXT_MENU_FRESH_MS = 30_000;
const SHADOW_MARGIN_PX = 8;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * The page's own fixed or sticky elements under the point (x, y): for each element there, its nearest fixed or sticky
 * ancestor (ours excluded). Looked up with elementsFromPoint (a few points), not by styling every element of a
 * 1,000-review page.
 */
function fixedAt(x: number, y: number): Element[] {
  const found: Element[] = [];
  for (const el of document.elementsFromPoint(x, y)) {
    for (let e: Element | null = el; e && e !== document.body && e !== document.documentElement; e = e.parentElement) {
      if (e.hasAttribute(UI_ATTR)) break;
      const position = getComputedStyle(e).position;
      if (position !== 'fixed' && position !== 'sticky') continue;
      found.push(e);
      break;
    }
  }
  return found;
}

/** How far down the page's own fixed or sticky bars reach at the top of the window above `x` (CSS px). */
function fixedTopInset(x: number): number {
  let inset = 0;
  for (let round = 0; round < 3; round++) {
    let next = inset;
    for (const e of fixedAt(x, inset + 1)) {
      const r = e.getBoundingClientRect();
      if (r.top <= inset + 1 && r.bottom > next && r.height < innerHeight / 2) next = r.bottom;
    }
    if (next <= inset) break;
    inset = next;
  }
  // Fixed bars usually cast a shadow a few pixels below themselves: keep those rows out of every segment too.
  return inset > 0 ? inset + SHADOW_MARGIN_PX : 0;
}

/** How far up the page's own fixed bars reach from the bottom of the window above `x` (CSS px). */
function fixedBottomInset(x: number): number {
  let top = innerHeight;
  for (const e of fixedAt(x, innerHeight - 2)) {
    const r = e.getBoundingClientRect();
    if (r.bottom >= innerHeight - 2 && r.height < innerHeight / 2) top = Math.min(top, r.top);
  }
  return top < innerHeight ? innerHeight - top + SHADOW_MARGIN_PX : 0;
}

/**
 * The page's tall, narrow fixed or sticky bars (side menus): in a stitched page they would repeat on every screen, so
 * they are drawn on the first screen only.
 */
function fixedSideBars(): HTMLElement[] {
  const found = new Set<HTMLElement>();
  for (const x of [4, innerWidth - 24]) {
    for (const e of fixedAt(x, innerHeight / 2)) {
      const r = e.getBoundingClientRect();
      // Narrow and tall: a side menu (a sticky table header or a top bar is wide and short).
      if (r.height >= innerHeight / 3 && r.width < innerWidth / 2 && e instanceof HTMLElement) found.add(e);
    }
  }
  return [...found];
}

/** Whether the element sits in an area that scrolls inside the page rather than with the window. */
function inInnerScroller(el: Element): boolean {
  for (let e = el.parentElement; e && e !== document.body && e !== document.documentElement; e = e.parentElement) {
    if (e.scrollHeight > e.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(e).overflowY)) return true;
  }
  return false;
}

function unionRect(parts: readonly Element[]) {
  const rects = parts.map((p) => p.getBoundingClientRect());
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  return { rects, left, top, right: Math.max(...rects.map((r) => r.right)), bottom: Math.max(...rects.map((r) => r.bottom)) };
}

export function setupPixelCaptureTarget(currentAdapter: () => ReviewPageAdapter | null, pageJsonFor: PageJsonFor): void {
  let contextTarget: { node: Node; atMs: number } | null = null;
  let pointer: { x: number; y: number } | null = null;
  const hidden = new Map<string, HTMLElement[]>();
  /** Side menus hidden below the first screen of a whole-page capture, with their own opacity to put back. */
  const sideBarsHidden = new Map<string, { el: HTMLElement; opacity: string }[]>();
  const active = new Map<string, { parts: Element[]; scrollY: number }>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  document.addEventListener('contextmenu', (e) => {
    if (e.target instanceof Node) contextTarget = { node: e.target, atMs: Date.now() };
  }, { capture: true, passive: true });
  document.addEventListener('pointermove', (e) => {
    pointer = { x: e.clientX, y: e.clientY };
  }, { capture: true, passive: true });

  const findRoot = (adapter: ReviewPageAdapter, trigger: string, reviewKey?: string): Element | null => {
    if (trigger === 'button') return reviewKey ? document.querySelector(`[${REVIEW_ATTR}="${CSS.escape(reviewKey)}"]`) : null;
    if (contextTarget && (trigger !== 'shortcut' || Date.now() - contextTarget.atMs < CONTEXT_MENU_FRESH_MS)) {
      const root = contextTarget.node.isConnected ? adapter.closestRoot(contextTarget.node) : null;
      if (root) return root;
    }
    const under = pointer ? document.elementFromPoint(pointer.x, pointer.y) : null;
    return under ? adapter.closestRoot(under) : null;
  };

  registerTabHandlers(browser.runtime.onMessage as never, {
    'pixel-capture-prepare': async ({ trigger, scope, reviewKey }) => {
      const adapter = currentAdapter();
      if (!adapter) throw new Error('此页面不是支持的评价页');
      const root = findRoot(adapter, trigger, reviewKey);
      if (!root) throw new Error('请先在要采集的评价上点右键，或把鼠标停在评价上再按快捷键');
      const review = adapter.extract(root, location.href);
      if (!review) throw new Error('这条评价无法读取，请刷新后重试');
      const scrollY = window.scrollY;
      const first = review.parts[0] as HTMLElement;
      first.scrollIntoView({ block: 'nearest' });
      // Fixed headers cover the top of the window: bring the review's top just below them.
      const placed = unionRect(review.parts);
      const topInset = fixedTopInset(Math.min(Math.max(placed.left + 4, 0), innerWidth - 1));
      if (placed.top < topInset || (placed.bottom > innerHeight && placed.top > topInset)) window.scrollBy(0, placed.top - topInset);
      active.set(review.snapshot.key, { parts: review.parts, scrollY });
      const toolbars =
        scope !== 'element'
          ? Array.from(document.querySelectorAll<HTMLElement>(`[${UI_ATTR}]`))
          : review.parts.flatMap((p) => Array.from(p.querySelectorAll<HTMLElement>(`[${UI_ATTR}]`)));
      // opacity hides the whole subtree; visibility would not (the button resets its styles with `all:initial`).
      for (const t of toolbars) t.style.opacity = '0';
      hidden.set(review.snapshot.key, toolbars);
      await nextFrame();
      await nextFrame();

      const { rects, left, top, right, bottom } = unionRect(review.parts);
      const classification = classifyReview({ text: review.snapshot.text, rating: review.snapshot.stars, platform: review.snapshot.platform });
      const phraseNeedles = decidingPhraseTexts(classification);
      const privacyNeedles = [review.snapshot.buyerNick ?? '', ...findPersonalData(review.snapshot.text)];
      const boxesFor = (needles: string[]): PixelBox[] =>
        review.parts.flatMap((part, i) =>
          measureText(part, needles).map((b) => ({ ...b, x: b.x + rects[i]!.left - left, y: b.y + rects[i]!.top - top, label: b.label.slice(0, 500) })),
        );
      const target: PixelCaptureTarget = {
        review: review.snapshot,
        rect: { x: left, y: top, width: right - left, height: bottom - top },
        devicePixelRatio: devicePixelRatio,
        // innerWidth includes the scrollbar, as the screenshot does.
        viewport: { width: innerWidth, height: innerHeight },
        phraseBoxes: boxesFor(phraseNeedles),
        privacyBoxes: boxesFor(privacyNeedles),
        topInset,
        clipped: null,
        notRendered: [],
        ...pageJsonFor(review.snapshot),
        ...(scope === 'page'
          ? {
              page: {
                height: Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0, innerHeight),
                scrollY: window.scrollY,
                innerScroll: inInnerScroller(first),
                fixedSideBar: fixedSideBars().length > 0,
              },
            }
          : {}),
        pageUrl: location.href,
        pageTitle: document.title.slice(0, 1000),
        extensionVersion: browser.runtime.getManifest().version,
        userAgent: navigator.userAgent.slice(0, 1000),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      };
      // Nothing of ours may stay hidden if the background never answers (each scroll step extends the wait).
      keepHidden(review.snapshot.key);
      return target;
    },
    'pixel-capture-scroll': async ({ reviewKey, by }) => {
      const state = active.get(reviewKey);
      if (!state) throw new Error('截图已结束');
      keepHidden(reviewKey);
      window.scrollBy(0, by);
      await nextFrame();
      await nextFrame();
      const { left, top, right, bottom } = unionRect(state.parts);
      return { rect: { x: left, y: top, width: right - left, height: bottom - top } };
    },
    'pixel-capture-scroll-to': async ({ reviewKey, y }) => {
      if (!active.has(reviewKey)) throw new Error('截图已结束');
      keepHidden(reviewKey);
      if (y <= 0) restoreSideBars(reviewKey);
      else if (!sideBarsHidden.has(reviewKey)) {
        const bars = fixedSideBars().map((el) => ({ el, opacity: el.style.opacity }));
        for (const b of bars) b.el.style.opacity = '0';
        sideBarsHidden.set(reviewKey, bars);
      }
      window.scrollTo({ top: Math.max(0, y), behavior: 'instant' });
      await nextFrame();
      await nextFrame();
      const x = Math.floor(innerWidth / 2);
      return { scrollY: window.scrollY, topInset: fixedTopInset(x), bottomInset: fixedBottomInset(x) };
    },
    'pixel-capture-finish': async ({ reviewKey, ok, message, sha256 }) => {
      const restored = restore(reviewKey);
      const state = active.get(reviewKey);
      if (state) window.scrollTo({ top: state.scrollY, behavior: 'instant' });
      active.delete(reviewKey);
      const button = document.querySelector<HTMLButtonElement>(`[data-rg-action="capture"][data-rg-for="${CSS.escape(reviewKey)}"]`);
      if (button) {
        if (sha256) button.setAttribute('data-rg-sha256', sha256);
        if (ok) button.setAttribute('data-rg-method', 'pixel');
        setCaptureButtonState(button, ok ? 'saved' : 'error', message);
      }
      return { restored };
    },
  });

  function keepHidden(key: string): void {
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => restore(key), 10_000));
  }

  function restoreSideBars(key: string): void {
    for (const b of sideBarsHidden.get(key) ?? []) b.el.style.opacity = b.opacity;
    sideBarsHidden.delete(key);
  }

  function restore(key: string): boolean {
    clearTimeout(timers.get(key));
    timers.delete(key);
    restoreSideBars(key);
    const toolbars = hidden.get(key);
    if (!toolbars) return false;
    for (const t of toolbars) t.style.opacity = '';
    hidden.delete(key);
    return true;
  }
}
