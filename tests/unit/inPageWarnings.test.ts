// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUYER_MESSAGE_TEMPLATES } from '../../lib/appeal/buyerMessages';
import { createToolbar, placeToolbar } from '../../lib/detection/captureToolbar';
import { ReviewScanner } from '../../lib/detection/reviewScanner';
import { ChatPageWatch } from '../../lib/inpage/chatPageWatch';
import { ReviewPageWatch, type ReviewPageBackground } from '../../lib/inpage/reviewPageWatch';
import { installSendGuard, type SendGuard } from '../../lib/inpage/sendGuard';
import { ensureTemplateButton } from '../../lib/inpage/templateMenu';
import { jdDongdongChat } from '../../lib/platforms/jd';
import { meituanChat } from '../../lib/platforms/meituan';
import { pddReviewList } from '../../lib/platforms/pinduoduo';
import { pddChat as pddChatAdapter } from '../../lib/platforms/pinduoduoChat';
import type { CaseState } from '../../lib/schemas';
import type { WatchlistMatch } from '../../lib/watchlist/match';
import { NickChecker } from '../../lib/watchlist/nickChecker';
import { renderReviewRowsHtml } from '../fixtures/pinduoduo/evaluation-view.js';
import { pddReviews } from './fixturePages';

let guard: SendGuard | null = null;
afterEach(() => {
  guard?.stop();
  guard = null;
  document.body.innerHTML = '';
  vi.useRealTimers();
});

/** The PDD chat input with the platform's own send-on-Enter handler (which records what it would send). */
function pddChat() {
  document.body.innerHTML = '<div class="chat-header"><span class="nickname">拼***友</span></div><textarea id="replyTextarea"></textarea>';
  const input = document.querySelector<HTMLTextAreaElement>('#replyTextarea')!;
  const sent: string[] = [];
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) sent.push(input.value);
  });
  guard = installSendGuard({ document, composer: pddChatAdapter.composer! });
  const pressEnter = () => {
    const event = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    input.dispatchEvent(event);
    return event;
  };
  return { input, sent, pressEnter };
}

const panel = () => document.querySelector<HTMLElement>('[data-rg-ui="send-guard"]');

