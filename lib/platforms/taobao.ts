/**
 * Taobao / Tmall (千牛卖家工作台, myseller.taobao.com / qn.taobao.com): everything we know about its pages.
 * Sources and confidence: ../shared/reference/seller-consoles.md §2 and platform-rules.md.
 *
 * Review list (来自买家的评价, rateWait4PC): a Fusion Next table, one `tr` per review, columns 情感分类 · 评价内容 ·
 * 商品信息 · 买家信息 · 操作 (M). The content cell carries the labels `主评ID：`, `初次评价：`, `订单号：` (M), which
 * are steadier than the class names; a follow-up (追评) is the `tr.next-table-expanded-row` after its row.
 * Fusion's class prefix is configurable (`next-` by default), so every rule has a prefix-free fallback.
 * The page shows a sentiment (正面/中性/负面评价), not stars: `stars` stays null and is not reported missing.
 *
 * Chat records (聊天记录): inside the iframe market.m.taobao.com/app/qn/im-history-search, CSS-module classes
 * (`chatWrap_<hash>`), matched by prefix (M). See taobaoChatRecords.
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

const QIANNIU_HOSTS = new Set(['myseller.taobao.com', 'qn.taobao.com']);

function parse(url: string): URL | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

export function isTaobaoReviewList(url: string): boolean {
  const u = parse(url);
  return !!u && QIANNIU_HOSTS.has(u.hostname) && /^\/home\.htm\/comment-manage\/list\/rateWait4PC\/?$/.test(u.pathname);
}

export const taobaoTestUrls = {
  reviewList: [
    'https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC',
    'https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC?current=2&pageSize=20',
    'https://qn.taobao.com/home.htm/comment-manage/list/rateWait4PC?current=1&pageSize=20&dateRange=20260301%2C20260331',
  ],
  notReviewList: [
    'https://myseller.taobao.com/home.htm/comment-manage/ask-all?itemId=1&current=1&pageSize=10',
    'https://myseller.taobao.com/home.htm/app-customer-service/toolpage/Message',
    'https://rate.taobao.com/myRate.htm',
    'http://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC',
    'https://myseller.taobao.com.evil.example/home.htm/comment-manage/list/rateWait4PC',
  ],
};

const selectors = {
  reviewRow: {
    name: 'reviewRow',
    candidates: [
      'tbody.next-table-body > tr.next-table-row',
      'table[role="table"] > tbody > tr:not([class*="expanded-row"])',
    ],
    note: 'Fusion Next rows (M, userscript 2025); fallback without the configurable `next-` prefix',
    expected: { 'taobao/reviews': 10, 'taobao/reviews?prefix=qn-': 10 },
  },
  expandedRow: {
    name: 'expandedRow',
    candidates: ['tr.next-table-expanded-row', 'tr[class*="table-expanded-row"]'],
    expected: { 'taobao/reviews': 1, 'taobao/reviews?prefix=qn-': 1 },
  },
  rateText: {
    name: 'rateText',
    candidates: ['.l-rate-content .rate-content span:nth-of-type(2)', '.rate-content span:nth-of-type(2)'],
    note: 'the review text is the second span (M); one more in the follow-up row',
    expected: { 'taobao/reviews': 11 },
  },
  media: { name: 'media', candidates: ['.l-media-gallery img', '[class*="media-gallery"] img'], expected: { 'taobao/reviews': 3 } },
  itemTitle: { name: 'itemTitle', candidates: ['a[href*="item.htm?id="]', '.item-title'] },
} as const satisfies Record<string, SelectorRule>;

const FEED_ID = /主评ID\s*[：:]\s*(\d{6,})/;
const ORDER_ID = /订单号\s*[：:]\s*(\d{8,})/;
const FIRST_REVIEW = new RegExp(`初次评价\\s*[：:]\\s*${DATE_TIME.source}`);
const SELLER_REPLY = /(?:评价回复记录|商家回复|掌柜回复)\s*[：:]\s*(.+)/;

function keyFromText(text: string): string | null {
  const feed = FEED_ID.exec(text)?.[1];
  if (feed) return `taobao:${feed}`;
  const order = ORDER_ID.exec(text)?.[1];
  return order ? `taobao:order:${order}` : null;
}

function isExpandedRow(row: Element): boolean {
  return matchesRule(row, selectors.expandedRow);
}

/** The row's cell at `index`, by walking siblings (no HTMLCollection to create per row). */
function cellOf(row: Element, index: number): Element | null {
  let cell = row.firstElementChild;
  for (let i = 0; cell && i < index; i++) cell = cell.nextElementSibling;
  return cell;
}

/** The wide 评价内容 cell: the 操作 column is too narrow for the button and its status line. */
function toolbarHostOf(row: Element): Element {
  return cellOf(row, 1) ?? row;
}

