// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chatForReview, flaggedOnTab, storeChatMessages, storePageFindings, withoutRepeats } from '../../lib/chat/store';
import { ReviewGuardDatabase } from '../../lib/db/database';
import { crossCheck, selectorDrift, STRUCTURE_CHANGED, type CrossCheckInput } from '../../lib/detection/crossCheck';
import { findItemArray, readObservedResponse } from '../../lib/detection/networkPayloads';
import { installNetworkTap, isNetPayload, NET_MESSAGE_TAG } from '../../lib/detection/networkTap';
import { taobaoReviewList } from '../../lib/platforms/taobao';
import type { ChatMessage, ChatMessageRecord } from '../../lib/schemas';
import { taobaoReviews, taobaoTableHtml } from './fixturePages';

describe('network layer: reading the page’s own list responses', () => {
  it('finds the items in each platform’s envelope and reads their ids', () => {
    expect(readObservedResponse('https://mms.pinduoduo.com/saturn/reviews/list', JSON.stringify({ success: true, result: { totalRows: 2, data: [{ orderSn: 'a' }, { orderSn: 'b' }] } })))
      .toMatchObject({ platform: 'pinduoduo', surface: 'review', count: 2, ids: ['a', 'b'] });
    expect(readObservedResponse('https://h5api.m.taobao.com/h5/mtop.rm.sellercenter.list.data.pc/1.0/?t=1', JSON.stringify({ data: { data: { dataSource: taobaoReviews } } })))
      .toMatchObject({ platform: 'taobao', count: 10, ids: taobaoReviews.map((r) => r.rateContent.mainRate.feedId) });
    expect(readObservedResponse('https://ecom.meituan.com/emis/gw/rpc/TFeedbackListNewService/queryDPFeedbackPCNew', JSON.stringify({ data: { code: 0, data: { total: 1, feedbacks: [{ feedbackId: 9 }] } } })))
      .toMatchObject({ platform: 'dianping', count: 1, ids: ['9'] });
    expect(readObservedResponse('https://mms.pinduoduo.com/plateau/chat/list', JSON.stringify({ result: { messages: [{ msg_id: '1' }] } }))).toMatchObject({ surface: 'chat', count: 1 });
  });

  it('ignores unknown endpoints, non-JSON and shapes it cannot recognise', () => {
    expect(readObservedResponse('https://mms.pinduoduo.com/other', '{}')).toBeNull();
    expect(readObservedResponse('https://mms.pinduoduo.com/saturn/reviews/list', '<html>')).toBeNull();
    expect(readObservedResponse('https://mms.pinduoduo.com/saturn/reviews/list', '{"result":{"data":"x"}}')).toBeNull();
    expect(findItemArray(JSON.parse('{"a":{"b":{"c":{"d":{"e":{"f":{"list":[{}]}}}}}}}'))).toBeNull(); // depth-bounded
  });
});