describe('the send guard on a chat input', () => {
  it('stops Enter on a threatening message and names the words and the rule, sending nothing', () => {
    const { input, sent, pressEnter } = pddChat();
    input.value = '你再不改差评就等着，加我微信聊';
    const event = pressEnter();
    expect(event.defaultPrevented).toBe(true);
    expect(sent).toEqual([]);
    expect(panel()!.textContent).toContain('引导站外联系：“加我”“微信”');
    expect(panel()!.textContent).toContain('官方聊天工具');
    expect(input.value).toBe('你再不改差评就等着，加我微信聊'); // never rewritten
  });

  it('仍然发送 lets exactly that text through once; the next identical message is checked again', () => {
    const { input, sent, pressEnter } = pddChat();
    input.value = '你个骗子';
    pressEnter();
    panel()!.querySelector<HTMLButtonElement>('[data-rg-action="guard-send-anyway"]')!.click();
    expect(sent).toEqual(['你个骗子']);
    expect(panel()).toBeNull();
    pressEnter();
    expect(sent).toEqual(['你个骗子']);
    expect(panel()).not.toBeNull();
  });

  it('修改 closes the warning and leaves the text as it was, unsent', () => {
    const { input, sent, pressEnter } = pddChat();
    input.value = '好评返现5元';
    pressEnter();
    expect(panel()!.textContent).toContain('以利益换评价');
    panel()!.querySelector<HTMLButtonElement>('[data-rg-action="guard-edit"]')!.click();
    expect(panel()).toBeNull();
    expect(sent).toEqual([]);
    expect(input.value).toBe('好评返现5元');
  });

  it('lets a calm message go untouched, and Shift+Enter is never a send', () => {
    const { input, sent, pressEnter } = pddChat();
    input.value = '您好，方便说一下具体是哪里出了问题吗？';
    expect(pressEnter().defaultPrevented).toBe(false);
    expect(sent).toEqual(['您好，方便说一下具体是哪里出了问题吗？']);
    input.value = '滚';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, cancelable: true }));
    expect(panel()).toBeNull();
  });

  it('a platform that sends on keyup is stopped too, and gets the next, calm Enter whole', () => {
    const { input, pressEnter } = pddChat();
    const keyups: string[] = [];
    input.addEventListener('keyup', (e) => e.key === 'Enter' && keyups.push(input.value));
    const keyup = () => input.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter', bubbles: true, cancelable: true }));
    input.value = '滚';
    pressEnter();
    keyup();
    expect(keyups).toEqual([]);
    input.value = '您好，请问哪里不满意？'; // edited without pressing 修改
    pressEnter();
    keyup();
    expect(keyups).toEqual(['您好，请问哪里不满意？']);
    expect(panel()).toBeNull();
  });

  it('checks a click on the send button too (京东咚咚 editor)', () => {
    document.body.innerHTML =
      '<div class="EditorContent" contenteditable="true">加我vx 给你返现 改个好评</div><div class="SendButtonGroup"><button class="send-button">发送</button></div>';
    const clicks: number[] = [];
    document.querySelector('.send-button')!.addEventListener('click', () => clicks.push(1));
    guard = installSendGuard({ document, composer: jdDongdongChat.composer! });
    document.querySelector<HTMLButtonElement>('.send-button')!.click();
    expect(clicks).toEqual([]);
    expect(panel()!.textContent).toContain('以利益换评价');
    panel()!.querySelector<HTMLButtonElement>('[data-rg-action="guard-send-anyway"]')!.click();
    expect(clicks).toEqual([1]);
  });

  it('also guards an input inside a closed shadow root (美团 dzim chat), listening on the root itself', () => {
    const host = document.createElement('dzim-chat-app');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'closed' });
    root.innerHTML = '<pre class="dzim-chat-input-container" contenteditable="plaintext-only">不删差评就曝光你</pre>';
    const pre = root.querySelector('pre')!;
    const sentFromPage: string[] = [];
    pre.addEventListener('keydown', () => sentFromPage.push(pre.textContent ?? ''));
    guard = installSendGuard({ document, composer: meituanChat.composer!, scopes: () => [document, root] });
    const event = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, composed: true });
    pre.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(sentFromPage).toEqual([]);
    expect(panel()!.textContent).toContain('威胁：“曝光你”');
  });

  it('the 话术 button puts a polite template into the input, for the seller to send', () => {
    const { input, sent } = pddChat();
    const wrap = ensureTemplateButton(input);
    expect(ensureTemplateButton(input)).toBe(wrap); // one per input
    wrap.querySelector<HTMLButtonElement>('[data-rg-action="buyer-templates"]')!.click();
    wrap.querySelector<HTMLElement>('[data-rg-template="ask-their-aim"]')!.click();
    expect(input.value).toBe(BUYER_MESSAGE_TEMPLATES.find((t) => t.id === 'ask-their-aim')!.text);
    expect(sent).toEqual([]);
  });
});

function match(nick: string, strength: WatchlistMatch['strength'] = 'exact'): WatchlistMatch {
  return { nick, entryId: 'w1', entryNick: nick, reason: '曾以差评索要补偿', caseCount: 1, strength, warning: `买家「${nick}」在您的观察名单中` };
}

