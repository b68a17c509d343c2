/**
 * JD (京东: 京麦 shop.jd.com, 咚咚 dongdong.jd.com): everything we know about its pages.
 * Sources and confidence: ../shared/reference/seller-consoles.md §3 and platform-rules.md.
 *
 * Review management: the real page is NOT known (no public source shows its URL, DOM or XHR). What follows is
 * configuration, not knowledge: `JD_REVIEW_PAGE_CONFIG` holds the URL patterns and selector tables, built on the JD
 * open-API review fields (PopCommentJosVo: commentId, skuName, content, creationTime, score, nickName, orderId,
 * replies) and on the antd-style kit 京麦 uses on its known pages. When someone sees the real page, change the
 * config and the fixture (tests/fixtures/jd/), not the code. Until then the detector also relies on the text labels
 * (`订单号：`, `评价时间：`), which any review table is likely to show.
 */
import { AppealRules } from '../appeal/types';
import type { ReviewSnapshot } from '../schemas';
import { parseConsoleTime, toShanghaiIso } from '../time/shanghai';
import { cleanText, DATE_TIME, isPlaceholderText } from './heuristics';
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

/** Where the review page is assumed to live (unknown; edit here when it is found). */
export const JD_REVIEW_PAGE_CONFIG = {
  hosts: ['shop.jd.com'] as readonly string[],
  /** Any of these on the path… */
  paths: [/^\/jdm\/comment(?:\/|$)/i, /^\/jdm\/[\w-]+\/comment(?:-manage)?(?:\/|$)/i] as readonly RegExp[],
  /** …or, on a /jdm/ micro-frontend, any of these on the hash route. */
  hashRoutes: [/^#\/(?:[\w-]+\/)*(?:comment|evaluat)/i] as readonly RegExp[],
  selectors: {
    reviewRow: {
      name: 'reviewRow',
      candidates: ['tbody[class$="table-tbody"] > tr[data-row-key]', 'table > tbody > tr[data-row-key]'],
      note: 'ASSUMED (antd: one tr[data-row-key] per record); no real page seen',
      expected: { 'jd/comments': 8, 'jd/comments?prefix=jm2-': 8 },
    },
    stars: { name: 'stars', candidates: ['li[class*="rate-star-full"]', '[class*="star-full"]'], note: 'ASSUMED', expected: { 'jd/comments': 19 } },
    content: { name: 'content', candidates: ['.comment-content', '[class*="comment-content"]', '[class*="content"]'], note: 'ASSUMED' },
    images: { name: 'images', candidates: ['.comment-images img', '[class*="image"] img'], note: 'ASSUMED', expected: { 'jd/comments': 3 } },
    nick: { name: 'nick', candidates: ['.nick-name', '[class*="nick"]'], note: 'ASSUMED', expected: { 'jd/comments': 8 } },
    sku: { name: 'sku', candidates: ['.sku-name', '[class*="sku-name"]'], note: 'ASSUMED' },
  } satisfies Record<string, SelectorRule>,
  /** The page's own list call (ASSUMED name; the open API is getVenderCommentsForJos). */
  endpoints: [/\/comment\/api\/getVenderComments/i, /getVenderCommentsForJos/i] as readonly RegExp[],
};

function parse(url: string): URL | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

export function isJdReviewPage(url: string, config = JD_REVIEW_PAGE_CONFIG): boolean {
  const u = parse(url);
  if (!u || !config.hosts.includes(u.hostname)) return false;
  if (config.paths.some((p) => p.test(u.pathname))) return true;
  return u.pathname.startsWith('/jdm/') && config.hashRoutes.some((h) => h.test(u.hash));
}

export const jdTestUrls = {
  reviewList: [
    'https://shop.jd.com/jdm/comment/list#/commentManage',
    'https://shop.jd.com/jdm/comment/',
    'https://shop.jd.com/jdm/home#/comment/list',
    'https://shop.jd.com/jdm/shop/comment-manage/index',
  ],
  notReviewList: [
    'https://shop.jd.com/jdm/kefu/kf-manage-lite/#/UtilsSetting/ChatLog',
    'https://shop.jd.com/jdm/trade/orders/order-list?tabType=allOrders',
    'https://shop.jd.com/jdm/home',
    'https://dongdong.jd.com/',
    'https://item.jd.com/comment/100012345678.html',
    'http://shop.jd.com/jdm/comment/list',
  ],
};

const sel = JD_REVIEW_PAGE_CONFIG.selectors;
const ORDER_ID = /订单(?:编)?号\s*[：:]\s*(\d{8,})/;
const REVIEW_TIME = new RegExp(`评价时间\\s*[：:]\\s*${DATE_TIME.source}`);
const REPLY = /商家回复\s*[：:]\s*(.+)/;

function keyOf(row: Element): string | null {
  const id = row.getAttribute('data-row-key');
  if (id && /^\d{4,}$/.test(id)) return `jd:${id}`;
  const order = ORDER_ID.exec(row.textContent ?? '')?.[1];
  return order ? `jd:order:${order}` : null;
}

function toolbarHostOf(row: Element): Element {
  return row.lastElementChild ?? row;
}

function extractJd(row: Element): ExtractedReview | null {
  const key = keyOf(row);
  if (!key) return null;
  const missing: string[] = [];
  const all = readText(row);

  const starCount = queryAllByRule(row, sel.stars).length;
  const hasRate = !!row.querySelector('[class*="rate"]');
  const stars = hasRate ? Math.min(5, starCount) : null;
  if (stars === null) missing.push('stars');

  const contentEl = queryByRule(row, sel.content);
  const rawText = contentEl ? readText(contentEl) : '';
  const text = isPlaceholderText(rawText) ? '' : rawText;
  if (!text) missing.push('text');

  const time = REVIEW_TIME.exec(all)?.[1];
  const reviewedAtMs = time ? parseConsoleTime(time) : null;
  if (reviewedAtMs === null) missing.push('reviewedAt');

  const orderSn = ORDER_ID.exec(all)?.[1] ?? null;
  if (!orderSn) missing.push('orderSn');
  const nickEl = queryByRule(row, sel.nick);
  const buyerNick = nickEl ? readText(nickEl) || null : null;
  if (!buyerNick) missing.push('buyerNick');
  const skuEl = queryByRule(row, sel.sku);
  const goodsName = skuEl ? readText(skuEl) || null : null;
  if (!goodsName) missing.push('goodsName');
  const reply = REPLY.exec(all)?.[1]?.trim() ?? null;

  const snapshot: ReviewSnapshot = {
    key,
    platform: 'jd',
    text: cleanText(text, 20_000),
    stars,
    reviewedAt: reviewedAtMs === null ? null : toShanghaiIso(reviewedAtMs),
    orderSn,
    buyerNick: buyerNick ? cleanText(buyerNick, 100) : null,
    goodsName: goodsName ? cleanText(goodsName, 500) : null,
    pictureCount: queryAllByRule(row, sel.images).length,
    sellerReply: reply ? cleanText(reply, 5_000) : null,
    missing,
  };
  return { snapshot, parts: [row], toolbarHost: toolbarHostOf(row) };
}

export const jdReviewList: ReviewPageAdapter = {
  id: 'jd-reviews',
  platform: 'jd',
  matchesUrl: (url) => isJdReviewPage(url),
  matchPatterns: ['https://shop.jd.com/*'],
  selectors: sel,
  buyerNickRule: 'nick',
  findReviewRoots: (scope) => queryAllByRule(scope, sel.reviewRow),
  identify(row): ReviewIdentity | null {
    const key = keyOf(row);
    return key ? { key, toolbarHost: toolbarHostOf(row) } : null;
  },
  extract: extractJd,
  closestRoot(node) {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    const row = el?.closest('tr');
    return row && matchesRule(row, sel.reviewRow) ? row : null;
  },
};

/** JD has no public appeal reasons (platform-rules.md: unknown): draft the text, the seller picks the reason. */
const jdAppealRules: AppealRules = AppealRules.parse({
  platform: 'jd',
  reasons: {
    extortion: { code: null, label: '（京东申诉理由未知，请在京麦表单中选择最接近的一项）', evidenceHint: ['聊天记录截图（买家以差评相要挟的原话）'] },
    competitor: { code: null, label: '（京东申诉理由未知，请在京麦表单中选择最接近的一项）', evidenceHint: ['能说明对方是同行的截图'] },
    abusive: { code: null, label: '（京东申诉理由未知，请在京麦表单中选择最接近的一项）', evidenceHint: ['评价截图'] },
    not_received_or_unused: { code: null, label: '（京东申诉理由未知，请在京麦表单中选择最接近的一项）', evidenceHint: ['物流记录截图'] },
    irrelevant: { code: null, label: '（京东申诉理由未知，请在京麦表单中选择最接近的一项）', evidenceHint: ['评价截图'] },
    subjective: null,
    positive: null,
  },
  minChars: 0,
  maxChars: null,
  replyMaxChars: null,
  maxImages: null,
  imageTypes: [],
  maxImageBytes: null,
  source: '京东开放平台仅有评价列表/回复接口（PopCommentJsfService），未找到申诉规则；未核实',
  verified: false,
  verifiedAt: null,
});

export const jdProfile: PlatformProfile = {
  platform: 'jd',
  appealRules: jdAppealRules,
  processingTime: {
    minDays: 1,
    maxDays: 2,
    source: SELLER_EXPERIENCE,
    verified: false,
    verifiedAt: null,
  },
};

/* ---------------------------------------------------------------------------------------------------------------- */
/* 咚咚 live chat (dongdong.jd.com)                                                                                   */
/* ---------------------------------------------------------------------------------------------------------------- */

/** Legacy custom UI, top frame (M/H: cs-rpa fixture, jdchat 2026-08). The contact list is virtualised. */
export function isJdDongdong(url: string): boolean {
  const u = parse(url);
  return !!u && u.hostname === 'dongdong.jd.com' && !u.pathname.startsWith('/workbench/checkin');
}

export const jdChatTestUrls = {
  chat: ['https://dongdong.jd.com/', 'https://dongdong.jd.com/index.html#/chat'],
  notChat: ['https://dongdong.jd.com/workbench/checkin.json?version=2.6.3&client=openweb', 'https://shop.jd.com/jdm/home', 'http://dongdong.jd.com/'],
};

const chatSelectors = {
  message: {
    name: 'message',
    candidates: ['#t-chat-scroll .message', '.chat-scroll-wrap .message'],
    note: 'M/H (cs-rpa fixture; jdchat)',
    expected: { 'jd/dongdong': 6 },
  },
  left: { name: 'left', candidates: ['.message_left'], expected: { 'jd/dongdong': 3 } },
  right: { name: 'right', candidates: ['.message_right'], expected: { 'jd/dongdong': 2 } },
  system: { name: 'system', candidates: ['.message_center', '.message__system'] },
  text: { name: 'text', candidates: ['.message__content', '.message__text'] },
  time: { name: 'time', candidates: ['.message__time_str'] },
  head: { name: 'head', candidates: ['.chat-head-name > span', '.chat-head-title'] },
} as const satisfies Record<string, SelectorRule>;

export const jdDongdongChat: ChatPageAdapter = {
  id: 'jd-dongdong',
  platform: 'jd',
  matchesUrl: isJdDongdong,
  matchPatterns: ['https://dongdong.jd.com/*'],
  selectors: chatSelectors,
  findMessages: (scope) => queryAllByRule(scope, chatSelectors.message),
  capture: {
    threadRoot: { name: 'threadRoot', candidates: ['#t-chat-scroll', '.chat-scroll-wrap'], note: 'M/H (cs-rpa fixture)', expected: { 'jd/dongdong': 1 } },
    captureHost: { name: 'captureHost', candidates: ['.chat-head-name', '.chat-head-title'], note: 'conversation header', expected: { 'jd/dongdong': 1 } },
  },
  composer: {
    input: { name: 'replyInput', candidates: ['.EditorContent[contenteditable="true"]', '.EditorContent'], note: 'M' },
    send: { name: 'sendButton', candidates: ['.SendButtonGroup > .send-button', '.send-button'], note: 'M' },
  },
  readMessages(_scope, elements) {
    return elements.map((msg): ChatMessageRead => {
      const missing: string[] = [];
      const left = queryByRule(msg, chatSelectors.left);
      const right = left ? null : queryByRule(msg, chatSelectors.right);
      const side = left ?? right ?? queryByRule(msg, chatSelectors.system);
      const sender: ChatSender = left ? 'buyer' : right ? 'seller' : 'system';
      const textEl = side ? queryByRule(side, chatSelectors.text) : null;
      const text = textEl ? readText(textEl) : sender === 'system' ? readText(msg) : '';
      if (!text) missing.push('text'); // pictures and product cards
      const timeEl = queryByRule(msg, chatSelectors.time);
      const timeMs = timeEl ? parseConsoleTime(readText(timeEl)) : null;
      if (timeMs === null) missing.push('time');
      const id = side?.id && /^[\w-]{1,80}$/.test(side.id) ? side.id : null;
      return { platformId: id, sender, text: cleanText(text, 5_000), timeMs, missing };
    });
  },
  readConversation(scope) {
    const head = queryByRule(scope, chatSelectors.head);
    const nick = head ? readText(head) || null : null;
    const orderSn = ORDER_ID.exec(readScopeText(scope))?.[1] ?? null;
    return { buyerId: nick, buyerNick: nick, orderSn };
  },
};

/* ---------------------------------------------------------------------------------------------------------------- */
/* 京麦 聊天记录 (kf-manage-lite #/UtilsSetting/ChatLog)                                                              */
/* ---------------------------------------------------------------------------------------------------------------- */

/**
 * The reception tool's chat log: a table of sessions, each opening a drawer of `.msg-block`s (M, jdchat 2026-08).
 * A hash route of a micro-frontend: the content script follows route changes (wxt:locationchange).
 * Which side of a `.msg-block` is the seller is not in the source: the `waiterSend` field of
 * waiterSession/queryChatLog is; in the DOM the block's side class (`msg-block-waiter` / `-customer`) is ASSUMED.
 */
export function isJdChatLog(url: string): boolean {
  const u = parse(url);
  return !!u && u.hostname === 'shop.jd.com' && u.pathname.startsWith('/jdm/kefu/kf-manage-lite') && /^#\/UtilsSetting\/ChatLog\b/.test(u.hash);
}

export const jdChatLogTestUrls = {
  chat: ['https://shop.jd.com/jdm/kefu/kf-manage-lite/#/UtilsSetting/ChatLog', 'https://shop.jd.com/jdm/kefu/kf-manage-lite/index.html#/UtilsSetting/ChatLog?cid=1'],
  notChat: ['https://shop.jd.com/jdm/kefu/kf-manage-lite/#/UtilsSetting/ReceptionTools', 'https://shop.jd.com/jdm/comment/list#/commentManage'],
};

const chatLogSelectors = {
  message: {
    name: 'message',
    candidates: ['.chat-log-drawer .msg-block', '.chat-log-detail .msg-block'],
    note: 'M (jdchat)',
    expected: { 'jd/chatlog': 5 },
  },
  waiter: { name: 'waiter', candidates: ['.msg-block-waiter', '[class*="waiter"]'], note: 'ASSUMED', expected: { 'jd/chatlog': 2 } },
  customer: { name: 'customer', candidates: ['.msg-block-customer', '[class*="customer"]'], note: 'ASSUMED', expected: { 'jd/chatlog': 3 } },
  text: { name: 'text', candidates: ['.msg-content', '[class*="content"]'], note: 'ASSUMED' },
  time: { name: 'time', candidates: ['.msg-time', '[class*="time"]'], note: 'ASSUMED' },
  title: { name: 'title', candidates: ['.chat-log-drawer .kf-manage-lite-drawer-title', '.chat-log-drawer [class*="drawer-title"]'] },
} as const satisfies Record<string, SelectorRule>;

export const jdChatLog: ChatPageAdapter = {
  id: 'jd-chatlog',
  platform: 'jd',
  matchesUrl: isJdChatLog,
  matchPatterns: ['https://shop.jd.com/*'],
  selectors: chatLogSelectors,
  capture: {
    threadRoot: { name: 'threadRoot', candidates: ['.chat-log-drawer', '.chat-log-detail'], note: 'the drawer scrolls (M, jdchat)', expected: { 'jd/chatlog': 1 } },
    captureHost: {
      name: 'captureHost',
      candidates: ['.chat-log-drawer .kf-manage-lite-drawer-title', '.chat-log-drawer [class*="drawer-title"]'],
      note: 'drawer title',
      expected: { 'jd/chatlog': 1 },
    },
  },
  findMessages: (scope) => queryAllByRule(scope, chatLogSelectors.message),
  readMessages(_scope, elements) {
    return elements.map((block): ChatMessageRead => {
      const missing: string[] = [];
      const sender: ChatSender = block.matches(chatLogSelectors.waiter.candidates.join(','))
        ? 'seller'
        : block.matches(chatLogSelectors.customer.candidates.join(','))
          ? 'buyer'
          : 'system';
      const textEl = queryByRule(block, chatLogSelectors.text);
      const text = textEl ? readText(textEl) : '';
      const timeEl = queryByRule(block, chatLogSelectors.time);
      const timeMs = timeEl ? parseConsoleTime(readText(timeEl)) : null;
      if (!text) missing.push('text');
      if (timeMs === null) missing.push('time');
      const mid = block.getAttribute('data-mid');
      return { platformId: mid && /^\w{1,64}$/.test(mid) ? mid : null, sender, text: cleanText(text, 5_000), timeMs, missing };
    });
  },
  readConversation(scope) {
    const title = queryByRule(scope, chatLogSelectors.title);
    const nick = title ? /顾客\s*[：:]\s*(\S+)/.exec(readText(title))?.[1] ?? null : null;
    const orderSn = ORDER_ID.exec(title ? readText(title) : '')?.[1] ?? null;
    return { buyerId: nick, buyerNick: nick, orderSn };
  },
};