function identifyTaobao(row: Element): ReviewIdentity | null {
  // The labels sit in the content cell; reading only that cell halves the text scanned per row.
  const cell = cellOf(row, 1);
  const key = keyFromText(cell?.textContent ?? '') ?? keyFromText(row.textContent ?? '');
  return key ? { key, toolbarHost: cell ?? row } : null;
}

function extractTaobao(row: Element): ExtractedReview | null {
  const all = row.textContent ?? '';
  const key = keyFromText(all);
  if (!key) return null;
  const missing: string[] = [];
  const parts = [row];
  const next = row.nextElementSibling;
  if (next && isExpandedRow(next)) parts.push(next);

  const contentCell = cellOf(row, 1) ?? row;
  const textEl = queryByRule(contentCell, selectors.rateText);
  const rawText = textEl ? readText(textEl) : '';
  const text = isPlaceholderText(rawText) ? '' : rawText;
  if (!text) missing.push('text');

  const contentText = readText(contentCell);
  const time = FIRST_REVIEW.exec(contentText)?.[1];
  const reviewedAtMs = time ? parseConsoleTime(time) : null;
  if (reviewedAtMs === null) missing.push('reviewedAt');

  const orderSn = ORDER_ID.exec(all)?.[1] ?? null;
  if (!orderSn) missing.push('orderSn');

  const buyerNick = (cellOf(row, 3) ? readText(cellOf(row, 3)!) : '').split('\n')[0] || null;
  if (!buyerNick) missing.push('buyerNick');

  const goodsCell = cellOf(row, 2);
  const titleEl = goodsCell ? queryByRule(goodsCell, selectors.itemTitle) : null;
  const goodsName = (titleEl ? readText(titleEl) : goodsCell ? readText(goodsCell).split('\n')[0] : '') || null;
  if (!goodsName) missing.push('goodsName');

  const sellerReply = SELLER_REPLY.exec(contentText)?.[1]?.trim() ?? null;

  const snapshot: ReviewSnapshot = {
    key,
    platform: 'taobao',
    text: cleanText(text, 20_000),
    stars: null,
    reviewedAt: reviewedAtMs === null ? null : toShanghaiIso(reviewedAtMs),
    orderSn,
    buyerNick: buyerNick ? cleanText(buyerNick, 100) : null,
    goodsName: goodsName ? cleanText(goodsName, 500) : null,
    pictureCount: queryAllByRule(contentCell, selectors.media).length,
    sellerReply: sellerReply ? cleanText(sellerReply, 5_000) : null,
    missing,
  };
  return { snapshot, parts, toolbarHost: toolbarHostOf(row) };
}

export const taobaoReviewList: ReviewPageAdapter = {
  id: 'taobao-reviews',
  platform: 'taobao',
  matchesUrl: isTaobaoReviewList,
  matchPatterns: ['https://myseller.taobao.com/*', 'https://qn.taobao.com/*'],
  selectors,
  findReviewRoots: (scope) => queryAllByRule(scope, selectors.reviewRow),
  identify: identifyTaobao,
  extract: extractTaobao,
  closestRoot(node) {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    let row: Element | null = el?.closest('tr') ?? null;
    if (row && isExpandedRow(row)) row = row.previousElementSibling;
    return row && matchesRule(row, selectors.reviewRow) ? row : null;
  },
};

/**
 * Complaint (投诉评价) types from a Tmall automation project (platform-rules.md, [C]); never checked on a live console.
 * No codes are known: the seller picks the label on the form.
 */
const taobaoAppealRules: AppealRules = AppealRules.parse({
  platform: 'taobao',
  reasons: {
    extortion: { code: null, label: '利用中差评索取不当利益', evidenceHint: ['聊天记录截图（买家以差评相要挟、索要好处的原话）'] },
    competitor: { code: null, label: '同行恶意中差评', evidenceHint: ['能说明对方是同行的截图（引流店铺、链接）'] },
    abusive: { code: null, label: '辱骂侮辱的评论', evidenceHint: ['如评价泄露隐私，改选“评论泄露隐私”'] },
    not_received_or_unused: {
      code: null,
      label: '未收到货但给出与商品实际不符的虚假评价',
      evidenceHint: ['物流记录截图（未签收或退回）'],
    },
    irrelevant: { code: null, label: '购买A商品评价B商品', evidenceHint: ['如是无意义内容，改选“评价内容无意义”'] },
    subjective: null,
    positive: null,
  },
  minChars: 0,
  maxChars: null,
  replyMaxChars: 500,
  maxImages: null,
  imageTypes: [],
  maxImageBytes: null,
  source: '天猫自动化项目（@tmall/domain，第三方代码）与 TOP API taobao.traderate.explain.add（评价解释 ≤500 字），未在千牛后台核实',
  verified: false,
  verifiedAt: null,
});

