/**
 * The side panel's case list for a shop that has used ReviewGuard for months: three real captures on the 拼多多
 * fixture, replicated in IndexedDB to CASES cases with one evidence image each, then the panel opened (fresh page)
 * until its lines and the open cases' evidence show. Also the panel page's JS heap and DOM size once settled.
 */
import { launchWithExtension } from '../../tests/harness/browser';
import { installPinduoduoRoutes } from '../../tests/harness/consoleRoutes';
import { replicateCases } from '../../tests/harness/idb';
import { captureReview, openSidePanel } from '../../tests/harness/walkthrough';
import { rendererMetrics, waitForButtons } from '../detectionPages';
import { figure, type BenchSuite } from '../figures';

const CASES = 300;
const RUNS = Number(process.env.RG_BENCH_RUNS) || 7;
const REVIEWS = 50;

const suite: BenchSuite = {
  name: `Side panel case list (${CASES} cases)`,
  async run() {
    const session = await launchWithExtension({ headless: true });
    const openMs: number[] = [];
    const heapMiB: number[] = [];
    const domNodes: number[] = [];
    try {
      await installPinduoduoRoutes(session.context, { generate: REVIEWS });
      const page = await session.context.newPage();
      await page.goto(`https://mms.pinduoduo.com/goods/evaluation/index?pageSize=${REVIEWS}`);
      await waitForButtons(page, REVIEWS);
      const keys = await page.$$eval('[data-rg-review]', (roots) => roots.slice(0, 3).map((r) => r.getAttribute('data-rg-review')!));
      for (const key of keys) {
        const result = await captureReview(page, key, 60_000);
        if (result.state !== 'saved') throw new Error(`capture failed: ${result.detail}`);
      }
      await replicateCases(session.serviceWorker, CASES);
      for (let run = 0; run < RUNS; run++) {
        const started = Date.now();
        const panel = await openSidePanel(session.context, session.extensionId);
        await panel.waitForFunction(
          () => document.querySelectorAll('[data-testid="case-summary"]').length > 0 && document.querySelectorAll('[data-testid="case"] [data-testid="evidence"] img').length >= 3,
          undefined,
          { timeout: 120_000 },
        );
        openMs.push(Date.now() - started);
        await panel.waitForTimeout(1_000);
        const cdp = await session.context.newCDPSession(panel);
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('Performance.enable');
        heapMiB.push(((await rendererMetrics(cdp))['JSHeapUsedSize'] ?? 0) / 2 ** 20);
        domNodes.push(await panel.evaluate(() => document.getElementsByTagName('*').length));
        await panel.close();
      }
    } finally {
      await session.close();
    }
    return [
      figure(`open the side panel → ${CASES} cases listed, the newest 3 open with their evidence`, 'ms', openMs),
      figure('side panel JS heap once settled (after GC)', 'MiB', heapMiB),
      figure('side panel DOM elements', 'elements', domNodes),
    ];
  },
};
export default suite;
