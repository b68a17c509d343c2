/**
 * Pinduoduo (拼多多商家后台, mms.pinduoduo.com): everything we know about its pages, in one place.
 * Sources and confidence: ../shared/reference/seller-consoles.md §1 and platform-rules.md.
 *
 * Review list (评价管理): a beast-core table. Each review is a group-header <tr> (buyer, stars, time)
 * followed by body <tr>s whose second cell holds `订单编号：<6>-<15 digits>`, the text, pictures,
 * the follow-up (追评) and the seller reply. Class names carry a version suffix (`_5-188-0`): match prefixes only.
 */
import { AppealRules } from '../appeal/types';
import type { ReviewSnapshot } from '../schemas';
import { SELLER_EXPERIENCE, type PlatformProfile } from './profile';
import { findToolbar } from '../detection/captureToolbar';
import { UI_ATTR } from '../detection/reviewScanner';
import { parseConsoleTime, toShanghaiIso } from '../time/shanghai';
import { queryAllByRule, queryByRule, readText, matchesRule } from './selectors';
import type { ExtractedReview, ReviewIdentity, ReviewPageAdapter, SelectorRule, ToolbarSlot } from './types';

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
    expected: { 'pinduoduo/reviews': 31, 'pinduoduo/reviews?suffix=5-201-0': 31 },
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
/** The report-state cell (举报 column); the case follows it (lib/cases/pageOutcome.ts). */
const REPORT_STATUS = /^(未被举报|待举报|待审核|已举报|举报成功|举报失败)$/;

function readReportStatus(parts: readonly Element[]): string | null {
  for (const row of parts.slice(1)) {
    for (const cell of Array.from(row.children)) {
      const text = readText(cell);
      if (REPORT_STATUS.test(text)) return text;
    }
  }
  return null;
}

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

/** The cell's content blocks (order number, text, pictures, follow-up, reply), looking through single wrappers. */
function contentBlocks(cell: Element): Element[] {
  let container = cell;
  for (;;) {
    const children = Array.from(container.children).filter((c) => !c.hasAttribute('data-rg-ui'));
    if (children.length === 1 && children[0]!.children.length > 0) container = children[0]!;
    else return children.length > 0 ? children : [container];
  }
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
  for (const block of contentBlocks(contentCell)) {
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

  if (!orderSn) return null;
  const key = `pinduoduo:${orderSn}`;

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
    platformStatus: readReportStatus(parts),
    missing,
  };
  return { snapshot, parts, ...toolbarSlotOf(header) };
}

/**
 * Where the toolbar goes: the end of the header's row wrapper (the cell's one <div>, a flex row: buyer · stars ·
 * time), else the header row's first cell (the usual first child; a query only when the page wraps it), floated.
 * Wherever a toolbar already is, it stays: the page adding an element to the cell must not move the slot and mount a
 * second toolbar.
 */
function toolbarSlotOf(header: Element): ToolbarSlot {
  const first = header.firstElementChild;
  const cell = (first?.tagName === 'TD' ? first : header.querySelector('td')) ?? header;
  const wrapper = cell.firstElementChild;
  // The usual cell: one <div> and nothing else (the toolbar, if any, inside it).
  if (wrapper && wrapper === cell.lastElementChild && wrapper.tagName === 'DIV') return { toolbarHost: wrapper, toolbarAtEnd: true };
  let only: Element | null = null;
  let count = 0;
  for (let child = cell.firstElementChild; child; child = child.nextElementSibling) {
    const ui = child.getAttribute(UI_ATTR);
    if (ui === 'toolbar') return { toolbarHost: cell };
    if (ui !== null) continue;
    if (child.tagName === 'DIV' && findToolbar(child)) return { toolbarHost: child, toolbarAtEnd: true };
    only = child;
    count++;
  }
  return count === 1 && only!.tagName === 'DIV' ? { toolbarHost: only!, toolbarAtEnd: true } : { toolbarHost: cell };
}

function identifyPdd(header: Element): ReviewIdentity | null {
  for (let row = header.nextElementSibling; row && !isHeaderRow(row); row = row.nextElementSibling) {
    const orderSn = ORDER_SN.exec(row.textContent ?? '')?.[1];
    if (orderSn) return { key: `pinduoduo:${orderSn}`, ...toolbarSlotOf(header) };
  }
  return null; // every PDD review shows its order number; a row without one is not a review we can key
}

export const pddReviewList: ReviewPageAdapter = {
  id: 'pinduoduo-reviews',
  platform: 'pinduoduo',
  matchesUrl: isPddReviewList,
  matchPatterns: ['https://mms.pinduoduo.com/*'],
  selectors,
  buyerNickRule: 'buyerName',
  findReviewRoots: (scope) => queryAllByRule(scope, selectors.reviewHeaderRow),
  identify: identifyPdd,
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

/**
 * Report (举报) reasons, recovered from open-source code that drives the console (PDD-MMS-MCP, from the 店透视
 * plugin); never checked on a live console. Our category → PDD reason: platform-rules.md "Category mapping".
 */
const pddAppealRules: AppealRules = AppealRules.parse({
  platform: 'pinduoduo',
  reasons: {
    extortion: {
      code: '7',
      label: '利用评价要挟',
      evidenceHint: ['聊天记录截图（买家以差评相要挟、索要钱物的原话）', '订单详情截图（订单号、签收时间）'],
      minChars: 20,
      minImages: 1,
      maxImages: 6,
    },
    competitor: {
      code: '8',
      label: '同行恶意差评',
      evidenceHint: ['评价截图（引流的店铺、链接或“我们店”等字样）', '能说明对方是同行的聊天记录截图'],
      minChars: 20,
      minImages: 1,
      maxImages: 6,
    },
    abusive: {
      code: '2',
      label: '辱骂',
      evidenceHint: ['如评价泄露手机号、地址等个人信息，改选“泄露个人隐私”（代码 3）'],
      maxImages: 0,
    },
    not_received_or_unused: null,
    irrelevant: {
      code: '10',
      label: '购买A商品评价B商品',
      evidenceHint: ['如评价是与商品无关的广告，改选“广告”（代码 1）'],
      maxImages: 0,
    },
    subjective: null,
    positive: null,
  },
  minChars: 0,
  maxChars: null,
  replyMaxChars: null,
  maxImages: 6,
  imageTypes: ['jpg', 'jpeg', 'png'],
  maxImageBytes: 3 * 1024 * 1024,
  source: 'PDD-MMS-MCP（第三方开源代码，举报理由代码源自店透视插件）',
  verified: false,
  verifiedAt: null,
});

export const pinduoduoProfile: PlatformProfile = {
  platform: 'pinduoduo',
  appealRules: pddAppealRules,
  processingTime: {
    minDays: 2,
    maxDays: 4,
    source: SELLER_EXPERIENCE,
    verified: false,
    verifiedAt: null,
  },
};
