/**
 * Finds reviews on a seller console page and keeps them marked while the page re-renders.
 *
 *   MutationObserver ──(keeps the records)──▶ pending ──(one batched pass per tick, our own UI's records dropped)──▶ what changed:
 *     added subtrees ─▶ new roots          removed subtrees ─▶ forget roots          targets ─▶ closestRoot (re-read)
 *                                        └▶ adapter.identify ─▶ mark root + mount toolbar
 *
 * Work is proportional to what changed: a pass never walks the whole page unless the page replaced most of it
 * (then one full scan is cheaper than following thousands of records). Our own writes happen with the observer
 * disconnected, so they cost no records and no callback. Nothing here throws into the page.
 */
import type { ReviewIdentity, ReviewPageAdapter } from '../platforms/types';

export const UI_ATTR = 'data-rg-ui';
export const REVIEW_ATTR = 'data-rg-review';

/** Beyond this many records or added nodes in one batch, a full scan is cheaper than following them. */
const FULL_SCAN_AFTER = 2_000;

export interface ScanStats {
  /** Review roots on the page. */
  found: number;
  /** Roots identified in this pass. */
  extracted: number;
  /** Roots on the page that could not be identified. */
  unreadable: number;
  ms: number;
  /** Whether this pass looked at the whole page (then `changed` lists every root it identified). */
  full: boolean;
  /** Roots identified (marked, toolbar mounted or re-keyed) in this pass: what followers need to look at again. */
  changed: Element[];
}

const emptyStats = (full: boolean): ScanStats => ({ found: 0, extracted: 0, unreadable: 0, ms: 0, full, changed: [] });

export interface ReviewScannerOptions {
  adapter: ReviewPageAdapter;
  document: Document;
  /** Mounts (or re-keys) the per-review toolbar; must mark its root element with `data-rg-ui`. */
  mountToolbar(review: ReviewIdentity, root: Element): void;
  onScan?(stats: ScanStats): void;
  onError?(error: unknown): void;
  /** Delay of the batched pass after a mutation, ms. */
  batchDelayMs?: number;
  /**
   * Delay while the page keeps changing (a pass ran less than a second ago: scrolling a virtual list, live
   * updates), ms. Fewer, larger passes: each pass has a fixed cost, and a seller does not see 200 ms.
   */
  busyBatchDelayMs?: number;
  now?: () => number;
}

function isOurUi(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest(`[${UI_ATTR}]`);
}

function onlyAddsOurUi(record: MutationRecord): boolean {
  if (record.removedNodes.length > 0 || record.addedNodes.length === 0) return false;
  for (let i = 0; i < record.addedNodes.length; i++) {
    const n = record.addedNodes[i]!;
    if (n.nodeType !== 1 || !(n as Element).hasAttribute(UI_ATTR)) return false;
  }
  return true;
}

export class ReviewScanner {
  private readonly known = new WeakMap<Element, string>();
  /** Review roots currently on the page (found by the last full scan, kept up to date from the records). */
  private readonly roots = new Set<Element>();
  /** Roots that could not be identified: retried on every pass, as the rest of the review may arrive later. */
  private readonly unreadable = new Set<Element>();
  private pending: MutationRecord[] = [];
  /** More records arrived in one batch than following them is worth: the batch ends in a full scan. */
  private overflowed = false;
  /** When the last batched pass started (performance.now), for the busy-page delay. */
  private lastPassAt: number | null = null;
  private observer: MutationObserver | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly opts: Required<Omit<ReviewScannerOptions, 'onScan' | 'onError'>> &
    Pick<ReviewScannerOptions, 'onScan' | 'onError'>;

  constructor(options: ReviewScannerOptions) {
    this.opts = { batchDelayMs: 40, busyBatchDelayMs: 200, now: () => performance.now(), ...options };
  }

