/**
 * Detectors for classification v0. Each reads a prepared `Context` and adds `Signal`s to its
 * `Evidence`; `index.ts` turns the evidence into a category, confidence and reasons.
 */
import type { Category, ClassifyInput } from '../schemas/classification';
import { Evidence } from './evidence';
import * as L from './lexicon';
import { compactSpanToOriginal, normalize, type Normalized } from './normalize';

export type OrderStatus = 'not_shipped' | 'in_transit' | 'signed' | 'consumed' | 'none';

export interface Sentiment {
  /** Praise words not negated. */
  readonly praise: number;
  /** Specific complaints about the product or the shop's service (incl. negated praise). */
  readonly complaints: number;
  /** Complaints outside sentences that are only about the courier / platform / weather / personal life. */
  readonly onTopicComplaints: number;
  /** Spans (original offsets) of praise and complaint words, for phrases. */
  readonly praiseSpans: ReadonlyArray<readonly [number, number]>;
  readonly complaintSpans: ReadonlyArray<readonly [number, number]>;
}

export interface Context {
  readonly input: ClassifyInput;
  readonly nz: Normalized;
  readonly rating: number | null;
  readonly status: OrderStatus | null;
  readonly platform: string | null;
  /** Buyer chat lines, normalised. */
  readonly buyerChat: ReadonlyArray<{ readonly text: string; readonly nz: Normalized }>;
  /** Clause id for every original index. */
  readonly clauseOf: Int32Array;
  /** Clauses that mention the courier, platform, weather or the reviewer's private life. */
  readonly offTopicClauses: ReadonlySet<number>;
  /** Clauses that name the shop's product or service. */
  readonly onTopicClauses: ReadonlySet<number>;
  readonly sentiment: Sentiment;
  /** Negative review: low rating, or (no rating) complaints outweigh praise. */
  readonly negative: boolean;
  readonly ev: Evidence;
}

// ───────────────────────────── preparation ─────────────────────────────

function isClauseBreak(c: number): boolean {
  // , . ! ? ; newline space tab 。 、 ~ …
  return (
    c === 0x2c || c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x0a || c === 0x0d || c === 0x20 ||
    c === 0x09 || c === 0x3002 || c === 0x3001 || c === 0x7e || c === 0x2026
  );
}

function clauses(lite: string): Int32Array {
  const out = new Int32Array(lite.length);
  let id = 0;
  let prevBreak = false;
  for (let i = 0; i < lite.length; i++) {
    const br = isClauseBreak(lite.charCodeAt(i));
    if (!br && prevBreak) id++;
    out[i] = id;
    prevBreak = br;
  }
  return out;
}

function compactClause(nz: Normalized, clauseOf: Int32Array, k: number): number {
  return clauseOf[nz.map[k] ?? 0] ?? 0;
}

function markClauses(nz: Normalized, clauseOf: Int32Array, re: RegExp, into: Set<number>): void {
  L.eachMatch(re, nz.compact, (m) => into.add(compactClause(nz, clauseOf, m.index)));
}

function sentiment(nz: Normalized, clauseOf: Int32Array, offTopic: ReadonlySet<number>, onTopic: ReadonlySet<number>): Sentiment {
  const s = nz.compact;
  let praise = 0;
  let complaints = 0;
  let onTopicComplaints = 0;
  const praiseSpans: Array<[number, number]> = [];
  const complaintSpans: Array<[number, number]> = [];
  const counted = new Set<number>(); // compact start positions already counted as complaints
  const countComplaint = (start: number, end: number): void => {
    for (let k = start; k < end; k++) if (counted.has(k)) return;
    for (let k = start; k < end; k++) counted.add(k);
    complaints++;
    const c = compactClause(nz, clauseOf, start);
    // Look two characters back so that lookbehinds (太少了 ≠ 少了) work; the hit must overlap the complaint.
    const from = Math.max(0, start - 2);
    let damage = false;
    L.eachMatch(L.DAMAGE, s.slice(from, end), (d) => {
      if (from + d.index + d[0].length > start) damage = true;
    });
    if (!offTopic.has(c) || onTopic.has(c) || damage) onTopicComplaints++;
    complaintSpans.push(compactSpanToOriginal(nz, start, end));
  };
  L.eachMatch(L.POSITIVE, s, (m) => {
    const before = s.slice(Math.max(0, m.index - 4), m.index);
    if (L.NEGATION_BEFORE.test(before)) {
      countComplaint(Math.max(0, m.index - 1), m.index + m[0].length);
    } else {
      praise++;
      praiseSpans.push(compactSpanToOriginal(nz, m.index, m.index + m[0].length));
    }
  });
  L.eachMatch(L.COMPLAINT, s, (m) => countComplaint(m.index, m.index + m[0].length));
  if (!platformTalk(s)) L.eachMatch(L.RECEIPT_COMPLAINT, s, (m) => countComplaint(m.index, m.index + m[0].length));
  return { praise, complaints, onTopicComplaints, praiseSpans, complaintSpans };
}

