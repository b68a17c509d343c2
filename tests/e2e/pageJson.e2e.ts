/**
 * "The page's own JSON for that item when it was observed", in real Chromium with the built extension: the PDD demo
 * console loads its list through the known endpoint (POST /saturn/reviews/list, XHR), the MAIN-world tap copies it,
 * and a capture keeps the matching item (by order number) in its record; a review shown on the page whose JSON was
 * never observed gets null and the reason.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../harness/browser';
import { installPinduoduoRoutes, type PinduoduoRoutes } from '../harness/consoleRoutes';
import { readStore } from '../harness/idb';
import { captureReview, findReviewKey, waitForCaptureButtons } from '../harness/walkthrough';

const REVIEW_PAGE = 'https://mms.pinduoduo.com/goods/evaluation/index?msfrom=mms_sidenav';
/** Not in reviews.json: a row the page shows although no observed response contained it. */
const UNOBSERVED_ORDER = '261115-999999999999999';

let session: Awaited<ReturnType<typeof launchWithExtension>>;
let routes: PinduoduoRoutes;
let page: Page;

interface StoredContext {
  reviewKey: string;
  method: string;
  captureManifest: string;
  context: {
    pageJson: null | { endpoint: string; transport: string; matchedBy: { field: string; value: string }; sha256: string; bytes: number; item: Record<string, unknown> };
    pageJsonNote: string | null;
  };
}

const evidenceFor = async (key: string) =>
  ((await readStore(session.serviceWorker, 'evidence')) as unknown as StoredContext[]).filter((e) => e.reviewKey === key);

beforeAll(async () => {
  session = await launchWithExtension({ headless: true });
  routes = await installPinduoduoRoutes(session.context);
  page = await session.context.newPage();
  await page.goto(REVIEW_PAGE);
});

afterAll(async () => {
  await session?.close();
});

describe('the page JSON kept with a capture', () => {
  it('the fixture loads its list through the known endpoint, and the tap sees it', async () => {
    const rows = await waitForCaptureButtons(page);
    expect(routes.listRequests.length).toBeGreaterThan(0);
    // The content script read the observed response: as many items as the page shows.
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-rg-net-count'));
    expect(Number(await page.evaluate(() => document.documentElement.getAttribute('data-rg-net-count')))).toBe(rows);
  });

  it('a captured review carries the page item with the right orderSn, hashed in the capture manifest', async () => {
    const key = await findReviewKey(page, '辣鸡');
    const result = await captureReview(page, key);
    expect(result.state, result.detail).toBe('saved');
    const [record] = await evidenceFor(key);
    const pageJson = record!.context.pageJson!;
    expect(pageJson).not.toBeNull();
    expect(pageJson.endpoint).toBe('https://mms.pinduoduo.com/saturn/reviews/list');
    expect(pageJson.transport).toBe('xhr');
    expect(pageJson.matchedBy).toEqual({ field: 'orderSn', value: key.slice('pinduoduo:'.length) });
    expect(pageJson.item['orderSn']).toBe(key.slice('pinduoduo:'.length));
    expect(pageJson.item['comment']).toContain('辣鸡');
    // Test-only fields never reach the page, so they cannot be in what the page returned.
    expect(pageJson.item).not.toHaveProperty('_label');
    expect(pageJson.sha256).toMatch(/^[0-9a-f]{64}$/);
    const manifest = JSON.parse(record!.captureManifest);
    expect(manifest.pageJson.item.orderSn).toBe(pageJson.item['orderSn']);
    expect(manifest.pageJson.sha256).toBe(pageJson.sha256);
  });

  it('a review the page shows but whose JSON was never observed gets null, and the record says why', async () => {
    await waitForCaptureButtons(page);
    // A copy of a row with another order number: on the page, in no observed response.
    await page.evaluate((order) => {
      const header = document.querySelector('[data-rg-review]')!;
      const body = header.nextElementSibling!;
      const [h, b] = [header.cloneNode(true) as Element, body.cloneNode(true) as Element];
      for (const el of [h, b]) {
        el.removeAttribute('data-rg-review');
        for (const ui of el.querySelectorAll('[data-rg-ui]')) ui.remove();
        for (const marked of el.querySelectorAll('[data-rg-review]')) marked.removeAttribute('data-rg-review');
      }
      const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) n.nodeValue = n.nodeValue!.replace(/\d{6}-\d{15}/, order);
      body.after(h, b);
    }, UNOBSERVED_ORDER);
    const key = `pinduoduo:${UNOBSERVED_ORDER}`;
    await page.waitForSelector(`[data-rg-review="${key}"] [data-rg-action="capture"]`);
    const result = await captureReview(page, key);
    expect(result.state, result.detail).toBe('saved');
    const [record] = await evidenceFor(key);
    expect(record!.context.pageJson).toBeNull();
    expect(record!.context.pageJsonNote).toContain('没有观察到');
    const manifest = JSON.parse(record!.captureManifest);
    expect(manifest.pageJson).toBeNull();
    expect(manifest.pageJsonNote).toContain('没有观察到');
  });
});
