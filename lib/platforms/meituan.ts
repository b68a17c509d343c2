/**
 * Meituan / Dianping (美团开店宝 ecom.meituan.com, 点评 e.dianping.com, chat on g.dianping.com): what we know.
 * Sources and confidence: ../shared/reference/seller-consoles.md §4 and platform-rules.md. Platform id: `dianping`.
 *
 * Review page: the shell `ecom.meituan.com/meishi/?cate=…#<inner URL>` loads `ecom.meituan.com/emis/evaluation/poi`
 * into an iframe (C). The inner page's DOM is known only by its labels (L): 美团评价 / 点评评价, a 回复 control per
 * review, the MTD kit. The selector table below is therefore ASSUMED and backed by the text labels; the page shows no
 * review id, so a review's key is a hash of what is on screen (buyer, time, text), as seller-consoles §7 recommends.
 */
import { AppealRules } from '../appeal/types';
import type { ReviewSnapshot } from '../schemas';
import { parseConsoleTime, toShanghaiIso } from '../time/shanghai';
import { cleanText, DATE_TIME, fnv1a, isPlaceholderText, ORDER_NUMBER } from './heuristics';
import { SELLER_EXPERIENCE, type PlatformProfile } from './profile';
import { matchesRule, queryAllByRule, queryByRule, readScopeText, readText } from './selectors';
import type {
  ChatMessageRead,
  ChatPageAdapter,
  ChatSender,
  ExtractedReview,
  ReviewIdentity,
  ReviewPageAdapter,
  SelectorRule,
} from './types';

function parse(url: string): URL | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** The inner review page (where the reviews are). */
export function isMeituanReviewPage(url: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.hostname === 'ecom.meituan.com') return /^\/emis\/evaluation(?:\/|$)/.test(u.pathname);
  // Legacy Dianping review pages were not found (seller-consoles known gaps); this path is an assumption.
  return u.hostname === 'e.dianping.com' && /^\/(?:app\/)?(?:merchant-)?(?:evaluation|review)s?(?:\/|$)/.test(u.pathname);
}

/** The shell that hosts it; it shows no reviews itself. */
export function isMeituanShell(url: string): boolean {
  const u = parse(url);
  return !!u && u.hostname === 'ecom.meituan.com' && /^\/meishi\/?$/.test(u.pathname);
}

export const meituanTestUrls = {
  reviewList: [
    'https://ecom.meituan.com/emis/evaluation/poi',
    'https://ecom.meituan.com/emis/evaluation/poi?poiId=123456',
    'https://e.dianping.com/app/merchant-evaluation/index',
  ],
  notReviewList: [
    'https://ecom.meituan.com/meishi/?cate=6103#https://ecom.meituan.com/emis/evaluation/poi',
    'https://ecom.meituan.com/meishi',
    'https://ecom.meituan.com/bizaccount/biz-choice.html',
    'https://g.dianping.com/dzim-main-pc/index.html#/',
    'https://e.dianping.com/app/merchant-platform',
    'http://ecom.meituan.com/emis/evaluation/poi',
  ],
};

const selectors = {
  reviewCard: {
    name: 'reviewCard',
    candidates: ['.evaluation-item', '[class*="evaluation-item"]', '[class*="feedback-item"]', '[class*="comment-card"]'],
    note: 'ASSUMED (only labels are known, L)',
    expected: { 'meituan/feedbacks#mt': 5, 'meituan/feedbacks#dp': 3, 'meituan/feedbacks#mt?card=comment-card': 5 },
  },
  starFull: { name: 'starFull', candidates: ['[class*="rate-star-full"]'], note: 'MTD rate (ASSUMED)', expected: { 'meituan/feedbacks#mt': 10 } },
  rate: { name: 'rate', candidates: ['.mtd-rate', '[class*="rate"][title$="星"]'] },
  user: { name: 'user', candidates: ['.user-name', '[class*="user-name"]', '[class*="nick"]'] },
  text: { name: 'text', candidates: ['.comment-text', '[class*="comment-text"]', '[class*="content"]'] },
  time: { name: 'time', candidates: ['.comment-time', '[class*="time"]'] },
  pictures: { name: 'pictures', candidates: ['.comment-pics img', '[class*="pic"] img'], expected: { 'meituan/feedbacks#mt': 2 } },
  reply: { name: 'reply', candidates: ['.merchant-reply', '[class*="reply"]:not(button)'] },
} as const satisfies Record<string, SelectorRule>;

const REPLY_LABEL = /^商家回复\s*[：:]\s*/;

function textOf(card: Element, rule: SelectorRule): string {
  const el = queryByRule(card, rule);
  return el ? readText(el) : '';
}

function keyOf(card: Element): string | null {
  const user = textOf(card, selectors.user);
  const time = DATE_TIME.exec(textOf(card, selectors.time))?.[1] ?? '';
  const text = textOf(card, selectors.text);
  // Without a time the hash would collide for a buyer's repeated short texts: not keyable.
  if (!time || (!user && !text)) return null;
  return `dianping:h${fnv1a(`${user}\u0001${time}\u0001${text}`)}`;
}

