/**
 * Capture requests as the content scripts send them (a 1×1 PNG for every image), for the tests that store captures:
 * a 拼多多 review of order ORDER and the chat about the same order. Each field can be overridden per test.
 */
import { conversationKeyFor } from '../../lib/chat/conversationKey';
import type { MessageRequest } from '../../lib/schemas';

type ReviewRequest = MessageRequest<'capture-review'>;
type ChatRequest = MessageRequest<'capture-chat'>;

export const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
export const ORDER = '261012-662259689903207';

/** What a capture records about where it was taken (no page JSON observed unless given). */
export function captureContext(context: Partial<ChatRequest['context']> = {}): ChatRequest['context'] {
  return { extensionVersion: '0.0.0', browser: 'test', timeZone: 'Asia/Shanghai', pageJson: null, notRendered: [], phraseBoxes: [], privacyBoxes: [], formats: [], ...context };
}

/** A 1-star review capture; its key follows the order number unless given. */
export function reviewRequest(review: Partial<ReviewRequest['review']> = {}): ReviewRequest {
  const orderSn = review.orderSn === undefined ? ORDER : review.orderSn;
  return {
    review: {
      key: `pinduoduo:${orderSn ?? 'x'}`,
      platform: 'pinduoduo',
      text: '不给返现就差评',
      stars: 1,
      reviewedAt: '2026-11-13T14:33:20.000+08:00',
      orderSn,
      buyerNick: '拼***友',
      goodsName: '杯子',
      pictureCount: 0,
      sellerReply: null,
      missing: [],
      ...review,
    },
    image: { dataUrl: PNG, width: 1, height: 1 },
    pageUrl: 'https://mms.pinduoduo.com/goods/evaluation/index',
    pageTitle: '评价管理',
    method: 'html2canvas-pro',
  };
}

/** A chat capture with one plain buyer line and one 差评要挟 line; its conversation key follows order and nick unless given. */
export function chatRequest(thread: Partial<ChatRequest['thread']> = {}): ChatRequest {
  const platform = thread.platform ?? 'pinduoduo';
  const orderSn = thread.orderSn === undefined ? ORDER : thread.orderSn;
  const buyerNick = thread.buyerNick === undefined ? '拼***友' : thread.buyerNick;
  const messages = thread.messages ?? [
    { key: 'pinduoduo:8812345601:1', sender: 'buyer', timeMs: 1791434417000, text: '你好，我的杯子收到是坏的', flag: null, inImage: true },
    { key: 'pinduoduo:8812345601:5', sender: 'buyer', timeMs: 1791434560000, text: '给我返现50元我就改好评', flag: 'extortion', inImage: true },
  ];
  return {
    thread: {
      platform,
      conversationKey: conversationKeyFor(platform, { orderSn, buyerNick, buyerId: null }),
      buyerId: '8812345601',
      buyerNick,
      orderSn,
      messages,
      totalMessages: messages.length,
      scrollHeight: 900,
      visibleHeight: 300,
      omitted: null,
      ...thread,
    },
    image: { dataUrl: PNG, width: 1, height: 1 },
    annotated: { dataUrl: PNG, width: 1, height: 1 },
    pageUrl: 'https://mms.pinduoduo.com/chat-merchant/index.html#/',
    pageTitle: '拼多多商家聊天工作台',
    method: 'html2canvas-pro',
    context: captureContext(),
  };
}
