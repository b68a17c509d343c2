/**
 * Chat pages of all four platforms in real Chromium with the built extension: every message keyed with sender and
 * time, 差评要挟 flagged and highlighted, messages stored with buyer and order, the toolbar badge counting flags,
 * and the side panel's 此页面 view. Meituan's chat sits in an about:blank iframe inside a CLOSED shadow root.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../harness/browser';
import { JD_DONGDONG_URL, JD_KF_URL, MEITUAN_CHAT_URL, PDD_CHAT_URL, TAOBAO_CHAT_TOOL_URL, TAOBAO_REVIEW_URL } from '../harness/consoleUrls';
import { installChatRoutes, installTaobaoRoutes } from '../harness/platformRoutes';
import { openSidePanel, wholePageScreenshot } from '../harness/walkthrough';
import { readStore } from '../harness/idb';

declare const chrome: {
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
};

const shots = path.resolve('.output/e2e-screenshots');
let session: Awaited<ReturnType<typeof launchWithExtension>>;
let page: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  session = await launchWithExtension({ headless: true });
  await installChatRoutes(session.context);
  await installTaobaoRoutes(session.context);
  page = await session.context.newPage();
});
afterAll(async () => {
  await session?.close();
});

interface Marked {
  key: string;
  sender: string;
  time: string;
  flag: string | null;
}
const marked = (scope: Page | Frame) =>
  scope.evaluate(() =>
    [...document.querySelectorAll('[data-rg-chat]')].map((e) => ({
      key: e.getAttribute('data-rg-chat')!,
      sender: e.getAttribute('data-rg-sender')!,
      time: e.getAttribute('data-rg-time')!,
      flag: e.getAttribute('data-rg-flag'),
    })),
  );

async function waitForMarked(scope: Page | Frame, n: number): Promise<Marked[]> {
  await scope.waitForFunction((count) => document.querySelectorAll('[data-rg-chat]').length >= count, n, { timeout: 15_000 });
  return marked(scope);
}

/** The toolbar badge of the tab showing `p` (tab ids come from the findings store: no "tabs" permission). */
async function badgeOf(p: Page): Promise<string> {
  const url = p.url();
  const frame = (await readStore(session.serviceWorker, 'pageFindings')).find((f) => f.pageUrl === url && f.frameId === 0);
  if (!frame) return 'no findings';
  return session.serviceWorker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), frame.tabId as number);
}

describe('拼多多 聊天工作台 (late mount, XHR polling)', () => {
  it('marks every message, flags 差评要挟 (also one arriving later), stores them with buyer and order, and badges the tab', async () => {
    await page.goto(PDD_CHAT_URL);
    const first = await waitForMarked(page, 6);
    expect(first.slice(0, 6).map((m) => m.sender)).toEqual(['buyer', 'seller', 'system', 'buyer', 'buyer', 'seller']);
    expect(first.every((m) => m.key.startsWith('pinduoduo:8812345601:') && m.time)).toBe(true);
    const all = await waitForMarked(page, 7); // the second poll brings one more buyer message
    expect(all.filter((m) => m.flag === 'extortion')).toHaveLength(2);
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-rg-net-count'))).toBe('7');
    await expect.poll(() => badgeOf(page), { timeout: 10_000 }).toBe('2');

    await expect.poll(async () => (await readStore(session.serviceWorker, 'chatMessages')).filter((m) => m.platform === 'pinduoduo').length).toBe(7);
    const stored = (await readStore(session.serviceWorker, 'chatMessages')).filter((m) => m.platform === 'pinduoduo');
    expect(new Set(stored.map((m) => m.orderSn))).toEqual(new Set(['261012-662259689903207']));
    expect(new Set(stored.map((m) => m.buyerNick))).toEqual(new Set(['拼***友']));
    expect(stored.filter((m) => m.flag === 'extortion')).toHaveLength(2);
    await page.locator('[data-rg-flag="extortion"]').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'pdd-chat-flagged.png') });
  });

  it('keeps the marks when the Vue list is re-mounted', async () => {
    await page.goto(`${PDD_CHAT_URL.replace('#', '?remountEvery=1200#')}`);
    await waitForMarked(page, 7);
    const remounts = () => page.evaluate(() => (window as unknown as { __rgFixture: { state: { remounts: number } } }).__rgFixture.state.remounts);
    await expect.poll(remounts, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(2_500); // one rescan period
    const after = await marked(page);
    expect(after).toHaveLength(7);
    expect(after.filter((m) => m.flag)).toHaveLength(2);
  });
});

