/**
 * From appeal to closed case in real Chromium with the built extension: an appeal reminder survives the service
 * worker being stopped between scheduling and firing; a rejection brings up the reply draft and the other routes;
 * the case follows the report state the page shows; the 提醒 / 统计 / 观察名单 / 设置 tabs render.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../harness/browser';
import { installPinduoduoRoutes } from '../harness/consoleRoutes';
import { captureReview, findReviewKey, openSidePanel, setDemoReminderDelay, wholePageScreenshot } from '../harness/walkthrough';

declare const chrome: {
  notifications: { getAll(): Promise<Record<string, boolean>> };
  alarms: { getAll(): Promise<{ name: string; scheduledTime: number }[]> };
};

const REVIEW_PAGE = 'https://mms.pinduoduo.com/goods/evaluation/index';
const shots = path.resolve('.output/e2e-screenshots');

let session: Awaited<ReturnType<typeof launchWithExtension>>;
let page: Page;
let panel: Page;
let extortionKey: string;

/** The extension's object store, read from an extension page (works while the worker is stopped). */
function readFromPage(p: Page, store: string) {
  return p.evaluate(
    (name) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open('reviewguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            resolve(request.result as Record<string, unknown>[]);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  session = await launchWithExtension({ headless: true });
  await installPinduoduoRoutes(session.context);
  page = await session.context.newPage();
  await page.goto(REVIEW_PAGE);
});

afterAll(async () => {
  await session?.close();
});

describe('case workflow in Chromium', () => {
  it('an appeal reminder fires as a notification even though the worker was stopped after scheduling it', async () => {
    extortionKey = await findReviewKey(page, '补偿50元');
    expect((await captureReview(page, extortionKey)).state).toBe('saved');
    panel = await openSidePanel(session.context, session.extensionId, extortionKey);
    await setDemoReminderDelay(panel, 6);
    const card = panel.locator(`[data-case-key="${extortionKey}"]`);
    expect(await card.getByTestId('case-category').getAttribute('data-category')).toBe('extortion');
    await card.getByTestId('appeal-submitted').click();
    await expect.poll(() => card.getByTestId('case-state').textContent()).toBe('已申诉');
    const alarms = await panel.evaluate(() => chrome.alarms.getAll());
    const alarm = alarms.find((a) => a.name.startsWith(`rg-reminder:${extortionKey}#`));
    expect(alarm, JSON.stringify(alarms)).toBeTruthy();
    expect(alarm!.scheduledTime - Date.now()).toBeGreaterThan(2_000); // still to come when we stop the worker

    // Stop the worker that scheduled the alarm. The session must be on an extension page: from a web page,
    // stopAllWorkers does not reach the extension's worker. Playwright emits no 'close' for a stopped worker,
    // so check the browser's target list instead.
    const browserCdp = await session.context.browser()!.newBrowserCDPSession();
    const runningWorkers = async () =>
      (await browserCdp.send('Target.getTargets', { filter: [{}] } as never)).targetInfos.filter(
        (t) => t.type === 'service_worker' && t.url.includes(session.extensionId),
      ).length;
    expect(await runningWorkers()).toBe(1);
    const cdp = await session.context.newCDPSession(panel);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(runningWorkers, { timeout: 5_000 }).toBe(0);
    expect(Date.now()).toBeLessThan(alarm!.scheduledTime); // stopped before the alarm was due

    await expect
      .poll(async () => Object.keys(await panel.evaluate(() => chrome.notifications.getAll())), { timeout: 30_000, interval: 500 })
      .toContain(alarm!.name);
    const reminder = (await readFromPage(panel, 'reminders')).find((r) => r.caseKey === extortionKey && r.kind === 'appeal-decision');
    expect(reminder!.firedAtMs).toBeGreaterThanOrEqual(alarm!.scheduledTime - 50);
    await wholePageScreenshot(panel, path.join(shots, 'workflow-appeal-submitted.png'));
  });

  it('recording a rejection brings up a calm public reply and the other routes', async () => {
    await panel.reload();
    const card = panel.locator(`[data-case-key="${extortionKey}"]`);
    await card.getByTestId('workflow-note').fill('平台反馈：证据不足');
    await card.getByTestId('to-申诉驳回').click();
    await expect.poll(() => card.getByTestId('case-state').textContent()).toBe('申诉驳回');
    const after = card.getByTestId('after-rejection');
    const reply = await after.getByTestId('merchant-reply-text').inputValue();
    expect(reply).toContain('不以返现');
    expect(reply).not.toContain(extortionKey.replace('pinduoduo:', ''));
    await after.scrollIntoViewIfNeeded();
    await wholePageScreenshot(panel, path.join(shots, 'workflow-rejection-reply.png'));
    await after.getByTestId('after-second').click();
    expect(await after.getByTestId('second-appeal-text').inputValue()).toContain('平台反馈：“平台反馈：证据不足”');
    await after.getByTestId('after-legal').click();
    expect(await after.getByTestId('police-route').textContent()).toContain('报案');
    await after.screenshot({ path: path.join(shots, 'workflow-legal-route.png') });
    const reminders = await readFromPage(panel, 'reminders');
    expect(reminders.filter((r) => r.caseKey === extortionKey && r.firedAtMs === null && !r.doneAtMs)).toEqual([]);
  });

  it('a case follows the report state the page shows (举报成功)', async () => {
    await page.goto(REVIEW_PAGE);
    const key = await findReviewKey(page, '发错颜色了');
    const result = await captureReview(page, key);
    expect(result.state).toBe('saved');
    await expect
      .poll(async () => (await readFromPage(panel, 'cases')).find((c) => c.key === key)?.state, { timeout: 10_000 })
      .toBe('申诉成功');
    const record = (await readFromPage(panel, 'cases')).find((c) => c.key === key) as { history: { state: string; note: string }[] };
    expect(record.history.at(-1)!.note).toContain('举报成功');
  });

  it('the 提醒, 统计, 观察名单 and 设置 tabs render', async () => {
    await panel.reload();
    for (const [tab, testId] of [
      ['stats', 'stats-view'],
      ['reminders', 'reminders-view'],
      ['watchlist', 'watchlist-view'],
      ['settings', 'settings-view'],
    ] as const) {
      await panel.getByTestId(`tab-${tab}`).click();
      await panel.getByTestId(testId).waitFor();
      await wholePageScreenshot(panel, path.join(shots, `tab-${tab}.png`));
    }
    await panel.getByTestId('tab-stats').click();
    expect(await panel.getByTestId('success-rate').textContent()).toContain('50%');
  });
});