/** The text talks about platform coins/points/coupons and never about a parcel. */
function platformTalk(compact: string): boolean {
  return L.test(L.PLATFORM, compact) && !L.test(L.GOODS_WORD, compact);
}

export function prepare(input: ClassifyInput): Context {
  const nz = normalize(input.text);
  const clauseOf = clauses(nz.lite);
  const offTopic = new Set<number>();
  for (const re of [L.COURIER, L.PLATFORM, L.ENVIRONMENT, L.PERSONAL]) markClauses(nz, clauseOf, re, offTopic);
  const onTopic = new Set<number>();
  markClauses(nz, clauseOf, L.ON_TOPIC, onTopic);
  const sent = sentiment(nz, clauseOf, offTopic, onTopic);
  const rating = typeof input.rating === 'number' && input.rating >= 1 ? input.rating : null;
  const status = (input.order?.status ?? null) as OrderStatus | null;
  const buyerChat = (input.chat ?? [])
    .filter((c) => c.from === 'buyer' && c.text.trim().length > 0)
    .map((c) => ({ text: c.text, nz: normalize(c.text) }));
  const negative = rating !== null ? rating <= 3 || sent.complaints > sent.praise : sent.complaints > sent.praise;
  return {
    input,
    nz,
    rating,
    status,
    platform: input.platform ?? null,
    buyerChat,
    clauseOf,
    offTopicClauses: offTopic,
    onTopicClauses: onTopic,
    sentiment: sent,
    negative,
    ev: new Evidence(),
  };
}

// ───────────────────────────── helpers ─────────────────────────────

function addCompact(ctx: Context, category: Category, weight: number, reason: string, start: number, end: number): void {
  const [a, b] = compactSpanToOriginal(ctx.nz, start, end);
  ctx.ev.add({ category, weight, reason, start: a, end: b });
}

function window(s: string, start: number, end: number, before: number, after: number): string {
  return s.slice(Math.max(0, start - before), Math.min(s.length, end + after));
}

/** Is a person (seller, staff, "you") mentioned near `[start, end)` of the compact text? */
function personNear(s: string, start: number, end: number, before = 12, after = 8): boolean {
  return L.test(L.PERSON, window(s, start, end, before, after));
}

/** The buyer reports being insulted ("客服骂我sb") rather than insulting. */
function reportedSpeech(s: string, start: number): boolean {
  return /(?:骂我|说我是?|叫我|称我|喊我)[^,!?。]{0,3}$/u.test(s.slice(Math.max(0, start - 6), start));
}

function quote(text: string, max = 40): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

function praiseDominates(ctx: Context): boolean {
  const { praise, complaints } = ctx.sentiment;
  return praise > complaints && (ctx.rating === null || ctx.rating >= 4);
}

// ───────────────────────────── abusive ─────────────────────────────

