/**
 * Review pages of Taobao/Tmall, JD and Meituan/Dianping in real Chromium with the built extension: every review gets
 * one 采集证据 button and a key, hostile variants still work, and a capture stores hashed evidence. Meituan's reviews
 * live in an iframe of the 开店宝 shell.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../harness/browser';
import {
  installJdRoutes,
  installMeituanRoutes,
  installTaobaoRoutes,
  JD_REVIEW_URL,
  MEITUAN_SHELL_URL,
  TAOBAO_REVIEW_URL,
} from '../harness/platformRoutes';
import { readStore } from '../harness/idb';
import { toolbarFit, toolbarFitProblem } from '../harness/walkthrough';

const shots = path.resolve('.output/e2e-screenshots');
let session: Awaited<ReturnType<typeof launchWithExtension>>;
let page: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  session = await launchWithExtension({ headless: true });
  await installTaobaoRoutes(session.context);
  await installJdRoutes(session.context);
  await installMeituanRoutes(session.context);
  page = await session.context.newPage();
});

afterAll(async () => {
  await session?.close();
});

type Scope = Page | Frame;

/** Waits until `rows` review roots are on screen and each has exactly one button; returns their keys. */
async function waitForReviews(scope: Scope, rowSelector: string, rows: number): Promise<string[]> {
  const counts = () =>
    scope.evaluate((sel) => ({
      url: location.href,
      adapter: document.documentElement.getAttribute('data-rg-adapter'),
      rows: document.querySelectorAll(sel).length,
      buttons: document.querySelectorAll('[data-rg-action="capture"]').length,
      keys: document.querySelectorAll('[data-rg-review]').length,
    }), rowSelector);
  await scope.waitForFunction(
    ([sel, n]) =>
      document.querySelectorAll(sel as string).length === n &&
      document.querySelectorAll('[data-rg-action="capture"]').length === n &&
      document.querySelectorAll('[data-rg-review]').length === n,
    [rowSelector, rows] as const,
    { timeout: 15_000 },
  ).catch(async (error: unknown) => {
    throw new Error(`${String(error)}\n${JSON.stringify(await counts())}`);
  });
  return scope.evaluate(() => [...document.querySelectorAll('[data-rg-review]')].map((e) => e.getAttribute('data-rg-review')!));
}

async function captureIn(scope: Scope, key: string): Promise<{ state: string; sha256: string | null; detail: string }> {
  const button = scope.locator(`[data-rg-review="${key}"] [data-rg-action="capture"]`);
  await button.scrollIntoViewIfNeeded();
  await button.click();
  await scope.waitForFunction(
    (k) => ['saved', 'error'].includes(document.querySelector(`[data-rg-review="${CSS.escape(k)}"] [data-rg-action="capture"]`)?.getAttribute('data-rg-state') ?? ''),
    key,
    { timeout: 30_000 },
  );
  return {
    state: (await button.getAttribute('data-rg-state')) ?? '',
    sha256: await button.getAttribute('data-rg-sha256'),
    detail: (await scope.locator(`[data-rg-review="${key}"] [data-rg-status]`).textContent()) ?? '',
  };
}

async function expectEvidence(key: string, sha256: string | null, platform: string) {
  const evidence = (await readStore(session.serviceWorker, 'evidence')).filter((e) => e.reviewKey === key);
  expect(evidence).toHaveLength(1);
  expect(evidence[0]!.sha256).toBe(sha256);
  expect(evidence[0]!.size).toBeGreaterThan(1000);
  const cases = (await readStore(session.serviceWorker, 'cases')).filter((c) => c.key === key);
  expect(cases).toHaveLength(1);
  expect(cases[0]!.platform).toBe(platform);
}

