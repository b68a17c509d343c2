/**
 * The 1,000-review pages and the page's own scroll + mutation work the detection benchmark measures, shared by the
 * suite (bench/suites/detection.ts) and the profiling tools in bench/tools/.
 */
import { existsSync } from 'node:fs';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { recordTrace, selfTimesBySide, type TraceEvent } from './trace';
import { TAOBAO_REVIEW_URL } from '../tests/harness/consoleUrls';

export const N = 1000;
export const PDD_PAGE = `https://mms.pinduoduo.com/goods/evaluation/index?rgGenerate=${N}&pageSize=${N}`;
/** The same console at a host no content script matches: the extension is loaded but inactive there. */
export const INACTIVE_ORIGIN = 'https://mms.reviewguard-bench.invalid';
export const INACTIVE_PAGE = PDD_PAGE.replace('https://mms.pinduoduo.com', INACTIVE_ORIGIN);
/** A second skipped host, for the A/A control (two inactive copies measured like the real pair). */
export const CONTROL_ORIGIN = 'https://mms.reviewguard-control.invalid';
export const CONTROL_PAGE = PDD_PAGE.replace('https://mms.pinduoduo.com', CONTROL_ORIGIN);
export const TAOBAO_PAGE = `${TAOBAO_REVIEW_URL}?rgGenerate=${N}&pageSize=${N}`;
/**
 * After the page's 30 frames, how long busy time keeps being counted: the work our content script defers after a
 * mutation (batched pass 40 ms, watch-list / case-marker pass 300 ms, findings report 800 ms) lands inside it.
 */
export const SETTLE_MS = 1_200;

/**
 * The page's own work: 30 frames of scrolling plus a mutation per frame (a row's text changes, a row is added and
 * removed), timed in the page until the next frame after the last one (helpers are inlined: tsx would add `__name` calls
 * that do not exist in the page) — the extension's observer and batched pass
 * run inside that window.
 */
export async function pageWork(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const tbody = document.querySelector('tbody')!;
    const cells = [...tbody.querySelectorAll('td')];
    await new Promise<void>((r) => requestAnimationFrame(() => r()));
    const t0 = performance.now();
    for (let i = 0; i < 30; i++) {
      window.scrollBy(0, 400);
      const cell = cells[(i * 37) % cells.length]!;
      cell.append(document.createTextNode(' '));
      const tr = document.createElement('tr');
      tr.innerHTML = '<td>加载中</td>';
      tbody.append(tr);
      tr.remove();
      void document.body.offsetHeight; // the page lays out, as a real scroll would
      await new Promise<void>((r) => requestAnimationFrame(() => r()));
    }
    await new Promise((r) => setTimeout(r, 60)); // the extension's batched pass (40 ms) lands in the window
    await new Promise<void>((r) => requestAnimationFrame(() => r()));
    return performance.now() - t0;
  });
}

/** Appends 100 copies of existing PDD reviews with fresh order numbers (what a "load more" would do). */
export async function append100(page: Page, run: number) {
  await page.evaluate((r) => {
    const tbody = document.querySelector('tbody')!;
    const headers = [...tbody.querySelectorAll('tr[class*="TB_bodyGroupHeader_"]')].slice(0, 100);
    const frag = document.createDocumentFragment();
    headers.forEach((h, i) => {
      const head = h.cloneNode(true) as Element;
      head.querySelectorAll('[data-rg-ui]').forEach((e) => e.remove());
      head.removeAttribute('data-rg-review');
      const body = h.nextElementSibling!.cloneNode(true) as Element;
      for (const el of body.querySelectorAll('div')) {
        if (el.textContent?.startsWith('订单编号') && el.children.length === 0) {
          el.textContent = `订单编号：26${String(r).padStart(4, '0')}-${String(900000000000000 + i)}`;
        }
      }
      frag.append(head, body);
    });
    tbody.append(frag);
  }, run);
}

/** Every Performance.getMetrics value of the page's renderer, by name. */
export async function rendererMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/**
 * A page in a window of its own (a popup, 1280×900). Two such windows render at the same time; two tabs of one window
 * do not (the background tab gets no animation frames).
 */
export async function openWindow(context: BrowserContext, opener: Page): Promise<Page> {
  const [page] = await Promise.all([
    context.waitForEvent('page'),
    opener.evaluate(() => void window.open('about:blank', '', 'popup,width=1280,height=900')),
  ]);
  await page.setViewportSize({ width: 1280, height: 900 });
  return page;
}

/** Until the page shows its `n` review rows. */
export async function waitForReviews(page: Page, n = N): Promise<void> {
  await page.waitForFunction((count) => document.querySelectorAll('tr[class*="TB_bodyGroupHeader_"]').length >= count, n, { timeout: 60_000 });
}

/** Until `n` 采集证据 buttons are mounted, and the last batched pass has reported its timing. */
export async function waitForButtons(page: Page, n = N): Promise<void> {
  await page.waitForFunction((count) => document.querySelectorAll('[data-rg-action="capture"]').length >= count, n, { timeout: 60_000 });
  await page.waitForTimeout(100);
}

/**
 * Loads a detection page ready for the page work: its rows shown, at the real host our buttons too (at a skipped
 * host, a check that the extension really is inactive), then past the findings report that follows a load.
 */
export async function loadForPageWork(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForReviews(page);
  if (url === PDD_PAGE) await waitForButtons(page);
  else if (await page.getAttribute('html', 'data-rg-adapter')) throw new Error('the extension is active on the inactive host');
  await page.waitForTimeout(1_000);
}

/** The page work plus the settle time in which our deferred work runs. */
export async function pageWorkSettled(page: Page): Promise<void> {
  await pageWork(page);
  await page.waitForTimeout(SETTLE_MS);
}

/**
 * The windows do the page work at the same moment, plus the settle time, under one trace. Returns the main-thread
 * self times of each side's renderer, told apart by the origin its page runs at.
 */
export async function traceSimultaneousPageWork<Side extends string>(
  cdp: CDPSession,
  windows: readonly Page[],
  originOf: Record<Side, string>,
  nameOf?: (e: TraceEvent) => string,
): Promise<Map<Side, Map<string, number>>> {
  const events = await recordTrace(cdp, async () => {
    await Promise.all(windows.map((w) => pageWork(w)));
    await windows[0]!.waitForTimeout(SETTLE_MS);
  });
  const bySide = selfTimesBySide(events, originOf, nameOf);
  if (bySide.size !== Object.keys(originOf).length) throw new Error("the windows' renderers were not told apart in the trace");
  return bySide;
}

/** The build the profiling tools load: the unminified one in .output/profile/ (readable names) when it exists. */
export function toolExtensionPath(): string {
  return existsSync('.output/profile/chrome-mv3/manifest.json') ? '.output/profile/chrome-mv3' : '.output/chrome-mv3';
}
