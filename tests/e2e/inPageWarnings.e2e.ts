/**
 * In-page warnings in real Chromium with the built extension: the send guard stops a threatening message on the
 * Pinduoduo chat (nothing sent) and 话术 fills a polite template; a watch-listed buyer is flagged on the review and
 * chat pages; a captured review shows 已立案 and its case follows 举报成功 after 刷新, without a new capture.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUYER_MESSAGE_TEMPLATES } from '../../lib/appeal/buyerMessages';
import { launchWithExtension } from '../harness/browser';
import { installPinduoduoRoutes, PDD_EVALUATION_URL, type PinduoduoRoutes } from '../harness/consoleRoutes';
import { JD_DONGDONG_URL, MEITUAN_CHAT_URL, PDD_CHAT_URL, installChatRoutes } from '../harness/platformRoutes';
import { readStore } from '../harness/idb';
import { captureReview, findReviewKey, openSidePanel, wholePageScreenshot } from '../harness/walkthrough';

const shots = path.resolve('.output/e2e-screenshots');
let session: Awaited<ReturnType<typeof launchWithExtension>>;
let routes: PinduoduoRoutes;
let page: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  session = await launchWithExtension({ headless: true });
  routes = await installPinduoduoRoutes(session.context);
  await installChatRoutes(session.context);
  page = await session.context.newPage();
});
afterAll(async () => {
  await session?.close();
});

/** Stands in for the platform's own send-on-Enter handler: records what would have been sent. */
async function recordSends(p: Page): Promise<void> {
  await p.evaluate(() => {
    const w = window as unknown as { __sent: string[] };
    w.__sent = [];
    const input = document.querySelector<HTMLTextAreaElement>('#replyTextarea')!;
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        w.__sent.push(input.value);
        input.value = '';
      }
    });
  });
}
const sent = (p: Page) => p.evaluate(() => (window as unknown as { __sent: string[] }).__sent);

async function addToWatchlist(nick: string, reason: string): Promise<void> {
  await session.serviceWorker.evaluate(
    (entry) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('reviewguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('watchlist', 'readwrite');
          tx.objectStore('watchlist').put(entry);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    { id: `e2e-${nick}`, platform: 'pinduoduo', nick, reason, caseKeys: [], addedAt: new Date().toISOString(), addedAtMs: Date.now() },
  );
}

describe('拼多多 聊天: the send guard and 话术', () => {
  it('stops a threatening message at Enter, names the words and the rule, and sends nothing', async () => {
    await page.goto(PDD_CHAT_URL);
    const input = page.locator('#replyTextarea');
    await page.locator('[data-rg-ui="buyer-templates"]').waitFor({ timeout: 15_000 });
    await recordSends(page);
    const threat = '你再敢给差评就等着，后果自负，加我微信说';
    await input.fill(threat);
    await input.press('Enter');
    const panel = page.locator('[data-rg-ui="send-guard"]');
    await panel.waitFor();
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('威胁：“后果自负”');
    expect(text).toContain('引导站外联系：“加我”“微信”');
    expect(text).toContain('治安管理处罚法');
    expect(await sent(page)).toEqual([]);
    expect(await input.inputValue()).toBe(threat);
    await page.screenshot({ path: path.join(shots, 'send-guard-warning.png') });

    await panel.locator('[data-rg-action="guard-edit"]').click();
    expect(await panel.count()).toBe(0);
    await input.press('Enter');
    await panel.waitFor();
    await panel.locator('[data-rg-action="guard-send-anyway"]').click();
    expect(await sent(page)).toEqual([threat]);
  });

  it('a calm message goes through untouched, and 话术 puts a template in the input for the seller to send', async () => {
    const input = page.locator('#replyTextarea');
    await page.locator('[data-rg-action="buyer-templates"]').click();
    await page.locator('[data-rg-template="ask-what-went-wrong"]').click();
    const template = BUYER_MESSAGE_TEMPLATES.find((t) => t.id === 'ask-what-went-wrong')!.text;
    expect(await input.inputValue()).toBe(template);
    expect(await sent(page)).toHaveLength(1); // nothing sent by inserting
    await page.screenshot({ path: path.join(shots, 'send-guard-template.png') });
    await input.press('Enter');
    expect(await sent(page)).toEqual([expect.any(String), template]);
    expect(await page.locator('[data-rg-ui="send-guard"]').count()).toBe(0);
  });
});

describe('the send guard on the other chat editors', () => {
  it('京东咚咚 (contenteditable): an offer of money for a changed review is stopped at Enter', async () => {
    await page.goto(JD_DONGDONG_URL);
    const editor = page.locator('.EditorContent');
    await page.locator('[data-rg-ui="buyer-templates"]').waitFor({ timeout: 15_000 });
    await editor.evaluate((el) => {
      const w = window as unknown as { __sent: string[] };
      w.__sent = [];
      el.addEventListener('keydown', (e) => {
        if ((e as KeyboardEvent).key === 'Enter') w.__sent.push(el.textContent ?? '');
      });
    });
    await editor.click();
    await page.keyboard.type('给你返现20元，把差评删掉');
    await page.keyboard.press('Enter');
    const panel = page.locator('[data-rg-ui="send-guard"]');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('以利益换评价：“给你返现20元”“差评”“删掉”');
    expect(await sent(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'send-guard-jd.png') });
  });

  it('美团 (input in a shadow root inside an about:blank frame): the same warning, in the frame', async () => {
    await page.goto(MEITUAN_CHAT_URL.replace('#', '?mode=open#'));
    const frame = page.frameLocator('#dzim-frame');
    await frame.locator('[data-rg-ui="buyer-templates"]').waitFor({ timeout: 15_000 });
    await frame.locator('pre.dzim-chat-input-container').click();
    await page.keyboard.type('你这种人就是骗子，滚');
    await page.keyboard.press('Enter');
    const panel = frame.locator('[data-rg-ui="send-guard"]');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('辱骂：“骗子”“滚”');
    await page.screenshot({ path: path.join(shots, 'send-guard-meituan.png') });
  });
});

