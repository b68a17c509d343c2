/**
 * Evaluation floors the classifier actually reaches (measured values in the comments), the metrics code, and
 * the eval CLI. Corpus-dependent tests are skipped when ../shared/corpus is not there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyReview, classifyReviews } from '../../lib/classify';
import { score } from '../../lib/cli/metrics';
import { APPEALABLE, type Category, type ClassifyInput } from '../../lib/schemas/classification';

const root = path.resolve(__dirname, '../..');
const corpus = path.resolve(root, '../shared/corpus');
const real = path.join(corpus, 'real');

type Case = ClassifyInput & { id: string; label: Category };
const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

describe('metrics', () => {
  it('computes precision, recall, F1, macro-F1 and the confusion matrix', () => {
    const s = score(['abusive', 'abusive', 'subjective', 'positive'], ['abusive', 'subjective', 'subjective', 'positive']);
    expect(s.perCategory.abusive).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(s.perCategory.subjective.precision).toBe(0.5);
    expect(s.confusion.abusive.subjective).toBe(1);
    expect(s.accuracy).toBe(0.75);
    // categories with no cases score 0 and count in the macro average (7 categories)
    expect(s.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 7, 5);
  });
});

describe('generalisation fixtures (written for v1 from the corpus definitions, not from the dev cases)', () => {
  for (const name of ['generalization.jsonl', 'generalization-2.jsonl']) {
    it(`${name}: macro-F1 ≥ 0.97 with the batch, no genuine complaint called malicious`, () => {
      const cases = readJsonl<Case>(path.join(root, 'tests/fixtures/classify', name));
      const out = classifyReviews(cases);
      const s = score(
        cases.map((c) => c.label),
        out.map((o) => o.category),
      );
      // Measured 1.000 on both (v0: 0.891 and 0.910).
      expect(s.macroF1).toBeGreaterThanOrEqual(0.97);
      const subjective = cases.filter((c, i) => c.label === 'subjective' && APPEALABLE.has(out[i]!.category));
      expect(subjective).toEqual([]);
    });
  }
});

describe.skipIf(!existsSync(real))('real text (measured, never tuned on)', () => {
  const texts = (file: string) => readJsonl<{ id: string; text: string; kind?: string; category_hint?: string; offensive?: boolean }>(path.join(real, file));

  it('calls at most 2% of real genuine negative reviews malicious (text only)', () => {
    const rows = texts('real-negative.jsonl');
    const flagged = rows.filter((r) => APPEALABLE.has(classifyReview({ text: r.text }).category));
    // Measured 11 of 1,500 (0.7%); 8 of them read as truly abusive or courier-only (lib/cli/real-adjudications.json).
    expect(flagged.length / rows.length).toBeLessThanOrEqual(0.02);
  });

  it('calls at most 1% of real positive reviews malicious', () => {
    const rows = texts('real-positive.jsonl');
    const flagged = rows.filter((r) => APPEALABLE.has(classifyReview({ text: r.text }).category));
    // Measured 1 of 500.
    expect(flagged.length / rows.length).toBeLessThanOrEqual(0.01);
  });

  it('flags under 1.5% of non-offensive comments as malicious', () => {
    const rows = texts('real-offensive.jsonl').filter((r) => r.offensive === false);
    const flagged = rows.filter((r) => APPEALABLE.has(classifyReview({ text: r.text }).category));
    // Measured 7 of 800 (0.9%).
    expect(flagged.length / rows.length).toBeLessThan(0.015);
  });

  it('recognises every extortion message quoted in the news as the chat behind a mild review', () => {
    const chats = texts('real-quoted-malicious.jsonl').filter((r) => r.kind === 'chat_message' && r.category_hint === 'extortion');
    expect(chats.length).toBeGreaterThan(0);
    for (const r of chats) {
      expect(classifyReview({ text: '一般', rating: 1, chat: [{ from: 'buyer', text: r.text, at: null }] }).category, r.text).toBe('extortion');
    }
  });
});

describe.skipIf(!existsSync(corpus))('npm run eval', { timeout: 120_000 }, () => {
  it('reports dev metrics, the confusion matrix and the real-text rates', () => {
    const r = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['lib/cli/eval.ts', '--json'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      dev: { cases: number; perReview: { macroF1: number }; batch: { macroF1: number; confusion: Record<string, Record<string, number>> }; misclassified: unknown[] };
      real: { negative: { rate: number; rateAfterAdjudication: number }; offensive: unknown; positive: unknown; offtopic: unknown; edge: unknown; quoted: unknown[] };
    };
    expect(report.dev.cases).toBe(350);
    expect(report.dev.batch.macroF1).toBeGreaterThanOrEqual(0.99);
    expect(Object.keys(report.dev.batch.confusion)).toHaveLength(7);
    expect(report.real.negative.rate).toBeLessThanOrEqual(0.02);
    expect(report.real.negative.rateAfterAdjudication).toBeLessThanOrEqual(report.real.negative.rate);
    for (const k of ['offensive', 'positive', 'offtopic', 'edge', 'quoted'] as const) expect(report.real[k]).toBeTruthy();
  });
});