describe('network tap (MAIN world)', () => {
  afterEach(() => vi.restoreAllMocks());

  function fakeWindow() {
    const posted: unknown[] = [];
    class FakeXhr {
      responseType = '';
      responseText = '{"result":{"data":[{"orderSn":"1"}]}}';
      listeners: (() => void)[] = [];
      opened: unknown[] = [];
      sent: unknown[] = [];
      open(...args: unknown[]) {
        this.opened = args;
      }
      send(...args: unknown[]) {
        this.sent = args;
        return 'sent-result';
      }
      addEventListener(_t: string, l: () => void) {
        this.listeners.push(l);
      }
    }
    const response = { clone: () => ({ text: () => Promise.resolve('{"data":[]}') }) };
    const originalFetch = vi.fn(() => Promise.resolve(response));
    const win = {
      XMLHttpRequest: FakeXhr,
      fetch: originalFetch,
      location: { href: 'https://mms.pinduoduo.com/goods/evaluation/index', origin: 'https://mms.pinduoduo.com' },
      postMessage: (data: unknown) => posted.push(data),
      document,
      MutationObserver,
    };
    return { win, posted, FakeXhr, originalFetch, response };
  }

  it('copies matching XHR and fetch responses, calls the originals with the page’s own arguments and changes nothing', async () => {
    const { win, posted, originalFetch, response } = fakeWindow();
    type FakeXhr = InstanceType<ReturnType<typeof fakeWindow>['FakeXhr']>;
    installNetworkTap(win as unknown as Window, [/\/saturn\/reviews\/list/]);
    const xhr = new (win.XMLHttpRequest as unknown as new () => FakeXhr)();
    xhr.open('POST', '/saturn/reviews/list');
    expect(xhr.send('{"pageNo":1}')).toBe('sent-result');
    expect(xhr.opened).toEqual(['POST', '/saturn/reviews/list']);
    expect(xhr.sent).toEqual(['{"pageNo":1}']);
    xhr.listeners.forEach((l) => l());
    expect(posted).toHaveLength(1);
    expect(isNetPayload(posted[0])).toBe(true);
    expect(posted[0]).toMatchObject({ url: 'https://mms.pinduoduo.com/saturn/reviews/list', transport: 'xhr', [NET_MESSAGE_TAG]: 1 });

    const init = { method: 'POST', body: 'x' };
    const result = await (win.fetch as unknown as typeof fetch)('https://mms.pinduoduo.com/saturn/reviews/list', init as RequestInit);
    expect(result).toBe(response); // the page gets its own response object back
    expect(originalFetch).toHaveBeenCalledWith('https://mms.pinduoduo.com/saturn/reviews/list', init);
    await new Promise((r) => setTimeout(r, 0));
    expect(posted).toHaveLength(2);

    const other = new (win.XMLHttpRequest as unknown as new () => FakeXhr)();
    other.open('GET', '/goods/list');
    other.send();
    expect(other.listeners).toHaveLength(0); // not a known endpoint: not even listened to
  });

  it('JSONP: wraps the named callback of a matching <script>, calls the page’s callback first and copies its argument', async () => {
    const posted: unknown[] = [];
    vi.spyOn(window, 'postMessage').mockImplementation((data: unknown) => void posted.push(data));
    const original = vi.fn(() => 'page-result');
    const w = window as unknown as Record<string, unknown>;
    w['mtopjsonp7'] = original;
    installNetworkTap(window, [/mtop\.taobao\.wireless\.amp2\.im\.paas\.message\.list/]);
    const script = document.createElement('script');
    script.src = 'https://h5api.m.taobao.com/h5/mtop.taobao.wireless.amp2.im.paas.message.list/1.0/?type=jsonp&callback=mtopjsonp7';
    document.head.append(script);
    await vi.waitFor(() => expect(w['mtopjsonp7']).not.toBe(original));
    const payload = { data: { userMessages: [{ messageId: 'a.PNM' }] } };
    expect((w['mtopjsonp7'] as (p: unknown) => unknown)(payload)).toBe('page-result');
    expect(original).toHaveBeenCalledWith(payload);
    expect(posted).toHaveLength(1);
    const body = (posted[0] as { body: string }).body;
    expect(readObservedResponse((posted[0] as { url: string }).url, body)).toMatchObject({ platform: 'taobao', surface: 'chat', ids: ['a.PNM'] });

    // Only <head>, <body> and <html> children are watched (not the whole document): a <body> the page puts in
    // place later is watched too.
    const other = vi.fn();
    w['mtopjsonp8'] = other;
    document.documentElement.replaceChild(document.createElement('body'), document.body);
    await new Promise((r) => setTimeout(r, 0));
    const second = document.createElement('script');
    second.src = script.src.replace('mtopjsonp7', 'mtopjsonp8');
    document.body.append(second);
    await vi.waitFor(() => expect(w['mtopjsonp8']).not.toBe(other));
  });

  it('installs once per window', () => {
    const { win } = fakeWindow();
    installNetworkTap(win as unknown as Window, [/x/]);
    const patched = win.fetch;
    installNetworkTap(win as unknown as Window, [/x/]);
    expect(win.fetch).toBe(patched);
  });
});

describe('cross-check of the layers', () => {
  const base: CrossCheckInput = {
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
    scanMs: 1,
  };
  it('says nothing when the layers agree', () => {
    expect(crossCheck(base).warnings).toEqual([]);
  });
  it('says 此页面结构可能已更新 when the API returned reviews the page detectors cannot see', () => {
    const w = crossCheck({ ...base, domCount: 0, keyed: 0 }).warnings;
    expect(w[0]).toContain(STRUCTURE_CHANGED);
    expect(w[0]).toContain('10');
  });
  it('…and when the text shows more order numbers than the tables found', () => {
    expect(crossCheck({ ...base, networkCount: null, domCount: 7, keyed: 7 }).warnings.join()).toContain('10 个订单号');
  });
  it('reports unreadable items instead of guessing', () => {
    expect(crossCheck({ ...base, unreadable: 2 }).warnings.join()).toContain('2 条评价无法读取');
  });
  it('selector drift names the fallback that matched, over all scopes', () => {
    document.body.innerHTML = taobaoTableHtml(taobaoReviews, 'qn-');
    const drift = selectorDrift([document], Object.values(taobaoReviewList.selectors));
    expect(drift.some((d) => d.startsWith('reviewRow') && d.includes('#2'))).toBe(true);
    document.body.innerHTML = taobaoTableHtml(taobaoReviews);
    expect(selectorDrift([document], Object.values(taobaoReviewList.selectors))).toEqual([]);
  });
});

