/**
 * What our toolbars cost the page's rendering, by where and how they sit. Two windows at two skipped hosts do the
 * detection bench's page work at the same moment; one of them first gets the extension's own toolbar (stylesheet and
 * markup copied from the real page) on every review, by a plain page script, with no extension code running. Prints
 * main-thread self time per trace event, per page work, the toolbar side minus the plain side.
 *   npx tsx bench/tools/toolbarPaint.ts [float|end|near] [pairs]
 *     float: first child of the header cell, floated right (the old placement)
 *     end:   last child of the header's flex row (the current placement)
 *     near:  as end, but only the toolbars within a viewport's height of the visible rows are displayed (a scroll
 *            listener toggles `display:none`); measured 2026-11-21: far worse, each toggle re-lays out the table
 *   RG_EXTRA_CSS='…' appends rules to our stylesheet on the toolbar side, to try a variant.
 *
 * Variants tried on 2026-11-21 (`end`, Paint self time added per page work, 24 pairs each; the same build measured
 * twice gave +7.3 and +4.5 ms, so read differences under ~3 ms as noise):
 *   as shipped +7.3 · visibility:hidden +4.7 · text only (no background, no border) +5.4 · no label +5.8 ·
 *   display:contents (no wrapper box) +5.9 · the same with a <span> for the <button> +8.0.
 * So the cost is the boxes being in the page's layout, not what they draw; only display:none avoids it (see `near`
 * for what toggling that costs). Giving each toolbar its own paint layer makes it worse, 12 pairs each:
 * position:relative +42 ms, contain:layout paint style +43 ms, content-visibility:auto +163 ms Paint and +1.9 s in
 * all (an intersection check per toolbar per frame, and layout).
 */
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../../tests/harness/browser';
import { installPinduoduoRoutes } from '../../tests/harness/consoleRoutes';
import { CONTROL_ORIGIN, CONTROL_PAGE, INACTIVE_ORIGIN, INACTIVE_PAGE, N, PDD_PAGE, SETTLE_MS, openWindow, traceSimultaneousPageWork, waitForButtons, waitForReviews } from '../detectionPages';
import { addMean, largestDifferences, totalMs } from '../trace';

type Placement = 'float' | 'end' | 'near';
const PLACE: Placement = process.argv[2] === 'float' || process.argv[2] === 'near' ? process.argv[2] : 'end';
const PAIRS = Number(process.argv[3]) || 6;
const EXTRA_CSS = process.env.RG_EXTRA_CSS ?? '';

/** Page script for `near` (a string: tsx would add `__name` calls to a function, which the page does not have). */
const NEAR_ONLY = `(() => {
  const rows = [...document.querySelectorAll('tr[class*="TB_bodyGroupHeader_"]')];
  const bars = rows.map((row) => row.querySelector('[data-rg-ui="toolbar"]'));
  for (const bar of bars) bar.setAttribute('data-rg-far', '');
  let shown = [];
  const update = () => {
    const h = window.innerHeight;
    let lo = 0, hi = rows.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (rows[mid].getBoundingClientRect().bottom < -h) lo = mid + 1; else hi = mid; }
    const next = [];
    for (let i = lo; i < rows.length && rows[i].getBoundingClientRect().top < 2 * h; i++) next.push(i);
    const keep = new Set(next);
    for (const i of shown) if (!keep.has(i)) bars[i].setAttribute('data-rg-far', '');
    for (const i of next) bars[i].removeAttribute('data-rg-far');
    shown = next;
  };
  update();
  document.addEventListener('scroll', update, { capture: true, passive: true });
})()`;

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
    const extraCss = PLACE === 'near' ? `[data-rg-ui="toolbar"][data-rg-far]{display:none!important}${EXTRA_CSS}` : EXTRA_CSS;
    const windows: Page[] = [await openWindow(ext.context, opener), await openWindow(ext.context, opener)];
    const cdp = await ext.context.newCDPSession(opener);
    const sums = { toolbars: new Map<string, number>(), plain: new Map<string, number>() };
    for (let pair = 0; pair < PAIRS; pair++) {
      const urls = pair % 2 ? [INACTIVE_PAGE, CONTROL_PAGE] : [CONTROL_PAGE, INACTIVE_PAGE]; // CONTROL gets toolbars
      await Promise.all(
        windows.map(async (w, i) => {
          await w.goto(urls[i]!);
          await waitForReviews(w);
          if (urls[i] !== CONTROL_PAGE) return;
          await w.evaluate(
            ([style, html, place]) => {
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
            },
            [css + extraCss, bar, PLACE],
          );
          if (PLACE === 'near') await w.addScriptTag({ content: NEAR_ONLY });
        }),
      );
      await windows[0]!.waitForTimeout(1_000);
      const bySide = await traceSimultaneousPageWork(cdp, windows, { toolbars: CONTROL_ORIGIN, plain: INACTIVE_ORIGIN });
      addMean(sums.toolbars, bySide.get('toolbars')!, PAIRS);
      addMean(sums.plain, bySide.get('plain')!, PAIRS);
    }
    console.log(`toolbars (${PLACE}${EXTRA_CSS ? ' + RG_EXTRA_CSS' : ''}) vs none, per page work + ${SETTLE_MS} ms, mean of ${PAIRS}: total ${totalMs(sums.toolbars).toFixed(1)} vs ${totalMs(sums.plain).toFixed(1)} ms`);
    for (const line of largestDifferences(sums.toolbars, sums.plain, 8)) console.log(line);
  } finally {
    await ext.close();
  }
}
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
