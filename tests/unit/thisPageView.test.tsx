// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ThisPageView } from '../../components/ThisPageView';
import { storeChatMessages, storePageFindings } from '../../lib/chat/store';
import { ReviewGuardDatabase } from '../../lib/db/database';
import { crossCheck, type CrossCheckInput } from '../../lib/detection/crossCheck';

let db: ReviewGuardDatabase;
beforeEach(() => {
  db = new ReviewGuardDatabase(`panel-${Math.random()}`);
});
afterEach(async () => {
  cleanup();
  await db.delete();
});

const review: CrossCheckInput = {
  pageUrl: 'https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC',
  platform: 'taobao',
  adapter: 'taobao-reviews',
  surface: 'review',
  domCount: 10,
  keyed: 10,
  unreadable: 0,
  networkCount: 10,
  textCount: 10,
  flagged: 0,
  drift: [],
  scanMs: 3,
};

describe('side panel 此页面', () => {
  it('says so when no console page is open', async () => {
    render(<ThisPageView db={db} />);
    expect(await screen.findByTestId('this-page-empty')).toBeTruthy();
  });

  it('shows the counts per layer, and updates live when the page changes under us', async () => {
    await storePageFindings(db, 7, 0, crossCheck(review), 1);
    render(<ThisPageView db={db} />);
    const finding = await screen.findByTestId('page-finding');
    expect(within(finding).getByTestId('dom-count').textContent).toContain('10');
    expect(within(finding).getByTestId('network-count').textContent).toBe('10');
    expect(within(finding).queryByTestId('warnings')).toBeNull();

    await act(() => storePageFindings(db, 7, 0, crossCheck({ ...review, domCount: 0, keyed: 0, drift: ['reviewRow：所有规则都没有匹配'] }), 2));
    await waitFor(() => expect(within(screen.getByTestId('page-finding')).getByTestId('warnings').textContent).toContain('此页面结构可能已更新'));
    expect(screen.getByText('规则匹配详情（1）')).toBeTruthy();
  });

  it('lists the watch-listed buyers on the page, one line each, as text', async () => {
    const line = '买家「<b>木***</b>」可能是观察名单中的「木***」（昵称已打码，请核对）：曾以差评索要补偿。';
    await storePageFindings(db, 7, 0, { ...crossCheck(review), watchlist: [line] }, 1);
    render(<ThisPageView db={db} />);
    const finding = await screen.findByTestId('page-finding');
    expect(within(finding).getByTestId('watch-warnings').textContent).toBe(line);
    expect(within(finding).getByTestId('watch-warnings').querySelector('b')).toBeNull();
  });

  it('hides an empty shell frame once its child frame found items, and lists flagged chat text as text', async () => {
    const chat = { ...review, pageUrl: 'https://g.dianping.com/dzim-main-pc/index.html#/', platform: 'dianping' as const, adapter: 'meituan-chat', surface: 'chat' as const, networkCount: null, textCount: null };
    await storePageFindings(db, 9, 0, crossCheck({ ...chat, domCount: 0, keyed: 0 }), 1);
    await storePageFindings(db, 9, 4, crossCheck({ ...chat, domCount: 7, keyed: 7, flagged: 2 }), 1);
    await storeChatMessages(db, chat.pageUrl, [
      { key: 'm1', platform: 'dianping', conversationKey: '990011', buyerId: '990011', buyerNick: '美团用户Xy***', orderSn: null, sender: 'buyer', text: '<img src=x onerror=alert(1)>给我返现', timeMs: 1, flag: 'extortion', missing: [] },
    ], 1);
    // The same message seen again on another page (under that page's id) is listed once.
    await storeChatMessages(db, 'https://g.dianping.com/dzim-main-pc/history.html', [
      { key: 'h1', platform: 'dianping', conversationKey: '990011', buyerId: '990011', buyerNick: '美团用户Xy***', orderSn: null, sender: 'buyer', text: '<img src=x onerror=alert(1)>给我返现', timeMs: 1, flag: 'extortion', missing: [] },
    ], 2);
    render(<ThisPageView db={db} />);
    await waitFor(() => expect(screen.getAllByTestId('page-finding')).toHaveLength(1));
    expect(screen.getByTestId('flagged-count').textContent).toBe('2');
    const flagged = await screen.findByTestId('flagged-chats');
    expect(within(flagged).getByRole('heading').textContent).toBe('疑似差评要挟的买家消息（1）');
    expect(within(flagged).getByTestId('chat-text').textContent).toBe('<img src=x onerror=alert(1)>给我返现');
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });
});