describe('asking about the buyers on screen', () => {
  it('waits for the scans to settle and asks once per new set of nicks', async () => {
    vi.useFakeTimers();
    const check = vi.fn(async (nicks: string[]) => nicks.filter((n) => n === '木***').map((n) => match(n, 'masked')));
    const onMatches = vi.fn();
    const checker = new NickChecker({ check, onMatches, delayMs: 300 });
    checker.offer(['木***', 't***8']);
    checker.offer(['木***', 't***8', '夏***']);
    await vi.advanceTimersByTimeAsync(300);
    expect(check).toHaveBeenCalledTimes(1);
    expect(check.mock.calls[0]![0]).toEqual(['木***', 't***8', '夏***']);
    expect(checker.matchesFor('木***').map((m) => m.strength)).toEqual(['masked']);
    expect(onMatches).toHaveBeenCalledTimes(1);
    checker.offer(['木***', 't***8']); // nothing new: no message
    await vi.advanceTimersByTimeAsync(1_000);
    expect(check).toHaveBeenCalledTimes(1);
    checker.offer(['陈***']);
    await vi.advanceTimersByTimeAsync(300);
    expect(check.mock.calls.map((c) => c[0])).toEqual([['木***', 't***8', '夏***'], ['陈***']]);
  });

  it('asks again after a failed question', async () => {
    vi.useFakeTimers();
    const check = vi.fn().mockRejectedValueOnce(new Error('后台未响应')).mockResolvedValue([]);
    const checker = new NickChecker({ check, onMatches: () => {}, delayMs: 100 });
    checker.offer(['木***']);
    await vi.advanceTimersByTimeAsync(100);
    checker.offer(['木***']);
    await vi.advanceTimersByTimeAsync(100);
    expect(check).toHaveBeenCalledTimes(2);
  });
});

describe('the buyer of the open conversation', () => {
  it('is badged while watch-listed, and the badge goes when the seller switches to another buyer', async () => {
    document.body.innerHTML = '<div class="chat-header"><span class="nickname">拼***友</span></div><textarea id="replyTextarea"></textarea>';
    const watchlist = vi.fn(async (nicks: string[]) => nicks.filter((n) => n === '拼***友').map((n) => match(n, 'masked')));
    const watch = new ChatPageWatch({ adapter: pddChatAdapter, document, scopes: () => [document], watchlist, delayMs: 5 });
    watch.afterScan();
    await vi.waitFor(() => expect(document.querySelector('[data-rg-ui="watch-badge"]')?.textContent).toContain('可能是观察名单买家'));
    expect(document.querySelector('[data-rg-ui="buyer-templates"]')).not.toBeNull();
    document.querySelector('.nickname')!.textContent = '小***店';
    watch.afterScan();
    expect(document.querySelector('[data-rg-ui="watch-badge"]')).toBeNull();
    await vi.waitFor(() => expect(watchlist).toHaveBeenCalledTimes(2));
    expect(watchlist.mock.calls.map((c) => c[0])).toEqual([['拼***友'], ['小***店']]);
    watch.stop();
  });
});

/** A PDD review page of `reviews`, scanned once, each review with its toolbar. */
function mountPage(reviews = pddReviews.slice(0, 6)) {
  document.body.innerHTML = `<table><tbody>${renderReviewRowsHtml(reviews)}</tbody></table>`;
  const scanner = new ReviewScanner({
    adapter: pddReviewList,
    document,
    mountToolbar: (review) => placeToolbar(review, createToolbar(document, review.key, () => {})),
  });
  scanner.scanNow();
  return scanner;
}
const keyOf = (i: number) => `pinduoduo:${pddReviews[i]!.orderSn}`;

