/**
 * What our toolbars cost the page's paint, by where they sit. Two windows at two skipped hosts do the detection
 * bench's page work at the same moment; one of them first gets the extension's own toolbar (stylesheet and markup
 * copied from the real page) on every review, placed as asked. Prints main-thread self time per trace event, per
 * page work, the toolbar side minus the plain side.
 *   npx tsx bench/tools/toolbarPaint.ts [float|end] [pairs]
 *     float: first child of the header cell, floated right (the old placement)
 *     end:   last child of the header's flex row (the current placement)
 */
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../../tests/harness/browser';
import { installPinduoduoRoutes } from '../../tests/harness/consoleRoutes';
import { CONTROL_ORIGIN, CONTROL_PAGE, INACTIVE_ORIGIN, INACTIVE_PAGE, N, PDD_PAGE, SETTLE_MS, openWindow, pageWork, waitForButtons, waitForReviews } from '../detectionPages';
import { recordTrace, rendererMainSelfTimes, totalMs } from '../trace';

const PLACE = process.argv[2] === 'float' ? 'float' : 'end';
const PAIRS = Number(process.argv[3]) || 6;

async function main() {
  const ext = await launchWithExtension({ headless: true });
  try {
    await installPinduoduoRoutes(ext.context, { generate: N });
    await installPinduoduoRoutes(ext.context, { generate: N, origin: INACTIVE_ORIGIN });
    await installPinduoduoRoutes(ext.context, { generate: N, origin: CONTROL_ORIGIN });
    const opener = await ext.context.newPage();
    await opener.goto(PDD_PAGE);
    await waitForButtons(opener);
    const [css, bar] = await opener.evaluate(() => [
      document.querySelector('style[data-rg-style]')!.textContent!,
      document.querySelector('[data-rg-ui="toolbar"]')!.outerHTML,
    ]);
    const windows: Page[] = [await openWindow(ext.context, opener), await openWindow(ext.context, opener)];
    const cdp = await ext.context.newCDPSession(opener);
    const sums = { toolbars: new Map<string, number>(), plain: new Map<string, number>() };
    for (let pair = 0; pair < PAIRS; pair++) {
      const urls = pair % 2 ? [INACTIVE_PAGE, CONTROL_PAGE] : [CONTROL_PAGE, INACTIVE_PAGE]; // CONTROL gets toolbars
      await Promise.all(windows.map(async (w, i) => {
        await w.goto(urls[i]!);
        await waitForReviews(w);
        if (urls[i] !== CONTROL_PAGE) return;
        await w.evaluate(([style, html, place]) => {
          const sheet = document.createElement('style');
          sheet.textContent = style!;
          document.head.append(sheet);
          const template = document.createElement('template');
          template.innerHTML = html!;
          const toolbar = template.content.firstElementChild!;
          for (const header of document.querySelectorAll('tr[class*="TB_bodyGroupHeader_"]')) {
            const cell = header.querySelector('td')!;
            if (place === 'float') cell.insertBefore(toolbar.cloneNode(true), cell.firstChild);
            else cell.querySelector(':scope > div')!.append(toolbar.cloneNode(true));
          }
        }, [css, bar, PLACE]);
      }));
      await windows[0]!.waitForTimeout(1_000);
      const events = await recordTrace(cdp, async () => {
        await Promise.all(windows.map((w) => pageWork(w)));
        await windows[0]!.waitForTimeout(SETTLE_MS);
      });
      // Which renderer served which host: the trace names the page URL in its events' arguments.
      const hostOf = new Map<number, 'toolbars' | 'plain'>();
      for (const e of events) {
        const args = JSON.stringify(e.args ?? {});
        if (args.includes(CONTROL_ORIGIN)) hostOf.set(e.pid, 'toolbars');
        else if (args.includes(INACTIVE_ORIGIN) && !hostOf.has(e.pid)) hostOf.set(e.pid, 'plain');
      }
      for (const [pid, self] of rendererMainSelfTimes(events)) {
        const side = hostOf.get(pid);
        if (!side) continue;
        for (const [name, ms] of self) sums[side].set(name, (sums[side].get(name) ?? 0) + ms / PAIRS);
      }
    }
    console.log(`toolbars (${PLACE}) vs none, per page work + ${SETTLE_MS} ms, mean of ${PAIRS}: total ${totalMs(sums.toolbars).toFixed(1)} vs ${totalMs(sums.plain).toFixed(1)} ms`);
    const names = new Set([...sums.toolbars.keys(), ...sums.plain.keys()]);
    const rows = [...names].map((n) => [n, sums.toolbars.get(n) ?? 0, sums.plain.get(n) ?? 0] as const);
    rows.sort((a, b) => Math.abs(b[1] - b[2]) - Math.abs(a[1] - a[2]));
    for (const [name, a, b] of rows.slice(0, 8)) console.log(`${(a - b).toFixed(2).padStart(8)}  ${a.toFixed(2).padStart(8)}  ${b.toFixed(2).padStart(8)}  ${name}`);
  } finally {
    await ext.close();
  }
}
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
