/**
 * Where the extension's extra main-thread time goes on the detection bench's page work, by trace event: the page at
 * the real host (extension active) and at a skipped host (inactive) in two windows at the same moment, as the suite
 * measures the ratio. Calls into JavaScript are split by script, so `FunctionCall console.js` is our content script
 * and `Paint` is mostly the drawing of our buttons.
 *   npx tsx bench/tools/traceCompare.ts [pairs]
 */
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../../tests/harness/browser';
import { installPinduoduoRoutes } from '../../tests/harness/consoleRoutes';
import { INACTIVE_ORIGIN, INACTIVE_PAGE, N, PDD_PAGE, SETTLE_MS, loadForPageWork, openWindow, toolExtensionPath, traceSimultaneousPageWork } from '../detectionPages';
import { addMean, largestDifferences, nameWithScript, totalMs } from '../trace';

const PAIRS = Number(process.argv[2]) || 8;

async function main() {
  const ext = await launchWithExtension({ headless: true, extensionPath: toolExtensionPath() });
  try {
    await installPinduoduoRoutes(ext.context, { generate: N });
    await installPinduoduoRoutes(ext.context, { generate: N, origin: INACTIVE_ORIGIN });
    const opener = await ext.context.newPage();
    const windows: Page[] = [await openWindow(ext.context, opener), await openWindow(ext.context, opener)];
    const cdp = await ext.context.newCDPSession(opener);
    const sums = { on: new Map<string, number>(), off: new Map<string, number>() };
    for (let pair = 0; pair < PAIRS; pair++) {
      const urls = pair % 2 ? [INACTIVE_PAGE, PDD_PAGE] : [PDD_PAGE, INACTIVE_PAGE];
      await Promise.all(windows.map((w, i) => loadForPageWork(w, urls[i]!)));
      const bySide = await traceSimultaneousPageWork(cdp, windows, { on: new URL(PDD_PAGE).origin, off: INACTIVE_ORIGIN }, nameWithScript);
      addMean(sums.on, bySide.get('on')!, PAIRS);
      addMean(sums.off, bySide.get('off')!, PAIRS);
    }
    console.log(`extension active vs inactive, page work + ${SETTLE_MS} ms, mean of ${PAIRS}: self thread time ${totalMs(sums.on).toFixed(1)} vs ${totalMs(sums.off).toFixed(1)} ms`);
    console.log('   diff   active  inactive  event');
    for (const line of largestDifferences(sums.on, sums.off, 25)) console.log(line);
  } finally {
    await ext.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