function toolbarHostOf(card: Element): Element {
  return card.querySelector('.actions, [class*="action"]') ?? card;
}

function extractMeituan(card: Element): ExtractedReview | null {
  const key = keyOf(card);
  if (!key) return null;
  const missing: string[] = [];
  const rate = queryByRule(card, selectors.rate);
  const stars = rate ? Math.min(5, queryAllByRule(rate, selectors.starFull).length) : null;
  if (stars === null) missing.push('stars');
  const raw = textOf(card, selectors.text);
  const text = isPlaceholderText(raw) ? '' : raw;
  if (!text) missing.push('text');
  const time = DATE_TIME.exec(textOf(card, selectors.time))?.[1];
  const reviewedAtMs = time ? parseConsoleTime(time) : null;
  if (reviewedAtMs === null) missing.push('reviewedAt');
  const buyerNick = textOf(card, selectors.user) || null;
  if (!buyerNick) missing.push('buyerNick');
  const reply = textOf(card, selectors.reply).replace(REPLY_LABEL, '') || null;
  const snapshot: ReviewSnapshot = {
    key,
    platform: 'dianping',
    text: cleanText(text, 20_000),
    stars,
    reviewedAt: reviewedAtMs === null ? null : toShanghaiIso(reviewedAtMs),
    // The review page shows no order number (L): left null, and not reported as missing.
    orderSn: null,
    buyerNick: buyerNick ? cleanText(buyerNick, 100) : null,
    goodsName: null,
    pictureCount: queryAllByRule(card, selectors.pictures).length,
    sellerReply: reply ? cleanText(reply, 5_000) : null,
    missing,
  };
  return { snapshot, parts: [card], toolbarHost: toolbarHostOf(card) };
}

export const meituanReviewList: ReviewPageAdapter = {
  id: 'meituan-reviews',
  platform: 'dianping',
  matchesUrl: isMeituanReviewPage,
  matchPatterns: ['https://ecom.meituan.com/*', 'https://e.dianping.com/*'],
  selectors,
  buyerNickRule: 'user',
  findReviewRoots(scope) {
    // Fallbacks like [class*="feedback-item"] can match nested parts too: keep the outermost cards only.
    const found = queryAllByRule(scope, selectors.reviewCard);
    return found.filter((el) => !found.some((other) => other !== el && other.contains(el)));
  },
  identify(card): ReviewIdentity | null {
    const key = keyOf(card);
    return key ? { key, toolbarHost: toolbarHostOf(card) } : null;
  },
  extract: extractMeituan,
  closestRoot(node) {
    let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
    let outer: Element | null = null;
    for (; el; el = el.parentElement) if (matchesRule(el, selectors.reviewCard)) outer = el;
    return outer;
  },
};

/** Meituan/Dianping: no official reason list (platform-rules.md); guides name 恶意差评 and 非真实消费 [G]. */
const meituanAppealRules: AppealRules = AppealRules.parse({
  platform: 'dianping',
  reasons: {
    extortion: { code: null, label: '恶意差评', evidenceHint: ['聊天记录截图（顾客以差评相要挟、索要好处的原话）', '订单截图（订单号）'] },
    competitor: { code: null, label: '恶意差评（同行攻击）', evidenceHint: ['能说明对方是同行的截图'] },
    abusive: { code: null, label: '恶意差评', evidenceHint: ['评价截图'] },
    not_received_or_unused: { code: null, label: '非真实消费', evidenceHint: ['订单记录截图（无此顾客的消费记录）'] },
    irrelevant: null,
    subjective: null,
    positive: null,
  },
  minChars: 0,
  maxChars: null,
  replyMaxChars: null,
  maxImages: null,
  imageTypes: [],
  maxImageBytes: null,
  source: '美团/点评申诉指南（第三方，sxyjj.top 等），官方理由列表未找到；未核实',
  verified: false,
  verifiedAt: null,
});

export const meituanProfile: PlatformProfile = {
  platform: 'dianping',
  appealRules: meituanAppealRules,
  processingTime: {
    minDays: 3,
    maxDays: 5,
    // Meituan's own guides say "usually 1–3 working days"; the seller guide says 3–5. We remind at the later one.
    source: `${SELLER_EXPERIENCE}；美团申诉指南另称 1–3 个工作日`,
    verified: false,
    verifiedAt: null,
  },
};

/* ---------------------------------------------------------------------------------------------------------------- */
/* Merchant chat (经营宝 IM "dzim", g.dianping.com)                                                                   */
/* ---------------------------------------------------------------------------------------------------------------- */

/**
 * Chat runs in dynamic iframes (some about:blank) on g.dianping.com, its nodes inside CLOSED shadow roots (M/H,
 * customer-ai-platform 2026-07). The content script runs in every frame (about:blank ones take their parent's URL)
 * and enters closed roots through chrome.dom.openOrClosedShadowRoot (the "dom" permission).
 */
