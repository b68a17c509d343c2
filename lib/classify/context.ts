/**
 * The prepared view of one review that every detector reads: normalised text, clauses and their topics,
 * sentiment counts, rating, order status and normalised chat lines. Built once per review.
 */
import type { ClassifyInput } from '../schemas/classification';
import { Evidence } from './evidence';
import {
  COMPLAINT,
  COURIER,
  DAMAGE,
  ENVIRONMENT,
  GOODS_WORD,
  MOOD_EXACT,
  NEGATION_BEFORE,
  ON_TOPIC,
  PERSONAL,
  PLATFORM,
  POSITIVE,
  RECEIPT_COMPLAINT,
  eachMatch,
  test,
} from './lexicon';
import { compactSpanToOriginal, normalize, type Normalized } from './normalize';

export type OrderStatus = 'not_shipped' | 'in_transit' | 'signed' | 'consumed' | 'none';

/** Reviews longer than this are read only up to here (a review form takes a few hundred characters). */
export const MAX_TEXT = 5000;
/** Chat lines read per review, and characters per line. */
export const MAX_CHAT_LINES = 200;
export const MAX_CHAT_CHARS = 2000;

export interface Sentiment {
  /** Praise words not negated. */
  readonly praise: number;
  /** Complaints about the product or the shop's service (incl. negated praise and mood words). */
  readonly complaints: number;
  /** Complaints that name something (not only a mood word like 差/无语/垃圾). */
  readonly substantive: number;
  /** Substantive complaints outside clauses that are only about the courier / platform / weather / private life. */
  readonly onTopicComplaints: number;
  /** Spans (original offsets) of praise and complaint words, for phrases. */
  readonly praiseSpans: ReadonlyArray<readonly [number, number]>;
  readonly complaintSpans: ReadonlyArray<readonly [number, number]>;
  /** Clause ids of substantive complaints outside off-topic clauses (or about damage). */
  readonly complaintClauses: ReadonlySet<number>;
  /** Clause ids of every substantive complaint, also about the courier or the platform. */
  readonly substantiveClauses: ReadonlySet<number>;
  /** Praise and complaints after the last contrast word (但是, 不过, 就是…). */
  readonly afterContrastPraise: number;
  readonly afterContrastComplaints: number;
}

export interface ChatLineView {
  readonly index: number;
  readonly from: 'buyer' | 'seller' | 'system';
  readonly text: string;
  readonly at: string | null;
  readonly nz: Normalized;
}

export interface Context {
  readonly input: ClassifyInput;
  /** The text that was read (the input's text, cut at MAX_TEXT). */
  readonly text: string;
  readonly nz: Normalized;
  readonly rating: number | null;
  readonly status: OrderStatus | null;
  readonly platform: string | null;
  /** Every non-empty chat line, normalised, with its index in `input.chat`. */
  readonly chat: readonly ChatLineView[];
  /** Clause id for every original index. */
  readonly clauseOf: Int32Array;
  readonly clauseCount: number;
  /** Clauses about the courier, platform, weather or the reviewer's private life and nothing of the shop's. */
  readonly offTopicClauses: ReadonlySet<number>;
  /** Clauses that name the shop's product or service. */
  readonly onTopicClauses: ReadonlySet<number>;
  readonly sentiment: Sentiment;
  /** Negative review: low rating, or (no rating) complaints outweigh praise. */
  readonly negative: boolean;
  readonly ev: Evidence;
}

// ───────────────────────────── clauses ─────────────────────────────

function isClauseBreak(c: number): boolean {
  // , . ! ? ; : newline space tab 。 、 ~ … ； ：
  return (
    c === 0x2c || c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x3a || c === 0x0a || c === 0x0d || c === 0x20 ||
    c === 0x09 || c === 0x3002 || c === 0x3001 || c === 0x7e || c === 0x2026 || c === 0xff1b || c === 0xff1a
  );
}

function clauses(lite: string): { of: Int32Array; count: number } {
  const out = new Int32Array(lite.length);
  let id = 0;
  let prevBreak = false;
  for (let i = 0; i < lite.length; i++) {
    const br = isClauseBreak(lite.charCodeAt(i));
    if (!br && prevBreak) id++;
    out[i] = id;
    prevBreak = br;
  }
  return { of: out, count: id + 1 };
}

export function compactClause(nz: Normalized, clauseOf: Int32Array, k: number): number {
  return clauseOf[nz.map[k] ?? 0] ?? 0;
}

/**
 * Topic of every clause. A clause is off-topic when it mentions the courier, the platform, the weather or the
 * reviewer's own life, and no word of the shop's product or service stands apart from those mentions
 * ("快递服务差" is about the courier, "快递很快，但衣服线头多" has an on-topic second clause).
 */
function clauseTopics(nz: Normalized, clauseOf: Int32Array, needOn: boolean): { off: Set<number>; on: Set<number> } {
  const s = nz.compact;
  const offSpans = new Map<number, Array<[number, number]>>();
  for (const re of [COURIER, PLATFORM, ENVIRONMENT, PERSONAL]) {
    eachMatch(re, s, (m) => {
      const c = compactClause(nz, clauseOf, m.index);
      const list = offSpans.get(c) ?? [];
      list.push([m.index, m.index + m[0].length]);
      offSpans.set(c, list);
    });
  }
  const on = new Set<number>();
  // On-topic words only matter against off-topic ones (and for reviews without an order record).
  if (offSpans.size > 0 || needOn) eachMatch(ON_TOPIC, s, (m) => {
    const c = compactClause(nz, clauseOf, m.index);
    // "快递服务", "客服机器人", "跟老板吵了一架": an on-topic word inside or right next to an off-topic one belongs to it.
    const a = m.index;
    const b = m.index + m[0].length;
    const spans = offSpans.get(c);
    if (spans && spans.some(([x, y]) => a < y + 2 && x < b + 2)) return;
    on.add(c);
  });
  const off = new Set<number>();
  for (const c of offSpans.keys()) if (!on.has(c)) off.add(c);
  return { off, on };
}

