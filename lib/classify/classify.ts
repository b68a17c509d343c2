/**
 * Classification v1: a rule-based, pure function. No DOM, no Node APIs; every pattern is compiled once in
 * lexicon.ts. See shared/corpus/README.md for the categories.
 *
 *   prepare (context.ts) → detectors (rules.ts text, chat.ts, facts.ts) → Evidence
 *     → category (priority order, threshold) · also · confidence · reasons · phrases · evidence · route
 */
import type { Category, ChatEvidence, Classification, ClassifyInput, FactCheck, MatchedPhrase } from '../schemas/classification';
import { CATEGORY_LABEL, CATEGORY_PRIORITY } from '../schemas/classification';
import { chatFact, detectChatExtortion, detectChatTrade } from './chat';
import { prepare, type Context } from './context';
import type { Signal, SignalKind } from './evidence';
import { detectOrderFacts } from './facts';
import {
  CONTRAST,
  DEFAULT_TEXT,
  MISCLICK,
  SARCASM,
  test,
} from './lexicon';
import { routeFor } from './route';
import {
  detectAbusive,
  detectCompetitor,
  detectFakeClaim,
  detectIrrelevant,
  detectNotReceived,
  detectPrivacy,
  detectTextExtortion,
} from './rules';

export const CLASSIFIER_VERSION = 'v1';

/** A category is detected when its combined evidence reaches this score. */
const THRESHOLD = 0.5;
/** Below the threshold but enough to lower confidence in a subjective/positive call. */
const DOUBT = 0.25;

export const APPEAL_GROUNDS: readonly Category[] = ['extortion', 'competitor', 'abusive', 'not_received_or_unused', 'irrelevant'];

interface SentimentCall {
  readonly category: 'subjective' | 'positive';
  readonly confidence: number;
  readonly reason: string;
}

function decideSentiment(ctx: Context): SentimentCall {
  const { praise, complaints } = ctx.sentiment;
  const r = ctx.rating;
  const s = ctx.nz.compact;
  if (test(DEFAULT_TEXT, s) || s.trim().length === 0) {
    return r === null || r >= 3
      ? { category: 'positive', confidence: 0.7, reason: '无文字内容（系统默认评价）' }
      : { category: 'subjective', confidence: 0.4, reason: '低分但无文字内容，无可申诉依据' };
  }
  if (r !== null && r <= 2 && praise > 0 && complaints === 0 && test(MISCLICK, s)) {
    return { category: 'positive', confidence: 0.8, reason: '文字为正面评价，买家自述误点低分' };
  }
  if (complaints > 0 && test(SARCASM, s)) {
    return { category: 'subjective', confidence: 0.6, reason: '反讽式好评，实为对商品的不满' };
  }
  const { substantive } = ctx.sentiment;
  if (r !== null && r >= 4) {
    if (substantive > 0 && praise === 0) return { category: 'subjective', confidence: 0.5, reason: '高分但文字为具体不满' };
    return { category: 'positive', confidence: praise > 0 ? 0.9 : 0.75, reason: `${r}星${praise > 0 ? '且文字以正面为主' : ''}` };
  }
  if (r === 3) {
    // "一般般" is what a neutral 3★ says: only a complaint that names something makes it a complaint.
    if (substantive > 0 && complaints > praise) return { category: 'subjective', confidence: 0.6, reason: '中评，包含具体不满' };
    return { category: 'positive', confidence: 0.65, reason: '中评，无实质负面内容' };
  }
  if (r !== null) {
    if (praise > 0 && complaints === 0 && !test(CONTRAST, s)) {
      return { category: 'positive', confidence: 0.5, reason: '低分但文字为正面，疑似误点' };
    }
    if (complaints === 0) return { category: 'subjective', confidence: 0.45, reason: '低分，未见具体理由' };
    return { category: 'subjective', confidence: Math.min(0.85, 0.6 + 0.06 * complaints), reason: '对商品或服务的真实不满' };
  }
  // No rating: text only.
  const { afterContrastPraise, afterContrastComplaints } = ctx.sentiment;
  if (afterContrastComplaints > 0 && afterContrastPraise === 0 && complaints >= praise - 1) {
    return { category: 'subjective', confidence: 0.45, reason: '转折后为不满（无评分）' };
  }
  if (complaints > praise) return { category: 'subjective', confidence: Math.min(0.75, 0.5 + 0.05 * complaints), reason: '文字为对商品或服务的不满（无评分）' };
  if (praise > complaints) return { category: 'positive', confidence: Math.min(0.8, 0.55 + 0.05 * praise), reason: '文字以正面为主（无评分）' };
  if (complaints > 0) return { category: 'subjective', confidence: 0.4, reason: '褒贬参半（无评分），按真实评价处理' };
  if (/[!?！？]{2,}/u.test(ctx.text)) return { category: 'subjective', confidence: 0.35, reason: '语气强烈但未见具体内容（无评分）' };
  return { category: 'positive', confidence: 0.35, reason: '未见负面内容（无评分）' };
}