export function detectAbusive(ctx: Context): void {
  const s = ctx.nz.compact;
  const enthusiastic = praiseDominates(ctx);

  L.eachMatch(L.STRONG_INSULT, s, (m) => {
    const w = reportedSpeech(s, m.index) ? 0.3 : 0.9;
    addCompact(ctx, 'abusive', w, '辱骂/谐音脏话', m.index, m.index + m[0].length);
  });
  L.eachMatch(L.ABBR_INSULT, s, (m) => {
    const w = reportedSpeech(s, m.index) ? 0.3 : 0.9;
    addCompact(ctx, 'abusive', w, '拼音缩写辱骂', m.index, m.index + m[0].length);
  });
  if (!enthusiastic) {
    L.eachMatch(L.PROFANITY, s, (m) => addCompact(ctx, 'abusive', 0.7, '粗口', m.index, m.index + m[0].length));
  }
  L.eachMatch(L.PERSON_INSULT, s, (m) => {
    const end = m.index + m[0].length;
    if (personNear(s, m.index, end, 16, 10) && !reportedSpeech(s, m.index)) {
      addCompact(ctx, 'abusive', 0.8, '针对人员的侮辱/人身攻击', m.index, end);
    }
  });
  L.eachMatch(L.WEAK_PERSON_INSULT, s, (m) => {
    const end = m.index + m[0].length;
    if (personNear(s, m.index, end, 10, 8)) addCompact(ctx, 'abusive', 0.3, '对人员的贬损称呼', m.index, end);
  });
  L.eachMatch(L.INSULT_EMOJI, s, (m) => {
    const end = m.index + m[0].length;
    const aimed = personNear(s, m.index, end, 8, 6) || /(?:是|个|像|跟)[^,!?。]{0,1}$/u.test(s.slice(Math.max(0, m.index - 2), m.index));
    if (aimed) addCompact(ctx, 'abusive', 0.75, '用动物/侮辱性表情指代人员', m.index, end);
  });
  L.eachMatch(L.THREAT, s, (m) => addCompact(ctx, 'abusive', 0.8, '诅咒或威胁', m.index, m.index + m[0].length));
  L.eachMatch(L.DEFAME, s, (m) => {
    const end = m.index + m[0].length;
    if (personNear(s, m.index, end, 20, 10)) addCompact(ctx, 'abusive', 0.75, '与经营无关的犯罪/私生活指控（诽谤）', m.index, end);
  });
  if (ctx.ev.score('abusive') > 0) {
    L.eachMatch(L.WEAK_PROFANITY, s, (m) => addCompact(ctx, 'abusive', 0.2, '粗口', m.index, m.index + m[0].length));
  }
}

// ───────────────────────────── privacy ─────────────────────────────

type ContactUse = 'ad' | 'incite' | 'competitor' | 'private' | 'owner' | 'public' | 'unknown';

function contactUse(around: string): ContactUse {
  if (L.test(L.CONTACT_AD, around)) return 'ad';
  if (L.test(L.CONTACT_INCITE, around)) return 'incite';
  if (L.test(L.CONTACT_COMPETITOR, around)) return 'competitor';
  if (L.test(L.CONTACT_PUBLIC, around)) return 'public';
  if (L.test(L.CONTACT_OWNER_THIRD, around)) return L.test(L.CONTACT_PRIVATE, around) ? 'private' : 'owner';
  return 'unknown';
}

function addContact(ctx: Context, kind: string, start: number, end: number): void {
  const around = ctx.nz.lite.slice(Math.max(0, start - 20), Math.min(ctx.nz.lite.length, end + 24));
  const use = contactUse(around);
  const span = { start, end };
  switch (use) {
    case 'ad':
      ctx.ev.add({ category: 'irrelevant', weight: 0.75, reason: `无关广告中的${kind}`, ...span });
      break;
    case 'incite':
    case 'private':
      ctx.ev.add({ category: 'abusive', weight: 0.85, reason: `泄露他人${kind}（隐私）`, ...span });
      break;
    case 'owner':
      // Could be the shop's own business number: not enough alone.
      ctx.ev.add({ category: 'abusive', weight: 0.45, reason: `公开店家/人员的${kind}`, ...span });
      break;
    case 'public':
      break;
    case 'competitor':
      ctx.ev.add({ category: 'competitor', weight: 0.75, reason: `留${kind}导流`, ...span });
      break;
    default:
      ctx.ev.add({ category: 'abusive', weight: 0.35, reason: `含${kind}（疑似隐私）`, ...span });
  }
}

