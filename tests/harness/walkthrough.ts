/**
 * Steps a seller takes on the demo console, shared by the end-to-end tests, `npm run demo` and the benchmark.
 * Content scripts are invisible to page.evaluate, so steps read the `data-rg-*` markers the extension writes.
 */
import type { BrowserContext, Frame, Page } from 'playwright-core';

export const HEADER_ROWS = 'tr[class*="TB_bodyGroupHeader_"]';

/** Waits until the page shows reviews and every one of them has exactly one 采集证据 button. */
export async function waitForCaptureButtons(page: Page, timeout = 15_000): Promise<number> {
  await page.waitForSelector(HEADER_ROWS, { timeout });
  const handle = await page.waitForFunction(
    (sel) => {
      const rows = document.querySelectorAll(sel).length;
      return rows > 0 && document.querySelectorAll('[data-rg-action="capture"]').length === rows ? rows : 0;
    },
    HEADER_ROWS,
    { timeout },
  );
  return (await handle.jsonValue()) as number;
}

/** Pages through the list until a review whose text contains `needle` is on screen; returns its `data-rg-review` key. */
export async function findReviewKey(page: Page, needle: string, maxPages = 10): Promise<string> {
  for (let i = 0; i < maxPages; i++) {
    await waitForCaptureButtons(page);
    const key = await page.evaluate((text) => {
      for (const root of document.querySelectorAll('[data-rg-review]')) {
        let row = root.nextElementSibling;
        while (row && !row.hasAttribute('data-rg-review')) {
          if (row.textContent?.includes(text)) return root.getAttribute('data-rg-review');
          row = row.nextElementSibling;
        }
      }
      return null;
    }, needle);
    if (key) return key;
    const next = page.locator('li[data-testid="beast-core-pagination-next"]');
    if ((await next.getAttribute('class'))?.includes('PGT_disabled_')) break;
    const firstKey = await page.getAttribute('[data-rg-review]', 'data-rg-review');
    await next.click();
    await page.waitForFunction((k) => document.querySelector('[data-rg-review]')?.getAttribute('data-rg-review') !== k, firstKey);
  }
  throw new Error(`没有找到包含「${needle}」的评价`);
}

export interface CaptureResult {
  state: string;
  detail: string;
  sha256: string | null;
}

/** Clicks a review's 采集证据 button and waits for 已保存 or an error. */
export async function captureReview(page: Page, key: string, timeout = 30_000): Promise<CaptureResult> {
  const button = page.locator(`[data-rg-review="${key}"] [data-rg-action="capture"]`);
  await button.scrollIntoViewIfNeeded();
  await button.click();
  await page.waitForFunction(
    (k) => {
      const b = document.querySelector(`[data-rg-review="${CSS.escape(k)}"] [data-rg-action="capture"]`);
      return ['saved', 'error'].includes(b?.getAttribute('data-rg-state') ?? '');
    },
    key,
    { timeout },
  );
  return {
    state: (await button.getAttribute('data-rg-state')) ?? '',
    detail: (await page.locator(`[data-rg-review="${key}"] [data-rg-status]`).textContent()) ?? '',
    sha256: await button.getAttribute('data-rg-sha256'),
  };
}

export interface ChatCaptureResult {
  state: string;
  detail: string;
  evidenceId: string | null;
  /** The case keys the capture joined, space-separated ('' when none). */
  linked: string;
}

/**
 * Clicks the page's one 采集聊天证据 control and waits for 已保存 or an error. Waits for a new evidence id, not just the
 * saved state, so a second capture on the same page waits too.
 */
export async function clickCaptureChat(scope: Page | Frame): Promise<ChatCaptureResult> {
  const button = scope.locator('[data-rg-action="capture-chat"]');
  await button.waitFor({ timeout: 15_000 });
  const count = await button.count();
  if (count !== 1) throw new Error(`页面上应有 1 个「采集聊天证据」按钮，实际 ${count} 个`);
  const before = await button.getAttribute('data-rg-evidence');
  const label = (await button.textContent())?.trim();
  if (!before && label !== '采集聊天证据') throw new Error(`按钮文字是「${label}」，不是「采集聊天证据」`);
  await button.click();
  await scope.waitForFunction(
    (previous) => {
      const b = document.querySelector('[data-rg-action="capture-chat"]');
      const state = b?.getAttribute('data-rg-state') ?? '';
      return state === 'error' || (state === 'saved' && b?.getAttribute('data-rg-evidence') !== previous);
    },
    before,
    { timeout: 30_000 },
  );
  return {
    state: (await button.getAttribute('data-rg-state')) ?? '',
    detail: (await scope.locator('[data-rg-ui="chat-capture"] [data-rg-status]').textContent())?.trim() ?? '',
    evidenceId: await button.getAttribute('data-rg-evidence'),
    linked: (await button.getAttribute('data-rg-linked')) ?? '',
  };
}

