/**
 * Trace the detection bench's page work with the extension active vs inactive and compare main-thread time per
 * trace event name (self thread time of top-level and nested events), to find what differs beyond our scripts.
 *   npx tsx bench/tools/traceCompare.ts [pairs]
 */
import type { CDPSession, Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { launchWithExtension } from '../../tests/harness/browser';
import { installPinduoduoRoutes } from '../../tests/harness/consoleRoutes';
import { INACTIVE_ORIGIN, INACTIVE_PAGE, N, PDD_PAGE, SETTLE_MS, pageWork } from '../detectionPages';

const PAIRS = Number(process.argv[2]) || 3;

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; tts?: number; pid: number; tid: number; args?: Record<string, unknown>; cat: string }

/** The suite's page work plus the settle time in which our deferred work runs. */
async function pageWorkSettled(page: Page): Promise<void> {
  await pageWork(page);
  await page.waitForTimeout(SETTLE_MS);
}

async function trace(cdp: CDPSession, work: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: unknown[] }) => void events.push(...(e.value as unknown as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'toplevel', '__metadata'] }, transferMode: 'ReportEvents' } as never);
  await work();
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  return events;
}

function mainThreadSelf(events: TraceEvent[]): Map<string, number> {
  const names = events.filter((e) => e.ph === 'M' && e.name === 'thread_name');
  const main = names.filter((e) => (e.args as { name?: string })?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  // the busiest CrRendererMain = the page's renderer
  const totals = new Map<string, number>();
  for (const e of events) if (e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && main.includes(`${e.pid}:${e.tid}`)) totals.set(`${e.pid}:${e.tid}`, (totals.get(`${e.pid}:${e.tid}`) ?? 0) + (e.tdur ?? 0));
  const thread = [...totals].sort((a, b) => b[1] - a[1])[0]?.[0];
  const xs = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === thread && e.tdur !== undefined).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // self time = tdur minus children's tdur (nesting by ts/dur)
  const self = new Map<string, number>();
  const stack: { e: TraceEvent; end: number; child: number }[] = [];
  const close = (upTo: number) => {
    while (stack.length && stack[stack.length - 1]!.end <= upTo) {
      const top = stack.pop()!;
      self.set(top.e.name, (self.get(top.e.name) ?? 0) + (top.e.tdur! - top.child));
      if (stack.length) stack[stack.length - 1]!.child += top.e.tdur!;
    }
  };
  for (const e of xs) {
    close(e.ts);
    stack.push({ e, end: e.ts + (e.dur ?? 0), child: 0 });
  }
  close(Infinity);
  return self;
}

async function main() {
  const ext = await launchWithExtension({ headless: true, extensionPath: existsSync('.output/profile/chrome-mv3/manifest.json') ? '.output/profile/chrome-mv3' : '.output/chrome-mv3' });
  try {
    await installPinduoduoRoutes(ext.context, { generate: N });
    await installPinduoduoRoutes(ext.context, { generate: N, origin: INACTIVE_ORIGIN });
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    const sums = { on: new Map<string, number[]>(), off: new Map<string, number[]>() };
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const active of pair % 2 ? [false, true] : [true, false]) {
        await page.goto(active ? PDD_PAGE : INACTIVE_PAGE);
        await page.waitForFunction((n) => document.querySelectorAll('tr[class*="TB_bodyGroupHeader_"]').length >= n, N);
        if (active) await page.waitForFunction((n) => document.querySelectorAll('[data-rg-action="capture"]').length >= n, N);
        await page.waitForTimeout(1100);
        const self = mainThreadSelf(await trace(cdp, () => pageWorkSettled(page)));
        const side = active ? sums.on : sums.off;
        for (const [k, v] of self) (side.get(k) ?? side.set(k, []).get(k)!).push(v / 1000);
        for (const k of side.keys()) if (!self.has(k)) side.get(k)!.push(0);
      }
    }
    const med = (xs: number[] = []) => [...xs, ...Array(PAIRS - xs.length).fill(0)].sort((x, y) => x - y)[Math.floor(PAIRS / 2)]!;
    const keys = new Set([...sums.on.keys(), ...sums.off.keys()]);
    const rows = [...keys].map((k) => [k, med(sums.on.get(k)), med(sums.off.get(k))] as const).sort((a, b) => Math.abs(b[1] - b[2]) - Math.abs(a[1] - a[2]));
    let ton = 0, toff = 0;
    for (const [, a, b] of rows) { ton += a; toff += b; }
    console.log(`total self thread time: on ${ton.toFixed(1)}  off ${toff.toFixed(1)}`);
    for (const [k, a, b] of rows.slice(0, 30)) console.log(`${(a - b).toFixed(2).padStart(8)}  on ${a.toFixed(2).padStart(8)}  off ${b.toFixed(2).padStart(8)}  ${k}`);
  } finally {
    await ext.close();
  }
}
main().catch((e: unknown) => { console.error(e); process.exit(1); });
