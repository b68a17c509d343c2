/**
 * Finds reviews on a seller console page and keeps them marked while the page re-renders.
 *
 *   MutationObserver ──(collect targets only)──▶ dirty set ──(one batched pass per tick)──▶ adapter.extract
 *                                                                                        └▶ mark root + mount toolbar
 *
 * The observer callback does no DOM reading; all work happens in the batched pass. Nothing here throws into the page.
 */
import type { ReviewIdentity, ReviewPageAdapter } from '../platforms/types';

export const UI_ATTR = 'data-rg-ui';
export const REVIEW_ATTR = 'data-rg-review';

export interface ScanStats {
  found: number;
  extracted: number;
  unreadable: number;
  ms: number;
}

export interface ReviewScannerOptions {
  adapter: ReviewPageAdapter;
  document: Document;
  /** Mounts (or re-keys) the per-review toolbar; must mark its root element with `data-rg-ui`. */
  mountToolbar(review: ReviewIdentity, root: Element): void;
  onScan?(stats: ScanStats): void;
  onError?(error: unknown): void;
  /** Delay of the batched pass after a mutation, ms. */
  batchDelayMs?: number;
  now?: () => number;
}

function isOurUi(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest(`[${UI_ATTR}]`);
}

export class ReviewScanner {
  private readonly known = new WeakMap<Element, string>();
  private readonly dirty = new Set<Element>();
  private observer: MutationObserver | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly opts: Required<Omit<ReviewScannerOptions, 'onScan' | 'onError'>> &
    Pick<ReviewScannerOptions, 'onScan' | 'onError'>;

  constructor(options: ReviewScannerOptions) {
    this.opts = { batchDelayMs: 40, now: () => performance.now(), ...options };
  }

  start(): void {
    if (this.observer) return;
    const view = this.opts.document.defaultView;
    if (!view) return;
    this.observer = new view.MutationObserver((records) => this.collect(records));
    this.observer.observe(this.opts.document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    this.scanNow();
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Full pass: new roots, re-rendered roots and roots whose content changed. */
  scanNow(): ScanStats {
    const started = this.opts.now();
    const stats: ScanStats = { found: 0, extracted: 0, unreadable: 0, ms: 0 };
    try {
      const pageUrl = this.opts.document.location?.href ?? '';
      const roots = this.opts.adapter.findReviewRoots(this.opts.document);
      stats.found = roots.length;
      for (const root of roots) {
        const needsWork = !this.known.has(root) || this.dirty.has(root) || !root.hasAttribute(REVIEW_ATTR);
        if (!needsWork) continue;
        this.processRoot(root, pageUrl, stats);
      }
      this.dirty.clear();
    } catch (error) {
      this.opts.onError?.(error);
    }
    stats.ms = this.opts.now() - started;
    try {
      this.opts.onScan?.(stats);
    } catch (error) {
      this.opts.onError?.(error);
    }
    return stats;
  }

  private processRoot(root: Element, pageUrl: string, stats: ScanStats): void {
    try {
      const review = this.opts.adapter.identify(root, pageUrl);
      if (!review) {
        stats.unreadable++;
        this.known.set(root, '');
        return;
      }
      stats.extracted++;
      if (root.getAttribute(REVIEW_ATTR) !== review.key) root.setAttribute(REVIEW_ATTR, review.key);
      this.known.set(root, review.key);
      this.opts.mountToolbar(review, root);
    } catch (error) {
      stats.unreadable++;
      this.opts.onError?.(error);
    }
  }

  private collect(records: MutationRecord[]): void {
    try {
      let relevant = false;
      for (const record of records) {
        if (isOurUi(record.target)) continue;
        if (record.type === 'childList') {
          const onlyOurs =
            record.removedNodes.length === 0 &&
            Array.from(record.addedNodes).every((n) => n.nodeType === 1 && (n as Element).hasAttribute(UI_ATTR));
          if (onlyOurs) continue;
        }
        relevant = true;
        const root = this.opts.adapter.closestRoot(record.target);
        if (root) this.dirty.add(root);
      }
      if (relevant) this.schedule();
    } catch (error) {
      this.opts.onError?.(error);
    }
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.scanNow();
    }, this.opts.batchDelayMs);
  }
}