describe('a PDD review page with watch-listed buyers and existing cases', () => {

  it('badges the watch-listed nick, marks reviews with a case and passes their report state on, and nothing else', async () => {
    const caseKey = keyOf(4); // 陈***, shown as 已举报
    const statusSeen = vi.fn(async (): Promise<CaseState[]> => ['已申诉']);
    const background: ReviewPageBackground = {
      watchlist: vi.fn(async (nicks: string[]) => nicks.filter((n) => n === '木***').map((n) => match(n, 'masked'))),
      casesOnPage: vi.fn(async (keys: string[]) => keys.filter((k) => k === caseKey).map((key) => ({ key, state: '取证中' as const }))),
      statusSeen,
    };
    const scanner = mountPage();
    const watch = new ReviewPageWatch({ adapter: pddReviewList, document, background, delayMs: 5 });
    watch.afterScan();

    await vi.waitFor(() => expect(document.querySelector('[data-rg-ui="case-marker"]')?.textContent).toBe('已立案 · 已申诉'));
    expect(statusSeen).toHaveBeenCalledWith(caseKey, '已举报');
    expect(background.casesOnPage).toHaveBeenCalledTimes(1);
    const marker = document.querySelector('[data-rg-ui="case-marker"]')!;
    expect(marker.closest('[data-rg-review]')!.getAttribute('data-rg-review')).toBe(caseKey);
    expect(marker.parentElement!.getAttribute('data-rg-ui')).toBe('toolbar'); // beside 采集证据
    expect(marker.parentElement!.querySelector('[data-rg-action="capture"]')).not.toBeNull();
    expect(document.querySelectorAll('[data-rg-ui="case-marker"]')).toHaveLength(1);

    watch.afterScan(); // the watch-list answer arrived: the badge goes next to the nick
    await vi.waitFor(() => expect(document.querySelector('[data-rg-ui="watch-badge"]')).not.toBeNull());
    const badge = document.querySelector('[data-rg-ui="watch-badge"]')!;
    expect(badge.previousElementSibling?.textContent).toBe('木***');
    expect(badge.textContent).toContain('可能是观察名单买家');
    expect(document.querySelectorAll('[data-rg-ui="watch-badge"]')).toHaveLength(1);

    // The same state again is not sent again; the page showing 举报成功 after 刷新 is.
    watch.afterScan();
    await new Promise((r) => setTimeout(r, 30));
    expect(statusSeen).toHaveBeenCalledTimes(1);
    const refreshed = pddReviews.slice(0, 6).map((r, i) => (i === 4 ? { ...r, reportStatus: 2, reportDesc: '举报成功' } : r));
    statusSeen.mockResolvedValueOnce(['申诉成功']);
    scanner.stop();
    mountPage(refreshed);
    watch.afterScan();
    await vi.waitFor(() => expect(document.querySelector('[data-rg-ui="case-marker"]')?.textContent).toBe('已立案 · 申诉成功'));
    expect(statusSeen).toHaveBeenLastCalledWith(caseKey, '举报成功');
    expect(background.casesOnPage).toHaveBeenCalledTimes(1); // keys already known are not asked again
    watch.stop();
  });

  it('a row the page reuses for another review loses the marker', async () => {
    const caseKey = keyOf(0);
    const background: ReviewPageBackground = {
      watchlist: async () => [],
      casesOnPage: vi.fn(async (keys: string[]) => keys.filter((k) => k === caseKey).map((key) => ({ key, state: '取证中' as const }))),
      statusSeen: async () => [],
    };
    const scanner = mountPage(pddReviews.slice(0, 2));
    const watch = new ReviewPageWatch({ adapter: pddReviewList, document, background, delayMs: 5 });
    watch.afterScan();
    await vi.waitFor(() => expect(document.querySelector('[data-rg-ui="case-marker"]')).not.toBeNull());
    // The same header row now shows another review (its order number changes in place).
    const first = document.querySelector(`[data-rg-review="${caseKey}"]`)!;
    first.setAttribute('data-rg-review', keyOf(5));
    watch.afterScan();
    await vi.waitFor(() => expect(document.querySelector('[data-rg-ui="case-marker"]')).toBeNull());
    scanner.stop();
    watch.stop();
  });

  it('a review captured on this page gets its marker without asking again', async () => {
    const background: ReviewPageBackground = { watchlist: async () => [], casesOnPage: vi.fn(async () => []), statusSeen: vi.fn(async () => []) };
    mountPage();
    const watch = new ReviewPageWatch({ adapter: pddReviewList, document, background, delayMs: 5 });
    watch.afterScan();
    await vi.waitFor(() => expect(background.casesOnPage).toHaveBeenCalledTimes(1));
    expect(document.querySelector('[data-rg-ui="case-marker"]')).toBeNull();
    const key = keyOf(0);
    watch.noteCaptured(key, '取证中', '未被举报');
    await vi.waitFor(() => expect(document.querySelector(`[data-rg-review="${key}"] [data-rg-ui="case-marker"]`)?.textContent).toBe('已立案 · 取证中'));
    expect(background.statusSeen).not.toHaveBeenCalled();
    watch.stop();
  });
});

