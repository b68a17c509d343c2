/**
 * What a review page learns after each scan, kept cheap: buyer nicks are read once per review and checked against
 * the watch-list (debounced, each nick asked once per page); review keys are asked once for existing cases, and
 * only reviews with a case get a full read, to pass the report state the page shows (举报成功…) to their case.
 *
 * A pass looks only at the reviews the scanner just (re-)identified, not at the whole page: the page's own scrolling
 * and re-rendering of a few rows must not cost a walk over a thousand reviews. A whole-page pass happens after a full
 * scan, when watch-list answers arrive, after a capture, and after a failed round trip (so nothing is left unasked).
 */
import { pageOutcomeOf } from '../cases/pageOutcome';
import { findToolbar } from '../detection/captureToolbar';
import { REVIEW_ATTR } from '../detection/reviewScanner';
import { queryByRule, readText } from '../platforms/selectors';
import type { ReviewPageAdapter, SelectorRule } from '../platforms/types';
import type { CaseState } from '../schemas';
import type { WatchlistMatch } from '../watchlist/match';
import { NickChecker } from '../watchlist/nickChecker';
import { hasCaseMarkers, placeCaseMarker, removeStaleCaseMarkers } from './caseMarker';
import { placeWatchBadge, removeWatchBadge } from './watchBadge';

export interface ReviewPageBackground {
  watchlist(nicks: string[]): Promise<WatchlistMatch[]>;
  casesOnPage(keys: string[]): Promise<{ key: string; state: CaseState }[]>;
  statusSeen(key: string, status: string): Promise<CaseState[]>;
}

export interface ReviewPageWatchOptions {
  adapter: ReviewPageAdapter;
  document: Document;
  background: ReviewPageBackground;
  delayMs?: number;
  onWatchMatches?(matches: readonly WatchlistMatch[]): void;
  onError?(error: unknown): void;
}

interface NickRead {
  key: string;
  nick: string | null;
  anchor: Element | null;
}

export class ReviewPageWatch {
  private readonly nicks = new WeakMap<Element, NickRead>();
  /** Review key → its case's state, or null when it has none. */
  private readonly cases = new Map<string, CaseState | null>();
  private readonly statusSent = new Map<string, string>();
  private readonly checker: NickChecker;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The next pass looks at every review on the page. */
  private full = true;
  /** Reviews the scanner (re-)identified since the last pass (when the next pass is not a full one). */
  private readonly changed = new Set<Element>();
  private busy = false;
  /** A scan arrived while a pass was waiting for the background: run once more afterwards. */
  private again = false;
  private stopped = false;

  constructor(private readonly opts: ReviewPageWatchOptions) {
    this.checker = new NickChecker({
      check: (nicks) => opts.background.watchlist(nicks),
      onMatches: (matches) => {
        opts.onWatchMatches?.(matches);
        this.full = true; // badges for every review whose nick matches
        this.schedule();
      },
      delayMs: opts.delayMs,
      onError: (error) => {
        this.full = true; // the failed nicks are offered again by a whole-page pass
        opts.onError?.(error);
      },
    });
  }

  /**
   * Called after each scan of the page, with the reviews that scan (re-)identified; without them (a full scan),
   * the next pass looks at the whole page.
   */
  afterScan(changed?: readonly Element[]): void {
    if (!changed) this.full = true;
    else if (!this.full) for (const root of changed) this.changed.add(root);
    if (this.full || this.changed.size > 0) this.schedule();
  }