describe('chat storage and the review ↔ chat link', () => {
  const msg = (over: Partial<ChatMessage>): ChatMessage => ({
    key: 'k',
    platform: 'pinduoduo',
    conversationKey: 'u1',
    buyerId: 'u1',
    buyerNick: '拼***友',
    orderSn: '261012-662259689903207',
    sender: 'buyer',
    text: 'x',
    timeMs: 1,
    flag: null,
    missing: [],
    ...over,
  });

  it('stores messages once, keeps the first sighting, and links them to the review by order number, else nick', async () => {
    const db = new ReviewGuardDatabase(`t-${Math.random()}`);
    expect(await storeChatMessages(db, 'https://p', [msg({ key: 'a', timeMs: 2 }), msg({ key: 'b', timeMs: 1, flag: 'extortion' })], 100)).toBe(2);
    expect(await storeChatMessages(db, 'https://p', [msg({ key: 'a', timeMs: 2 })], 200)).toBe(0);
    expect((await db.chatMessages.get('a'))!.firstSeenAtMs).toBe(100);
    await storeChatMessages(db, 'https://p', [msg({ key: 'c', orderSn: null, buyerNick: 'w**' }), msg({ key: 'd', platform: 'taobao' })], 300);

    const linked = await chatForReview(db, { platform: 'pinduoduo', orderSn: '261012-662259689903207', buyerNick: '别人' });
    expect(linked.map((m) => m.key)).toEqual(['b', 'a']); // by time; another platform's message is not linked
    expect((await chatForReview(db, { platform: 'pinduoduo', orderSn: null, buyerNick: 'w**' })).map((m) => m.key)).toEqual(['c']);
    expect(await chatForReview(db, { platform: 'pinduoduo', orderSn: null, buyerNick: null })).toEqual([]);
    db.close();
  });

  it('a message shown on two pages is listed once; a line sent twice on one page stays twice', async () => {
    const at = (over: Partial<ChatMessageRecord>): ChatMessageRecord => ({ ...msg({ text: '在吗', timeMs: 1_791_434_417_000 }), pageUrl: 'https://dongdong.jd.com/', firstSeenAtMs: 1, ...over });
    const chatlog = 'https://shop.jd.com/jdm/kefu/kf-manage-lite/#/UtilsSetting/ChatLog';
    const keys = (ms: ChatMessageRecord[]) => withoutRepeats(ms).map((m) => m.key);
    // Two sends in one minute on 咚咚, the same two in the chat records (to the second there): two messages.
    expect(keys([at({ key: 'd1' }), at({ key: 'd2', timeMs: 1_791_434_437_000 }), at({ key: 'c1', pageUrl: chatlog }), at({ key: 'c2', pageUrl: chatlog })])).toEqual(['d1', 'd2']);
    expect(keys([at({ key: 'd1' }), at({ key: 'c1', pageUrl: chatlog })])).toEqual(['d1']);
    // Another minute, sender, conversation or text, or no time: not the same message.
    const others = [at({ key: 'm', timeMs: 1_791_434_480_000 }), at({ key: 's', sender: 'seller' }), at({ key: 'v', conversationKey: 'u2' }), at({ key: 't', text: '在' })];
    expect(keys([at({ key: 'd1' }), ...others.map((m) => ({ ...m, pageUrl: chatlog }))])).toEqual(['d1', 'm', 's', 'v', 't']);
    expect(keys([at({ key: 'n1', timeMs: null }), at({ key: 'n2', timeMs: null, pageUrl: chatlog })])).toEqual(['n1', 'n2']);
  });

  it('the badge count is the flagged messages reported by the tab’s frames', async () => {
    const db = new ReviewGuardDatabase(`t-${Math.random()}`);
    const findings = crossCheck({ pageUrl: 'https://g.dianping.com/x', platform: 'dianping', adapter: 'meituan-chat', surface: 'chat', domCount: 7, keyed: 7, unreadable: 0, networkCount: null, textCount: null, flagged: 2, drift: [], scanMs: 1 });
    await storePageFindings(db, 5, 0, { ...findings, flagged: 0 }, 1);
    await storePageFindings(db, 5, 3, findings, 1);
    await storePageFindings(db, 6, 0, findings, 1);
    expect(await flaggedOnTab(db, 5)).toBe(2);
    await storePageFindings(db, 5, 3, { ...findings, flagged: 1 }, 2); // same frame: replaced, not added
    expect(await flaggedOnTab(db, 5)).toBe(1);
    db.close();
  });
});
