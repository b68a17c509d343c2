/**
 * The case list of a shop with many cases, in real Chromium with the built extension: two captured reviews grown to
 * 120 cases in IndexedDB; the newest three open, the rest one line each; a search by order number finds a case
 * far down the list and opens it with its evidence; a case opened from the page (#case=…) past the first 50 lines
 * is shown open.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../harness/browser';
import { installPinduoduoRoutes } from '../harness/consoleRoutes';
import { replicateCases } from '../harness/idb';
import { captureReview, findReviewKey, openSidePanel, wholePageScreenshot } from '../harness/walkthrough';

const REVIEW_PAGE = 'https://mms.pinduoduo.com/goods/evaluation/index';
const shots = path.resolve('.output/e2e-screenshots');
const CASES = 120;

let session: Awaited<ReturnType<typeof launchWithExtension>>;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  session = await launchWithExtension({ headless: true });
  await installPinduoduoRoutes(session.context);
  const page = await session.context.newPage();
  await page.goto(REVIEW_PAGE);
  for (const needle of ['辣鸡', '补偿50元']) {
    const result = await captureReview(page, await findReviewKey(page, needle));
    expect(result.state).toBe('saved');
  }
  await replicateCases(session.serviceWorker, CASES);
});

afterAll(async () => {
  await session?.close();
});

describe('a long case list in Chromium', () => {
  it('opens the newest three, lists the rest one line each, and a search by order number opens a case far down', async () => {
    const panel = await openSidePanel(session.context, session.extensionId);
    await panel.getByTestId('case-summary').first().waitFor();
    expect(await panel.getByTestId('case').count()).toBe(3);
    expect(await panel.getByTestId('case-summary').count()).toBe(47);
    expect(await panel.getByTestId('case-more').textContent()).toBe(`显示更多（还有 ${CASES - 50} 个）`);
    expect(await panel.getByTestId('case-group-all').textContent()).toBe(`全部 ${CASES}`);

    await panel.getByTestId('case-search').fill('bench-97');
    await panel.waitForFunction(() => document.querySelectorAll('[data-testid="case-summary"]').length === 0);
    const found = panel.getByTestId('case');
    expect(await found.count()).toBe(1);
    expect(await found.getAttribute('data-case-key')).toBe('pinduoduo:bench-97');
    await found.getByTestId('evidence').locator('img').first().waitFor();
    expect(await panel.getByTestId('case-count').textContent()).toBe(`找到 1 个案件（共 ${CASES} 个）`);
    await wholePageScreenshot(panel, path.join(shots, 'case-list-search.png'));

    await panel.getByTestId('case-search').fill('');
    await panel.getByTestId('case-summary').first().waitFor();
    await panel.getByTestId('case-summary').nth(4).getByRole('button').click();
    expect(await panel.getByTestId('case').count()).toBe(4);
    await panel.screenshot({ path: path.join(shots, 'case-list-long.png') });
    await panel.close();
  });

  it('a case opened from the page past the first 50 lines is shown open and in view', async () => {
    const panel = await openSidePanel(session.context, session.extensionId, 'pinduoduo:bench-110');
    const card = panel.locator('[data-testid="case"][data-case-key="pinduoduo:bench-110"]');
    await card.getByTestId('evidence').first().waitFor();
    expect(await card.getAttribute('class')).toContain('rg-focused');
    await panel.waitForFunction(() => {
      const box = document.querySelector('[data-case-key="pinduoduo:bench-110"]')!.getBoundingClientRect();
      const header = document.querySelector('.rg-tabs')!.getBoundingClientRect();
      return box.top >= header.bottom - 1 && box.top < window.innerHeight; // below the sticky header, on screen
    });
    await panel.close();
  });
});