  /** A review was just captured: its case exists now, with the report state the capture already applied. */
  noteCaptured(key: string, state: CaseState, status: string | null | undefined): void {
    this.cases.set(key, state);
    if (status) this.statusSent.set(key, status);
    this.full = true;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.checker.stop();
    if (this.timer !== null) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.timer !== null || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runPass();
    }, this.opts.delayMs ?? 300);
  }

  /** The reviews this pass looks at (and resets what the next one will). */
  private takeRoots(): { roots: Element[]; full: boolean } {
    const full = this.full;
    this.full = false;
    if (full) {
      this.changed.clear();
      return { roots: Array.from(this.opts.document.querySelectorAll(`[${REVIEW_ATTR}]`)), full };
    }
    const roots = [...this.changed].filter((root) => root.isConnected);
    this.changed.clear();
    return { roots, full };
  }

  private readNick(root: Element, key: string): NickRead {
    const cached = this.nicks.get(root);
    if (cached?.key === key && (!cached.anchor || cached.anchor.isConnected)) return cached;
    const ruleName = this.opts.adapter.buyerNickRule;
    const rule = ruleName ? (this.opts.adapter.selectors[ruleName] as SelectorRule | undefined) : undefined;
    let read: NickRead;
    if (rule) {
      const el = queryByRule(root, rule);
      read = { key, nick: el ? readText(el) || null : null, anchor: el };
    } else {
      const review = this.opts.adapter.extract(root, this.opts.document.location?.href ?? '');
      read = { key, nick: review?.snapshot.buyerNick ?? null, anchor: review ? findToolbar(review.toolbarHost) : null };
    }
    this.nicks.set(root, read);
    return read;
  }

  private async runPass(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      await this.pass();
    } catch (error) {
      this.full = true; // what this pass could not ask or send is asked again by the pass after the next scan
      this.opts.onError?.(error);
    } finally {
      this.busy = false;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    }
  }

  private async pass(): Promise<void> {
    const { roots, full } = this.takeRoots();
    if (roots.length === 0) return;
    const seen: string[] = [];
    const unknownKeys: string[] = [];
    for (const root of roots) {
      const key = root.getAttribute(REVIEW_ATTR);
      if (!key) continue;
      const read = this.readNick(root, key);
      if (read.nick) {
        seen.push(read.nick);
        const matches = this.checker.matchesFor(read.nick);
        if (read.anchor) {
          if (matches.length > 0) placeWatchBadge(read.anchor, matches);
          else removeWatchBadge(read.anchor);
        }
      }
      if (!this.cases.has(key)) unknownKeys.push(key);
    }
    this.checker.offer(seen);
    if (unknownKeys.length > 0) {
      const unique = [...new Set(unknownKeys)];
      const asked = unique.slice(0, 2_000);
      if (unique.length > asked.length) this.full = true; // the rest on the next pass
      const found = await this.opts.background.casesOnPage(asked);
      for (const key of asked) if (!this.cases.has(key)) this.cases.set(key, null);
      for (const c of found) this.cases.set(c.key, c.state);
    }
    // Most pages carry no case marker at all: one query then spares a query per re-identified review.
    if (full) removeStaleCaseMarkers(this.opts.document, REVIEW_ATTR);
    else if (hasCaseMarkers(this.opts.document)) for (const root of roots) removeStaleCaseMarkers(root, REVIEW_ATTR);
    await this.followCases(roots);
  }

  private async followCases(roots: readonly Element[]): Promise<void> {
    for (const root of roots) {
      const key = root.getAttribute(REVIEW_ATTR);
      const state = key ? this.cases.get(key) : null;
      if (!key || !state) continue;
      const review = this.opts.adapter.extract(root, this.opts.document.location?.href ?? '');
      if (!review) continue;
      placeCaseMarker(review.toolbarHost, key, state);
      const status = review.snapshot.platformStatus;
      if (!status || pageOutcomeOf(status) === null || this.statusSent.get(key) === status) continue;
      this.statusSent.set(key, status);
      const steps = await this.opts.background.statusSeen(key, status).catch((error: unknown) => {
        this.statusSent.delete(key); // asked again after the next scan
        throw error;
      });
      const now = steps.at(-1);
      if (now) {
        this.cases.set(key, now);
        placeCaseMarker(review.toolbarHost, key, now);
      }
    }
  }
}
