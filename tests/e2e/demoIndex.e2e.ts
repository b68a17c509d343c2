/**
 * The demo index lists every demo console page, and on each of them (hostile variants and 1,000-item pages included)
 * the extension finds its content: reviews get buttons, chat messages get keys.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../harness/browser';
import { DEMO_CONSOLES, DEMO_INDEX_URL, installDemoConsoles } from '../harness/consoleRoutes';
import { wholePageScreenshot } from '../harness/walkthrough';

const shots = path.resolve('.output/e2e-screenshots');
let session: Awaited<ReturnType<typeof launchWithExtension>>;
let page: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  session = await launchWithExtension({ headless: true });
  await installDemoConsoles(session.context);
  page = await session.context.newPage();
});
afterAll(async () => {
  await session?.close();
});

/** Items the extension marked in a frame (reviews with one button each, or chat messages). */
const markedIn = (f: Frame) =>
  f
    .evaluate(() => {
      const reviews = document.querySelectorAll('[data-rg-review]').length;
      const buttons = document.querySelectorAll('[data-rg-action="capture"]').length;
      const fx = (window as unknown as { __rgFixture?: { chatKeys?: () => unknown[] } }).__rgFixture;
      const chats = document.querySelectorAll('[data-rg-chat]').length + (fx?.chatKeys?.().length ?? 0);
      return reviews === buttons ? reviews + chats : -1;
    })
    .catch(() => 0);

const ALL_PAGES = DEMO_CONSOLES.flatMap((d) => d.pages.map((p) => ({ console: d.id, ...p })));

describe('demo index', () => {
  it('lists every demo page', async () => {
    await page.goto(DEMO_INDEX_URL);
    const links = await page.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const p of ALL_PAGES) expect(links, p.url).toContain(new URL(p.url).href);
    await wholePageScreenshot(page, path.join(shots, 'demo-index.png'));
  });

  // Pages that need clicks first (京麦 聊天记录: route change, then a drawer) have their own test in chatPages.e2e.ts.
  it.each(ALL_PAGES.filter((p) => !p.note?.startsWith('点')))('$console › $label: the extension finds the page’s items', async ({ url, label }) => {
    await page.goto('about:blank'); // demo URLs that differ only after `#` would otherwise not reload
    await page.goto(url);
    // The 1,000-review Pinduoduo page shows 200 per page, like the console's largest page size.
    const expected = /1,000/.test(label) ? (url.includes('pageSize=200') ? 200 : 1000) : 3;
    await expect
      .poll(async () => Math.max(...(await Promise.all(page.frames().map(markedIn)))), { timeout: 30_000, interval: 500 })
      .toBeGreaterThanOrEqual(expected);
  });
});
