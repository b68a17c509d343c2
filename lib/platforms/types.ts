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

/** Where a review's 采集证据 toolbar goes. */
export interface ToolbarSlot {
  toolbarHost: Element;
  /**
   * true: the toolbar is the host's last child, for a host that lays out as a flex row (the toolbar ends the row).
   * Otherwise it is the first child, floated right. Prefer a flex row where the page has one: a float makes the browser
   * walk the host's whole subtree in an extra paint phase on every repaint (on a scrolling 1,000-review PDD page the
   * toolbars cost +7.4 % of main-thread time floated, +3.0 % ending the row: bench/tools/toolbarPaint.ts).
   */
  toolbarAtEnd?: boolean;
}

/** The review as read from the DOM, plus the elements that make it up on screen. */
export interface ExtractedReview extends ToolbarSlot {
  snapshot: ReviewSnapshot;
  /** Every element that belongs to the review, in document order (e.g. a header row and a body row). */
  parts: Element[];
}

export interface ReviewIdentity extends ToolbarSlot {
  key: string;
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
  /**
   * The selector-table entry that finds the buyer's nick inside a review (a cheap read for the watch-list). Without
   * one, the nick comes from a full `extract`.
   */
  buyerNickRule?: string;
}

/* ---------------------------------------------------------------------------------------------------------------- */
/* Chat pages                                                                                                       */
/* ---------------------------------------------------------------------------------------------------------------- */

export type ChatSender = 'buyer' | 'seller' | 'system';

/** One chat message as read from the page. `timeMs` is null when the page showed no time for it. */
export interface ChatMessageRead {
  /** The platform's message id when the page shows one, else null (the scanner then keys by content). */
  platformId: string | null;
  sender: ChatSender;
  text: string;
  timeMs: number | null;
  /** Fields that could not be read: reported, not guessed. */
  missing: string[];
}

/** Who the conversation is with and about, as far as the page shows it. */
export interface ChatConversation {
  /** Stable buyer key on the platform (uid / pin / customer id), when shown. */
  buyerId: string | null;
  buyerNick: string | null;
  /** An order number visible in the conversation (order card, header), when shown. */
  orderSn: string | null;
}

/**
 * Where a conversation sits and where its 采集聊天证据 control goes (data, one entry per chat adapter).
 * `threadRoot`: the element rendered for the capture (usually the scrolling message list, expanded to its full
 * height in the render); `captureHost`: the element the control is prepended to (one per visible conversation).
 */
export interface ChatCaptureRules {
  threadRoot: SelectorRule;
  captureHost: SelectorRule;
}

/** Where the seller types and sends (the send guard and 话术 templates attach there). */
export interface ComposerSelectors {
  input: SelectorRule;
  send: SelectorRule;
}

export interface ChatPageAdapter {
  /** Unique id, e.g. `pinduoduo-chat`. */
  id: string;
  platform: PlatformId;
  matchesUrl(url: string): boolean;
  matchPatterns: readonly string[];
  selectors: Record<string, SelectorRule>;
  /** Elements hosting shadow roots the messages may live in (entered with the closed-root API where needed). */
  shadowHosts?: readonly string[];
  /** Every message element in `scope`, in document order. */
  findMessages(scope: ParentNode): Element[];
  /**
   * Reads the messages of `scope` in order. A time shown once for a group (PDD `p.message-time`) applies to the
   * messages after it, so the whole list is read in one pass. Unreadable elements map to null.
   */
  readMessages(scope: ParentNode, elements: readonly Element[]): (ChatMessageRead | null)[];
  readConversation(scope: ParentNode): ChatConversation;
  /** The thread capture's table entry. */
  capture: ChatCaptureRules;
  /** The reply input and send button; absent on record-only pages (千牛 聊天记录, 京麦 咨询记录). */
  composer?: ComposerSelectors;
}
