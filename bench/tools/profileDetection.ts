/**
 * Where the content script's cost goes on a 1,000-review PDD page (not a bench suite: a tool for finding what to fix).
 *
 *   RG_PROFILE_BUILD=1 npx wxt build && npx tsx bench/tools/profileDetection.ts [pairs]
 *
 * Loads the unminified build in .output/profile/ (function names readable), else .output/.
 *
 * 1. CDP Performance.getMetrics deltas (TaskDuration, ScriptDuration, RecalcStyleDuration, LayoutDuration, counts)
 *    over the detection bench's page work, with the extension active vs the same page at a host it skips.
 * 2. A V8 CPU profile (100 µs sampling) of the initial scan and of the page work with the extension active: self
 *    time per function of the content script, and totals per script URL.
 */
import { launchWithExtension } from '../../tests/harness/browser';
import { installPinduoduoRoutes } from '../../tests/harness/consoleRoutes';
import {
  INACTIVE_ORIGIN,
  INACTIVE_PAGE,
  N,
  PDD_PAGE,
  SETTLE_MS,
  TAOBAO_PAGE,
  loadForPageWork,
  pageWorkSettled,
  rendererMetrics,
  toolExtensionPath,
  waitForButtons,
} from '../detectionPages';
import { median } from '../figures';
import { installTaobaoRoutes } from '../../tests/harness/platformRoutes';

const PAIRS = Number(process.argv[2]) || 6;
/** Page-work runs in the CPU profile (more runs, steadier per-function figures). */
const WORK_RUNS = Number(process.argv[3]) || 3;

const KEYS = ['ThreadTime', 'TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'RecalcStyleCount', 'LayoutCount'];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function summarize(label: string, profile: Profile, under?: string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
  // Inclusive time of content-script frames: walk parents.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const perUrl = new Map<string, number>();
  const perFn = new Map<string, number>();
  const inclusiveOurs = new Map<number, number>();
  const isUnder = (id: number) => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) if (under?.split(',').includes(byId.get(cur)!.callFrame.functionName)) return true;
    return false;
  };
  for (const [id, us] of self) {
    if (under && !isUnder(id)) continue;
    const n = byId.get(id)!;
    const url = n.callFrame.url.replace(/^chrome-extension:\/\/[a-z]+/, 'ext:');
    perUrl.set(url || `(${n.callFrame.functionName})`, (perUrl.get(url || `(${n.callFrame.functionName})`) ?? 0) + us);
    // Attribute native/self time to the nearest content-script ancestor, so DOM calls count as ours.
    let cur: number | undefined = id;
    while (cur !== undefined && !byId.get(cur)!.callFrame.url.startsWith('chrome-extension://')) cur = parent.get(cur);
    if (cur !== undefined) {
      const f = byId.get(cur)!.callFrame;
      const key = `${f.functionName || '(anon)'} @${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}${cur === id ? '' : ' (+native)'}`;
      perFn.set(key, (perFn.get(key) ?? 0) + us);
      inclusiveOurs.set(0, (inclusiveOurs.get(0) ?? 0) + us);
    }
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, us]) => `  ${(us / 1000).toFixed(2).padStart(8)} ms  ${name}`).join('\n');
  console.log(`\n## ${label}: samples under content-script frames ${((inclusiveOurs.get(0) ?? 0) / 1000).toFixed(2)} ms`);
  console.log('per script URL (self):');
  console.log(top(perUrl, 10));
  console.log('content-script functions (self, native callees folded in):');
  console.log(top(perFn, 30));
}

async function main() {
  const ext = await launchWithExtension({ headless: true, extensionPath: toolExtensionPath() });
  try {
    await installPinduoduoRoutes(ext.context, { generate: N });
    await installPinduoduoRoutes(ext.context, { generate: N, origin: INACTIVE_ORIGIN });
    await installTaobaoRoutes(ext.context);
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    if (process.env.RG_PROFILE_PAGE === 'taobao') {
      // Only the initial scan of the 千牛 page.
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
      await page.goto('about:blank');
      await cdp.send('Profiler.start');
      await page.goto(TAOBAO_PAGE);
      await waitForButtons(page);
      await page.waitForTimeout(200);
      summarize('inside the scanner passes (千牛)', ((await cdp.send('Profiler.stop')) as { profile: Profile }).profile, 'scanNow,scanChanges');
      console.log(`  data-rg-scan-ms=${await page.getAttribute('html', 'data-rg-scan-ms')}`);
      return;
    }
    await cdp.send('Performance.enable', { timeDomain: (process.env.RG_TIME_DOMAIN as 'threadTicks' | undefined) ?? 'threadTicks' });
    const sums = { on: {} as Record<string, number[]>, off: {} as Record<string, number[]> };
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const active of pair % 2 ? [false, true] : [true, false]) {
        await loadForPageWork(page, active ? PDD_PAGE : INACTIVE_PAGE);
        const a = await rendererMetrics(cdp);
        await pageWorkSettled(page);
        const b = await rendererMetrics(cdp);
        const side = active ? sums.on : sums.off;
        for (const k of KEYS) (side[k] ??= []).push((b[k]! - a[k]!) * (k.endsWith('Count') ? 1 : 1000));
      }
    }
    console.log(`## Performance.getMetrics deltas over page work + ${SETTLE_MS} ms settle, medians of ${PAIRS} (ms or count)`);
    for (const k of KEYS) console.log(`  ${k.padEnd(22)} on ${median(sums.on[k]!).toFixed(2).padStart(9)}   off ${median(sums.off[k]!).toFixed(2).padStart(9)}`);

    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await page.goto('about:blank');
    await cdp.send('Profiler.start');
    await page.goto(PDD_PAGE);
    await waitForButtons(page);
    await page.waitForTimeout(1_000);
    const loadProfile = ((await cdp.send('Profiler.stop')) as { profile: Profile }).profile;
    summarize('initial load + scan (extension active)', loadProfile);
    summarize('inside scanNow (the initial scan)', loadProfile, 'scanNow');
    console.log(`  data-rg-scan-ms=${await page.getAttribute('html', 'data-rg-scan-ms')}`);

    await cdp.send('Profiler.start');
    for (let i = 0; i < WORK_RUNS; i++) await pageWorkSettled(page);
    summarize(`page work ×${WORK_RUNS} (extension active)`, ((await cdp.send('Profiler.stop')) as { profile: Profile }).profile);
  } finally {
    await ext.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