// ───────────────────────────── sentiment ─────────────────────────────

function sentiment(nz: Normalized, clauseOf: Int32Array, offTopic: ReadonlySet<number>): Sentiment {
  const s = nz.compact;
  let praise = 0;
  let complaints = 0;
  let substantive = 0;
  let onTopicComplaints = 0;
  const praiseSpans: Array<[number, number]> = [];
  const complaintSpans: Array<[number, number]> = [];
  const complaintClauses = new Set<number>();
  const substantiveClauses = new Set<number>();
  const counted = new Uint8Array(s.length); // compact positions already counted as complaints
  const countComplaint = (start: number, end: number, mood: boolean): void => {
    for (let k = start; k < end; k++) if (counted[k]) return;
    for (let k = start; k < end; k++) counted[k] = 1;
    complaints++;
    complaintSpans.push(compactSpanToOriginal(nz, start, end));
    if (mood) return;
    substantive++;
    const c = compactClause(nz, clauseOf, start);
    substantiveClauses.add(c);
    // Look two characters back so that lookbehinds (太少了 ≠ 少了) work; the hit must overlap the complaint.
    const from = Math.max(0, start - 2);
    let damage = false;
    eachMatch(DAMAGE, s.slice(from, end), (d) => {
      if (from + d.index + d[0].length > start) damage = true;
    });
    if (!offTopic.has(c) || damage) {
      onTopicComplaints++;
      complaintClauses.add(c);
    }
  };
  let praiseEnd = 0; // a negation must not come from the previous praise word ("不错不错")
  eachMatch(POSITIVE, s, (m) => {
    const before = s.slice(Math.max(0, praiseEnd, m.index - 4), m.index);
    praiseEnd = m.index + m[0].length;
    if (NEGATION_BEFORE.test(before)) {
      countComplaint(Math.max(0, m.index - 1), m.index + m[0].length, false);
    } else {
      praise++;
      praiseSpans.push(compactSpanToOriginal(nz, m.index, m.index + m[0].length));
    }
  });
  eachMatch(COMPLAINT, s, (m) => countComplaint(m.index, m.index + m[0].length, MOOD_EXACT.test(m[0])));
  if (!platformTalk(s)) eachMatch(RECEIPT_COMPLAINT, s, (m) => countComplaint(m.index, m.index + m[0].length, false));
  // After the last contrast word ("…但是菜品质量下降严重") the reviewer says what matters.
  let afterContrastPraise = 0;
  let afterContrastComplaints = 0;
  const contrast = lastContrast(s);
  if (contrast >= 0) {
    const from = nz.map[contrast] ?? 0;
    for (const [a] of praiseSpans) if (a >= from) afterContrastPraise++;
    for (const [a] of complaintSpans) if (a >= from) afterContrastComplaints++;
  }
  return {
    praise,
    complaints,
    substantive,
    onTopicComplaints,
    praiseSpans,
    complaintSpans,
    complaintClauses,
    substantiveClauses,
    afterContrastPraise,
    afterContrastComplaints,
  };
}

const CONTRAST_WORD = /但是?|可是|不过|就是|然而|可惜|只是/gu;

/** Compact index of the last contrast word, or -1. */
function lastContrast(s: string): number {
  let last = -1;
  eachMatch(CONTRAST_WORD, s, (m) => {
    last = m.index;
  });
  return last;
}

/** The text talks about platform coins/points/coupons and never about a parcel. */
export function platformTalk(compact: string): boolean {
  return test(PLATFORM, compact) && !test(GOODS_WORD, compact);
}

// ───────────────────────────── preparation ─────────────────────────────

export function prepare(input: ClassifyInput): Context {
  const raw = typeof input.text === 'string' ? input.text : '';
  const text = raw.length > MAX_TEXT ? raw.slice(0, MAX_TEXT) : raw;
  const nz = normalize(text);
  const { of: clauseOf, count: clauseCount } = clauses(nz.lite);
  const { off, on } = clauseTopics(nz, clauseOf, input.order?.status === 'none');
  const sent = sentiment(nz, clauseOf, off);
  const r = input.rating;
  const rating = typeof r === 'number' && Number.isFinite(r) && r >= 1 && r <= 5 ? Math.round(r) : null;
  const st = input.order?.status;
  const status: OrderStatus | null =
    st === 'not_shipped' || st === 'in_transit' || st === 'signed' || st === 'consumed' || st === 'none' ? st : null;
  const chat: ChatLineView[] = [];
  const lines = Array.isArray(input.chat) ? input.chat : [];
  for (let i = 0; i < lines.length && chat.length < MAX_CHAT_LINES; i++) {
    const line = lines[i];
    if (!line || typeof line.text !== 'string' || line.text.trim().length === 0) continue;
    const from = line.from === 'seller' || line.from === 'system' ? line.from : 'buyer';
    const t = line.text.length > MAX_CHAT_CHARS ? line.text.slice(0, MAX_CHAT_CHARS) : line.text;
    chat.push({ index: i, from, text: line.text, at: line.at ?? null, nz: normalize(t) });
  }
  const negative = rating !== null ? rating <= 3 || sent.complaints > sent.praise : sent.complaints > sent.praise;
  return {
    input,
    text,
    nz,
    rating,
    status,
    platform: typeof input.platform === 'string' ? input.platform : null,
    chat,
    clauseOf,
    clauseCount,
    offTopicClauses: off,
    onTopicClauses: on,
    sentiment: sent,
    negative,
    ev: new Evidence(),
  };
}
