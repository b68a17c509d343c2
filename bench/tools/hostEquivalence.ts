/**
 * Is the page at the skipped host the same page? Without any extension, measures the page work at the real console URL
 * and at the bench's inactive host (ABBA), then the real URL in a browser with the extension vs one without.
 *   npx tsx bench/tools/hostEquivalence.ts [pairs]
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchBrowser, launchWithExtension } from '../../tests/harness/browser';
import { installPinduoduoRoutes } from '../../tests/harness/consoleRoutes';
import { INACTIVE_ORIGIN, INACTIVE_PAGE, N, PDD_PAGE, SETTLE_MS, pageWork, rendererMetrics } from '../detectionPages';
import { median, percentile } from '../figures';

const PAIRS = Number(process.argv[2]) || 10;

async function side(context: BrowserContext) {
  await installPinduoduoRoutes(context, { generate: N });
  await installPinduoduoRoutes(context, { generate: N, origin: INACTIVE_ORIGIN });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { page, cdp };
}

async function measure({ page, cdp }: { page: Page; cdp: CDPSession }, url: string) {
  await page.goto(url);
  await page.waitForFunction((n) => document.querySelectorAll('tr[class*="TB_bodyGroupHeader_"]').length >= n, N, { timeout: 60_000 });
  if (url === PDD_PAGE) await page.waitForFunction(() => document.querySelectorAll('[data-rg-action="capture"]').length > 0 || !document.documentElement.hasAttribute('data-rg-ext-present'), null, { timeout: 60_000 }).catch(() => {});
  await page.waitForTimeout(1_500);
  const before = (await rendererMetrics(cdp))['TaskDuration']! * 1000;
  const wall = await pageWork(page);
  await page.waitForTimeout(SETTLE_MS);
  const busy = (await rendererMetrics(cdp))['TaskDuration']! * 1000 - before;
  return { wall, busy };
}

const fmt = (xs: number[]) => `${median(xs).toFixed(3)} (p10–p90 ${percentile(xs, 0.1).toFixed(3)}–${percentile(xs, 0.9).toFixed(3)})`;

async function abba(label: string, a: () => Promise<{ wall: number; busy: number }>, b: () => Promise<{ wall: number; busy: number }>) {
  const busy: number[] = [];
  const wall: number[] = [];
  const aBusy: number[] = [];
  const bBusy: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const first = i % 2 === 0;
    const x = await (first ? a : b)();
    const y = await (first ? b : a)();
    const [ra, rb] = first ? [x, y] : [y, x];
    busy.push(ra.busy / rb.busy);
    wall.push(ra.wall / rb.wall);
    aBusy.push(ra.busy);
    bBusy.push(rb.busy);
  }
  console.log(`${label}\n  busy ratio ${fmt(busy)}  A ${median(aBusy).toFixed(1)} ms  B ${median(bBusy).toFixed(1)} ms\n  wall ratio ${fmt(wall)}`);
}

async function main() {
  const plain = await launchBrowser({ headless: true });
  const ext = await launchWithExtension({ headless: true });
  try {
    const p = await side(plain.context);
    const e = await side(ext.context);
    const mode = process.argv[3] ?? 'all';
    if (mode === 'all' || mode === 'hosts') await abba('no extension: real host (A) / skipped host (B)', () => measure(p, PDD_PAGE), () => measure(p, INACTIVE_PAGE));
    if (mode === 'all' || mode === 'browsers') await abba('real host: with extension (A) / no extension (B)', () => measure(e, PDD_PAGE), () => measure(p, PDD_PAGE));
    if (mode === 'all' || mode === 'bench') await abba('extension browser: real host (A) / skipped host (B)', () => measure(e, PDD_PAGE), () => measure(e, INACTIVE_PAGE));
  } finally {
    await ext.close();
    await plain.close();
  }
}
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