describe('千牛 聊天记录 (inside the market.m.taobao.com iframe)', () => {
  it('marks every message in the iframe, also with the CSS-module hashes changed', async () => {
    for (const url of [TAOBAO_CHAT_TOOL_URL, `${TAOBAO_CHAT_TOOL_URL}?hash=z9`]) {
      await page.goto(url);
      await expect.poll(() => page.frames().some((f) => f.url().startsWith('https://market.m.taobao.com/'))).toBe(true);
      const frame = page.frames().find((f) => f.url().startsWith('https://market.m.taobao.com/'))!;
      const messages = await waitForMarked(frame, 6);
      expect(messages.map((m) => m.sender)).toEqual(['buyer', 'seller', 'buyer', 'system', 'seller', 'buyer']);
      expect(messages.filter((m) => m.flag)).toHaveLength(1);
    }
    await page.screenshot({ path: path.join(shots, 'taobao-chat-records.png') });
  });
});

describe('京东咚咚', () => {
  it('marks every message; recycled rows are re-keyed', async () => {
    await page.goto(JD_DONGDONG_URL);
    const messages = await waitForMarked(page, 6);
    expect(messages.map((m) => m.key.split(':').at(-1))).toEqual(['s_1001', 's_1002', 's_1003', 's_1004', 's_1005', 's_1006']);
    expect(messages.filter((m) => m.flag).map((m) => m.key)).toEqual(['jd:jd_buyer_熊**:s_1004']);
    await page.screenshot({ path: path.join(shots, 'jd-dongdong.png') });

    await page.goto(`${JD_DONGDONG_URL}?recycle=1`);
    const before = await waitForMarked(page, 3);
    await page.waitForTimeout(1_700);
    const after = await marked(page);
    expect(after).toHaveLength(3);
    expect(after.map((m) => m.key)).not.toEqual(before.map((m) => m.key));
    expect(after.map((m) => m.key.split(':').at(-1))).toEqual(['s_1004', 's_1005', 's_1006']);
    expect(after[0]!.flag).toBe('extortion');
  });
});

describe('京麦 聊天记录 (hash-route change, then a drawer)', () => {
  it('activates on the route change to #/UtilsSetting/ChatLog and marks the drawer’s messages', async () => {
    await page.goto(JD_KF_URL);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-rg-adapter'))).toBeNull();
    await page.click('a.card');
    await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-rg-adapter')), { timeout: 5_000 }).toBe('jd-chatlog');
    await page.click('button[data-i="0"]');
    const messages = await waitForMarked(page, 5);
    expect(messages.map((m) => m.sender)).toEqual(['buyer', 'seller', 'buyer', 'seller', 'buyer']);
    expect(messages.filter((m) => m.flag).map((m) => m.key)).toEqual(['jd:jd_buyer_熊**:m3']);
    await page.screenshot({ path: path.join(shots, 'jd-chatlog-drawer.png') });
  });
});