export function detectPrivacy(ctx: Context): void {
  const { lite, compact } = ctx.nz;
  L.eachMatch(L.PHONE, lite, (m) => addContact(ctx, '手机号', m.index, m.index + m[0].length));
  L.eachMatch(L.WECHAT, lite, (m) => addContact(ctx, '微信/QQ号', m.index, m.index + m[0].length));
  L.eachMatch(L.ID_NUMBER, lite, (m) => {
    const around = lite.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20);
    if (L.test(L.CONTACT_AD, around)) return;
    ctx.ev.add({ category: 'abusive', weight: 0.85, reason: '泄露身份证号（隐私）', start: m.index, end: m.index + m[0].length });
  });
  L.eachMatch(L.ADDRESS, compact, (m) => {
    if (personNear(compact, m.index, m.index + m[0].length, 20, 0)) {
      addCompact(ctx, 'abusive', 0.8, '泄露他人住址（隐私）', m.index, m.index + m[0].length);
    }
  });
  L.eachMatch(L.STAFF_NAME, compact, (m) => addCompact(ctx, 'abusive', 0.25, '公开人员姓名', m.index, m.index + m[0].length));
}

// ───────────────────────────── competitor ─────────────────────────────

export function detectCompetitor(ctx: Context): void {
  const { lite, compact } = ctx.nz;
  const neg = ctx.negative;

  L.eachMatch(L.LINK, lite, (m) => {
    const around = lite.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20);
    if (L.test(L.CONTACT_AD, around)) {
      ctx.ev.add({ category: 'irrelevant', weight: 0.7, reason: '无关广告链接', start: m.index, end: m.index + m[0].length });
    } else {
      ctx.ev.add({ category: 'competitor', weight: 0.8, reason: '评价中附链接/口令导流', start: m.index, end: m.index + m[0].length });
    }
  });
  L.eachMatch(L.SELF_ID, compact, (m) =>
    addCompact(ctx, 'competitor', 0.75, '暴露同行身份（我们店/我们家/我是做…的）', m.index, m.index + m[0].length),
  );
  L.eachMatch(L.PROMO_STRONG, compact, (m) =>
    addCompact(ctx, 'competitor', neg ? 0.6 : 0.3, '引流/拉客话术', m.index, m.index + m[0].length),
  );
  if (neg) {
    L.eachMatch(L.PROMO_WEAK, compact, (m) => addCompact(ctx, 'competitor', 0.2, '推广话术', m.index, m.index + m[0].length));
    L.eachMatch(L.QUOTED_NAME, lite, (m) => {
      const name = (m[1] ?? '').trim();
      const before = lite.slice(Math.max(0, m.index - 10), m.index);
      const shopLike = L.SHOP_SUFFIX.test(name);
      const promoted = L.PROMO_VERB_BEFORE.test(before);
      if (shopLike || promoted) {
        ctx.ev.add({
          category: 'competitor',
          weight: shopLike && promoted ? 0.75 : 0.6,
          reason: '点名推荐其他店铺/品牌',
          start: m.index,
          end: m.index + m[0].length,
        });
      }
    });
    L.eachMatch(L.NAMED_RIVAL, compact, (m) =>
      addCompact(ctx, 'competitor', 0.6, '点名推荐其他店铺/品牌', m.index, m.index + m[0].length),
    );
  }
  for (const line of ctx.buyerChat) {
    const c = line.nz.compact;
    if (L.test(L.CHAT_TRADE_SELF, c) || L.test(L.SELF_ID, c)) {
      ctx.ev.add({
        category: 'competitor',
        weight: 0.75,
        reason: '聊天中自曝同行身份',
        note: `聊天记录：买家称“${quote(line.text)}”，自曝同行身份`,
      });
    } else if (L.test(L.CHAT_TRADE_PROBE, c)) {
      ctx.ev.add({
        category: 'competitor',
        weight: 0.35,
        reason: '聊天中打探货源/进价',
        note: `聊天记录：买家打探货源或进价：“${quote(line.text)}”`,
      });
    }
  }
  // A rival calling the goods fake with nothing to back it adds defamation.
  if (ctx.ev.score('competitor') >= 0.5) {
    L.eachMatch(L.FAKE_CLAIM, compact, (m) =>
      addCompact(ctx, 'abusive', 0.55, '无依据指称假货/翻新', m.index, m.index + m[0].length),
    );
  }
}

// ───────────────────────────── extortion ─────────────────────────────

