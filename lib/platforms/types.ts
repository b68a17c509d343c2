import type { PlatformId, ReviewSnapshot } from '../schemas';

/** A selector with its fallbacks, kept as data so drift can be reported and tables updated in one place. */
export interface SelectorRule {
  /** What the selector finds, e.g. `reviewHeaderRow`. */
  name: string;
  /** Tried in order; the first that matches wins. */
  candidates: readonly string[];
  note?: string;
  /** How many elements the rule matches on each committed fixture (checked by tests/unit/selectorTables.test.ts). */
  expected?: Readonly<Record<string, number>>;
}

/** The review as read from the DOM, plus the elements that make it up on screen. */
export interface ExtractedReview {
  snapshot: ReviewSnapshot;
  /** Every element that belongs to the review, in document order (e.g. a header row and a body row). */
  parts: Element[];
  /** Where the 采集证据 button goes. */
  toolbarHost: Element;
}

export interface ReviewIdentity {
  key: string;
  toolbarHost: Element;
}

export interface ReviewPageAdapter {
  /** Unique id, e.g. `pinduoduo-reviews`. */
  id: string;
  platform: PlatformId;
  /** Pure URL check, tested against every other platform's URLs. */
  matchesUrl(url: string): boolean;
  /** Content-script match patterns that cover this page (build time). */
  matchPatterns: readonly string[];
  selectors: Record<string, SelectorRule>;
  /** The element that roots each review (gets `data-rg-review`). */
  findReviewRoots(scope: ParentNode): Element[];
  /**
   * Cheap identification for the scan of a whole page: the review's key and where its button goes.
   * The full read (`extract`) happens only when the seller acts on the review.
   */
  identify(root: Element, pageUrl: string): ReviewIdentity | null;
  /** Reads one review; returns null when the root is not a readable review (reported, not guessed). */
  extract(root: Element, pageUrl: string): ExtractedReview | null;
  /** Given any node inside a review, the review's root, if any. */
  closestRoot(node: Node): Element | null;
}
