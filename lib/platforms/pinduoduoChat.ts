/**
 * Pinduoduo chat workbench (商家聊天工作台, mms.pinduoduo.com/chat-merchant/…#/): a Vue 2 SPA, calibrated on a real
 * page (seller-consoles.md §1.4, H, 2026-09). The list mounts late and Vue may replace `ul.msg-list` wholesale; the
 * chat scanner's low-frequency rescan covers both. Kept beside pinduoduo.ts (the review page) to keep files small.
 */
import { parseConsoleTime } from '../time/shanghai';
import { cleanText, ORDER_NUMBER } from './heuristics';
import { PDD_HOST } from './pinduoduo';
import { queryAllByRule, queryByRule, readText } from './selectors';
import type { ChatConversation, ChatMessageRead, ChatPageAdapter, ChatSender, SelectorRule } from './types';

export function isPddChat(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname === PDD_HOST && /^\/chat-merchant(?:\/|\/index\.html)?$/.test(u.pathname.replace(/\/$/, '') || '/');
  } catch {
    return false;
  }
}

export const pddChatTestUrls = {
  chat: [
    'https://mms.pinduoduo.com/chat-merchant/index.html#/',
    'https://mms.pinduoduo.com/chat-merchant/#/',
    'https://mms.pinduoduo.com/chat-merchant/index.html?r=0.123#/',
  ],
  notChat: [
    'https://mms.pinduoduo.com/goods/evaluation/index',
    'https://mms.pinduoduo.com/mms-chat/search?msfrom=mms_ai_search_function',
    'http://mms.pinduoduo.com/chat-merchant/index.html#/',
  ],
};

const selectors = {
  message: {
    name: 'message',
    candidates: ['#msgListContainer ul.msg-list > li.onemsg', 'li[id^="middlePanel_list_"]'],
    note: 'H (pdd-rag-plugin, real-page calibration 2026-09)',
    expected: { 'pinduoduo/chat': 6 },
  },
  buyer: { name: 'buyer', candidates: ['.buyer-item', '[class*="buyer"]'], expected: { 'pinduoduo/chat': 3 } },
  seller: { name: 'seller', candidates: ['.cs-item', '[class*="cs-item"]'], expected: { 'pinduoduo/chat': 2 } },
  text: { name: 'text', candidates: ['p.msg-content-box', '.msg-content'] },
  time: { name: 'time', candidates: ['p.message-time'] },
  buyerUid: { name: 'buyerUid', candidates: ['.buyer-item [currentuid]', '[currentuid]'] },
  buyerNick: {
    name: 'buyerNick',
    candidates: ['.chat-header .nickname', 'li.chat-item.active .chat-nickname'],
    note: 'inferred (L): the header name is not in the calibrated sources',
  },
  orderCard: { name: 'orderCard', candidates: ['.order-card', '[class*="order-card"]', '[class*="orderInfo"]'], note: 'inferred (L)' },
} as const satisfies Record<string, SelectorRule>;

function senderOf(li: Element): ChatSender {
  if (queryByRule(li, selectors.buyer)) return 'buyer';
  if (queryByRule(li, selectors.seller)) return 'seller';
  return 'system';
}

function readMessages(_scope: ParentNode, elements: readonly Element[]): (ChatMessageRead | null)[] {
  let groupTime: number | null = null;
  return elements.map((li) => {
    const timeEl = queryByRule(li, selectors.time);
    if (timeEl) groupTime = parseConsoleTime(readText(timeEl)) ?? groupTime;
    const idDigits = /middlePanel_list_(\d+)/.exec(li.id)?.[1] ?? null;
    const sender = senderOf(li);
    const missing: string[] = [];
    const textEl = queryByRule(li, selectors.text);
    let text = '';
    if (sender === 'system') text = readText(li).replace(timeEl ? readText(timeEl) : '', '').trim();
    else if (textEl && textEl.matches('p.msg-content-box')) text = readText(textEl);
    else missing.push('text'); // images and goods cards have no text box
    // The platform id is a millisecond number: the time of last resort when no separator preceded the message.
    let timeMs = groupTime;
    if (timeMs === null && idDigits && idDigits.length === 13) timeMs = Number(idDigits);
    if (timeMs === null) missing.push('time');
    return { platformId: idDigits, sender, text: cleanText(text, 5_000), timeMs, missing };
  });
}

function readConversation(scope: ParentNode): ChatConversation {
  const uidEl = queryByRule(scope, selectors.buyerUid);
  const buyerId = uidEl?.getAttribute('currentuid') || null;
  const nickEl = queryByRule(scope.ownerDocument ?? scope, selectors.buyerNick);
  const orderEl = queryByRule(scope.ownerDocument ?? scope, selectors.orderCard);
  return {
    buyerId,
    buyerNick: nickEl ? readText(nickEl) || null : null,
    orderSn: orderEl ? (ORDER_NUMBER.exec(readText(orderEl))?.[1] ?? null) : null,
  };
}

export const pddChat: ChatPageAdapter = {
  id: 'pinduoduo-chat',
  platform: 'pinduoduo',
  matchesUrl: isPddChat,
  matchPatterns: ['https://mms.pinduoduo.com/*'],
  selectors,
  findMessages: (scope) => queryAllByRule(scope, selectors.message),
  readMessages,
  readConversation,
  capture: {
    threadRoot: { name: 'threadRoot', candidates: ['#msgListContainer'], note: 'the scrolling message list (H: calibrated container)', expected: { 'pinduoduo/chat': 1 } },
    captureHost: { name: 'captureHost', candidates: ['.chat-header', '#msgListContainer'], note: 'conversation header (L, inferred)', expected: { 'pinduoduo/chat': 1 } },
  },
  composer: {
    input: { name: 'replyInput', candidates: ['#replyTextarea'], note: 'H (pdd-ai-button.ts)' },
    send: { name: 'sendButton', candidates: ['.send-btn', '[class*="send-btn"]', '[class*="sendBtn"]'], note: 'inferred (L): Enter sends' },
  },
};