interface ExtortionMatch {
  readonly spans: Array<[number, number]>; // compact spans
}

const DEMAND_LEVER_DISTANCE = 40;

function findExtortion(compact: string, proximity: boolean): ExtortionMatch | null {
  const demand: Array<[number, number]> = [];
  const mod: Array<[number, number]> = [];
  const threat: Array<[number, number]> = [];
  const cond: Array<[number, number]> = [];
  L.eachMatch(L.EXT_DEMAND, compact, (m) => demand.push([m.index, m.index + m[0].length]));
  if (demand.length === 0) return null;
  L.eachMatch(L.EXT_LEVER_MOD, compact, (m) => mod.push([m.index, m.index + m[0].length]));
  L.eachMatch(L.EXT_LEVER_THREAT, compact, (m) => threat.push([m.index, m.index + m[0].length]));
  L.eachMatch(L.EXT_COND, compact, (m) => cond.push([m.index, m.index + m[0].length]));
  const near = (a: [number, number], b: [number, number]): boolean =>
    !proximity || Math.abs(a[0] - b[0]) <= DEMAND_LEVER_DISTANCE;
  for (const d of demand) {
    const m = mod.find((x) => near(d, x));
    if (m) return { spans: [d, m] };
    const t = threat.find((x) => near(d, x));
    const c = cond.find((x) => near(d, x));
    if (t && c) return { spans: [d, t, c] };
  }
  return null;
}

export function detectExtortion(ctx: Context): void {
  const found = findExtortion(ctx.nz.compact, true);
  if (found) {
    for (const [a, b] of found.spans) addCompact(ctx, 'extortion', 0.6, '以差评/改评为筹码索取利益', a, b);
  }
  for (const line of ctx.buyerChat) {
    if (findExtortion(line.nz.compact, false)) {
      ctx.ev.add({
        category: 'extortion',
        weight: 0.85,
        reason: '聊天中以评价要挟',
        note: `聊天记录：买家称“${quote(line.text)}”`,
      });
    }
  }
}

// ───────────────────────────── not received / unused, order facts ─────────────────────────────

const CN_NUM: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 半: 0.5, 几: 2 };

function parseAmount(s: string): number {
  if (/^\d+$/u.test(s)) return Number(s);
  if (s === '十') return 10;
  if (s.length === 2 && s[0] === '十') return 10 + (CN_NUM[s[1] ?? ''] ?? 0);
  if (s.length >= 2 && s[1] === '十') return (CN_NUM[s[0] ?? ''] ?? 1) * 10 + (CN_NUM[s[2] ?? ''] ?? 0);
  return CN_NUM[s[0] ?? ''] ?? 1;
}

const UNIT_HOURS: Record<string, number> = { 小时: 1, 天: 24, 周: 168, 星期: 168, 礼拜: 168, 月: 720, 年: 8760 };

function hoursBetween(a: string | null | undefined, b: string | null | undefined): number | null {
  if (!a || !b) return null;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return null;
  return (tb - ta) / 3_600_000;
}

function formatHours(h: number): string {
  if (h < 1) return `${Math.max(1, Math.round(h * 60))}分钟`;
  if (h < 48) return `${Math.round(h)}小时`;
  return `${Math.round(h / 24)}天`;
}

