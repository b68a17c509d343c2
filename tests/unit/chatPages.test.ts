// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyReview } from '../../lib/classify';
import { ChatScanner, type ChatFinding, type ChatScanStats } from '../../lib/detection/chatScanner';
import { CHAT_PAGE_ADAPTERS, REVIEW_PAGE_ADAPTERS } from '../../lib/platforms';
import { isJdChatLog, isJdDongdong, jdChatLog, jdChatLogTestUrls, jdChatTestUrls, jdDongdongChat } from '../../lib/platforms/jd';
import { isMeituanChat, meituanChat, meituanChatTestUrls, parseLxMv } from '../../lib/platforms/meituan';
import { isPddChat, pddChat, pddChatTestUrls } from '../../lib/platforms/pinduoduoChat';
import { isTaobaoChatRecords, taobaoChatRecords, taobaoChatTestUrls } from '../../lib/platforms/taobao';
import type { ChatPageAdapter } from '../../lib/platforms/types';
import { parseConsoleTime } from '../../lib/time/shanghai';
import { renderDzimMessagesHtml } from '../fixtures/meituan/chat-view.js';
import { formatPddChatTime, renderPddMessagesHtml } from '../fixtures/pinduoduo/chat-view.js';
import { renderChatRecordsHtml } from '../fixtures/taobao/chat-view.js';

import { CHAT_PAGES as PAGES, chatLog, dd, mt, pdd, tb } from './chatFixturePages';

const isExtortion = (text: string) => classifyReview({ text, rating: null }).category === 'extortion';
const ROLE = { user: 'buyer', mall_cs: 'seller', system: 'system' } as const;

let scanner: ChatScanner | undefined;
afterEach(() => {
  scanner?.stop();
  scanner = undefined;
  document.body.textContent = '';
});

function scan(adapter: ChatPageAdapter, openShadowRoot?: (h: Element) => ShadowRoot | null) {
  const found: ChatFinding[] = [];
  const scans: ChatScanStats[] = [];
  scanner = new ChatScanner({ adapter, document, isExtortion, openShadowRoot, batchDelayMs: 5, rescanMs: 50, onMessages: (f) => found.push(...f), onScan: (s) => scans.push(s) });
  scanner.start();
  return { found, scans };
}

describe('chat URL checks', () => {
  const CHECKS = [
    { name: 'isPddChat', check: isPddChat, own: pddChatTestUrls.chat, not: pddChatTestUrls.notChat },
    { name: 'isTaobaoChatRecords', check: isTaobaoChatRecords, own: taobaoChatTestUrls.chat, not: taobaoChatTestUrls.notChat },
    { name: 'isJdDongdong', check: isJdDongdong, own: jdChatTestUrls.chat, not: jdChatTestUrls.notChat },
    { name: 'isJdChatLog', check: isJdChatLog, own: jdChatLogTestUrls.chat, not: jdChatLogTestUrls.notChat },
    { name: 'isMeituanChat', check: isMeituanChat, own: meituanChatTestUrls.chat, not: meituanChatTestUrls.notChat },
  ];
  it.each(CHECKS)('$name: own pages yes, negatives and every other chat check’s pages no', ({ name, check, own, not }) => {
    for (const u of own) expect(check(u), u).toBe(true);
    for (const u of not) expect(check(u), u).toBe(false);
    for (const other of CHECKS.filter((c) => c.name !== name)) for (const u of other.own) expect(check(u), `${name}(${u})`).toBe(false);
  });
  it('no URL is both a review page and a chat page', () => {
    for (const c of CHECKS) for (const u of c.own) expect(REVIEW_PAGE_ADAPTERS.filter((a) => a.matchesUrl(u)), u).toEqual([]);
  });
});

describe('chat selector tables match the committed fixtures as recorded', () => {
  const cases = CHAT_PAGE_ADAPTERS.flatMap((a) =>
    Object.values(a.selectors).flatMap((r) => Object.entries(r.expected ?? {}).map(([page, n]) => ({ id: a.id, rule: r, page, n }))),
  );
  it.each(cases)('$id › $rule.name on $page: $n', ({ rule, page, n }) => {
    document.body.innerHTML = PAGES[page]!();
    const first = rule.candidates.map((c) => document.querySelectorAll(c).length).find((x) => x > 0) ?? 0;
    expect(first).toBe(n);
  });
});

