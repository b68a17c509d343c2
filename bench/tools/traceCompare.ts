/**
 * Trace the detection bench's page work with the extension active vs inactive and compare main-thread time per
 * trace event name (self thread time of top-level and nested events), to find what differs beyond our scripts.
 * Pages load one after the other (good for where time goes; the suite's simultaneous windows are for the ratio).
 *   npx tsx bench/tools/traceCompare.ts [pairs]
 */
import { launchWithExtension } from '../../tests/harness/browser';
import { installPinduoduoRoutes } from '../../tests/harness/consoleRoutes';
import { INACTIVE_ORIGIN, INACTIVE_PAGE, N, PDD_PAGE, loadForPageWork, pageWorkSettled, toolExtensionPath } from '../detectionPages';
import { median } from '../figures';
import { recordTrace, rendererMainSelfTimes, totalMs } from '../trace';

const PAIRS = Number(process.argv[2]) || 3;

async function main() {
  const ext = await launchWithExtension({ headless: true, extensionPath: toolExtensionPath() });
  try {
    await installPinduoduoRoutes(ext.context, { generate: N });
    await installPinduoduoRoutes(ext.context, { generate: N, origin: INACTIVE_ORIGIN });
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    const runs = { on: [] as Map<string, number>[], off: [] as Map<string, number>[] };
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const active of pair % 2 ? [false, true] : [true, false]) {
        await loadForPageWork(page, active ? PDD_PAGE : INACTIVE_PAGE);
        const perProcess = rendererMainSelfTimes(await recordTrace(cdp, () => pageWorkSettled(page), ['v8']));
        // The page's renderer: the busiest main thread.
        const busiest = [...perProcess.values()].sort((a, b) => totalMs(b) - totalMs(a))[0] ?? new Map<string, number>();
        runs[active ? 'on' : 'off'].push(busiest);
      }
    }
    const med = (side: Map<string, number>[], name: string) => median(side.map((self) => self.get(name) ?? 0));
    const names = new Set([...runs.on, ...runs.off].flatMap((self) => [...self.keys()]));
    const rows = [...names].map((k) => [k, med(runs.on, k), med(runs.off, k)] as const).sort((a, b) => Math.abs(b[1] - b[2]) - Math.abs(a[1] - a[2]));
    const sum = (i: 1 | 2) => rows.reduce((total, row) => total + row[i], 0);
    console.log(`total self thread time: on ${sum(1).toFixed(1)}  off ${sum(2).toFixed(1)}`);
    for (const [k, a, b] of rows.slice(0, 30)) console.log(`${(a - b).toFixed(2).padStart(8)}  on ${a.toFixed(2).padStart(8)}  off ${b.toFixed(2).padStart(8)}  ${k}`);
  } finally {
    await ext.close();
  }
}
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
