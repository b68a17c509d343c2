/**
 * Chrome traces for the bench tools: record one over some work, and sum each renderer main thread's self time per
 * event name (an event's thread time minus its nested events'), so costs can be compared by kind (Paint, layout, our
 * script…).
 */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'toplevel', '__metadata'];

/** Every event of the browser's trace while `work` runs (all processes). */
export async function recordTrace(cdp: CDPSession, work: () => Promise<unknown>, extraCategories: readonly string[] = []): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: unknown[] }) => void events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: [...CATEGORIES, ...extraCategories] }, transferMode: 'ReportEvents' } as never);
  try {
    await work();
  } finally {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', onData);
  }
  return events;
}

/**
 * An event's name, with the script it ran for calls into JavaScript (`FunctionCall console.js`), so our content
 * script's time is told from the page's.
 */
export function nameWithScript(e: TraceEvent): string {
  if (e.name !== 'FunctionCall' && e.name !== 'v8.callFunction' && e.name !== 'TimerFire') return e.name;
  const data = (e.args as { data?: { url?: string } } | undefined)?.data;
  const script = data?.url?.split(/[/?#]/).filter(Boolean).pop();
  return script ? `${e.name} ${script}` : e.name;
}

/** Self thread time (ms) per event name on each renderer's main thread, by process id. */
export function rendererMainSelfTimes(
  events: readonly TraceEvent[],
  nameOf: (e: TraceEvent) => string = (e) => e.name,
): Map<number, Map<string, number>> {
  const mains = new Map<number, number>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain') mains.set(e.pid, e.tid);
  }
  const out = new Map<number, Map<string, number>>();
  for (const [pid, tid] of mains) {
    const xs = events
      .filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid && e.tdur !== undefined)
      .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const self = new Map<string, number>();
    const stack: { e: TraceEvent; end: number; child: number }[] = [];
    const close = (upTo: number) => {
      while (stack.length && stack[stack.length - 1]!.end <= upTo) {
        const top = stack.pop()!;
        const name = nameOf(top.e);
        self.set(name, (self.get(name) ?? 0) + (top.e.tdur! - top.child) / 1000);
        if (stack.length) stack[stack.length - 1]!.child += top.e.tdur!;
      }
    };
    for (const e of xs) {
      close(e.ts);
      stack.push({ e, end: e.ts + (e.dur ?? 0), child: 0 });
    }
    close(Infinity);
    out.set(pid, self);
  }
  return out;
}

/** Sum of a process's self times. */
export const totalMs = (self: ReadonlyMap<string, number>): number => [...self.values()].reduce((a, b) => a + b, 0);

/**
 * Self times of the renderer serving each side's origin, from one trace. A renderer is told by the page URLs its
 * events name; one that names no side's origin, or two, is left out.
 */
export function selfTimesBySide<Side extends string>(
  events: readonly TraceEvent[],
  originOf: Record<Side, string>,
  nameOf?: (e: TraceEvent) => string,
): Map<Side, Map<string, number>> {
  const sidesOf = new Map<number, Set<Side>>();
  for (const e of events) {
    if (!e.args) continue;
    const args = JSON.stringify(e.args);
    for (const side of Object.keys(originOf) as Side[]) {
      if (!args.includes(originOf[side])) continue;
      const sides = sidesOf.get(e.pid) ?? new Set<Side>();
      sides.add(side);
      sidesOf.set(e.pid, sides);
    }
  }
  const out = new Map<Side, Map<string, number>>();
  for (const [pid, self] of rendererMainSelfTimes(events, nameOf)) {
    const sides = sidesOf.get(pid);
    if (sides?.size === 1) out.set([...sides][0]!, self);
  }
  return out;
}

/** Adds `self` into `sum`, each time divided by `n` (for a mean over n traces). */
export function addMean(sum: Map<string, number>, self: ReadonlyMap<string, number>, n: number): void {
  for (const [name, ms] of self) sum.set(name, (sum.get(name) ?? 0) + ms / n);
}

/** The `k` event names that differ most between two sides, as printable lines: difference, side a, side b, name. */
export function largestDifferences(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, k: number): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  const rows = [...names].map((n) => [n, a.get(n) ?? 0, b.get(n) ?? 0] as const);
  rows.sort((x, y) => Math.abs(y[1] - y[2]) - Math.abs(x[1] - x[2]));
  const ms = (v: number) => v.toFixed(2).padStart(8);
  return rows.slice(0, k).map(([name, x, y]) => `${ms(x - y)}  ${ms(x)}  ${ms(y)}  ${name}`);
}