describe('Pinduoduo chat workbench', () => {
  it('reads sender, time and text of every message, keyed by the platform id and linked to buyer and order', () => {
    document.body.innerHTML = PAGES['pinduoduo/chat']!();
    const { found, scans } = scan(pddChat);
    expect(scans.at(-1)).toMatchObject({ messages: 6, buyer: 3, seller: 2, system: 1, unreadable: 0 });
    expect(found.map((f) => f.sender)).toEqual(pdd.messages.map((m) => ROLE[m.from.role]));
    expect(found.map((f) => f.key)).toEqual(pdd.messages.map((m) => `pinduoduo:${pdd.conversation.uid}:${m.msg_id}`));
    for (const f of found) {
      expect(f).toMatchObject({ buyerId: pdd.conversation.uid, buyerNick: pdd.conversation.nick, orderSn: pdd.conversation.orderSn });
    }
    // The first message carries the group time; messages in the same 3-minute group share it.
    expect(found[0]!.timeMs).toBe(parseConsoleTime(formatPddChatTime(pdd.messages[0]!.ts)));
    const image = found[3]!;
    expect(image.text).toBe('');
    expect(image.missing).toContain('text');
    const marked = [...document.querySelectorAll('[data-rg-chat]')];
    expect(marked).toHaveLength(6);
    expect(marked.map((e) => e.getAttribute('data-rg-sender'))).toEqual(found.map((f) => f.sender));
    expect(marked.every((e) => e.getAttribute('data-rg-time'))).toBe(true);
  });

  it('flags the buyer’s 差评要挟 (and only that) and highlights it in the page', () => {
    document.body.innerHTML = PAGES['pinduoduo/chat']!();
    const { found, scans } = scan(pddChat);
    expect(found.filter((f) => f.flag).map((f) => f.text)).toEqual([pdd.messages[4]!.content]);
    expect(scans.at(-1)!.flagged).toBe(1);
    const flagged = document.querySelector('[data-rg-flag="extortion"]') as HTMLElement;
    expect(flagged.id).toBe(`middlePanel_list_${pdd.messages[4]!.msg_id}`);
    expect(flagged.style.outline).toContain('solid');
    expect(flagged.querySelector('[data-rg-ui="chat-flag"]')?.textContent).toContain('差评要挟');
  });

  it('survives a Vue re-mount of the whole list and picks up new messages without reporting old ones twice', async () => {
    document.body.innerHTML = '<div id="app">加载中</div>';
    const { found } = scan(pddChat);
    expect(found).toHaveLength(0);
    document.getElementById('app')!.innerHTML = PAGES['pinduoduo/chat']!();
    await vi.waitFor(() => expect(found).toHaveLength(6));
    const ul = document.querySelector('ul.msg-list')!;
    const fresh = document.createElement('ul');
    fresh.className = 'msg-list';
    fresh.innerHTML = renderPddMessagesHtml([...pdd.messages, ...pdd.later]);
    ul.replaceWith(fresh);
    await vi.waitFor(() => expect(document.querySelectorAll('[data-rg-chat]')).toHaveLength(7));
    expect(found).toHaveLength(7);
    expect(found[6]!.text).toBe(pdd.later[0]!.content); // markup in a message is text
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(found[6]!.flag).toBe('extortion');
  });
});

describe('Taobao chat records (CSS-module classes)', () => {
  it.each(['x1y2', 'z9'])('reads every message with hash suffix %s', (hash) => {
    document.body.innerHTML = renderChatRecordsHtml(tb, hash);
    const { found } = scan(taobaoChatRecords);
    expect(found.map((f) => f.sender)).toEqual(tb.messages.map((m) => (m.side === 'left' ? 'buyer' : m.side === 'right' ? 'seller' : 'system')));
    expect(found.map((f) => f.text)).toEqual(tb.messages.map((m) => m.text));
    expect(found.map((f) => f.timeMs)).toEqual(tb.messages.map((m) => parseConsoleTime(m.time)));
    expect(found[0]).toMatchObject({ buyerNick: tb.buyer, orderSn: tb.orderId });
    expect(found.filter((f) => f.flag)).toHaveLength(1);
  });
});

describe('JD 咚咚', () => {
  it('reads every message with its id; the picture message is reported as having no text', () => {
    document.body.innerHTML = PAGES['jd/dongdong']!();
    const { found } = scan(jdDongdongChat);
    expect(found.map((f) => f.key)).toEqual(dd.messages.map((m) => `jd:${dd.customer.customerPin}:${m.id}`));
    expect(found.map((f) => f.sender)).toEqual(dd.messages.map((m) => ({ left: 'buyer', right: 'seller', center: 'system' })[m.side]));
    expect(found[5]!.missing).toContain('text');
    expect(found[2]!.missing).toContain('time');
    expect(found.filter((f) => f.flag).map((f) => f.text)).toEqual([dd.messages[3]!.text]);
    expect(found[0]!.orderSn).toBe(dd.orderId);
  });

  it('a recycled row (same node, other message) is re-read, re-keyed and un-highlighted', async () => {
    document.body.innerHTML = PAGES['jd/dongdong']!();
    scan(jdDongdongChat);
    const flaggedRow = document.querySelector('[data-rg-flag="extortion"]')!;
    flaggedRow.innerHTML = `<div class="message_right" id="s_2001"><span class="message__time_str">2026-04-02 10:00:00</span><div class="message__content">好的，已为您补发</div></div>`;
    await vi.waitFor(() => expect(flaggedRow.getAttribute('data-rg-sender')).toBe('seller'));
    expect(flaggedRow.getAttribute('data-rg-chat')).toBe(`jd:${dd.customer.customerPin}:s_2001`);
    expect(flaggedRow.getAttribute('data-rg-sender')).toBe('seller');
    expect(flaggedRow.hasAttribute('data-rg-flag')).toBe(false);
    expect((flaggedRow as HTMLElement).style.outline).toBe('');
  });
});

