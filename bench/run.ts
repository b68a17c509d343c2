/**
 * npm run bench — figures for the content script and capture on a 1,000-review Pinduoduo page, measured in Debian
 * Chromium with the built extension. Prints a table and writes bench/results.json. Targets are reported, not asserted.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchWithExtension } from '../tests/harness/browser';
import { installPinduoduoRoutes } from '../tests/harness/consoleRoutes';

const REVIEWS = 1000;
const RUNS = 5;
const PAGE = `https://mms.pinduoduo.com/goods/evaluation/index?pageSize=${REVIEWS}`;

interface Figure {
  name: string;
  unit: string;
  runs: number[];
  median: number;
  max: number;
  target?: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const figure = (name: string, unit: string, runs: number[], target?: string): Figure => ({
  name,
  unit,
  runs: runs.map((r) => Math.round(r * 100) / 100),
  median: Math.round(median(runs) * 100) / 100,
  max: Math.round(Math.max(...runs) * 100) / 100,
  target,
});

async function main() {
  const session = await launchWithExtension({ headless: true });
  const scanMs: number[] = [];
  const captureMs: number[] = [];
  const captureTotalMs: number[] = [];
  let browserVersion: string;
  try {
    browserVersion = session.context.browser()?.version() ?? '';
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

      // Capture one review in the middle of the page.
      const button = page.locator('[data-rg-action="capture"]').nth(Math.floor(REVIEWS / 2) + run);
      await button.scrollIntoViewIfNeeded();
      const started = Date.now();
      await button.click();
      await page.waitForFunction(
        (el) => ['saved', 'error'].includes(el?.getAttribute('data-rg-state') ?? ''),
        await button.elementHandle(),
        { timeout: 60_000 },
      );
      captureTotalMs.push(Date.now() - started);
      const state = await button.getAttribute('data-rg-state');
      if (state !== 'saved') throw new Error(`capture failed: ${await page.locator('[data-rg-status]').nth(Math.floor(REVIEWS / 2) + run).textContent()}`);
      captureMs.push(Number(await button.getAttribute('data-rg-render-ms')));
    }
  } finally {
    await session.close();
  }

  const figures = [
    figure(`content-script scan, ${REVIEWS} reviews (identify + mark + inject buttons)`, 'ms', scanMs),
    figure(`html2canvas-pro render of one review on a ${REVIEWS}-review page`, 'ms', captureMs),
    figure('click → 已保存 (render + hash + IndexedDB write)', 'ms', captureTotalMs),
  ];
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
    node: process.version,
    chromium: browserVersion,
    figures,
  };
  writeFileSync(path.resolve('bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);

  console.log(`\nReviewGuard bench — Chromium ${browserVersion}, Node ${process.version}, ${results.machine.cpus} CPU\n`);
  const rows = figures.map((f) => [f.name, `${f.median} ${f.unit}`, `${f.max} ${f.unit}`, f.target ?? '']);
  const header = ['measure', 'median', 'max', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log(`\n(${RUNS} runs each; written to bench/results.json)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
