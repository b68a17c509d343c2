/**
 * Experiment: how much of the page-work overhead comes from our toolbars merely being in the DOM (layout, paint),
 * independent of our scripts. Loads the PDD page at a host the extension skips and injects toolbars from the page.
 *   npx tsx bench/tools/domCostExperiment.ts [pairs]
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchWithExtension } from '../../tests/harness/browser';
import { installPinduoduoRoutes } from '../../tests/harness/consoleRoutes';

const N = 1000;
const INACTIVE_ORIGIN = 'https://mms.reviewguard-bench.invalid';
const PAGE = `${INACTIVE_ORIGIN}/goods/evaluation/index?rgGenerate=${N}&pageSize=${N}`;
const PAIRS = Number(process.argv[2]) || 4;
const FONT = '-apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif';

const VARIANTS: Record<string, string | null> = {
  none: null,
  float: `[data-rg-ui="toolbar"]{display:inline-flex!important;align-items:center!important;gap:6px!important;float:right!important;margin:0 8px!important;font:12px/1.5 ${FONT}!important}
[data-rg-ui="toolbar"]>[data-rg-status]{all:initial!important;display:inline!important;color:#595959!important;max-width:320px!important;overflow:hidden!important;text-overflow:ellipsis!important;white-space:nowrap!important;font:12px/1.5 ${FONT}!important}
[data-rg-ui="toolbar"]>button{all:initial!important;display:inline-block!important;cursor:pointer!important;padding:2px 10px!important;border-radius:4px!important;border:1px solid #e02e24!important;background:#e02e24!important;color:#fff!important;font:12px/20px ${FONT}!important;white-space:nowrap!important}`,
};

async function metrics(cdp: CDPSession) {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function pageWork(page: Page) {
  await page.evaluate(async () => {
    const tbody = document.querySelector('tbody')!;
    const cells = [...tbody.querySelectorAll('td')];
    await new Promise<void>((r) => requestAnimationFrame(() => r()));
    for (let i = 0; i < 30; i++) {
      window.scrollBy(0, 400);
      const cell = cells[(i * 37) % cells.length]!;
      cell.append(document.createTextNode(' '));
      const tr = document.createElement('tr');
      tr.innerHTML = '<td>加载中</td>';
      tbody.append(tr);
      tr.remove();
      void document.body.offsetHeight;
      await new Promise<void>((r) => requestAnimationFrame(() => r()));
    }
    await new Promise((r) => setTimeout(r, 60));
  });
  await page.waitForTimeout(1200);
}

async function main() {
  const ext = await launchWithExtension({ headless: true });
  try {
    await installPinduoduoRoutes(ext.context, { generate: N, origin: INACTIVE_ORIGIN });
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const out: Record<string, Record<string, number[]>> = {};
    const names = Object.keys(VARIANTS);
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const name of pair % 2 ? [...names].reverse() : names) {
        await page.goto(PAGE);
        await page.waitForFunction((n) => document.querySelectorAll('tr[class*="TB_bodyGroupHeader_"]').length >= n, N);
        const css = VARIANTS[name];
        if (css) {
          await page.evaluate(
            ({ css, font }) => {
              const inline = css === 'INLINE';
              if (!inline) {
                const style = document.createElement('style');
                style.textContent = css;
                document.head.append(style);
              }
              for (const h of document.querySelectorAll('tr[class*="TB_bodyGroupHeader_"]')) {
                const bar = document.createElement('span');
                bar.setAttribute('data-rg-ui', 'toolbar');
                const status = document.createElement('span');
                status.setAttribute('data-rg-status', '');
                const b = document.createElement('button');
                b.textContent = '采集证据';
                if (inline) {
                  bar.style.cssText = `display:inline-flex;align-items:center;gap:6px;float:right;margin:0 8px;font:12px/1.5 ${font};`;
                  status.style.cssText = 'color:#595959;max-width:320px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;';
                  b.style.cssText = `all:initial;display:inline-block;cursor:pointer;padding:2px 10px;border-radius:4px;border:1px solid #e02e24;background:#e02e24;color:#fff;font:12px/20px ${font};white-space:nowrap;`;
                }
                bar.append(status, b);
                const td = h.querySelector('td')!;
                td.insertBefore(bar, td.firstChild);
              }
            },
            { css, font: FONT },
          );
        }
        await page.waitForTimeout(800);
        const a = await metrics(cdp);
        await pageWork(page);
        const b = await metrics(cdp);
        const side = (out[name] ??= {});
        for (const k of ['ThreadTime', 'TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'LayoutCount']) (side[k] ??= []).push((b[k]! - a[k]!) * (k.endsWith('Count') ? 1 : 1000));
      }
    }
    const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const ratios = out['float']!['ThreadTime']!.map((v, i) => v / out['none']!['ThreadTime']![i]!);
    console.log('paired ThreadTime ratio float/none: median', med(ratios).toFixed(3), 'all', ratios.map((r) => r.toFixed(2)).join(' '));
    for (const name of names) console.log(name.padEnd(14), Object.entries(out[name]!).map(([k, v]) => `${k} ${med(v).toFixed(1)}`).join('  '));
  } finally {
    await ext.close();
  }
}
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