describe('京麦 聊天记录 drawer', () => {
  it('reads each block’s side (waiterSend), time and text, linked to the customer and order in the title', () => {
    document.body.innerHTML = PAGES['jd/chatlog']!();
    const { found } = scan(jdChatLog);
    expect(found.map((f) => f.sender)).toEqual(chatLog.chatLogMessageList.map((m) => (m.waiterSend ? 'seller' : 'buyer')));
    expect(found.map((f) => f.key)).toEqual(chatLog.chatLogMessageList.map((m) => `jd:${chatLog.sessions[0]!.customer}:${m.mid}`));
    expect(found.map((f) => f.timeMs)).toEqual(chatLog.chatLogMessageList.map((m) => parseConsoleTime(m.created)));
    expect(found[0]).toMatchObject({ buyerNick: chatLog.sessions[0]!.customer, orderSn: chatLog.sessions[0]!.orderId });
    expect(found.filter((f) => f.flag).map((f) => f.text)).toEqual(['不补偿我20块我就给差评']);
  });
});

describe('Meituan dzim chat inside a shadow root', () => {
  function mountInShadow(mode: 'open' | 'closed') {
    const host = document.createElement('dzim-chat-app');
    document.body.append(host);
    const root = host.attachShadow({ mode });
    const wrap = document.createElement('div');
    wrap.innerHTML = PAGES['meituan/chat']!();
    root.append(wrap);
    return { host, root, wrap };
  }

  it('enters a closed shadow root through the closed-root API and reads buyer, time, text', () => {
    const { host, root, wrap } = mountInShadow('closed');
    const open = vi.fn((h: Element) => (h === host ? root : null));
    const { found, scans } = scan(meituanChat, open);
    expect(open).toHaveBeenCalledWith(host);
    expect(scans.at(-1)).toMatchObject({ messages: 6, buyer: 3, seller: 2, system: 1, scopes: 2 });
    expect(found[0]).toMatchObject({ buyerId: mt.userId, buyerNick: mt.userName, orderSn: mt.orderId, sender: 'buyer', text: mt.messages[0]!.text });
    expect(found[0]!.timeMs).toBe(parseConsoleTime(mt.messages[0]!.time!));
    expect(found[5]!.text).toBe('🙂 那你等着吧'); // control character dropped, emoji kept
    expect(wrap.querySelectorAll('[data-rg-flag="extortion"]')).toHaveLength(1);
  });

  it('without the closed-root API a closed root stays invisible (nothing is guessed)', () => {
    mountInShadow('closed');
    const { scans } = scan(meituanChat);
    expect(scans.at(-1)).toMatchObject({ messages: 0, scopes: 1 });
  });

  it('sees messages added inside the shadow root later', async () => {
    const { wrap } = mountInShadow('open');
    const { found } = scan(meituanChat);
    const t = document.createElement('template');
    t.innerHTML = renderDzimMessagesHtml(mt.later);
    wrap.querySelector('.list')!.append(...t.content.children);
    await vi.waitFor(() => expect(found).toHaveLength(7));
    expect(found[6]!.flag).toBe('extortion');
  });

  it('lx-mv is untrusted JSON: garbage gives nulls, not a throw', () => {
    expect(parseLxMv('{"lab":{"shopId":1,"userId":"2"}}')).toEqual({ shopId: '1', userId: '2' });
    expect(parseLxMv('not json')).toEqual({ shopId: null, userId: null });
    expect(parseLxMv('{"lab":{"userId":{"x":1}}}')).toEqual({ shopId: null, userId: null });
  });
});

describe('chat scanner robustness', () => {
  it('a failing adapter never throws into the page', () => {
    document.body.innerHTML = PAGES['pinduoduo/chat']!();
    const broken: ChatPageAdapter = { ...pddChat, readMessages: () => { throw new Error('boom'); } };
    const onError = vi.fn();
    scanner = new ChatScanner({ adapter: broken, document, isExtortion, onError });
    expect(() => scanner!.start()).not.toThrow();
    expect(onError).toHaveBeenCalled();
  });

  it('giant texts are capped and malformed rows reported unreadable', () => {
    document.body.innerHTML = `<div id="t-chat-scroll"><div class="message"><div class="message_left" id="s_1"><div class="message__content">${'差'.repeat(50_000)}</div></div></div><div class="message"></div></div>`;
    const { found, scans } = scan(jdDongdongChat);
    expect(found[0]!.text.length).toBe(5_000);
    expect(scans.at(-1)!.messages).toBe(2);
    expect(found[1]!.sender).toBe('system');
  });
});