  start(): void {
    if (this.observer) return;
    const view = this.opts.document.defaultView;
    if (!view) return;
    this.observer = new view.MutationObserver((records) => this.collect(records));
    this.observe();
    this.scanNow();
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.pending = [];
    this.overflowed = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Full pass over the whole page: new roots, re-rendered roots, unreadable roots. */
  scanNow(): ScanStats {
    return this.pass(true, () => {
      const stats = emptyStats(true);
      this.pending = [];
      this.overflowed = false;
      const pageUrl = this.opts.document.location?.href ?? '';
      const roots = this.opts.adapter.findReviewRoots(this.opts.document);
      this.roots.clear();
      this.unreadable.clear();
      for (const root of roots) {
        this.roots.add(root);
        // New, unreadable last time (key ''), or our mark gone (the page re-rendered the row).
        if (!this.known.get(root) || !root.hasAttribute(REVIEW_ATTR)) this.processRoot(root, pageUrl, stats);
      }
      return stats;
    });
  }

  /** Times `work`, keeps our own writes out of the observer and reports the stats. */
  private pass(full: boolean, work: () => ScanStats): ScanStats {
    const started = this.opts.now();
    let stats = emptyStats(full);
    const observing = this.observer !== null;
    try {
      // Disconnecting drops what is queued: a full scan covers it, a batched pass has already taken it.
      if (observing) this.observer!.disconnect();
      stats = work();
    } catch (error) {
      this.opts.onError?.(error);
    } finally {
      if (observing && this.observer) this.observe();
    }
    stats.found = this.roots.size;
    stats.unreadable = this.unreadable.size;
    stats.ms = this.opts.now() - started;
    try {
      this.opts.onScan?.(stats);
    } catch (error) {
      this.opts.onError?.(error);
    }
    return stats;
  }

  /** The batched pass: only what the records touched. No pass (and no report) when only our own UI changed. */
  private scanChanges(): ScanStats | null {
    if (this.overflowed) return this.scanNow();
    const batch = this.relevantRecords();
    if (!batch) return null;
    if (batch.added > FULL_SCAN_AFTER) return this.scanNow();
    const { records } = batch;
    return this.pass(false, () => {
      const stats = emptyStats(false);
      const { adapter } = this.opts;
      const pageUrl = this.opts.document.location?.href ?? '';
      const fresh = new Set<Element>();
      const dirty = new Set<Element>();
      // Removals first: a node removed and re-added in the same batch is found again below.
      let moved = false;
      for (const record of records) {
        for (let i = 0; i < record.removedNodes.length; i++) {
          const node = record.removedNodes[i]!;
          if (node.nodeType !== 1) continue;
          if (node.isConnected) {
            // Moved elsewhere (e.g. rows re-parented into a new container): the records of a detached container
            // are not observed, so whether its roots are still reviews is checked below.
            moved = true;
            continue;
          }
          if (this.roots.delete(node as Element)) this.unreadable.delete(node as Element);
          else if ((node as Element).firstElementChild && !(node as Element).hasAttribute(UI_ATTR)) this.forgetRootsIn(node as Element);
        }
      }
      // A busy page sends many records about one node (rows added to and removed from one list): one look-up each.
      const rootOfTarget = new Map<Node, Element | null>();
      for (const record of records) {
        let target = rootOfTarget.get(record.target);
        if (target === undefined) rootOfTarget.set(record.target, (target = adapter.closestRoot(record.target)));
        if (target) dirty.add(target);
        for (let i = 0; i < record.addedNodes.length; i++) {
          const node = record.addedNodes[i]!;
          if (node.nodeType !== 1 || !node.isConnected || (node as Element).hasAttribute(UI_ATTR)) continue;
          const el = node as Element;
          const own = adapter.closestRoot(el);
          if (own === el) fresh.add(el);
          else if (own) dirty.add(own);
          if (el.firstElementChild) for (const root of adapter.findReviewRoots(el)) fresh.add(root);
        }
      }
      for (const root of fresh) {
        this.roots.add(root);
        if (dirty.has(root) || !this.known.get(root) || !root.hasAttribute(REVIEW_ATTR)) {
          this.processRoot(root, pageUrl, stats);
        }
      }
      for (const root of dirty) {
        if (fresh.has(root) || !root.isConnected) continue;
        this.roots.add(root);
        this.processRoot(root, pageUrl, stats);
      }
      if (moved) {
        for (const root of this.roots) {
          if (fresh.has(root)) continue;
          if (!root.isConnected || adapter.closestRoot(root) !== root) {
            this.roots.delete(root);
            this.unreadable.delete(root);
          }
        }
      }
      for (const root of this.unreadable) {
        if (fresh.has(root) || dirty.has(root)) continue;
        if (!root.isConnected) this.unreadable.delete(root);
        else this.processRoot(root, pageUrl, stats);
      }
      return stats;
    });
  }

  /**
   * Forgets the roots inside a removed subtree. Identified roots carry REVIEW_ATTR, so one attribute query finds them;
   * the adapter's own (dearer) search is needed only while some roots are unreadable (those are not marked).
   */
  private forgetRootsIn(removed: Element): void {
    const roots =
      this.unreadable.size > 0 ? this.opts.adapter.findReviewRoots(removed) : removed.querySelectorAll(`[${REVIEW_ATTR}]`);
    for (const root of roots) {
      this.roots.delete(root);
      this.unreadable.delete(root);
    }
  }

  private processRoot(root: Element, pageUrl: string, stats: ScanStats): void {
    try {
      const review = this.opts.adapter.identify(root, pageUrl);
      if (!review) {
        this.unreadable.add(root);
        this.known.set(root, '');
        return;
      }
      this.unreadable.delete(root);
      stats.extracted++;
      stats.changed.push(root);
      if (root.getAttribute(REVIEW_ATTR) !== review.key) root.setAttribute(REVIEW_ATTR, review.key);
      this.known.set(root, review.key);
      this.opts.mountToolbar(review, root);
    } catch (error) {
      this.unreadable.add(root);
      this.opts.onError?.(error);
    }
  }

  private observe(): void {
    this.observer?.observe(this.opts.document.documentElement, { childList: true, subtree: true, characterData: true });
  }

  /**
   * The observer callback only keeps the records; which of them are about our own UI is decided once per batch
   * (relevantRecords). Every record, node and list a content script touches gets a wrapper in its own JS world, so
   * reading each record here and again in the pass cost twice as much: a third of our time while a page scrolls.
   */
  private collect(records: MutationRecord[]): void {
    try {
      if (this.pending.length + records.length > FULL_SCAN_AFTER) this.overflowed = true;
      else for (const record of records) this.pending.push(record);
      this.schedule();
    } catch (error) {
      this.opts.onError?.(error);
    }
  }

  /** The batch's records minus those about our own UI, and how many nodes they add; null when nothing else changed. */
  private relevantRecords(): { records: MutationRecord[]; added: number } | null {
    const records = this.pending;
    if (this.observer) for (const record of this.observer.takeRecords()) records.push(record);
    this.pending = [];
    const relevant: MutationRecord[] = [];
    let added = 0;
    const ours = new Map<Node, boolean>();
    for (const record of records) {
      let inOurUi = ours.get(record.target);
      if (inOurUi === undefined) ours.set(record.target, (inOurUi = isOurUi(record.target)));
      if (inOurUi || onlyAddsOurUi(record)) continue;
      relevant.push(record);
      added += record.addedNodes.length;
    }
    return relevant.length > 0 ? { records: relevant, added } : null;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const busy = this.lastPassAt !== null && this.opts.now() - this.lastPassAt < 1_000;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.lastPassAt = this.opts.now();
      this.scanChanges();
    }, busy ? this.opts.busyBatchDelayMs : this.opts.batchDelayMs);
  }
}
