// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/App';
import type { CaseActions } from '../../components/CaseActions';
import { recordChatCapture } from '../../lib/cases/chatEvidence';
import { recordReviewCapture, type Clock } from '../../lib/cases/recordCapture';
import { ReviewGuardDatabase } from '../../lib/db/database';
import type { MessageRequest } from '../../lib/schemas';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const ORDER = '261012-662259689903207';
const XSS = '再送我两张券我就删差评 <img src=x onerror=alert(1)>';

const chat: MessageRequest<'capture-chat'> = {
  thread: {
    platform: 'pinduoduo',
    conversationKey: `chat:pinduoduo:${ORDER}`,
    buyerId: '8812345601',
    buyerNick: '拼***友',
    orderSn: ORDER,
    messages: [{ key: 'pinduoduo:8812345601:7', sender: 'buyer', timeMs: 1791434700000, text: XSS, flag: 'extortion', inImage: true }],
    totalMessages: 1,
    scrollHeight: 400,
    visibleHeight: 200,
    omitted: null,
  },
  image: { dataUrl: PNG, width: 1, height: 1 },
  pageUrl: 'https://mms.pinduoduo.com/chat-merchant/index.html#/',
  pageTitle: '拼多多商家聊天工作台',
  method: 'html2canvas-pro',
  context: { extensionVersion: '0.0.0', browser: 'test', timeZone: 'Asia/Shanghai', pageJson: null, notRendered: [], phraseBoxes: [], privacyBoxes: [], formats: [] },
};

const review: MessageRequest<'capture-review'> = {
  review: {
    key: `pinduoduo:${ORDER}`,
    platform: 'pinduoduo',
    text: '杯子是坏的，不给返现就差评',
    stars: 1,
    reviewedAt: '2026-10-12T14:33:20.000+08:00',
    orderSn: ORDER,
    buyerNick: '拼***友',
    goodsName: '杯子',
    pictureCount: 0,
    sellerReply: null,
    missing: [],
  },
  image: { dataUrl: PNG, width: 1, height: 1 },
  pageUrl: 'https://mms.pinduoduo.com/goods/evaluation/index',
  pageTitle: '评价管理',
  method: 'html2canvas-pro',
};

let ids = 0;
let now = Date.parse('2026-11-20T10:00:00+08:00');
const clock: Clock = { nowMs: () => now, newId: () => `id-${++ids}` };
let db: ReviewGuardDatabase;
let actions: CaseActions;
beforeEach(() => {
  db = new ReviewGuardDatabase(`panel-${Math.random()}`);
  actions = { submitAppeal: vi.fn(), transition: vi.fn(), copyText: vi.fn(async () => {}) };
  globalThis.URL.createObjectURL ??= () => 'blob:test';
  globalThis.URL.revokeObjectURL ??= () => {};
});
afterEach(async () => {
  cleanup();
  await db.delete();
});

describe('案件 tab: chat evidence', () => {
  it('lists a chat capture without a case under 未关联案件的聊天证据, then shows it in the case timeline once the review is captured', async () => {
    await recordChatCapture(db, chat, clock);
    render(<App db={db} actions={actions} />);
    const unlinked = await screen.findByTestId('unlinked-chat-evidence');
    expect(unlinked.textContent).toContain('未关联案件的聊天证据（1）');
    expect(within(unlinked).getByTestId('chat-seen').textContent).toContain('其中 1 条疑似差评要挟');
    expect(document.querySelector('img[src="x"]')).toBeNull();

    now += 60_000;
    await recordReviewCapture(db, review, clock);
    const card = await screen.findByTestId('case');
    await waitFor(() => expect(within(card).getAllByTestId('evidence').map((e) => e.getAttribute('data-kind'))).toEqual(['negotiation', 'review']));
    await waitFor(() => expect(screen.queryByTestId('unlinked-chat-evidence')).toBeNull());
    expect(within(card).getAllByTestId('evidence')[0]!.textContent).toContain('协商记录');
  });
});
