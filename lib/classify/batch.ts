/**
 * Batch classification: `classifyReview` on each review, plus the signal no single review can show —
 * several accounts posting the same (or nearly the same) negative text within a short time, which the corpus
 * README lists as a competitor sign (coordinated bad reviews). Reviews without an order / consumption record
 * in such a group make it stronger.
 *
 * Scales to large batches: reviews are compared only within the same platform and time window, and a pair is
 * scored only when the two texts share a rare-enough character bigram (inverted index), not all pairs.
 */
import type { Category, Classification, ClassifyInput, FactCheck } from '../schemas/classification';
import { CATEGORY_PRIORITY } from '../schemas/classification';
import { classifyReview } from './classify';
import { foldUnit } from './normalize';
import { routeFor } from './route';

/** Reviews further apart than this are not treated as one coordinated burst. */
const WINDOW_MS = 24 * 3_600_000;
/** Shorter texts collide by chance ("质量太差了"), so they are ignored. */
const MIN_CHARS = 12;
/** Character-bigram Jaccard similarity from which two texts count as near-identical. */
const NEAR_DUPLICATE = 0.45;
/** Without timestamps only exact duplicates at least this long are grouped. */
const MIN_CHARS_UNTIMED = 20;
/** Bigrams shared by more items than this are too common to propose candidates. */
const MAX_POSTING = 200;

const NEGATIVE_GROUNDS: ReadonlySet<Category> = new Set(['subjective', 'not_received_or_unused', 'irrelevant', 'abusive']);

let skeletonBuf = new Uint16Array(1024);

/** Folded letters and digits only: punctuation, emoji, spacing, width and case do not make a text different. */
function skeleton(text: string): string {
  if (skeletonBuf.length < text.length) skeletonBuf = new Uint16Array(text.length * 2);
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const c = foldUnit(text.charCodeAt(i));
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) skeletonBuf[k++] = c;
  }
  let out = '';
  for (let i = 0; i < k; i += 4096) out += String.fromCharCode.apply(null, skeletonBuf.subarray(i, Math.min(k, i + 4096)) as unknown as number[]);
  return out;
}

/** Character bigrams as numbers (two UTF-16 units). */
function bigrams(s: string): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.charCodeAt(i) * 0x10000 + s.charCodeAt(i + 1));
  return out;
}

function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
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

interface Item {
  readonly i: number;
  readonly key: string;
  readonly length: number;
  readonly grams: Set<number>;
  readonly t: number | null;
  readonly platform: string;
}

/**
 * Groups of indices whose negative texts are identical or near-identical, on the same platform, posted within
 * 24 hours of each other. Without timestamps only exact duplicates of at least 20 characters are grouped.
 */
export function findCoordinatedGroups(inputs: readonly ClassifyInput[], results: readonly Classification[]): number[][] {
  const items: Item[] = [];
  inputs.forEach((input, i) => {
    const r = results[i];
    if (!r || !NEGATIVE_GROUNDS.has(r.category)) return;
    if (typeof input.rating === 'number' && input.rating >= 4) return;
    const key = skeleton(input.text ?? '');
    const length = key.length;
    if (length < MIN_CHARS) return;
    items.push({ i, key, length, grams: bigrams(key), t: time(input), platform: input.platform ?? '' });
  });

  const parent = items.map((_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) {
      const p = parent[k] ?? k;
      parent[k] = parent[p] ?? p;
      k = p;
    }
    return k;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  };

  // Exact duplicates: by key.
  const byKey = new Map<string, number[]>();
  items.forEach((it, k) => {
    const id = `${it.platform}\u0000${it.key}`;
    const list = byKey.get(id) ?? [];
    list.push(k);
    byKey.set(id, list);
  });
  const close = (x: Item, y: Item): boolean | null => (x.t !== null && y.t !== null ? Math.abs(x.t - y.t) <= WINDOW_MS : null);
  for (const list of byKey.values()) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const x = items[list[a] ?? 0];
        const y = items[list[b] ?? 0];
        if (!x || !y) continue;
        const c = close(x, y);
        if (c === true || (c === null && x.length >= MIN_CHARS_UNTIMED)) union(list[a] ?? 0, list[b] ?? 0);
      }
    }
  }

  // Near duplicates: timed items only, candidates from shared bigrams within the window.
  const timed = items.map((it, k) => ({ it, k })).filter(({ it }) => it.t !== null);
  timed.sort((p, q) => (p.it.t ?? 0) - (q.it.t ?? 0));
  const postings = new Map<number, number[]>(); // bigram → positions in `timed`, in time order
  let lo = 0;
  for (let pos = 0; pos < timed.length; pos++) {
    const cur = timed[pos];
    if (!cur) continue;
    while (lo < pos && (cur.it.t ?? 0) - (timed[lo]?.it.t ?? 0) > WINDOW_MS) lo++;
    const seen = new Set<number>();
    for (const g of cur.it.grams) {
      const list = postings.get(g);
      if (!list) continue;
      if (list.length > MAX_POSTING) continue;
      for (let j = list.length - 1; j >= 0; j--) {
        const p = list[j] ?? 0;
        if (p < lo) break;
        seen.add(p);
      }
    }
    for (const p of seen) {
      const other = timed[p];
      if (!other || other.it.platform !== cur.it.platform) continue;
      if (find(other.k) === find(cur.k)) continue;
      if (jaccard(cur.it.grams, other.it.grams) >= NEAR_DUPLICATE) union(other.k, cur.k);
    }
    for (const g of cur.it.grams) {
      const list = postings.get(g) ?? [];
      list.push(pos);
      postings.set(g, list);
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
    const noRecord = group.filter((i) => inputs[i]?.order?.status === 'none').length;
    for (const i of group) {
      const r = results[i];
      const input = inputs[i];
      if (!r || !input) continue;
      const also = new Set<Category>(r.also);
      if (r.category !== 'positive') also.add(r.category);
      also.delete('competitor');
      const others = group.length - 1;
      const peers = group.filter((j) => j !== i);
      const fact: FactCheck = {
        fact: 'batch',
        finding: `同批另有${others}条评价文字相同或高度相似，发布时间在24小时内${noRecord > 0 ? `，其中${noRecord}条无消费记录` : ''}`,
        effect: 'supports',
        category: 'competitor',
      };
      const evidence = r.evidence ?? { facts: [], chat: [], missing: [] };
      results[i] = {
        ...r,
        category: 'competitor',
        also: CATEGORY_PRIORITY.filter((c) => c !== 'competitor' && c !== 'positive' && also.has(c)),
        confidence: Math.round(Math.min(0.9, 0.55 + 0.1 * others + (noRecord > 0 ? 0.05 : 0)) * 100) / 100,
        phrases: [
          { start: 0, end: input.text.length, text: input.text, category: 'competitor' as const, reason: '与其他评价文字雷同' },
          ...r.phrases,
        ].sort((p, q) => p.start - q.start || p.end - q.end),
        reasons: [`同行恶意：与同批另外${others}条评价文字相同或高度相似，且发布时间接近，疑似有组织刷差评`, ...r.reasons],
        evidence: { ...evidence, facts: [fact, ...evidence.facts], peers },
        route: routeFor('competitor', input.platform ?? null, ['batch'], typeof input.rating === 'number' ? input.rating : null),
      };
    }
  }
  return results;
}