describe('a review page watch that follows the scanner (incremental passes)', () => {

  it('after the first whole-page pass, asks only about the reviews the scanner re-identified', async () => {
    mountPage();
    const casesOnPage = vi.fn<ReviewPageBackground['casesOnPage']>(async () => []);
    const watchlist = vi.fn(async () => []);
    const watch = new ReviewPageWatch({ adapter: pddReviewList, document, background: { watchlist, casesOnPage, statusSeen: async () => [] }, delayMs: 5 });
    watch.afterScan([]); // the first pass is a whole-page one whatever the scanner says
    await vi.waitFor(() => expect(casesOnPage).toHaveBeenCalledTimes(1));
    expect(casesOnPage.mock.calls[0]![0]).toHaveLength(6);

    // The page re-renders one row in place with another review: only that key is new.
    const row = document.querySelector(`[data-rg-review="${keyOf(0)}"]`)!;
    row.setAttribute('data-rg-review', keyOf(7));
    watch.afterScan([row]);
    await vi.waitFor(() => expect(casesOnPage).toHaveBeenCalledTimes(2));
    expect(casesOnPage.mock.calls[1]![0]).toEqual([keyOf(7)]);

    watch.afterScan([]); // nothing changed: no pass, no message
    await new Promise((r) => setTimeout(r, 30));
    expect(casesOnPage).toHaveBeenCalledTimes(2);
    watch.stop();
  });

  it('a re-identified row that now shows another review loses its 已立案 marker; the other markers stay', async () => {
    mountPage();
    const withCase = new Set([keyOf(0), keyOf(1)]);
    const background: ReviewPageBackground = {
      watchlist: async () => [],
      casesOnPage: async (keys) => keys.filter((k) => withCase.has(k)).map((key) => ({ key, state: '取证中' as const })),
      statusSeen: async () => [],
    };
    const watch = new ReviewPageWatch({ adapter: pddReviewList, document, background, delayMs: 5 });
    watch.afterScan();
    await vi.waitFor(() => expect(document.querySelectorAll('[data-rg-ui="case-marker"]')).toHaveLength(2));
    const row = document.querySelector(`[data-rg-review="${keyOf(0)}"]`)!;
    row.setAttribute('data-rg-review', keyOf(5));
    watch.afterScan([row]);
    await vi.waitFor(() => expect(document.querySelectorAll('[data-rg-ui="case-marker"]')).toHaveLength(1));
    expect(document.querySelector('[data-rg-ui="case-marker"]')!.getAttribute('data-rg-for')).toBe(keyOf(1));
    watch.stop();
  });

  it('a failed round trip makes the next pass a whole-page one, so nothing stays unasked', async () => {
    mountPage();
    const casesOnPage = vi
      .fn<ReviewPageBackground['casesOnPage']>()
      .mockRejectedValueOnce(new Error('后台未响应'))
      .mockResolvedValue([]);
    const onError = vi.fn();
    const watch = new ReviewPageWatch({
      adapter: pddReviewList,
      document,
      background: { watchlist: async () => [], casesOnPage, statusSeen: async () => [] },
      delayMs: 5,
      onError,
    });
    watch.afterScan();
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    watch.afterScan([]); // the next scan changed nothing, yet the keys of the failed question are asked again
    await vi.waitFor(() => expect(casesOnPage).toHaveBeenCalledTimes(2));
    expect(casesOnPage.mock.calls[1]![0]).toHaveLength(6);
    watch.stop();
  });
});