describe('经营宝 IM (about:blank iframe + closed shadow root)', () => {
  it('reads messages inside the closed shadow root and flags 差评要挟', async () => {
    await page.goto(MEITUAN_CHAT_URL);
    type Fx = { __rgFixture: { count(): number; flagged(): number; chatKeys(): [string, string, string][] } };
    await expect.poll(() => page.evaluate(() => (window as unknown as Fx).__rgFixture?.chatKeys().length ?? 0), { timeout: 15_000 }).toBe(7);
    const keys = await page.evaluate(() => (window as unknown as Fx).__rgFixture.chatKeys());
    expect(keys.map((k) => k[1])).toEqual(['buyer', 'seller', 'system', 'buyer', 'seller', 'buyer', 'buyer']);
    expect(keys.every((k) => k[0].startsWith('dianping:990011:'))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as Fx).__rgFixture.flagged())).toBe(2);
    await expect.poll(() => badgeOf(page), { timeout: 10_000 }).toBe('2');
    await page.screenshot({ path: path.join(shots, 'meituan-chat-closed-shadow.png') });
  });
});

describe('side panel 此页面', () => {
  it('shows what was found on the open console tabs, live, and says when the structure may have changed', async () => {
    const reviews = await session.context.newPage();
    await reviews.goto(TAOBAO_REVIEW_URL);
    await reviews.waitForFunction(() => document.querySelectorAll('[data-rg-action="capture"]').length === 10);
    const panel = await openSidePanel(session.context, session.extensionId);
    await panel.getByTestId('tab-this-page').click();
    const taobao = panel.locator('[data-testid="page-finding"][data-adapter="taobao-reviews"]');
    await expect.poll(() => taobao.getByTestId('dom-count').textContent(), { timeout: 10_000 }).toContain('10');
    expect(await taobao.getByTestId('network-count').textContent()).toBe('10');
    expect(await taobao.getByTestId('warnings').count()).toBe(0);
    await expect.poll(() => panel.getByTestId('flagged-chats').locator('li').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);

    // The page changes under us: rows lose every class the tables know. The panel says so, live.
    await reviews.evaluate(() => {
      for (const tr of document.querySelectorAll('tbody tr')) tr.removeAttribute('class');
      const tbody = document.querySelector('tbody')!;
      tbody.removeAttribute('class');
      const table = tbody.closest('table')!;
      table.removeAttribute('role');
      const div = document.createElement('div');
      div.append(...tbody.children);
      table.replaceWith(div);
    });
    await expect.poll(() => taobao.getByTestId('warnings').textContent(), { timeout: 10_000 }).toContain('此页面结构可能已更新');
    expect(await taobao.getByTestId('dom-count').textContent()).toContain('0');
    await wholePageScreenshot(panel, path.join(shots, 'sidepanel-this-page.png'));
    await panel.close();
    await reviews.close();
  });
});

describe('a case shows the review and the chat with the same buyer together', () => {
  it('千牛: the chat about order 4502224694062011130 appears under that review’s case, threat highlighted', async () => {
    await page.goto(TAOBAO_CHAT_TOOL_URL);
    await expect
      .poll(async () => (await readStore(session.serviceWorker, 'chatMessages')).filter((m) => m.orderSn === '4502224694062011130').length, { timeout: 15_000 })
      .toBe(6);
    await page.goto(TAOBAO_REVIEW_URL);
    const key = 'taobao:1290001100000000002';
    const button = page.locator(`[data-rg-review="${key}"] [data-rg-action="capture"]`);
    await button.click();
    await page.waitForFunction((k) => document.querySelector(`[data-rg-review="${k}"] [data-rg-action="capture"]`)?.getAttribute('data-rg-state') === 'saved', key, { timeout: 30_000 });

    const panel = await openSidePanel(session.context, session.extensionId, key);
    const card = panel.locator(`[data-case-key="${key}"]`);
    const chat = card.getByTestId('case-chat');
    await chat.waitFor();
    expect(await chat.locator('li').count()).toBe(6);
    expect(await chat.locator('li.rg-chat-flagged').count()).toBe(1);
    expect(await chat.locator('li.rg-chat-flagged').textContent()).toContain('返现50元');
    expect(await card.getByTestId('case-category').getAttribute('data-category')).toBe('extortion');
    await card.scrollIntoViewIfNeeded();
    await wholePageScreenshot(panel, path.join(shots, 'sidepanel-case-with-chat.png'));
    await panel.close();
  });
});

