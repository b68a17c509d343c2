/**
 * A/B of the scan figures (initial scans, the incremental batch of 100) between two builds, interleaved run by run so machine load hits both alike:
 *   npx tsx bench/tools/abScan.ts <buildA> <buildB> [runs]
 * (e.g. an older commit built elsewhere vs .output/chrome-mv3). Prints median and p10–p90 of each.
 */
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../../tests/harness/browser';
import { installPinduoduoRoutes } from '../../tests/harness/consoleRoutes';
import { installTaobaoRoutes } from '../../tests/harness/platformRoutes';
import { N, PDD_PAGE, TAOBAO_PAGE, append100, waitForButtons } from '../detectionPages';
import { median, percentile } from '../figures';

const [buildA, buildB] = [process.argv[2]!, process.argv[3]!];
const RUNS = Number(process.argv[4]) || 15;

async function buttons(page: Page, n: number) {
  await waitForButtons(page, n);
  return Number(await page.getAttribute('html', 'data-rg-scan-ms'));
}

async function main() {
  const sides = await Promise.all(
    [buildA, buildB].map(async (extensionPath) => {
      const ext = await launchWithExtension({ headless: true, extensionPath });
      await installPinduoduoRoutes(ext.context, { generate: N });
      await installTaobaoRoutes(ext.context);
      return { ext, page: await ext.context.newPage(), pdd: [] as number[], incremental: [] as number[], taobao: [] as number[] };
    }),
  );
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const side of run % 2 ? [...sides].reverse() : sides) {
        await side.page.goto(PDD_PAGE);
        side.pdd.push(await buttons(side.page, N));
        await append100(side.page, run);
        side.incremental.push(await buttons(side.page, N + 100));
        await side.page.goto(TAOBAO_PAGE);
        side.taobao.push(await buttons(side.page, N));
      }
    }
  } finally {
    for (const s of sides) await s.ext.close();
  }
  const fmt = (xs: number[]) => `${median(xs).toFixed(1)} ms (p10–p90 ${percentile(xs, 0.1).toFixed(1)}–${percentile(xs, 0.9).toFixed(1)})`;
  sides.forEach((s, i) => console.log(`${i ? 'B' : 'A'} ${[buildA, buildB][i]}\n  拼多多 ${fmt(s.pdd)}\n  +100   ${fmt(s.incremental)}\n  千牛   ${fmt(s.taobao)}`));
}
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
