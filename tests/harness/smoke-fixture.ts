/**
 * Checks the demo consoles on their own (no extension) and takes screenshots:
 *   npx tsx tests/harness/smoke-fixture.ts [outDir=/tmp/rg-fixture-shots]
 * Exits non-zero on the first failed check.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { DEMO_INDEX_URL, PDD_EVALUATION_URL, installPinduoduoRoutes, loadPinduoduoFixtureReviews } from './consoleRoutes';
import { wholePageScreenshot } from './walkthrough';

const outDir = path.resolve(process.argv[2] ?? '/tmp/rg-fixture-shots');
const HEADER = 'tr[class^="TB_bodyGroupHeader_"]';
const BODY = 'tr[data-testid="beast-core-table-body-tr"]';
const ORDER_RE = /订单编号：(\d{6}-\d{15})/;

async function waitReady(page: Page, renders?: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      document.documentElement.dataset['fixtureState'] === 'ready' &&
      (n === undefined || Number(document.documentElement.dataset['fixtureRenders']) > n),
    renders,
  );
}

async function renders(page: Page): Promise<number> {
  return Number(await page.getAttribute('html', 'data-fixture-renders'));
}

interface RowInfo {
  orderSn: string;
  stars: number;
  outlined: number;
  text: string;
}

function readRows(page: Page): Promise<RowInfo[]> {
  return page.evaluate(
    ({ header, re }) =>
      [...document.querySelectorAll(header)].map((h) => {
        const body = h.nextElementSibling;
        const cell = body?.querySelector('td:nth-child(2)');
        const m = new RegExp(re).exec(cell?.textContent ?? '');
        return {
          orderSn: m?.[1] ?? '',
          stars: h.querySelectorAll('svg[data-testid="beast-core-icon-star_filled"]').length,
          outlined: h.querySelectorAll('svg[data-testid="beast-core-icon-star_outlined"]').length,
          text: cell?.textContent ?? '',
        };
      }),
    { header: HEADER, re: ORDER_RE.source },
  );
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const fixtures = await loadPinduoduoFixtureReviews();
  const { context, close } = await launchBrowser();
  const errors: string[] = [];
  try {
    const routes = await installPinduoduoRoutes(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });

    const apiBodies: string[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/saturn/reviews/list')) void r.text().then((t) => apiBodies.push(t));
    });

    // --- page 1 ---
    await page.goto(`${PDD_EVALUATION_URL}?msfrom=mms_sidenav`);
    await waitReady(page);
    let rows = await readRows(page);
    assert.equal(rows.length, 10, 'page 1 has 10 reviews');
    assert.equal(await page.locator(BODY).count(), 10, 'one body row per review');
    rows.forEach((r, i) => {
      const f = fixtures[i];
      assert.ok(f, `fixture ${i}`);
      assert.equal(r.orderSn, f.orderSn, `row ${i} order number`);
      assert.equal(r.stars, f.descScore, `row ${i} filled stars`);
      assert.equal(r.stars + r.outlined, 5, `row ${i} five stars`);
    });
    const xss = rows.find((r) => r.text.includes('onerror'));
    assert.ok(xss?.text.includes(`做工一般 <img src=x onerror="document.title='pwned'">`), 'XSS probe shown literally');
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'no <img src=x> in the DOM');
    assert.notEqual(await page.title(), 'pwned');
    assert.equal(await page.locator('[data-testid="beast-core-pagination-prev"][class*="PGT_disabled_"]').count(), 1);
    assert.equal(await page.locator('li[class*="PGT_pagerItemActive_"]').textContent(), '1');
    const listBody = routes.listRequests[0]?.body ?? {};
    assert.equal(listBody['pageSize'], 10);
    await page.screenshot({ path: path.join(outDir, 'pdd-page1.png') });
    await wholePageScreenshot(page, path.join(outDir, 'pdd-page1-full.png'));

    // --- next page: tbody contents replaced ---
    const firstRowHandle = await page.$(HEADER);
    let before = await renders(page);
    await page.click('li[data-testid="beast-core-pagination-next"]');
    await waitReady(page, before);
    rows = await readRows(page);
    assert.equal(rows.length, 10, 'page 2 has 10 reviews');
    assert.equal(rows[0]?.orderSn, fixtures[10]?.orderSn, 'page 2 starts with review 11');
    assert.equal(await firstRowHandle?.evaluate((el) => el.isConnected), false, 'old rows are gone');
    assert.equal(await page.locator('li[class*="PGT_pagerItemActive_"]').textContent(), '2');
    assert.ok(rows.some((r) => r.text.length > 600), 'long review on page 2');
    await page.screenshot({ path: path.join(outDir, 'pdd-page2.png') });

    // --- last page via page number ---
    before = await renders(page);
    await page.click('li[class*="PGT_pagerItem_"]:text-is("4")');
    await waitReady(page, before);
    rows = await readRows(page);
    assert.equal(rows.length, fixtures.length - 30, 'page 4 has the rest');
    assert.equal(await page.locator('[data-testid="beast-core-pagination-next"][class*="PGT_disabled_"]').count(), 1);

    // --- 刷新: same page, new <tbody> element ---
    await page.evaluate(() => {
      (window as unknown as { __oldTbody: Element | null }).__oldTbody = document.querySelector('tbody');
    });
    const keysBefore = (await readRows(page)).map((r) => r.orderSn);
    before = await renders(page);
    await page.getByText('刷新', { exact: true }).click();
    await waitReady(page, before);
    assert.deepEqual((await readRows(page)).map((r) => r.orderSn), keysBefore, 'refresh keeps the same reviews');
    assert.equal(
      await page.evaluate(() => (window as unknown as { __oldTbody: Element | null }).__oldTbody?.isConnected),
      false,
      'refresh mounts a new tbody',
    );

    // --- score filter ---
    before = await renders(page);
    await page.click('[data-filter="score"] [data-value="1"]');
    await waitReady(page, before);
    const oneStar = fixtures.filter((f) => f.descScore === 1).length;
    assert.equal(await page.locator('#rg-fixture-count').textContent(), `共 ${oneStar} 条评价`);
    assert.ok((await readRows(page)).every((r) => r.stars === 1));

    // --- reply modal (React-controlled textarea) ---
    await page.goto(PDD_EVALUATION_URL);
    await waitReady(page);
    await page.locator(BODY).first().getByText('回复/互动').click();
    const modal = page.locator('[data-testid="beast-core-modal-inner"]');
    await modal.waitFor();
    assert.equal(await modal.locator('[class^="MDL_header_"]').textContent(), '快捷回复');
    await modal.locator('textarea[data-testid="beast-core-textArea-htmlInput"]').fill('亲，您好，给您带来不好的体验非常抱歉，客服会尽快联系您处理～');
    await page.screenshot({ path: path.join(outDir, 'pdd-reply-modal.png') });
    before = await renders(page);
    await modal.getByText('回复', { exact: true }).click();
    await waitReady(page, before);
    assert.ok((await readRows(page))[0]?.text.includes('商家回复：亲，您好'), 'reply rendered');

    // --- hostile suffix ---
    await page.goto(`${PDD_EVALUATION_URL}?suffix=5-201-0`);
    await waitReady(page);
    assert.equal(await page.locator('tr.TB_bodyGroupHeader_5-201-0').count(), 10);
    assert.equal(await page.locator('li.PGT_pagerItemActive_5-201-0').count(), 1);
    const defaultClasses = await page.evaluate(
      () => [...document.querySelectorAll('[class]')].filter((el) => el.getAttribute('class')?.includes('5-188-0')).length,
    );
    assert.equal(defaultClasses, 0, 'no class with the default suffix');
    const hashedDefault = await page.evaluate(() => document.querySelectorAll('[class~="evaluation-list_buyerName__CGzu7"]').length);
    assert.equal(hashedDefault, 0, 'CSS-module hashes change with the suffix');
    assert.equal((await readRows(page)).length, 10);
    await page.screenshot({ path: path.join(outDir, 'pdd-suffix-5-201-0.png') });

    // --- page size ---
    await page.goto(`${PDD_EVALUATION_URL}?pageSize=50`);
    await waitReady(page);
    assert.equal((await readRows(page)).length, fixtures.length);
    assert.equal(await page.locator('[data-testid="beast-core-pagination-next"][class*="PGT_disabled_"]').count(), 1);

    // --- stress data via the page URL ---
    const t0 = Date.now();
    await page.goto(`${PDD_EVALUATION_URL}?rgGenerate=1000&pageSize=200`);
    await waitReady(page);
    assert.equal((await readRows(page)).length, 200);
    assert.equal(await page.locator('#rg-fixture-count').textContent(), '共 1000 条评价');
    console.log(`1,000-review data, 200-row page ready in ${Date.now() - t0} ms`);
    await page.screenshot({ path: path.join(outDir, 'pdd-stress.png') });

    // --- demo index ---
    await page.goto(DEMO_INDEX_URL);
    await page.screenshot({ path: path.join(outDir, 'demo-index.png') });

    assert.ok(apiBodies.length > 0 && apiBodies.every((b) => !/"_(label|chat|order)"/.test(b)), 'test-only fields stripped');
    const unexpected = routes.blockedUrls.filter((u) => !u.endsWith('/favicon.ico'));
    assert.deepEqual(unexpected, [], 'no request left the fixture routes');
    assert.deepEqual(errors, [], 'no page errors');
    console.log(`ok — screenshots in ${outDir}`);
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
