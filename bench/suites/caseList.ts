/**
 * The side panel's case list for a shop that has used ReviewGuard for months: three real captures on the 拼多多
 * fixture, replicated in IndexedDB to CASES cases with one evidence image each, then the panel opened (fresh page)
 * until its lines and the open cases' evidence show. Also the panel page's JS heap and DOM size once settled.
 */
import { launchWithExtension } from '../../tests/harness/browser';
import { installPinduoduoRoutes } from '../../tests/harness/consoleRoutes';
import { openSidePanel } from '../../tests/harness/walkthrough';
import { rendererMetrics } from '../detectionPages';
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
      await page.waitForFunction((n) => document.querySelectorAll('[data-rg-action="capture"]').length >= n, REVIEWS, { timeout: 60_000 });
      for (let i = 0; i < 3; i++) {
        const button = page.locator('[data-rg-action="capture"]').nth(i);
        await button.click();
        await page.waitForFunction((el) => ['saved', 'error'].includes(el?.getAttribute('data-rg-state') ?? ''), await button.elementHandle(), { timeout: 60_000 });
        if ((await button.getAttribute('data-rg-state')) !== 'saved') throw new Error('capture failed');
      }
      // Replicate the three cases and their evidence to CASES, an hour apart (distinct keys, order numbers, ids).
      await session.serviceWorker.evaluate(
        (total) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('reviewguard');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction(['cases', 'evidence'], 'readwrite');
              const cases = tx.objectStore('cases');
              const evidence = tx.objectStore('evidence');
              const seedCases = cases.getAll();
              const seedEvidence = evidence.getAll();
              seedEvidence.onsuccess = () => {
                const cs = seedCases.result as { key: string; updatedAtMs: number; review: Record<string, unknown> }[];
                const es = seedEvidence.result as Record<string, unknown>[];
                for (let i = cs.length; i < total; i++) {
                  const c = cs[i % cs.length]!;
                  const key = `pinduoduo:bench-${i}`;
                  cases.put({ ...c, key, review: { ...c.review, key, orderSn: `bench-${i}` }, updatedAtMs: c.updatedAtMs - i * 3_600_000 });
                  evidence.put({ ...es[i % es.length]!, id: `bench-${i}`, caseKey: key, reviewKey: key });
                }
              };
              tx.oncomplete = () => resolve();
              tx.onerror = () => reject(tx.error);
            };
          }),
        CASES,
      );
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
