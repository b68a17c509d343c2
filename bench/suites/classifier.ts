/**
 * Classifier throughput, single-threaded, with explanations (reasons, phrases, evidence, route): the full
 * `Classification` every caller gets. Inputs: the development corpus (rating, order, chat) and real negative
 * review texts (longer, text only) from ../shared/corpus when present, else the generalisation fixtures.
 * Target from issue 4: ≥ 20,000 reviews/s.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyReview, classifyReviews } from '../../lib/classify';
import type { ClassifyInput } from '../../lib/schemas/classification';
import { figure, type BenchSuite } from '../figures';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const corpus = process.env.REVIEWGUARD_CORPUS ?? path.resolve(root, '../shared/corpus');

const RUNS = 5;
const RUN_MS = 1500;

function readJsonl(file: string): ClassifyInput[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ClassifyInput);
}

function inputs(): { mixed: ClassifyInput[]; source: string } {
  const dev = readJsonl(path.join(corpus, 'reviews-dev.jsonl'));
  const real = readJsonl(path.join(corpus, 'real', 'real-negative.jsonl')).map((r) => ({ text: r.text }));
  if (dev.length > 0) return { mixed: [...dev, ...real], source: `${dev.length} dev + ${real.length} real-negative` };
  const fixtures = ['generalization.jsonl', 'generalization-2.jsonl'].flatMap((f) => readJsonl(path.join(root, 'tests/fixtures/classify', f)));
  return { mixed: fixtures, source: `${fixtures.length} fixture cases` };
}

interface Rate {
  /** reviews per wall-clock second */
  wall: number;
  /** reviews per second of CPU time used by this process (robust when other processes load the machine) */
  cpu: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Reviews per second over one timed run of at least RUN_MS. */
function throughput(set: readonly ClassifyInput[]): Rate {
  let n = 0;
  const started = performance.now();
  const cpu0 = cpuMs();
  for (;;) {
    for (const input of set) {
      const out = classifyReview(input);
      if (out.reasons.length === 0 || !out.route) throw new Error('classification without explanation');
      n++;
    }
    if (performance.now() - started >= RUN_MS) break;
  }
  const wall = performance.now() - started;
  const cpu = Math.max(1, cpuMs() - cpu0);
  return { wall: (n / wall) * 1000, cpu: (n / cpu) * 1000 };
}

const suite: BenchSuite = {
  name: 'Classifier (single thread, full explanations)',
  async run() {
    const { mixed, source } = inputs();
    if (mixed.length === 0) throw new Error('no classifier inputs found');
    const withFacts = mixed.filter((i) => i.order !== undefined || i.chat !== undefined);
    const textOnly = mixed.filter((i) => i.order === undefined && i.chat === undefined);
    // Warm-up: compile regexes, let the JIT settle.
    for (let k = 0; k < 3; k++) for (const i of mixed) classifyReview(i);

    // Other processes on a shared machine slow the wall clock, not the CPU time: record the load with the figures.
    const load = [os.loadavg()[0] ?? 0];
    const all: Rate[] = [];
    const facts: Rate[] = [];
    const text: Rate[] = [];
    const batch: Rate[] = [];
    const big = Array.from({ length: 10_000 }, (_, k) => mixed[k % mixed.length]!);
    for (let r = 0; r < RUNS; r++) {
      all.push(throughput(mixed));
      if (withFacts.length > 0) facts.push(throughput(withFacts));
      if (textOnly.length > 0) text.push(throughput(textOnly));
      const t0 = performance.now();
      const c0 = cpuMs();
      classifyReviews(big);
      batch.push({ wall: (big.length / (performance.now() - t0)) * 1000, cpu: (big.length / Math.max(1, cpuMs() - c0)) * 1000 });
    }
    const target = { text: '≥ 20,000 reviews/s', min: 20_000 };
    const both = (name: string, rates: Rate[]) => [
      figure(`${name} — wall clock`, 'reviews/s', rates.map((x) => x.wall), target),
      figure(`${name} — per CPU second`, 'reviews/s', rates.map((x) => x.cpu), target),
    ];
    return [
      ...both(`classifyReview, mixed inputs (${source})`, all),
      ...(facts.length > 0 ? both(`classifyReview, with rating/order/chat (${withFacts.length} cases)`, facts) : []),
      ...(text.length > 0 ? both(`classifyReview, text only (${textOnly.length} real reviews)`, text) : []),
      ...both('classifyReviews, one batch of 10,000 (incl. near-duplicate grouping)', batch),
      figure(`machine load average (1 min) at start and end of the suite, ${os.cpus().length} CPUs`, 'runnable', [...load, os.loadavg()[0] ?? 0]),
    ];
  },
};
export default suite;
