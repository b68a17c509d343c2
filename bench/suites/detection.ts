/**
 * Detection cost on 1,000-review pages in Chromium with the built extension (issue 3 targets):
 * - initial scan of 1,000 reviews (identify + mark + mount buttons), PDD and Taobao;
 * - an incremental batch: 100 reviews added to a page that already shows 1,000;
 * - the page's own scroll + mutation work with and without the extension, as a ratio: one browser with the extension,
 *   the same fixture page served at the real console URL (extension active) and at a host it does not match
 *   (inactive), loaded alternately in the same tab (ABBA order) so drift and load from other processes hit both sides.
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchWithExtension } from '../../tests/harness/browser';
import { installPinduoduoRoutes } from '../../tests/harness/consoleRoutes';
import { installTaobaoRoutes } from '../../tests/harness/platformRoutes';
import { INACTIVE_ORIGIN, INACTIVE_PAGE, N, PDD_PAGE, SETTLE_MS, TAOBAO_PAGE, pageWork, rendererMetrics } from '../detectionPages';
import { figure, type BenchSuite, type Figure } from '../figures';

/** Overridable for quick local iterations (RG_BENCH_RUNS=3 RG_BENCH_PAIRS=6); the committed results use the defaults. */
const RUNS = Number(process.env.RG_BENCH_RUNS) || 11;
/** Page-work pairs (with / without the extension). */
const PAIRS = Number(process.env.RG_BENCH_PAIRS) || 24;
/** RG_BENCH_PART=scan or =ratio runs only that half (local iterations); figures of the other half are then empty. */
const PART = process.env.RG_BENCH_PART ?? '';

async function waitForButtons(page: Page, n: number) {
  await page.waitForFunction((count) => document.querySelectorAll('[data-rg-action="capture"]').length >= count, n, { timeout: 60_000 });
  await page.waitForTimeout(100); // let the last batched pass report its timing
}

const scanMs = async (page: Page) => Number(await page.getAttribute('html', 'data-rg-scan-ms'));

/** Appends 100 copies of existing PDD reviews with fresh order numbers (what a "load more" would do). */
async function append100(page: Page, run: number) {
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

/**
 * Main-thread time of the page's renderer (all tasks: page script, our content scripts, style, layout, paint), ms.
 * Measured in thread CPU time (Performance.enable timeDomain `threadTicks`), not wall time: on a shared 2-CPU machine
 * wall-clock task durations also count the time the thread waited for a CPU while other processes ran.
 */
async function busyMs(cdp: CDPSession): Promise<number> {
  return ((await rendererMetrics(cdp))['TaskDuration'] ?? 0) * 1000;
}

async function loadForPageWork(page: Page, url: string, active: boolean) {
  await page.goto(url);
  await page.waitForFunction((n) => document.querySelectorAll('tr[class*="TB_bodyGroupHeader_"]').length >= n, N, { timeout: 60_000 });
  if (active) await waitForButtons(page, N);
  else if (await page.getAttribute('html', 'data-rg-adapter')) throw new Error('the extension is active on the inactive host');
  await page.waitForTimeout(1_000); // past the findings report after load
}


const suite: BenchSuite = {
  name: 'Detection on 1,000-review pages (scan, incremental batch, page overhead)',
  async run(): Promise<Figure[]> {
    const pddScan: number[] = [];
    const taobaoScan: number[] = [];
    const incremental: number[] = [];
    const wallWith: number[] = [];
    const wallWithout: number[] = [];
    const busyWith: number[] = [];
    const busyWithout: number[] = [];
    const wallRatios: number[] = [];
    const busyRatios: number[] = [];

    // RG_BENCH_EXTENSION: another build to measure (e.g. an older commit's, for before/after figures).
    const ext = await launchWithExtension({ headless: true, extensionPath: process.env.RG_BENCH_EXTENSION || undefined });
    try {
      await installPinduoduoRoutes(ext.context, { generate: N });
      await installPinduoduoRoutes(ext.context, { generate: N, origin: INACTIVE_ORIGIN });
      await installTaobaoRoutes(ext.context);
      const page = await ext.context.newPage();
      for (let run = 0; run < (PART === 'ratio' ? 0 : RUNS); run++) {
        await page.goto(PDD_PAGE);
        await waitForButtons(page, N);
        pddScan.push(await scanMs(page));
        await append100(page, run);
        await waitForButtons(page, N + 100);
        incremental.push(await scanMs(page));
        await page.goto(TAOBAO_PAGE);
        await waitForButtons(page, N);
        taobaoScan.push(await scanMs(page));
      }

      const cdp = await ext.context.newCDPSession(page);
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      const measure = async (active: boolean) => {
        await loadForPageWork(page, active ? PDD_PAGE : INACTIVE_PAGE, active);
        const before = await busyMs(cdp);
        const wall = await pageWork(page);
        await page.waitForTimeout(SETTLE_MS); // deferred work the mutations caused is ours too: keep counting it
        const busy = (await busyMs(cdp)) - before;
        return { wall, busy };
      };
      for (let pair = 0; pair < (PART === 'scan' ? 0 : PAIRS); pair++) {
        // ABBA: which side goes first alternates, so a trend in machine load does not favour either side.
        const withFirst = pair % 2 === 0;
        const a = await measure(withFirst);
        const b = await measure(!withFirst);
        const on = withFirst ? a : b;
        const off = withFirst ? b : a;
        wallWith.push(on.wall);
        wallWithout.push(off.wall);
        busyWith.push(on.busy);
        busyWithout.push(off.busy);
        wallRatios.push(on.wall / off.wall);
        busyRatios.push(on.busy / off.busy);
      }
    } finally {
      await ext.close();
    }

    const figures = [
      figure(`initial scan, ${N} reviews (拼多多): identify + mark + mount buttons`, 'ms', pddScan, { text: '≤ 16 ms', max: 16 }),
      figure(`initial scan, ${N} reviews (千牛)`, 'ms', taobaoScan, { text: '≤ 16 ms', max: 16 }),
      figure(`incremental batch: 100 reviews added to ${N}`, 'ms', incremental, { text: '≤ 4 ms', max: 4 }),
      figure(`page scroll + mutation (30 frames) + ${SETTLE_MS} ms settle incl. our deferred work, main-thread CPU time, extension active`, 'ms', busyWith),
      figure('… same, same page at a host the extension skips', 'ms', busyWithout),
      figure(
        'page main-thread CPU time (incl. our deferred work) with / without extension (paired, ABBA)',
        'ratio',
        busyRatios,
        { text: '≤ 1.05', max: 1.05 },
      ),
      figure('page scroll + mutation (30 frames), wall clock, extension active', 'ms', wallWith),
      figure('page scroll + mutation (30 frames), wall clock, extension inactive', 'ms', wallWithout),
      figure(
        'page wall clock with / without extension (paired, ABBA)',
        'ratio',
        wallRatios,
      ),
    ];
    return figures.filter((f) => f.runs.length > 0);
  },
};
export default suite;
