/**
 * Pixel-exact capture (tabs.captureVisibleTab cropped to the review), and the trusted timestamp from a real local
 * TSA (openssl ts), in real Chromium. A real context-menu click
 * cannot be made headless, so this uses a test build (RG_TEST_PIXEL=1: `<all_urls>` instead of activeTab, plus a
 * hook that runs the context-menu handler's code path). Everything after the click is the shipped code.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../harness/browser';
import { installPinduoduoRoutes } from '../harness/consoleRoutes';
import { startLocalTsa } from '../harness/localTsa';
import { captureReview, findReviewKey, openSidePanel, waitForCaptureButtons, wholePageScreenshot } from '../harness/walkthrough';
import { countColourInEvidence, evidenceFileBase64, readStore } from '../harness/idb';

declare const chrome: { tabs: { query(q: { url: string }): Promise<{ id: number }[]> } };
declare const rgPixelCapture: (tabId: number, mode?: 'element' | 'viewport' | 'page') => Promise<{ sha256: string; evidenceId: string }>;

const REVIEW_PAGE = 'https://mms.pinduoduo.com/goods/evaluation/index';
const out = path.resolve('.output/e2e-evidence');
let session: Awaited<ReturnType<typeof launchWithExtension>>;
let page: Page;

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  const build = spawnSync('npx', ['wxt', 'build'], { env: { ...process.env, RG_TEST_PIXEL: '1' }, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`test build failed: ${build.stderr}`);
  session = await launchWithExtension({ headless: true, extensionPath: '.output/test-pixel/chrome-mv3' });
  await installPinduoduoRoutes(session.context);
  page = await session.context.newPage();
  await page.goto(REVIEW_PAGE);
  await waitForCaptureButtons(page);
}, 120_000);

afterAll(async () => {
  await session?.close();
});

const tabId = async () => (await session.serviceWorker.evaluate(() => chrome.tabs.query({ url: 'https://mms.pinduoduo.com/*' })))[0]!.id;

describe('pixel-exact capture', () => {
  it('right-click → the screen pixels of exactly that review, hashed, with an annotated copy; our button is not in it', async () => {
    const key = await findReviewKey(page, '辣鸡');
    await page.evaluate((k) => {
      const roots = [...document.querySelectorAll('[data-rg-review]')];
      const i = roots.findIndex((r) => r.getAttribute('data-rg-review') === k);
      const mark = (row: Element | null | undefined, colour: string) => {
        const box = document.createElement('span');
        box.style.cssText = `display:inline-block;width:24px;height:24px;background:${colour}`;
        row?.querySelector('td')?.prepend(box);
      };
      mark(roots[i], 'rgb(0,255,0)');
      mark(roots[i]?.nextElementSibling, 'rgb(0,255,0)');
      mark(roots[i - 1]?.nextElementSibling, 'rgb(255,0,255)');
      mark(roots[i + 1], 'rgb(255,0,255)');
    }, key);
    await page.locator(`[data-rg-review="${key}"]`).scrollIntoViewIfNeeded();
    await page.locator(`[data-rg-review="${key}"] td`).first().click({ button: 'right' });

    const id = await tabId();
    const saved = await session.serviceWorker.evaluate((t) => rgPixelCapture(t), id);
    expect(saved.sha256).toMatch(/^[0-9a-f]{64}$/);
    const button = page.locator(`[data-rg-review="${key}"] [data-rg-action="capture"]`);
    await expect.poll(() => button.getAttribute('data-rg-method')).toBe('pixel');
    expect(await button.getAttribute('data-rg-state')).toBe('saved');
    expect(await button.isVisible()).toBe(true); // restored after the shot

    const [record] = (await readStore(session.serviceWorker, 'evidence')).filter((e) => e.reviewKey === key) as {
      method: string; sha256: string; width: number; height: number;
      context: { phraseBoxes: unknown[]; pageJson: { matchedBy: { field: string }; item: { orderSn: string } } | null };
    }[];
    expect(record!.method).toBe('tabs.captureVisibleTab');
    // The pixel path keeps the page's own JSON for the review too, matched by its order number.
    expect(record!.context.pageJson?.matchedBy.field).toBe('orderSn');
    expect(record!.context.pageJson?.item.orderSn).toBe(key.slice('pinduoduo:'.length));
    expect(record!.sha256).toBe(saved.sha256);
    expect(record!.context.phraseBoxes.length).toBeGreaterThan(0);
    const rect = await page.evaluate((k) => {
      const root = document.querySelector(`[data-rg-review="${k}"]`)!;
      const a = root.getBoundingClientRect();
      const b = root.nextElementSibling!.getBoundingClientRect();
      return { width: Math.round(a.width), height: Math.round(b.bottom - a.top) };
    }, key);
    expect(Math.abs(record!.width - rect.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(record!.height - rect.height)).toBeLessThanOrEqual(2);
    expect(await countColourInEvidence(session.serviceWorker, key, [0, 255, 0])).toBeGreaterThanOrEqual(2 * 22 * 22);
    expect(await countColourInEvidence(session.serviceWorker, key, [255, 0, 255])).toBe(0);
    // The red 采集证据 button (#e02e24, about 70×24 px) was hidden for the shot; a few red digits of the page remain.
    expect(await countColourInEvidence(session.serviceWorker, key, [224, 46, 36])).toBeLessThan(300);

    const annotated = await session.serviceWorker.evaluate(
      (k) =>
        new Promise<string>((resolve) => {
          const open = indexedDB.open('reviewguard');
          open.onsuccess = () => {
            const r = open.result.transaction('evidence').objectStore('evidence').index('reviewKey').getAll(k);
            r.onsuccess = () => {
              const bytes = (r.result[0] as { annotated: { bytes: Uint8Array } }).annotated.bytes;
              let s = '';
              for (const b of bytes) s += String.fromCharCode(b);
              resolve(btoa(s));
            };
          };
        }),
      key,
    );
    writeFileSync(path.join(out, 'pixel-annotated.png'), Buffer.from(annotated, 'base64'));
  });

  it('with the permission present, the in-page 采集证据 button takes the pixel-exact capture itself; the panel shows it granted', async () => {
    await page.goto(REVIEW_PAGE);
    await waitForCaptureButtons(page);
    const key = await findReviewKey(page, '辣鸡');
    const before = (await readStore(session.serviceWorker, 'evidence')).length;
    const result = await captureReview(page, key);
    expect(result.state, result.detail).toBe('saved');
    expect(result.detail).toContain('像素级截图已存证');
    const button = page.locator(`[data-rg-review="${key}"] [data-rg-action="capture"]`);
    expect(await button.getAttribute('data-rg-method')).toBe('pixel');
    expect(await button.isVisible()).toBe(true);
    const rows = (await readStore(session.serviceWorker, 'evidence')) as { sha256: string; method: string; context: { pageJson: { item: { orderSn: string } } | null } }[];
    expect(rows.length).toBe(before + 1);
    const record = rows.find((r) => r.sha256 === result.sha256)!;
    expect(record.method).toBe('tabs.captureVisibleTab');
    expect(record.context.pageJson?.item.orderSn).toBe(key.slice('pinduoduo:'.length));
    // Only the review, no button red: the toolbar was hidden for the shot (a few red digits of the page remain).
    expect(await countColourInEvidence(session.serviceWorker, key, [224, 46, 36])).toBeLessThan(300);

    const panel = await openSidePanel(session.context, session.extensionId);
    await panel.getByTestId('tab-settings').click();
    await expect.poll(() => panel.getByTestId('pixel-permission').getAttribute('data-status')).toBe('granted');
    expect(await panel.getByTestId('pixel-permission-summary').textContent()).toContain('已允许像素级截图');
    await wholePageScreenshot(panel, path.join(out, 'pixel-permission-granted.png'));
    await panel.close();
  });

  it('a review taller than the window is scrolled and stitched below the fixed header, top to bottom', async () => {
    await page.goto(REVIEW_PAGE);
    await waitForCaptureButtons(page);
    const key = await page.locator('[data-rg-review]').nth(2).getAttribute('data-rg-review');
    const expectedHeight = await page.evaluate((k) => {
      const root = document.querySelector(`[data-rg-review="${k}"]`)!;
      const body = root.nextElementSibling!;
      const box = (colour: string, height = 24) => {
        const b = document.createElement('div');
        b.style.cssText = `width:24px;height:${height}px;background:${colour}`;
        return b;
      };
      const cell = body.querySelectorAll('td')[1]!;
      cell.prepend(box('rgb(0,255,0)'));
      cell.append(box('rgb(250,250,250)', 1600), box('rgb(0,0,255)'));
      root.previousElementSibling?.querySelector('td')?.prepend(box('rgb(255,0,255)'));
      body.nextElementSibling?.querySelector('td')?.prepend(box('rgb(255,0,255)'));
      // A marker in the page's fixed header: it must never appear in a stitched shot.
      document.querySelector('[class*="layout_header"]')?.prepend(box('rgb(255,255,0)'));
      return Math.round(body.getBoundingClientRect().bottom - root.getBoundingClientRect().top);
    }, key!);
    expect(expectedHeight).toBeGreaterThan(900 * 2);
    await page.locator(`[data-rg-review="${key}"] td`).first().click({ button: 'right' });
    const id = await tabId();
    const saved = await session.serviceWorker.evaluate((t) => rgPixelCapture(t), id);
    const record = ((await readStore(session.serviceWorker, 'evidence')) as { id: string; height: number; context: { notRendered: string[] } }[]).find(
      (e) => e.id === saved.evidenceId,
    )!;
    expect(Math.abs(record.height - expectedHeight)).toBeLessThanOrEqual(2);
    expect(record.context.notRendered).toEqual([]);
    const count = (rgb: [number, number, number]) => countColourInEvidence(session.serviceWorker, key!, rgb);
    expect(await count([0, 255, 0])).toBeGreaterThanOrEqual(22 * 22);
    expect(await count([0, 0, 255])).toBeGreaterThanOrEqual(22 * 22);
    expect(await count([255, 0, 255])).toBe(0);
    expect(await count([255, 255, 0])).toBe(0);
    const png = (await evidenceFileBase64(session.serviceWorker, { id: saved.evidenceId }, 'original')).base64;
    writeFileSync(path.join(out, 'pixel-stitched.png'), Buffer.from(png, 'base64'));
  });

  it('three captures at once all succeed: calls are queued under the 2-per-second limit', async () => {
    const id = await tabId();
    const before = (await readStore(session.serviceWorker, 'evidence')).length;
    const results = await session.serviceWorker.evaluate((t) => Promise.allSettled([rgPixelCapture(t), rgPixelCapture(t), rgPixelCapture(t)]), id);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const rows = (await readStore(session.serviceWorker, 'evidence')) as { capturedAtMs: number }[];
    expect(rows.length).toBe(before + 3);
  });

  it('整屏 mode stores the whole visible page, with the review boxed in its context', async () => {
    const key = await findReviewKey(page, '辣鸡');
    await page.locator(`[data-rg-review="${key}"] td`).first().click({ button: 'right' });
    const id = await tabId();
    const saved = await session.serviceWorker.evaluate((t) => rgPixelCapture(t, 'viewport'), id);
    const record = ((await readStore(session.serviceWorker, 'evidence')) as { id: string; method: string; width: number; height: number }[]).find(
      (e) => e.id === saved.evidenceId,
    )!;
    expect(record.method).toBe('tabs.captureVisibleTab (整屏)');
    const viewport = page.viewportSize()!;
    expect([record.width, record.height]).toEqual([viewport.width, viewport.height]);
    const annotated = (await evidenceFileBase64(session.serviceWorker, { id: saved.evidenceId }, 'annotated')).base64;
    writeFileSync(path.join(out, 'viewport-annotated.png'), Buffer.from(annotated, 'base64'));
    // None of our 采集证据 buttons (#e02e24) is on the screen shot: no button red where the buttons are on screen.
    const buttons = await page.evaluate(() =>
      [...document.querySelectorAll('[data-rg-action="capture"]')]
        .map((b) => b.getBoundingClientRect())
        .filter((r) => r.bottom > 0 && r.top < innerHeight)
        .map((r) => [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)] as const),
    );
    expect(buttons.length).toBeGreaterThan(1);
    const red = await session.serviceWorker.evaluate(
      ([evidenceId, rects]) =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('reviewguard');
          open.onsuccess = () => {
            const r = open.result.transaction('evidence').objectStore('evidence').get(evidenceId);
            r.onsuccess = async () => {
              const row = r.result as { bytes: Uint8Array<ArrayBuffer>; mime: string };
              const bitmap = await createImageBitmap(new Blob([row.bytes], { type: row.mime }));
              const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
              const ctx = canvas.getContext('2d')!;
              ctx.drawImage(bitmap, 0, 0);
              let n = 0;
              for (const [x, y, w, h] of rects) {
                const d = ctx.getImageData(x, Math.max(0, y), w, Math.max(1, Math.min(h, bitmap.height - y))).data;
                for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i]! - 224) < 8 && Math.abs(d[i + 1]! - 46) < 8 && Math.abs(d[i + 2]! - 36) < 8) n++;
              }
              resolve(n);
            };
          };
        }),
      [saved.evidenceId, buttons] as const,
    );
    expect(red).toBe(0);
  });

  it('整页 mode scrolls the whole page top to bottom and stitches it, the fixed header once', async () => {
    await page.goto(REVIEW_PAGE);
    await waitForCaptureButtons(page);
    const key = await findReviewKey(page, '辣鸡');
    const layout = await page.evaluate(() => {
      const box = (colour: string, top: number) => {
        const b = document.createElement('div');
        b.style.cssText = `position:absolute;left:600px;top:${top}px;width:24px;height:24px;background:${colour};z-index:1`;
        document.body.append(b);
      };
      // A spacer makes sure the page is several windows tall.
      const spacer = document.createElement('div');
      spacer.style.cssText = 'height:1500px';
      document.body.append(spacer);
      const header = document.querySelector('[class*="layout_header"]') as HTMLElement;
      const headerBottom = header.getBoundingClientRect().bottom;
      const marker = document.createElement('span');
      marker.style.cssText = 'display:inline-block;width:24px;height:24px;background:rgb(255,255,0)';
      header.prepend(marker);
      const menu = document.querySelector('[class*="layout_side"] > nav') as HTMLElement | null;
      const menuMarker = document.createElement('span');
      menuMarker.style.cssText = 'display:inline-block;width:24px;height:24px;background:rgb(255,0,255)';
      menu?.prepend(menuMarker);
      const height = document.documentElement.scrollHeight;
      box('rgb(0,255,0)', headerBottom + 12); // the top of the page content
      box('rgb(0,0,255)', height - 40); // the bottom of the page
      return { height, headerFixed: getComputedStyle(header).position, headerBottom, menuFixed: menu ? getComputedStyle(menu).position : null };
    });
    expect(layout.headerFixed).toBe('fixed');
    expect(layout.menuFixed).toBe('sticky');
    const viewport = page.viewportSize()!;
    expect(layout.height).toBeGreaterThan(viewport.height * 2);
    await page.locator(`[data-rg-review="${key}"] td`).first().click({ button: 'right' });
    const scrolledBefore = await page.evaluate(() => window.scrollY);
    const id = await tabId();
    const started = Date.now();
    const saved = await session.serviceWorker.evaluate((t) => rgPixelCapture(t, 'page'), id);
    const elapsed = Date.now() - started;
    const record = ((await readStore(session.serviceWorker, 'evidence')) as { id: string; method: string; width: number; height: number; context: { notRendered: string[] } }[]).find(
      (e) => e.id === saved.evidenceId,
    )!;
    expect(record.method).toBe('tabs.captureVisibleTab (整页)');
    expect(record.width).toBe(viewport.width);
    expect(Math.abs(record.height - layout.height)).toBeLessThanOrEqual(2);
    // The fixture's left menu is fixed: drawn on the first screen only, and the record says so.
    expect(record.context.notRendered).toEqual([expect.stringMatching(/^页面侧边的固定栏（如导航菜单）随屏幕固定，整页图中只在第一屏画出，其余 \d+ 屏中该处留空/)]);
    // At least ceil(height / window) shots, queued ≥ 550 ms apart (the 2-per-second limit).
    const shots = Math.ceil((layout.height - viewport.height) / (viewport.height - layout.headerBottom - 8)) + 1;
    expect(elapsed).toBeGreaterThanOrEqual((shots - 1) * 550);
    const count = (rgb: [number, number, number]) =>
      session.serviceWorker.evaluate(
        ([evidenceId, [r, g, b]]) =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open('reviewguard');
            open.onsuccess = () => {
              const req = open.result.transaction('evidence').objectStore('evidence').get(evidenceId);
              req.onsuccess = async () => {
                const row = req.result as { bytes: Uint8Array<ArrayBuffer>; mime: string };
                const bitmap = await createImageBitmap(new Blob([row.bytes], { type: row.mime }));
                const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
                const ctx = canvas.getContext('2d')!;
                ctx.drawImage(bitmap, 0, 0);
                const d = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
                let n = 0;
                for (let i = 0; i < d.length; i += 4) if (d[i] === r && d[i + 1] === g && d[i + 2] === b) n++;
                resolve(n);
              };
            };
          }),
        [saved.evidenceId, rgb] as const,
      );
    expect(await count([0, 255, 0])).toBeGreaterThanOrEqual(22 * 22); // top
    expect(await count([0, 0, 255])).toBeGreaterThanOrEqual(22 * 22); // bottom
    const header = await count([255, 255, 0]);
    expect(header).toBeGreaterThanOrEqual(22 * 22); // the fixed header is in the image…
    expect(header).toBeLessThan(2 * 22 * 22); // …once, not once per screen
    const menu = await count([255, 0, 255]);
    expect(menu).toBeGreaterThanOrEqual(22 * 22); // the sticky side menu too: on the first screen…
    expect(menu).toBeLessThan(2 * 22 * 22); // …and hidden on the others
    // The page is back where the seller left it, with our buttons visible again.
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(scrolledBefore);
    expect(await page.locator(`[data-rg-review="${key}"] [data-rg-action="capture"]`).isVisible()).toBe(true);
    const png = (await evidenceFileBase64(session.serviceWorker, { id: saved.evidenceId }, 'annotated')).base64;
    writeFileSync(path.join(out, 'page-annotated.png'), Buffer.from(png, 'base64'));
  });

  it('整页 on a page taller than the cap keeps the top part and says how much was left out', async () => {
    await page.goto(REVIEW_PAGE);
    await waitForCaptureButtons(page);
    const key = await findReviewKey(page, '辣鸡');
    const height = await page.evaluate(() => {
      const spacer = document.createElement('div');
      spacer.style.cssText = 'height:30000px';
      document.body.append(spacer);
      return document.documentElement.scrollHeight;
    });
    await page.locator(`[data-rg-review="${key}"] td`).first().click({ button: 'right' });
    const saved = await session.serviceWorker.evaluate((t) => rgPixelCapture(t, 'page'), await tabId());
    const record = ((await readStore(session.serviceWorker, 'evidence')) as { id: string; height: number; context: { notRendered: string[] } }[]).find(
      (e) => e.id === saved.evidenceId,
    )!;
    expect(record.height).toBeLessThanOrEqual(16_384);
    expect(record.height).toBeGreaterThan(900 * 5);
    expect(record.context.notRendered).toContainEqual(
      `页面高 ${height} 像素，超过整页截图上限（最多 20 屏、图像高 16384 像素），只截取了顶部 ${record.height} 像素；下面的内容请滚动到该处后另行采集`,
    );
  }, 60_000);

  it('with a trusted-timestamp service set, the export carries manifest.tsr from a real TSA that openssl verifies', async () => {
    const tsa = await startLocalTsa();
    // The harness aborts every request to the outside; the configured TSA is the one address let through.
    await session.context.route(tsa.url, (route) => route.continue());
    try {
      const panel = await openSidePanel(session.context, session.extensionId);
      await panel.locator('summary', { hasText: '可信时间戳' }).click();
      await panel.getByTestId('tsa-url').fill(tsa.url);
      await panel.getByTestId('tsa-save').click();
      await expect.poll(() => panel.getByTestId('tsa-status').textContent()).toContain('已保存');
      const card = panel.locator('[data-testid="case"]').first();
      const download = panel.waitForEvent('download');
      await card.getByTestId('export').click();
      const zipPath = path.join(out, 'package-timestamped.zip');
      await (await download).saveAs(zipPath);
      await card.getByTestId('export-status').waitFor();
      expect(await card.getByTestId('export-status').textContent()).toContain('已加盖可信时间戳');
      for (const name of ['manifest.json', 'manifest.tsr'])
        writeFileSync(path.join(tsa.dir, name), spawnSync('unzip', ['-p', zipPath, name]).stdout);
      const verified = tsa.verify(path.join(tsa.dir, 'manifest.json'), path.join(tsa.dir, 'manifest.tsr'));
      expect(verified.output).toContain('Verification: OK');
      const cli = spawnSync('npx', ['tsx', 'lib/cli/verify.ts', zipPath], { encoding: 'utf8' });
      expect(cli.status, cli.stdout).toBe(0);
      expect(cli.stdout).toContain('✓ 可信时间戳：时间戳与清单一致');
      expect(cli.stdout).toContain('未验证签名');
      // With the TSA's CA the CLI also checks the signature (openssl ts -verify).
      const signed = spawnSync('npx', ['tsx', 'lib/cli/verify.ts', '--tsa-ca', path.join(tsa.dir, 'ca.pem'), zipPath], { encoding: 'utf8' });
      expect(signed.status, signed.stdout + signed.stderr).toBe(0);
      expect(signed.stdout).toContain('✓ 签名已验证');
      // The 校验 tab reads the same token: consistent with the manifest, the TSA's time and policy, signature not verified.
      await panel.getByTestId('tab-verify').click();
      await panel.getByTestId('verify-file').setInputFiles(zipPath);
      await expect.poll(() => panel.getByTestId('verify-result').getAttribute('data-ok')).toBe('true');
      const stamp = panel.getByTestId('verify-timestamp');
      expect(await stamp.getAttribute('data-verdict')).toBe('matches');
      expect(await stamp.textContent()).toContain('策略 1.2.3.4.1');
      expect(await stamp.textContent()).toContain('未验证签名');
      await wholePageScreenshot(panel, path.join(out, 'verify-timestamp.png'));
      await panel.close();
    } finally {
      await tsa.close();
    }
  });
});