describe('千牛 来自买家的评价', () => {
  const ROWS = 'tbody[class$="table-body"] > tr[class$="table-row"]';

  it('marks every review, also with the class prefix changed, after 刷新 and on the next page', async () => {
    await page.goto(`${TAOBAO_REVIEW_URL}?current=1&pageSize=6`);
    const first = await waitForReviews(page, ROWS, 6);
    expect(first.every((k) => /^taobao:\d+$/.test(k))).toBe(true);
    await page.getByText('刷新', { exact: true }).click();
    await page.waitForTimeout(500);
    expect(await waitForReviews(page, ROWS, 6)).toEqual(first);
    await page.click('button[data-page="2"]');
    const second = await waitForReviews(page, ROWS, 4);
    expect(second.some((k) => first.includes(k))).toBe(false);

    await page.goto(`${TAOBAO_REVIEW_URL}?prefix=qn-`);
    expect(await waitForReviews(page, ROWS, 10)).toHaveLength(10);
    await page.screenshot({ path: path.join(shots, 'taobao-review-page.png') });
  });

  it('captures a review (with its follow-up row) as hashed evidence', async () => {
    await page.goto(TAOBAO_REVIEW_URL);
    const keys = await waitForReviews(page, ROWS, 10);
    const key = keys[5]!; // the review with a 追评 row
    const result = await captureIn(page, key);
    expect(result.state, result.detail).toBe('saved');
    await expectEvidence(key, result.sha256, 'taobao');
    expect(toolbarFitProblem(await toolbarFit(page, key))).toBeNull();
    await page.screenshot({ path: path.join(shots, 'taobao-after-capture.png') });
  });
});

describe('京麦 评价管理 (assumed page)', () => {
  const ROWS = 'tr[data-row-key]';
  it('marks every review and captures one', async () => {
    await page.goto(JD_REVIEW_URL);
    const keys = await waitForReviews(page, ROWS, 8);
    expect(keys[0]).toBe('jd:18810000001');
    const result = await captureIn(page, keys[1]!);
    expect(result.state, result.detail).toBe('saved');
    await expectEvidence(keys[1]!, result.sha256, 'jd');
    expect(toolbarFitProblem(await toolbarFit(page, keys[1]!))).toBeNull();
    await page.screenshot({ path: path.join(shots, 'jd-review-page.png') });
  });
  it('still works with the class prefix changed', async () => {
    await page.goto(JD_REVIEW_URL.replace('#', '?prefix=jm2-#'));
    expect(await waitForReviews(page, ROWS, 8)).toHaveLength(8);
  });
});

describe('美团开店宝 评价管理 (inside the shell iframe)', () => {
  const CARDS = '.list > div';
  // The shell's own URL names the inner page after `#`: match the frame by path.
  const isInner = (f: Frame) => f.url().startsWith('https://') && new URL(f.url()).pathname === '/emis/evaluation/poi';
  const innerFrame = async (p: Page): Promise<Frame> => {
    await expect.poll(() => p.frames().some(isInner)).toBe(true);
    return p.frames().find(isInner)!;
  };

  it('marks every review in the iframe, follows the 美团/点评 switch, and captures one', async () => {
    await page.goto(MEITUAN_SHELL_URL);
    const frame = await innerFrame(page);
    const mt = await waitForReviews(frame, CARDS, 5);
    expect(mt.every((k) => /^dianping:h[0-9a-f]{8}$/.test(k))).toBe(true);
    // The shell itself shows no reviews and gets no adapter.
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-rg-adapter'))).toBeNull();
    await frame.click('button[data-source="dp"]');
    const dp = await waitForReviews(frame, CARDS, 3);
    expect(dp.some((k) => mt.includes(k))).toBe(false);
    await frame.click('button[data-source="mt"]');
    expect(await waitForReviews(frame, CARDS, 5)).toEqual(mt);

    const result = await captureIn(frame, mt[1]!);
    expect(result.state, result.detail).toBe('saved');
    await expectEvidence(mt[1]!, result.sha256, 'dianping');
    expect(toolbarFitProblem(await toolbarFit(frame, mt[1]!))).toBeNull();
    await page.screenshot({ path: path.join(shots, 'meituan-review-page.png') });
  });

  it('still works with the card class renamed', async () => {
    await page.goto(`${MEITUAN_SHELL_URL}%3Fcard%3Dcomment-card`);
    const frame = await innerFrame(page);
    expect(await waitForReviews(frame, CARDS, 5)).toHaveLength(5);
  });
});
