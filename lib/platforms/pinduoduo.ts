/**
 * Pinduoduo (拼多多商家后台, mms.pinduoduo.com): everything we know about its pages, in one place.
 * Sources and confidence: ../shared/reference/seller-consoles.md §1 and platform-rules.md.
 *
 * Review list (评价管理): a beast-core table. Each review is a group-header <tr> (buyer, stars, time)
 * followed by body <tr>s whose second cell holds `订单编号：<6>-<15 digits>`, the text, pictures,
 * the follow-up (追评) and the seller reply. Class names carry a version suffix (`_5-188-0`): match prefixes only.
 */
import type { ReviewSnapshot } from '../schemas';
import { parseConsoleTime, toShanghaiIso } from '../time/shanghai';
import { queryAllByRule, queryByRule, readText, matchesRule } from './selectors';
import type { ExtractedReview, ReviewPageAdapter, SelectorRule } from './types';

export const PDD_HOST = 'mms.pinduoduo.com';

export function isPddReviewList(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname === PDD_HOST && /^\/goods\/evaluation\/index\/?$/.test(u.pathname);
  } catch {
    return false;
  }
}

/** URLs each check must accept and reject (tested, and cross-checked against the other platforms). */
export const pddTestUrls = {
  reviewList: [
    'https://mms.pinduoduo.com/goods/evaluation/index',
    'https://mms.pinduoduo.com/goods/evaluation/index?msfrom=mms_sidenav',
    'https://mms.pinduoduo.com/goods/evaluation/index?msfrom=mms_globalsearch#top',
  ],
  notReviewList: [
    'https://mms.pinduoduo.com/chat-merchant/index.html#/',
    'https://mms.pinduoduo.com/goods/goods_list',
    'https://mms.pinduoduo.com.evil.example/goods/evaluation/index',
    'http://mms.pinduoduo.com/goods/evaluation/index',
    'https://mobile.yangkeduo.com/goods/evaluation/index',
  ],
};

const selectors = {
  reviewHeaderRow: {
    name: 'reviewHeaderRow',
    candidates: [
      'tr[class*="TB_bodyGroupHeader_"]',
      'tr[data-testid="beast-core-table-group-header"]',
    ],
    note: 'beast-core group header: one per review (M, 2025–2026)',
  },
  starFilled: {
    name: 'starFilled',
    candidates: ['svg[data-testid="beast-core-icon-star_filled"]'],
  },
  starAny: {
    name: 'starAny',
    candidates: ['svg[data-testid^="beast-core-icon-star"]'],
  },
  buyerName: {
    name: 'buyerName',
    candidates: ['[class*="buyerName"]', '[class*="buyer-name"]', '[class*="nickname"]', '[class*="userName"]'],
    note: 'hashed CSS-module names: inferred (L)',
  },
} as const satisfies Record<string, SelectorRule>;

const ORDER_SN = /订单编号\s*[：:]\s*(\d{6}-\d{15}|\d{6,}(?:-\d+)?)/;
const REVIEW_TIME = /(?:评价时间\s*[：:]\s*)?(\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)/;
const BLOCK_LABEL = /^(订单编号|追评|追加评价|商家回复|规格)/;

function isHeaderRow(el: Element): boolean {
  return el.tagName === 'TR' && matchesRule(el, selectors.reviewHeaderRow);
}

/** The header row plus the body rows that follow it, up to the next header. */
function reviewParts(header: Element): Element[] {
  const parts = [header];
  for (let row = header.nextElementSibling; row && !isHeaderRow(row); row = row.nextElementSibling) {
    parts.push(row);
  }
  return parts;
}

function directBlocks(cell: Element): Element[] {
  const blocks = Array.from(cell.children).filter((c) => !c.hasAttribute('data-rg-ui'));
  return blocks.length > 0 ? blocks : [cell];
}

