/** Content-script scan and review capture on a generated 1,000-review Pinduoduo page, in Chromium with the extension. */
import { launchWithExtension } from '../../tests/harness/browser';
import { installPinduoduoRoutes } from '../../tests/harness/consoleRoutes';
import { figure, type BenchSuite } from '../figures';

const REVIEWS = 1000;
const RUNS = 5;
const PAGE = `https://mms.pinduoduo.com/goods/evaluation/index?pageSize=${REVIEWS}`;

const suite: BenchSuite = {
  name: 'Pinduoduo review page (1,000 reviews)',
  async run() {
    const session = await launchWithExtension({ headless: true });
    const scanMs: number[] = [];
    const renderMs: number[] = [];
    const totalMs: number[] = [];
    try {
      await installPinduoduoRoutes(session.context, { generate: REVIEWS });
      const page = await session.context.newPage();
      for (let run = 0; run < RUNS; run++) {
        await page.goto(PAGE);
        await page.waitForFunction(
          (n) => document.querySelectorAll('[data-rg-action="capture"]').length >= n,
          REVIEWS,
          { timeout: 60_000 },
        );
        scanMs.push(Number(await page.getAttribute('html', 'data-rg-scan-ms')));

        const index = Math.floor(REVIEWS / 2) + run;
        const button = page.locator('[data-rg-action="capture"]').nth(index);
        await button.scrollIntoViewIfNeeded();
        const started = Date.now();
        await button.click();
        await page.waitForFunction(
          (el) => ['saved', 'error'].includes(el?.getAttribute('data-rg-state') ?? ''),
          await button.elementHandle(),
          { timeout: 60_000 },
        );
        totalMs.push(Date.now() - started);
        if ((await button.getAttribute('data-rg-state')) !== 'saved')
          throw new Error(`capture failed: ${await page.locator('[data-rg-status]').nth(index).textContent()}`);
        renderMs.push(Number(await button.getAttribute('data-rg-render-ms')));
      }
    } finally {
      await session.close();
    }
    return [
      figure(`content-script scan, ${REVIEWS} reviews (identify + mark + inject buttons)`, 'ms', scanMs),
      figure(`html2canvas-pro render of one review on a ${REVIEWS}-review page`, 'ms', renderMs),
      figure('click → 已保存 (render + hash + IndexedDB write)', 'ms', totalMs),
    ];
  },
};
export default suite;
