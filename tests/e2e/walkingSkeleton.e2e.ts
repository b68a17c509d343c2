/**
 * The whole loop on Pinduoduo's review page, in real Chromium with the built extension:
 * page at its real URL → one 采集证据 button per review → capture → hashed evidence in IndexedDB →
 * case in the side panel (untrusted text shown literally) → 我已提交申诉 → alarm → notification.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../harness/browser';
import { installPinduoduoRoutes } from '../harness/consoleRoutes';
import { captureReview, findReviewKey, HEADER_ROWS, openSidePanel, setDemoReminderDelay, toolbarFit, toolbarFitProblem, waitForCaptureButtons, wholePageScreenshot } from '../harness/walkthrough';
import { countColourInEvidence, readStore, sha256OfBytes } from '../harness/idb';

// The service worker's `chrome` global, for sw.evaluate callbacks (they run in the extension, not here).
declare const chrome: {
  alarms: { getAll(): Promise<{ name: string; scheduledTime: number }[]> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
};

const REVIEW_PAGE = 'https://mms.pinduoduo.com/goods/evaluation/index?msfrom=mms_sidenav';
const shots = path.resolve('.output/e2e-screenshots');

let session: Awaited<ReturnType<typeof launchWithExtension>>;
let page: Page;

async function capture(p: Page, key: string) {
  const result = await captureReview(p, key);
  expect(result.state, result.detail).toBe('saved');
  return result.sha256;
}

const waitForButtons = (p: Page) => waitForCaptureButtons(p);

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

describe('walking skeleton on Pinduoduo 评价管理', () => {
  it('every review gets exactly one 采集证据 button and a stable key, also after re-render and pagination', async () => {
    await waitForButtons(page);
    const count = () =>
      page.evaluate((sel) => ({
        rows: document.querySelectorAll(sel).length,
        buttons: document.querySelectorAll('[data-rg-action="capture"]').length,
        keys: [...document.querySelectorAll('[data-rg-review]')].map((e) => e.getAttribute('data-rg-review')),
        labels: [...document.querySelectorAll('[data-rg-action="capture"]')].map((b) => b.textContent),
      }), HEADER_ROWS);
    const first = await count();
    expect(first.rows).toBeGreaterThanOrEqual(10);
    expect(first.buttons).toBe(first.rows);
    expect(new Set(first.keys).size).toBe(first.rows);
    expect(first.keys.every((k) => /^pinduoduo:\d{6}-\d{15}$/.test(k ?? ''))).toBe(true);
    expect(new Set(first.labels)).toEqual(new Set(['采集证据']));

    await page.getByText('刷新', { exact: true }).click();
    await page.waitForTimeout(600);
    await waitForButtons(page);
    const rerendered = await count();
    expect(rerendered.buttons).toBe(rerendered.rows);
    expect(rerendered.keys).toEqual(first.keys);

    await page.click('li[data-testid="beast-core-pagination-next"]');
    await page.waitForFunction((k) => !document.querySelector(`[data-rg-review="${k}"]`), first.keys[0]);
    await waitForButtons(page);
    const second = await count();
    expect(second.buttons).toBe(second.rows);
    expect(second.keys.some((k) => first.keys.includes(k))).toBe(false);
    await page.screenshot({ path: path.join(shots, 'pdd-review-page.png') });
  });

  it('a click stores an evidence record whose sha256 matches its bytes', async () => {
    await page.goto(REVIEW_PAGE);
    await waitForButtons(page);
    // Scroll so the review is not at the top: captures must crop to the review wherever the page is scrolled.
    const key = await page.locator('[data-rg-review]').nth(3).getAttribute('data-rg-review');
    expect(key).toBeTruthy();
    // Paint a marker into this review and a different one into its neighbours: the image must hold only its own.
    await page.evaluate((k) => {
      const roots = [...document.querySelectorAll('[data-rg-review]')];
      const i = roots.findIndex((r) => r.getAttribute('data-rg-review') === k);
      const mark = (root: Element | undefined, colour: string, where: 'header' | 'body') => {
        const cell = where === 'header' ? root?.querySelector('td') : root?.nextElementSibling?.querySelector('td');
        const box = document.createElement('span');
        box.style.cssText = `display:inline-block;width:24px;height:24px;background:${colour}`;
        cell?.prepend(box);
      };
      mark(roots[i], 'rgb(0,255,0)', 'header');
      mark(roots[i], 'rgb(0,255,0)', 'body');
      mark(roots[i - 1], 'rgb(255,0,255)', 'body');
      mark(roots[i + 1], 'rgb(255,0,255)', 'header');
    }, key!);
    await page.locator(`[data-rg-review="${key}"]`).scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 120);
    const shaOnButton = await capture(page, key!);
    const fit = await toolbarFit(page, key!); // once its 已立案 marker is shown
    await page.screenshot({ path: path.join(shots, 'pdd-after-capture.png') });
    expect(toolbarFitProblem(fit)).toBeNull();
    // Status and 已立案 take no room from the page's own labels (once 评分 and 评价时间 wrapped): the captured review's
    // header row is as tall as the next one's, which got the same test marker but no capture.
    const [captured, next] = await page.evaluate((k) => {
      const roots = [...document.querySelectorAll('[data-rg-review]')];
      const i = roots.findIndex((r) => r.getAttribute('data-rg-review') === k);
      return [roots[i]!, roots[i + 1]!].map((r) => r.getBoundingClientRect().height);
    }, key!);
    expect(captured).toBe(next);

    const evidence = (await readStore(session.serviceWorker, 'evidence')).filter((e) => e.reviewKey === key);
    expect(evidence).toHaveLength(1);
    const record = evidence[0]!;
    expect(record.kind).toBe('review');
    expect(record.sha256).toBe(shaOnButton);
    expect(record.sha256).toBe(await sha256OfBytes(session.serviceWorker, key!));
    expect(record.size).toBe(record.byteLength);
    expect(record.size).toBeGreaterThan(1000);
    // Stored as the smallest lossless format measured (PNG or pixel-identical WebP; issue 5).
    expect(['image/png', 'image/webp']).toContain(record.mime);
    expect(record.capturedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
    expect(Math.abs(Date.parse(record.capturedAt as string) - (record.capturedAtMs as number))).toBe(0);
    expect(record.pageUrl).toBe(REVIEW_PAGE);
    // The picture is of this review (both of its rows) and nothing of its neighbours.
    expect(await countColourInEvidence(session.serviceWorker, key!, [0, 255, 0])).toBeGreaterThanOrEqual(2 * 22 * 22);
    expect(await countColourInEvidence(session.serviceWorker, key!, [255, 0, 255])).toBe(0);

    const cases = (await readStore(session.serviceWorker, 'cases')).filter((c) => c.key === key);
    expect(cases).toHaveLength(1);
    expect(cases[0]!.state).toBe('取证中');
  });

  it('the side panel shows the case; an <img onerror> review is shown literally and never runs', async () => {
    const xssKey = await findReviewKey(page, 'onerror');
    await capture(page, xssKey);
    expect(await page.title()).not.toBe('pwned');

    const panel = await openSidePanel(session.context, session.extensionId);
    const dialogs: string[] = [];
    panel.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const card = panel.locator(`[data-case-key="${xssKey}"]`);
    await card.waitFor();
    await expect.poll(() => card.getByTestId('review-text').textContent()).toContain('<img src=x onerror=');
    expect(await panel.locator('img[src="x"]').count()).toBe(0);
    expect(await panel.title()).toBe('差评卫士');
    expect(dialogs).toEqual([]);
    await expect.poll(() => card.getByTestId('evidence').count()).toBe(1);
    // A mild 2★ complaint is subjective: ReviewGuard suggests a public reply, never an appeal.
    expect(await card.getByTestId('case-category').getAttribute('data-category')).toBe('subjective');
    expect(await card.getByTestId('appeal').textContent()).toContain('公开回复');
    expect(await card.getByTestId('appeal-submitted').count()).toBe(0);
    await wholePageScreenshot(panel, path.join(shots, 'sidepanel-xss-case.png'));
    await panel.close();
  });

  it('我已提交申诉 records the appeal, schedules an alarm and a notification fires', async () => {
    await page.goto(REVIEW_PAGE);
    const key = await findReviewKey(page, '辣鸡');
    await capture(page, key);

    const panel = await openSidePanel(session.context, session.extensionId, key);
    await setDemoReminderDelay(panel, 2); // remind 2 s after submission instead of at the expected decision date
    const card = panel.locator(`[data-case-key="${key}"]`);
    expect(await card.getByTestId('case-category').getAttribute('data-category')).toBe('abusive');
    const draft = await card.getByTestId('appeal-text').inputValue();
    expect(draft).toContain(key.replace('pinduoduo:', ''));
    expect(draft).toContain('辣鸡');
    await card.getByTestId('appeal-submitted').click();
    await expect.poll(() => card.getByTestId('case-state').textContent()).toBe('已申诉');
    await expect.poll(() => card.getByTestId('appeal-status').textContent()).toContain('预计');

    const alarms = await session.serviceWorker.evaluate(() => chrome.alarms.getAll());
    const alarm = alarms.find((a) => a.name.startsWith(`rg-reminder:${key}#`));
    expect(alarm, JSON.stringify(alarms)).toBeTruthy();

    await expect
      .poll(async () => Object.keys(await session.serviceWorker.evaluate(() => chrome.notifications.getAll())), {
        timeout: 20_000,
        interval: 500,
      })
      .toContain(alarm!.name);
    const reminders = (await readStore(session.serviceWorker, 'reminders')).filter((r) => r.caseKey === key);
    expect(reminders[0]!.firedAtMs).toBeGreaterThan(0);
    await wholePageScreenshot(panel, path.join(shots, 'sidepanel-appeal-submitted.png'));
    await panel.close();
  });
});