describe('the watch-list on the page', () => {
  it('flags a watch-listed buyer on the review page and on the chat, as a possible match for a masked nick', async () => {
    await addToWatchlist('木***', '曾以差评索要补偿');
    await addToWatchlist('拼***友', '差评要挟');
    await page.goto(PDD_EVALUATION_URL);
    const badge = page.locator('[data-rg-ui="watch-badge"]');
    await badge.first().waitFor({ timeout: 15_000 });
    expect(await badge.count()).toBe(1);
    expect(await badge.textContent()).toBe('⚠ 可能是观察名单买家（昵称打码）：曾以差评索要补偿');
    expect(await badge.evaluate((el) => el.previousElementSibling?.textContent)).toBe('木***');
    expect(await badge.getAttribute('title')).toContain('可能是观察名单中的「木***」');
    await badge.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'watchlist-review-page.png') });
    const panel = await openSidePanel(session.context, session.extensionId);
    await panel.getByTestId('tab-this-page').click();
    const finding = panel.locator('[data-testid="page-finding"][data-adapter="pinduoduo-reviews"]');
    await expect.poll(() => finding.getByTestId('watch-warnings').textContent(), { timeout: 10_000 }).toContain('可能是观察名单中的「木***」');
    await wholePageScreenshot(panel, path.join(shots, 'watchlist-this-page.png'));
    await panel.close();

    await page.goto(PDD_CHAT_URL);
    const chatBadge = page.locator('[data-rg-ui="watch-badge"]');
    await chatBadge.waitFor({ timeout: 15_000 });
    expect(await chatBadge.textContent()).toContain('差评要挟');
    await page.screenshot({ path: path.join(shots, 'watchlist-chat.png') });
  });
});

describe('cases on the page', () => {
  it('marks a captured review 已立案, and its case follows 举报成功 after 刷新 without a new capture', async () => {
    await page.goto(PDD_EVALUATION_URL);
    const key = await findReviewKey(page, '袜子很软');
    expect((await captureReview(page, key)).state).toBe('saved');
    const marker = page.locator(`[data-rg-review="${key}"] [data-rg-ui="case-marker"]`);
    await expect.poll(() => marker.textContent(), { timeout: 10_000 }).toMatch(/^已立案 · /);
    const evidenceCount = (await readStore(session.serviceWorker, 'evidence')).filter((e) => e.reviewKey === key).length;

    const review = routes.reviews.find((r) => `pinduoduo:${r.orderSn}` === key)!;
    Object.assign(review, { reportStatus: 2, reportDesc: '举报成功' });
    await page.locator('[data-action="refresh"]').click();
    await expect.poll(() => marker.textContent(), { timeout: 10_000 }).toBe('已立案 · 申诉成功');
    const record = (await readStore(session.serviceWorker, 'cases')).find((c) => c.key === key) as { state: string; history: { note: string }[] };
    expect(record.state).toBe('申诉成功');
    expect(record.history.at(-1)!.note).toContain('举报成功');
    expect((await readStore(session.serviceWorker, 'evidence')).filter((e) => e.reviewKey === key)).toHaveLength(evidenceCount);
    // Only that review got a marker.
    expect(await page.locator('[data-rg-ui="case-marker"]').count()).toBe(1);
    await marker.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'case-marker-followed.png') });
  });
});