export function isMeituanChat(url: string): boolean {
  const u = parse(url);
  return !!u && u.hostname === 'g.dianping.com' && /^\/dzim-(?:main|workbench)-pc(?:\/|$)/.test(u.pathname);
}

export const meituanChatTestUrls = {
  chat: ['https://g.dianping.com/dzim-main-pc/index.html#/', 'https://g.dianping.com/dzim-workbench-pc/index.html'],
  notChat: ['https://g.dianping.com/', 'https://ecom.meituan.com/emis/evaluation/poi', 'http://g.dianping.com/dzim-main-pc/index.html#/'],
};

const chatSelectors = {
  message: {
    name: 'message',
    candidates: ['.message-cell-container'],
    note: 'M/H (field-configured 2026-07)',
    expected: { 'meituan/chat': 6 },
  },
  inbound: { name: 'inbound', candidates: ['.message-wrapper.left-message', '[class*="left-message"]'], expected: { 'meituan/chat': 3 } },
  outbound: { name: 'outbound', candidates: ['.message-wrapper.right-message', '[class*="right-message"]'], expected: { 'meituan/chat': 2 } },
  buyerText: { name: 'buyerText', candidates: ['.text-message.normal-text', '[class*="text-message"]'] },
  shopText: { name: 'shopText', candidates: ['.text-message.shop-text', '[class*="text-message"]'] },
  time: { name: 'time', candidates: ['.message-time', '[class*="time"]'], note: 'ASSUMED' },
  userCenter: { name: 'userCenter', candidates: ['.user-center[lx-mv]'] },
  userName: { name: 'userName', candidates: ['.userinfo-name-show'] },
} as const satisfies Record<string, SelectorRule>;

function readMeituanMessages(_scope: ParentNode, elements: readonly Element[]): (ChatMessageRead | null)[] {
  let lastTime: number | null = null;
  return elements.map((cell) => {
    const missing: string[] = [];
    const timeEl = queryByRule(cell, chatSelectors.time);
    if (timeEl) lastTime = parseConsoleTime(readText(timeEl)) ?? lastTime;
    let sender: ChatSender = 'system';
    let textEl: Element | null = null;
    if (queryByRule(cell, chatSelectors.inbound)) {
      sender = 'buyer';
      textEl = queryByRule(cell, chatSelectors.buyerText);
    } else if (queryByRule(cell, chatSelectors.outbound)) {
      sender = 'seller';
      textEl = queryByRule(cell, chatSelectors.shopText);
    }
    const text = sender === 'system' ? readText(cell) : textEl ? readText(textEl) : '';
    if (!text) missing.push('text');
    if (lastTime === null) missing.push('time');
    return { platformId: null, sender, text: cleanText(text, 5_000), timeMs: lastTime, missing };
  });
}

/** `lx-mv` is tracking JSON; its `lab` holds the shop id and the customer id. Untrusted: parsed defensively. */
export function parseLxMv(raw: string | null): { shopId: string | null; userId: string | null } {
  try {
    const lab = (JSON.parse(raw ?? '') as { lab?: Record<string, unknown> }).lab ?? {};
    const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).slice(0, 64) : null);
    return { shopId: str(lab['shopId'] ?? lab['account_id']), userId: str(lab['userId']) };
  } catch {
    return { shopId: null, userId: null };
  }
}

export const meituanChat: ChatPageAdapter = {
  id: 'meituan-chat',
  platform: 'dianping',
  matchesUrl: isMeituanChat,
  matchPatterns: ['https://g.dianping.com/*'],
  selectors: chatSelectors,
  shadowHosts: ['dzim-chat-app', '[data-dzim-root]', 'dzim-message-list'],
  capture: {
    threadRoot: { name: 'threadRoot', candidates: ['.message-list', '.list'], note: 'inferred (L) inside the shadow root', expected: { 'meituan/chat': 1 } },
    captureHost: { name: 'captureHost', candidates: ['.user-center[lx-mv]', '.user-center'], note: 'customer header (M/H)', expected: { 'meituan/chat': 1 } },
  },
  composer: {
    input: { name: 'replyInput', candidates: ['pre.dzim-chat-input-container[contenteditable]'], note: 'M' },
    send: { name: 'sendButton', candidates: ['.dzim-chat-input-send > button.dzim-button-primary', 'button.send-button'], note: 'M' },
  },
  findMessages: (scope) => queryAllByRule(scope, chatSelectors.message),
  readMessages: readMeituanMessages,
  readConversation(scope) {
    const center = queryByRule(scope, chatSelectors.userCenter);
    const { userId } = parseLxMv(center?.getAttribute('lx-mv') ?? null);
    const nameEl = queryByRule(scope, chatSelectors.userName);
    const orderSn = ORDER_NUMBER.exec(readScopeText(scope))?.[1] ?? null;
    return { buyerId: userId, buyerNick: nameEl ? readText(nameEl) || null : null, orderSn };
  },
};