export function detectNotReceived(ctx: Context): void {
  const s = ctx.nz.compact;
  const { status } = ctx;
  const prejudge: Array<[number, number]> = [];
  L.eachMatch(L.PREJUDGE, s, (m) => prejudge.push([m.index, m.index + m[0].length]));
  const observed = L.test(L.OBSERVED, s);

  // "I haven't opened / used / visited it yet".
  const unused: Array<[number, number]> = [];
  L.eachMatch(L.UNUSED, s, (m) => unused.push([m.index, m.index + m[0].length]));
  if (unused.length > 0) {
    if (observed && prejudge.length === 0) {
      ctx.ev.add({
        category: 'subjective',
        weight: 0.3,
        reason: '虽未使用但描述了实际发生的问题',
        note: '买家虽未使用/未到店，但投诉的是已实际发生的问题（如拆看色差、预约限制），按真实不满处理',
      });
    } else {
      const w = status === 'signed' || status === 'consumed' || prejudge.length > 0 ? 0.85 : 0.7;
      for (const [a, b] of unused) addCompact(ctx, 'not_received_or_unused', w, '自述尚未拆封/使用/到店', a, b);
      for (const [a, b] of prejudge) addCompact(ctx, 'not_received_or_unused', 0.3, '未使用即预判或先给差评', a, b);
    }
  }

  // "I never got it".
  const claims: Array<[number, number]> = [];
  // "没收到" about platform coins or points is not about the parcel.
  if (!platformTalk(s)) L.eachMatch(L.NOT_RECEIVED, s, (m) => claims.push([m.index, m.index + m[0].length]));
  if (claims.length > 0) {
    if (status === 'signed') {
      for (const [a, b] of claims) addCompact(ctx, 'not_received_or_unused', 0.85, '物流已签收却称未收到', a, b);
      const signedAt = ctx.input.order?.signedAt;
      ctx.ev.add({
        category: 'not_received_or_unused',
        weight: 0.3,
        reason: '订单状态为已签收',
        note: `订单物流状态为已签收${signedAt ? `（签收时间 ${signedAt}）` : ''}，可附签收/出库记录申诉`,
      });
    } else if (status === 'in_transit' || status === 'not_shipped') {
      if (prejudge.length > 0) {
        for (const [a, b] of claims) addCompact(ctx, 'not_received_or_unused', 0.6, '尚未收货', a, b);
        for (const [a, b] of prejudge) addCompact(ctx, 'not_received_or_unused', 0.5, '未收货即预判质量/先给差评', a, b);
      } else {
        ctx.ev.add({
          category: 'subjective',
          weight: 0.4,
          reason: '未收到属实',
          note: status === 'in_transit' ? '订单确在运输途中，买家称未收到属实' : '订单确未发货，买家不满属实',
        });
      }
    } else if (status === null || status === 'none') {
      if (prejudge.length > 0) {
        for (const [a, b] of claims) addCompact(ctx, 'not_received_or_unused', 0.45, '称未收到货', a, b);
        for (const [a, b] of prejudge) addCompact(ctx, 'not_received_or_unused', 0.3, '未收货即预判质量/先给差评', a, b);
      } else {
        ctx.ev.add({
          category: 'not_received_or_unused',
          weight: 0.25,
          reason: '称未收到货（缺少物流状态）',
          note: '买家称未收到货；未提供物流状态，若物流显示已签收可按未收货申诉',
        });
      }
    }
  } else if ((status === 'in_transit' || status === 'not_shipped') && ctx.negative) {
    // Not shipped / still travelling, and the buyer already judges the goods.
    const judging = prejudge.filter(([a, b]) => /先|估计|肯定|应该|听说|看/u.test(s.slice(a, b)));
    if (judging.length > 0) {
      for (const [a, b] of judging) addCompact(ctx, 'not_received_or_unused', 0.6, '尚未收货即评价/预判质量', a, b);
    }
  }
}

/** Facts from the order record: no consumption record; usage claimed before it was possible. */
export function detectOrderFacts(ctx: Context): void {
  const { status } = ctx;
  const s = ctx.nz.compact;
  if (status === 'none' && ctx.negative && ctx.sentiment.onTopicComplaints > 0) {
    ctx.ev.add({
      category: 'not_received_or_unused',
      weight: ctx.platform === 'dianping' ? 0.6 : 0.45,
      reason: '无消费/订单记录',
      note: '该评价没有关联的订单或消费记录，却描述了消费体验',
    });
  }
  if (status !== 'signed') return;
  const gap = hoursBetween(ctx.input.order?.signedAt, ctx.input.reviewedAt);
  if (gap === null || gap < 0 || gap > 72) return;
  let claimed = 0;
  let claimSpan: [number, number] | null = null;
  L.eachMatch(L.USAGE_DURATION, s, (m) => {
    const amount = parseAmount(m[1] ?? m[3] ?? '1');
    const unit = UNIT_HOURS[m[2] ?? m[4] ?? '天'] ?? 24;
    const h = amount * unit;
    if (h > claimed) {
      claimed = h;
      claimSpan = [m.index, m.index + m[0].length];
    }
  });
  if (claimed === 0) {
    L.eachMatch(L.USAGE_ACT, s, (m) => {
      if (claimed === 0) {
        claimed = 2;
        claimSpan = [m.index, m.index + m[0].length];
      }
    });
  }
  const span = claimSpan as [number, number] | null;
  if (span && claimed >= 1 && gap < claimed * 0.5 && gap < 24) {
    const text = s.slice(span[0], span[1]);
    addCompact(ctx, 'competitor', 0.65, '签收后极短时间内即称已长期/多次使用', span[0], span[1]);
    ctx.ev.add({
      category: 'competitor',
      weight: 0.1,
      reason: '签收与评价时间矛盾',
      note: `签收后仅${formatHours(gap)}即发布评价，却称“${text}”，使用经历与物流时间矛盾`,
    });
    ctx.ev.add({ category: 'not_received_or_unused', weight: 0.55, reason: '签收后极短时间内不可能已使用', note: '按签收时间推算，买家不可能已如所述使用商品' });
  }
}