/** Opens the side panel page as a tab (the real panel cannot open headless: it needs a user gesture). */
export async function openSidePanel(context: BrowserContext, extensionId: string, caseKey?: string): Promise<Page> {
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(
    `chrome-extension://${extensionId}/sidepanel.html${caseKey ? `#case=${encodeURIComponent(caseKey)}` : ''}`,
  );
  return panel;
}

/**
 * The whole page in one image, from the top. Playwright's full-page shot is not used: with a scrollbar (our browser
 * keeps it, as a seller's Chrome on Windows does) it is cut to the width the page had beside the scrollbar while the
 * page is laid out again at full width (the side panel's cards lost their right 15 px), and on a scrolled page it
 * draws the sticky header where the view was, mid-image. Instead the view is made as tall as the page for the shot.
 */
export async function wholePageScreenshot(page: Page, file: string): Promise<void> {
  const view = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.evaluate(() => window.scrollTo(0, 0));
  try {
    // Twice: the page may grow once it is laid out at full width (no scrollbar).
    for (let i = 0; i < 2; i++) {
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      if (height > (page.viewportSize()?.height ?? 0)) await page.setViewportSize({ width: view.width, height });
    }
    await page.screenshot({ path: file });
  } finally {
    await page.setViewportSize(view);
  }
}

/** Demo mode: reminders fire this many seconds after 我已提交申诉 instead of at the expected decision date. */
export async function setDemoReminderDelay(extensionPage: Page, seconds: number | null): Promise<void> {
  await extensionPage.evaluate(
    (value) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('reviewguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite');
          tx.objectStore('settings').put({ key: 'demoReminderDelaySeconds', value });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    seconds,
  );
}

export interface ToolbarFit {
  /** Inside its host cell (null: the host is not a table cell). */
  inCell: boolean | null;
  inReview: boolean;
  width: number;
  status: boolean;
}

/**
 * Where a captured review's toolbar (button, status line, 已立案 marker) sits, once the marker is shown: the e2e tests
 * expect it inside its review, and inside and narrow in a table cell (a long status once squeezed 千牛's review text
 * and spilled over 京东's 订单 column).
 */
export async function toolbarFit(scope: Page | Frame, key: string): Promise<ToolbarFit> {
  await scope.waitForSelector(`[data-rg-review="${key}"] [data-rg-ui="case-marker"]`);
  return scope.evaluate((k) => {
    const root = document.querySelector(`[data-rg-review="${CSS.escape(k)}"]`)!;
    const bar = root.querySelector('[data-rg-ui="toolbar"]')!;
    const host = bar.parentElement!;
    const r = bar.getBoundingClientRect();
    const inside = (o: DOMRect) => r.left >= o.left - 1 && r.right <= o.right + 1 && r.top >= o.top - 1 && r.bottom <= o.bottom + 1;
    return {
      inCell: host.tagName === 'TD' ? inside(host.getBoundingClientRect()) : null,
      inReview: inside(root.getBoundingClientRect()),
      width: Math.round(r.width),
      status: !!bar.querySelector('[data-rg-status]'),
    };
  }, key);
}

/** What is wrong with a captured review's toolbar placement, or null (a cell's stacked toolbar is at most 160 px wide). */
export function toolbarFitProblem(fit: ToolbarFit): string | null {
  const at = JSON.stringify(fit);
  if (!fit.status) return `no status line after the capture: ${at}`;
  if (!fit.inReview) return `toolbar outside its review: ${at}`;
  if (fit.inCell === false) return `toolbar outside its table cell: ${at}`;
  if (fit.inCell && fit.width > 160) return `toolbar too wide for its table cell: ${at}`;
  return null;
}
