/** A measured figure, as printed by `npm run bench` and written to bench/results.json. */
export interface Figure {
  name: string;
  unit: string;
  runs: number[];
  median: number;
  /** 10th and 90th percentile of the runs (nearest rank): the spread on a noisy shared machine (older results lack them). */
  p10?: number;
  p90?: number;
  max: number;
  /** The target from the issue, as text (e.g. `≤ 16 ms`); reported, never asserted. */
  target?: string;
  /** Whether the median meets the target, when a target is given. */
  meetsTarget?: boolean;
}

/** A group of related measurements; each file in bench/suites/ default-exports one. */
export interface BenchSuite {
  name: string;
  run(): Promise<Figure[]>;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile, `q` in 0..1. */
export function percentile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Builds a figure; `targetMax` (same unit) sets `meetsTarget` for "at most" targets, `targetMin` for "at least". */
export function figure(
  name: string,
  unit: string,
  runs: readonly number[],
  target?: { text: string; max?: number; min?: number },
): Figure {
  const m = median(runs);
  const f: Figure = {
    name,
    unit,
    runs: runs.map(round),
    median: round(m),
    p10: round(percentile(runs, 0.1)),
    p90: round(percentile(runs, 0.9)),
    max: round(Math.max(...runs)),
  };
  if (target) {
    f.target = target.text;
    f.meetsTarget = (target.max === undefined || m <= target.max) && (target.min === undefined || m >= target.min);
  }
  return f;
}
