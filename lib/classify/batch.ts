/**
 * Batch classification: `classifyReview` on each review, plus one signal no single review
 * can show — several accounts posting the same (or nearly the same) negative text within
 * a short time, which the corpus README lists as a competitor sign.
 */
import type { Category, Classification, ClassifyInput } from '../schemas/classification';
import { CATEGORY_PRIORITY } from '../schemas/classification';
import { classifyReview } from './classify';
import { normalize } from './normalize';

/** Reviews further apart than this are not treated as one coordinated burst. */
const WINDOW_HOURS = 24;
/** Shorter texts collide by chance ("质量太差了"), so they are ignored. */
const MIN_CHARS = 12;
/** Character-bigram Jaccard similarity from which two texts count as near-identical. */
const NEAR_DUPLICATE = 0.45;

const NEGATIVE_GROUNDS: ReadonlySet<Category> = new Set(['subjective', 'not_received_or_unused', 'irrelevant', 'abusive']);

/** Letters and digits only: punctuation, emoji and spacing do not make a text different. */
function skeleton(text: string): string {
  return normalize(text).compact.replace(/[^\p{L}\p{N}]/gu, '');
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  const chars = [...s];
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  return out;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

function time(input: ClassifyInput): number | null {
  if (!input.reviewedAt) return null;
  const t = Date.parse(input.reviewedAt);
  return Number.isNaN(t) ? null : t;
}

/**
 * Groups of indices whose negative texts are identical or near-identical and were posted
 * within `WINDOW_HOURS` of each other. Without timestamps only exact duplicates of at least
 * 20 characters are grouped.
 */
export function findCoordinatedGroups(inputs: readonly ClassifyInput[], results: readonly Classification[]): number[][] {
  interface Item {
    readonly i: number;
    readonly key: string;
    readonly grams: Set<string>;
    readonly t: number | null;
  }
  const items: Item[] = [];
  inputs.forEach((input, i) => {
    const r = results[i];
    if (!r || !NEGATIVE_GROUNDS.has(r.category)) return;
    if (typeof input.rating === 'number' && input.rating >= 4) return;
    const key = skeleton(input.text);
    if ([...key].length < MIN_CHARS) return;
    items.push({ i, key, grams: bigrams(key), t: time(input) });
  });
  // Union–find over similar pairs.
  const parent = items.map((_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) {
      const p = parent[k] ?? k;
      parent[k] = parent[p] ?? p;
      k = p;
    }
    return k;
  };
  for (let a = 0; a < items.length; a++) {
    for (let b = a + 1; b < items.length; b++) {
      const x = items[a];
      const y = items[b];
      if (!x || !y) continue;
      const close = x.t !== null && y.t !== null ? Math.abs(x.t - y.t) <= WINDOW_HOURS * 3_600_000 : null;
      let same = false;
      if (close === true) same = x.key === y.key || jaccard(x.grams, y.grams) >= NEAR_DUPLICATE;
      else if (close === null) same = x.key === y.key && [...x.key].length >= 20;
      if (same) parent[find(a)] = find(b);
    }
  }
  const groups = new Map<number, number[]>();
  items.forEach((item, k) => {
    const root = find(k);
    const list = groups.get(root) ?? [];
    list.push(item.i);
    groups.set(root, list);
  });
  return [...groups.values()].filter((g) => g.length >= 2).map((g) => g.sort((p, q) => p - q));
}

/** Classify many reviews (e.g. one shop's review page) and add the coordinated-posting signal. */
export function classifyReviews(inputs: readonly ClassifyInput[]): Classification[] {
  const results = inputs.map((input) => classifyReview(input));
  for (const group of findCoordinatedGroups(inputs, results)) {
    for (const i of group) {
      const r = results[i];
      const input = inputs[i];
      if (!r || !input) continue;
      const also = new Set<Category>(r.also);
      if (r.category !== 'positive') also.add(r.category);
      also.delete('competitor');
      const others = group.length - 1;
      results[i] = {
        ...r,
        category: 'competitor',
        also: CATEGORY_PRIORITY.filter((c) => c !== 'competitor' && c !== 'positive' && also.has(c)),
        confidence: Math.min(0.9, 0.55 + 0.1 * others),
        phrases: [
          { start: 0, end: input.text.length, text: input.text, category: 'competitor' as const, reason: '与其他评价文字雷同' },
          ...r.phrases,
        ].sort((p, q) => p.start - q.start || p.end - q.end),
        reasons: [`同行恶意：与同批另外${others}条评价文字相同或高度相似，且发布时间接近，疑似有组织刷差评`, ...r.reasons],
      };
    }
  }
  return results;
}