function phraseList(ctx: Context, categories: readonly Category[]): MatchedPhrase[] {
  const text = ctx.input.text;
  const out: MatchedPhrase[] = [];
  const seen = new Set<string>();
  const push = (start: number, end: number, category: Category, reason: string): void => {
    if (!(end > start) || start < 0 || end > ctx.text.length) return;
    const key = `${start}:${end}:${category}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ start, end, text: text.slice(start, end), category, reason });
  };
  for (const cat of categories) {
    if (cat === 'subjective') {
      for (const [a, b] of ctx.sentiment.complaintSpans) push(a, b, 'subjective', '对商品/服务的不满');
    } else if (cat === 'positive') {
      for (const [a, b] of ctx.sentiment.praiseSpans) push(a, b, 'positive', '正面评价用语');
    } else {
      for (const s of ctx.ev.of(cat)) if (s.start !== undefined && s.end !== undefined && s.weight >= 0.2) push(s.start, s.end, cat, s.reason);
    }
  }
  out.sort((x, y) => x.start - y.start || x.end - y.end || CATEGORY_PRIORITY.indexOf(x.category) - CATEGORY_PRIORITY.indexOf(y.category));
  return out;
}

function reasonLines(ctx: Context, cat: Category, signals: readonly Signal[]): string[] {
  const notes: string[] = [];
  const byReason = new Map<string, Array<[number, number]>>();
  for (const s of [...signals].sort((a, b) => b.weight - a.weight)) {
    if (s.note) {
      if (!notes.includes(s.note)) notes.push(s.note);
      continue;
    }
    if (s.start === undefined || s.end === undefined || s.weight < 0.2) continue;
    const spans = byReason.get(s.reason) ?? [];
    // Overlapping matches of one reason ("「X店」" and "还是买「X店"): quote their union once.
    const k = spans.findIndex(([a, b]) => (s.start ?? 0) < b && a < (s.end ?? 0));
    if (k >= 0) {
      const [a, b] = spans[k]!;
      spans[k] = [Math.min(a, s.start), Math.max(b, s.end)];
    } else spans.push([s.start, s.end]);
    byReason.set(s.reason, spans);
  }
  const spanLines: string[] = [];
  for (const [reason, spans] of byReason) {
    const texts: string[] = [];
    for (const [a, b] of spans) {
      const t = ctx.text.slice(a, b).trim();
      if (t && !texts.includes(t)) texts.push(t);
    }
    const shown = texts.slice(0, 3).map((t) => `“${t.length > 24 ? `${t.slice(0, 24)}…` : t}”`).join('、');
    spanLines.push(`${CATEGORY_LABEL[cat]}：${reason}${shown ? `（${shown}）` : ''}`);
  }
  return [...spanLines, ...notes];
}

/** Is there a complaint about the product outside the words that made the stronger category? */
function genuineComplaintBesides(ctx: Context, spans: ReadonlyArray<readonly [number, number]>): boolean {
  return ctx.sentiment.complaintSpans.some(([a, b]) => {
    const c = ctx.clauseOf[a] ?? 0;
    if (ctx.offTopicClauses.has(c) && !ctx.onTopicClauses.has(c)) return false;
    if (!ctx.sentiment.complaintClauses.has(c)) return false;
    return !spans.some(([x, y]) => a < y && x < b);
  });
}

/** Signal kinds behind a category, strongest first, each once. */
function kindsOf(signals: readonly Signal[]): SignalKind[] {
  const out: SignalKind[] = [];
  for (const s of [...signals].sort((a, b) => b.weight - a.weight)) if (!out.includes(s.kind)) out.push(s.kind);
  return out;
}

function chatEvidence(ctx: Context, categories: readonly Category[]): ChatEvidence[] {
  const out: ChatEvidence[] = [];
  const seen = new Set<string>();
  for (const s of ctx.ev.signals) {
    if (!s.chatLines || !categories.includes(s.category)) continue;
    for (const i of s.chatLines) {
      const key = `${i}:${s.category}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const line = ctx.chat.find((c) => c.index === i);
      if (!line) continue;
      out.push({ index: i, from: line.from, text: line.text, at: line.at, category: s.category, reason: s.reason });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

function missingInputs(input: ClassifyInput): string[] {
  const missing: string[] = [];
  if (input.rating === undefined || input.rating === null) missing.push('rating');
  if (input.order === undefined || input.order === null) missing.push('order');
  if (input.chat === undefined) missing.push('chat');
  if (!input.reviewedAt) missing.push('reviewedAt');
  if (!input.platform) missing.push('platform');
  return missing;
}

function ratingFacts(ctx: Context, main: Category, sentimentCall: SentimentCall): void {
  const r = ctx.rating;
  if (r === null) {
    ctx.ev.fact({ fact: 'rating', finding: '未提供星级', effect: 'missing', category: null });
    return;
  }
  const { praise, complaints } = ctx.sentiment;
  if (r >= 4 && (main === 'abusive' || main === 'competitor' || main === 'extortion')) {
    ctx.ev.fact({ fact: 'rating', finding: `${r}星却含${CATEGORY_LABEL[main]}内容：星级与内容矛盾`, effect: 'supports', category: main });
  } else if (r >= 4 && sentimentCall.category === 'subjective') {
    ctx.ev.fact({ fact: 'rating', finding: `${r}星但文字为不满（反讽或星级选错）：按文字内容判断`, effect: 'neutral', category: 'subjective' });
  } else if (r <= 2 && main === 'positive' && praise > 0 && complaints === 0) {
    ctx.ev.fact({ fact: 'rating', finding: `${r}星但文字为好评：星级与内容矛盾，疑似误点`, effect: 'supports', category: 'positive' });
  } else {
    ctx.ev.fact({ fact: 'rating', finding: `${r}星`, effect: 'neutral', category: null });
  }
}

export function classifyReview(input: ClassifyInput): Classification {
  const ctx = prepare(input);
  const { ev } = ctx;
  const high = ctx.rating !== null && ctx.rating >= 4;

  detectTextExtortion(ctx);
  detectChatExtortion(ctx);
  detectCompetitor(ctx);
  detectChatTrade(ctx);
  detectAbusive(ctx);
  detectPrivacy(ctx);
  // A 4–5★ review that is not a complaint (or, without a rating, a text where praise outweighs complaints)
  // is not a negative review: skip the weak grounds.
  const { praise, complaints } = ctx.sentiment;
  const praiseOnly = high ? complaints <= praise : ctx.rating === null && praise > complaints;
  if (!praiseOnly) {
    detectNotReceived(ctx);
    detectIrrelevant(ctx);
  }
  detectOrderFacts(ctx);
  detectFakeClaim(ctx);
  chatFact(ctx);

  const detected = APPEAL_GROUNDS.filter((c) => ev.score(c) >= THRESHOLD);
  const sentimentCall = decideSentiment(ctx);
  const main: Category = detected[0] ?? sentimentCall.category;

  // `also`: other grounds in priority order, plus `subjective` when a genuine complaint remains.
  const also: Category[] = detected.filter((c) => c !== main);
  if (main !== 'subjective' && main !== 'positive') {
    const maliciousSpans: Array<[number, number]> = [];
    for (const c of detected) for (const s of ev.of(c)) if (s.start !== undefined && s.end !== undefined) maliciousSpans.push([s.start, s.end]);
    if (ctx.negative && genuineComplaintBesides(ctx, maliciousSpans)) also.push('subjective');
  }
  also.sort((a, b) => CATEGORY_PRIORITY.indexOf(a) - CATEGORY_PRIORITY.indexOf(b));
  ratingFacts(ctx, main, sentimentCall);

  // Confidence: the evidence score, lowered for every fact that was missing and could have changed the call.
  const missing = missingInputs(input);
  let confidence: number;
  const doubts = APPEAL_GROUNDS.filter((c) => !detected.includes(c) && ev.score(c) >= DOUBT);
  if (main === 'subjective' || main === 'positive') {
    confidence = sentimentCall.confidence;
    if (doubts.length > 0) confidence *= 0.8;
    if (ctx.rating === null) confidence *= 0.85;
    if (input.chat === undefined && main === 'subjective') confidence *= 0.95; // extortion often shows only in chat
    if (ctx.status === null && main === 'subjective') confidence *= 0.95; // "not received" can only be checked against the order
  } else {
    confidence = ev.score(main);
    if (ctx.rating === null) confidence *= 0.9;
    if (sentimentCall.category === 'positive' && high) confidence *= 0.85;
    const orderDependent = main === 'not_received_or_unused' && ev.of(main).every((s) => s.weight < 0.8);
    if (orderDependent && ctx.status === null) confidence *= 0.85;
    if ((main === 'competitor' || main === 'not_received_or_unused') && !input.reviewedAt) confidence *= 0.95;
  }
  confidence = Math.round(Math.min(0.97, Math.max(0.05, confidence)) * 100) / 100;

  // Reasons, strongest first.
  const reasons: string[] = [];
  for (const cat of [main, ...also]) {
    if (cat === 'subjective' || cat === 'positive') {
      if (cat === main) reasons.push(`${CATEGORY_LABEL[cat]}：${sentimentCall.reason}`);
      else reasons.push(`${CATEGORY_LABEL.subjective}：同时包含对商品或服务的真实不满`);
      for (const s of ev.of('subjective')) if (s.note && !reasons.includes(s.note)) reasons.push(s.note);
      continue;
    }
    for (const line of reasonLines(ctx, cat, ev.of(cat))) if (!reasons.includes(line)) reasons.push(line);
  }
  if ((main === 'subjective' || main === 'positive') && doubts.length > 0) {
    reasons.push(`存在${doubts.map((c) => CATEGORY_LABEL[c]).join('、')}的迹象但证据不足，按${CATEGORY_LABEL[main]}处理`);
  }
  const weakAbuse = main !== 'abusive' && !also.includes('abusive') && ev.hasKind('profanity', 'abusive');
  if (weakAbuse && (main === 'subjective' || main === 'positive') && !doubts.includes('abusive')) {
    reasons.push('含粗口但未针对具体人员：平台可能屏蔽个别词语，整体仍按内容判断');
  }

  const facts: FactCheck[] = ev.facts;
  return {
    category: main,
    confidence,
    also,
    phrases: phraseList(ctx, [main, ...also]),
    reasons,
    version: CLASSIFIER_VERSION,
    evidence: { facts, chat: chatEvidence(ctx, [main, ...also]), missing },
    route: routeFor(main, ctx.platform, kindsOf(ev.of(main)), ctx.rating),
  };
}