function extractPdd(header: Element, _pageUrl: string): ExtractedReview | null {
  const parts = reviewParts(header);
  const missing: string[] = [];
  const headerText = readText(header);

  const starIcons = queryAllByRule(header, selectors.starAny);
  let stars: number | null = null;
  if (starIcons.length > 0) stars = Math.min(5, queryAllByRule(header, selectors.starFilled).length);
  else missing.push('stars');

  const timeMatch = REVIEW_TIME.exec(headerText);
  const reviewedAtMs = timeMatch?.[1] ? parseConsoleTime(timeMatch[1]) : null;
  if (reviewedAtMs === null) missing.push('reviewedAt');

  const nickEl = queryByRule(header, selectors.buyerName);
  const buyerNick = nickEl ? readText(nickEl) || null : null;
  if (!buyerNick) missing.push('buyerNick');

  // The cell that holds the order number also holds the text, pictures, follow-up and reply.
  let contentCell: Element | null = null;
  let goodsCell: Element | null = null;
  for (const row of parts.slice(1)) {
    for (const cell of Array.from(row.children)) {
      if (!contentCell && ORDER_SN.test(cell.textContent ?? '')) {
        contentCell = cell;
        goodsCell = cell.previousElementSibling;
      }
    }
  }
  if (!contentCell) return null;

  const orderSn = ORDER_SN.exec(contentCell.textContent ?? '')?.[1] ?? null;
  const textParts: string[] = [];
  let sellerReply: string | null = null;
  let pictureCount = 0;
  for (const block of directBlocks(contentCell)) {
    const text = readText(block);
    const label = BLOCK_LABEL.exec(text)?.[1];
    if (label === '商家回复') sellerReply = text.replace(/^商家回复\s*[：:]?\s*/, '');
    else if (!label) {
      pictureCount += block.tagName === 'IMG' ? 1 : block.querySelectorAll('img').length;
      if (text) textParts.push(text);
    }
  }
  const text = textParts.join('\n');
  if (!text) missing.push('text');

  let goodsName: string | null = null;
  if (goodsCell) {
    const lines = readText(goodsCell).split('\n').filter((l) => l && !/^规格/.test(l));
    goodsName = lines[0] ?? null;
  }
  if (!goodsName) missing.push('goodsName');

  const key = orderSn ? `pinduoduo:${orderSn}` : `pinduoduo:t${fnv1a(`${buyerNick}|${timeMatch?.[1]}|${text}`)}`;
  if (!orderSn) missing.push('orderSn');

  const snapshot: ReviewSnapshot = {
    key,
    platform: 'pinduoduo',
    text: text.slice(0, 20_000),
    stars,
    reviewedAt: reviewedAtMs === null ? null : toShanghaiIso(reviewedAtMs),
    orderSn,
    buyerNick: buyerNick?.slice(0, 100) ?? null,
    goodsName: goodsName?.slice(0, 500) ?? null,
    pictureCount,
    sellerReply: sellerReply?.slice(0, 5_000) ?? null,
    missing,
  };
  const toolbarHost = header.querySelector('td') ?? header;
  return { snapshot, parts, toolbarHost };
}

/** Short, stable, non-cryptographic key for reviews without an order number. */
function fnv1a(input: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export const pddReviewList: ReviewPageAdapter = {
  id: 'pinduoduo-reviews',
  platform: 'pinduoduo',
  matchesUrl: isPddReviewList,
  matchPatterns: ['https://mms.pinduoduo.com/*'],
  selectors,
  findReviewRoots: (scope) => queryAllByRule(scope, selectors.reviewHeaderRow),
  extract: extractPdd,
  closestRoot(node) {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    const row = el?.closest('tr');
    if (!row) return null;
    if (isHeaderRow(row)) return row;
    for (let prev = row.previousElementSibling; prev; prev = prev.previousElementSibling) {
      if (isHeaderRow(prev)) return prev;
    }
    return null;
  },
};