// ───────────────────────────── irrelevant ─────────────────────────────

function isGibberish(ctx: Context): boolean {
  const s = ctx.nz.compact.replace(/\s+/gu, '');
  if (s.length === 0) return false;
  let cjk = 0;
  let letters = 0;
  const freq = new Map<string, number>();
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x4e00 && c <= 0x9fff) cjk++;
    else if (c >= 0x61 && c <= 0x7a) letters++;
    freq.set(ch, (freq.get(ch) ?? 0) + 1);
  }
  if (cjk === 0 && letters === 0) return true; // only digits, punctuation, emoji
  const total = [...s].length;
  let top = 0;
  for (const v of freq.values()) top = Math.max(top, v);
  if (total >= 6 && top / total >= 0.6) return true; // 啊啊啊啊啊啊
  return false;
}

/** A short unit repeated to fill the length requirement: 凑字数凑字数…, 好评好评… */
function isRepetition(s: string): boolean {
  const t = s.replace(/[\s,!?。.]+/gu, '');
  if (t.length < 8) return false;
  for (let unit = 2; unit <= 4; unit++) {
    const u = t.slice(0, unit);
    let reps = 0;
    for (let i = 0; i + unit <= t.length; i += unit) {
      if (t.slice(i, i + unit) === u) reps++;
      else break;
    }
    if (reps >= 4 && reps * unit >= t.length * 0.7) return true;
  }
  return false;
}

export function detectIrrelevant(ctx: Context): void {
  const s = ctx.nz.compact;
  const strong: Array<[RegExp, string]> = [
    [L.PADDING, '凑字数/为积分随意填写'],
    [L.WRONG_ORDER, '评错订单或误操作'],
    [L.UNRELATED_AD, '无关广告/求助/社交内容'],
  ];
  for (const [re, reason] of strong) {
    L.eachMatch(re, s, (m) => addCompact(ctx, 'irrelevant', 0.7, reason, m.index, m.index + m[0].length));
  }
  if (isGibberish(ctx) || isRepetition(s)) {
    ctx.ev.add({
      category: 'irrelevant',
      weight: 0.75,
      reason: '无意义内容',
      start: 0,
      end: ctx.input.text.length,
      note: '评价内容为无意义的字符、表情或重复灌水',
    });
  }
  // Weak topics: only when nothing in the text is about the product or the shop.
  const aboutShop = ctx.sentiment.onTopicComplaints > 0 || hasOnTopicOutsideOffTopic(ctx);
  if (aboutShop) return;
  const weak: Array<[RegExp, string]> = [
    [L.COURIER, '仅针对快递/物流/骑手'],
    [L.PLATFORM, '仅针对平台规则/功能/平台客服'],
    [L.ENVIRONMENT, '仅涉及天气/市政/商场等非商家因素'],
    [L.PERSONAL, '仅涉及个人情绪或琐事'],
  ];
  for (const [re, reason] of weak) {
    L.eachMatch(re, s, (m) => addCompact(ctx, 'irrelevant', 0.55, reason, m.index, m.index + m[0].length));
  }
}

function hasOnTopicOutsideOffTopic(ctx: Context): boolean {
  for (const c of ctx.onTopicClauses) if (!ctx.offTopicClauses.has(c)) return true;
  return false;
}

