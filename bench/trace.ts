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

/** Self thread time (ms) per event name on each renderer's main thread, by process id. */
export function rendererMainSelfTimes(events: readonly TraceEvent[]): Map<number, Map<string, number>> {
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
        self.set(top.e.name, (self.get(top.e.name) ?? 0) + (top.e.tdur! - top.child) / 1000);
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