export const taobaoProfile: PlatformProfile = {
  platform: 'taobao',
  appealRules: taobaoAppealRules,
  processingTime: {
    minDays: 1,
    maxDays: 3,
    source: SELLER_EXPERIENCE,
    verified: false,
    verifiedAt: null,
  },
};

/* ---------------------------------------------------------------------------------------------------------------- */
/* Chat records (聊天记录)                                                                                            */
/* ---------------------------------------------------------------------------------------------------------------- */

/**
 * The outer tool page (myseller.taobao.com/home.htm/app-customer-service/toolpage/Message) embeds the record search in
 * an iframe on market.m.taobao.com (M, 2026-05). Messages use CSS-module classes (`chatWrap_<hash>`): prefix matching
 * only. `chatTextLeft` is the counterpart (buyer); `chatTextRight` as the seller is inferred.
 */
export function isTaobaoChatRecords(url: string): boolean {
  const u = parse(url);
  return !!u && u.hostname === 'market.m.taobao.com' && /^\/app\/qn\/im-history-search(?:\/|$)/.test(u.pathname);
}

export const taobaoChatTestUrls = {
  chat: ['https://market.m.taobao.com/app/qn/im-history-search/index.html#/'],
  notChat: [
    'https://myseller.taobao.com/home.htm/app-customer-service/toolpage/Message',
    'https://market.m.taobao.com/app/qn/other/index.html',
    'http://market.m.taobao.com/app/qn/im-history-search/index.html#/',
  ],
};

const chatSelectors = {
  message: { name: 'message', candidates: ['[class*="chatWrap"]'], note: 'M (skill doc 2026-05)', expected: { 'taobao/chat': 6, 'taobao/chat?hash=z9': 6 } },
  name: { name: 'name', candidates: ['[class*="chatName"]'] },
  time: { name: 'time', candidates: ['[class*="chatTime"]'] },
  left: { name: 'left', candidates: ['[class*="chatTextLeft"]'], expected: { 'taobao/chat': 3 } },
  right: { name: 'right', candidates: ['[class*="chatTextRight"]'], note: 'inferred', expected: { 'taobao/chat': 2 } },
  activeBuyer: { name: 'activeBuyer', candidates: ['.results-list [class*="active"]', '.results-list > :first-child'] },
} as const satisfies Record<string, SelectorRule>;

export const taobaoChatRecords: ChatPageAdapter = {
  id: 'taobao-chat-records',
  platform: 'taobao',
  matchesUrl: isTaobaoChatRecords,
  matchPatterns: ['https://market.m.taobao.com/*'],
  selectors: chatSelectors,
  findMessages: (scope) => queryAllByRule(scope, chatSelectors.message),
  capture: {
    threadRoot: {
      name: 'threadRoot',
      candidates: ['#records', '[class*="recordList"]', '[class*="chatList"]'],
      note: 'inferred (L): wrapper nesting is not in the source; the messages’ common parent is used when none matches',
      expected: { 'taobao/chat': 1, 'taobao/chat?hash=z9': 1 },
    },
    captureHost: { name: 'captureHost', candidates: ['[class*="orderTip"]', '#records'], note: 'order tip above the records (M)', expected: { 'taobao/chat': 1, 'taobao/chat?hash=z9': 1 } },
  },
  readMessages(_scope, elements) {
    return elements.map((wrap): ChatMessageRead => {
      const missing: string[] = [];
      const left = queryByRule(wrap, chatSelectors.left);
      const right = left ? null : queryByRule(wrap, chatSelectors.right);
      const sender: ChatSender = left ? 'buyer' : right ? 'seller' : 'system';
      const timeEl = queryByRule(wrap, chatSelectors.time);
      const timeText = timeEl ? readText(timeEl) : '';
      const text = left ? readText(left) : right ? readText(right) : readText(wrap).replace(timeText, '').trim();
      const timeMs = timeText ? parseConsoleTime(timeText) : null;
      if (!text) missing.push('text');
      if (timeMs === null) missing.push('time');
      return { platformId: null, sender, text: cleanText(text, 5_000), timeMs, missing };
    });
  },
  readConversation(scope) {
    const active = queryByRule(scope, chatSelectors.activeBuyer);
    const firstLeft = queryAllByRule(scope, chatSelectors.message).find((w) => queryByRule(w, chatSelectors.left));
    const nameEl = firstLeft ? queryByRule(firstLeft, chatSelectors.name) : null;
    const buyerNick = (nameEl ? readText(nameEl) : '') || (active ? readText(active).split('\n')[0] : '') || null;
    return { buyerId: null, buyerNick: buyerNick ? cleanText(buyerNick, 100) : null, orderSn: ORDER_ID.exec(readScopeText(scope))?.[1] ?? null };
  },
};
