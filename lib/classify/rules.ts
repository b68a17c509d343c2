/**
 * Detectors that read the review text. Each reads a prepared `Context` and adds `Signal`s to its `Evidence`;
 * classify.ts turns the evidence into a category, confidence, reasons and a route. Order facts and the rating
 * are in facts.ts, chat in chat.ts, cross-review signals in batch.ts.
 */
import type { Category } from '../schemas/classification';
import { compactClause, platformTalk, type Context } from './context';
import type { SignalKind } from './evidence';
import {
  ABBR_INSULT,
  ADDRESS,
  AD_CALL,
  AD_OFFER,
  CONTACT_AD,
  CONTACT_COMPETITOR,
  CONTACT_INCITE,
  CONTACT_OWNER_THIRD,
  CONTACT_PRIVATE,
  CONTACT_PUBLIC,
  COURIER,
  DEFAME,
  ENVIRONMENT,
  EXT_COND,
  EXT_DEMAND,
  EXT_LEVER_MOD,
  EXT_LEVER_THREAT,
  EXT_PROMISED,
  FAKE_CLAIM,
  ID_NUMBER,
  INSULT_EMOJI,
  LINK,
  META_COMPLAINT,
  MOOD_EXACT,
  NAMED_RIVAL,
  NOT_RECEIVED,
  OBSERVED,
  PADDING,
  PEOPLE,
  PERSON,
  PERSONAL,
  PERSON_INSULT,
  PHONE,
  PLATFORM,
  PREJUDGE,
  PROFANITY,
  PROMO_STRONG,
  PROMO_VERB_BEFORE,
  PROMO_VERB_STRONG,
  PREJUDGE_WEAK,
  PROMO_WEAK,
  QUOTED_NAME,
  SELF_ID,
  SHOP_SUFFIX,
  SOCIAL,
  STAFF,
  STAFF_NAME,
  STRONG_INSULT,
  THREAT,
  UNUSED,
  WEAK_PERSON_INSULT,
  WEAK_PROFANITY,
  WECHAT,
  WRONG_ORDER,
  eachMatch,
  test,
} from './lexicon';
import { compactSpanToOriginal } from './normalize';

// ───────────────────────────── helpers ─────────────────────────────

/** Cheap pre-checks (one character class) before the expensive patterns they guard. */
const RIVAL_HINT = /[牌记]|推荐|认准|建议|还是|大家去/u;
/** Shopping sites, short links and share codes. */
const SHOP_LINK = /taobao|tmall|tb\.cn|jd\.com|3\.cn|yangkeduo|pinduoduo|pdd|item\.|shop|mall|dianping|meituan|口令|复制|[￥$₴€]/iu;
/** Words that offer the link as a place to buy. */
const BUY_CUE = /买|店|正品|同款|便宜|优惠|领券|下单|链接|看这|搜/u;
/** Global twin of MOOD_EXACT for `test()`. */
const MOOD_EXACT_G = new RegExp(MOOD_EXACT.source, 'gu');
const LEVER_HINT = /[评星删改曝挂懂搞整弄抖博完分]|小红书|等着|到处说|发一遍|全发|好看/u;

export function addCompact(ctx: Context, category: Category, weight: number, reason: string, kind: SignalKind, start: number, end: number): void {
  const [a, b] = compactSpanToOriginal(ctx.nz, start, end);
  ctx.ev.add({ category, weight, reason, kind, start: a, end: b });
}

/** Is a person (seller, staff, "you") mentioned near `[start, end)` of the compact text, outside the match itself? */
function personNear(s: string, start: number, end: number, before = 12, after = 8, who: RegExp = PERSON): boolean {
  return test(who, s.slice(Math.max(0, start - before), start)) || test(who, s.slice(end, Math.min(s.length, end + after)));
}

/** The buyer reports being insulted ("客服骂我sb") rather than insulting. */
function reportedSpeech(s: string, start: number): boolean {
  return /(?:骂我|说我是?|叫我|称我|喊我|回我|回复我|怼我)[^,!?。]{0,3}$/u.test(s.slice(Math.max(0, start - 6), start));
}

/** Aimed at the buyer themself or at whoever buys ("我真是个傻逼", "谁买谁傻逼"): harsh, but no one is insulted. */
function selfOrAnyone(s: string, start: number): boolean {
  const before = s.slice(Math.max(0, start - 10), start);
  return (
    /(?:我|我真|我就|我也|我才|自己)(?:是|真是|就是)?(?:个|一个|大)?$/u.test(before) ||
    /谁[^,!?。]{0,8}谁(?:是|就是|就|都是)?(?:个)?$/u.test(before) ||
    /(?:谁|哪个|什么人)(?:会)?$/u.test(before)
  );
}

function quote(text: string, max = 40): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

function praiseDominates(ctx: Context): boolean {
  const { praise, complaints } = ctx.sentiment;
  return praise > complaints && (ctx.rating === null || ctx.rating >= 4);
}

/** Letters left after removing `spans` (compact offsets): is the review nothing but the insult? */
function nothingElse(s: string, spans: ReadonlyArray<readonly [number, number]>): boolean {
  let rest = '';
  let k = 0;
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    if (a > k) rest += s.slice(k, a);
    k = Math.max(k, b);
  }
  rest += s.slice(k);
  return rest.replace(/[^\p{L}]/gu, '').length <= 3;
}

// ───────────────────────────── abusive ─────────────────────────────

export function detectAbusive(ctx: Context): void {
  const s = ctx.nz.compact;
  const enthusiastic = praiseDominates(ctx);
  const hits: Array<[number, number]> = [];
  const weakPersonInsults: Array<[number, number]> = [];

  const strong = (m: RegExpExecArray, reason: string): void => {
    const end = m.index + m[0].length;
    hits.push([m.index, end]);
    if (reportedSpeech(s, m.index)) addCompact(ctx, 'abusive', 0.3, `${reason}（转述他人的话）`, 'insult', m.index, end);
    else if (selfOrAnyone(s, m.index)) addCompact(ctx, 'abusive', 0.3, `${reason}（针对自己或泛指）`, 'insult', m.index, end);
    else addCompact(ctx, 'abusive', 0.9, reason, 'insult', m.index, end);
  };
  eachMatch(STRONG_INSULT, s, (m) => strong(m, '辱骂/谐音脏话'));
  eachMatch(ABBR_INSULT, s, (m) => strong(m, '拼音缩写辱骂'));

  eachMatch(PERSON_INSULT, s, (m) => {
    const end = m.index + m[0].length;
    if (reportedSpeech(s, m.index) || selfOrAnyone(s, m.index)) return;
    if (personNear(s, m.index, end, 16, 10)) {
      hits.push([m.index, end]);
      addCompact(ctx, 'abusive', 0.8, '针对人员的侮辱/人身攻击', 'insult', m.index, end);
    } else weakPersonInsults.push([m.index, end]);
  });
  // A review that is nothing but an insult word ("脑残", "滚") is aimed at the seller it is posted to.
  if (weakPersonInsults.length > 0 && nothingElse(s, weakPersonInsults)) {
    for (const [a, b] of weakPersonInsults) addCompact(ctx, 'abusive', 0.75, '整条评价只有侮辱性用语', 'insult', a, b);
  }

  eachMatch(PROFANITY, s, (m) => {
    const end = m.index + m[0].length;
    if (reportedSpeech(s, m.index)) return;
    if (personNear(s, m.index, end, 6, 6, PEOPLE)) {
      hits.push([m.index, end]);
      addCompact(ctx, 'abusive', 0.75, '对人员爆粗口', 'profanity', m.index, end);
    } else if (!enthusiastic) {
      // An intensifier about the product ("这尼玛是多久的饭") is harsh wording, not an insult of a person.
      addCompact(ctx, 'abusive', 0.2, '粗口（未指向具体人员）', 'profanity', m.index, end);
    }
  });
  const weakSeen = new Set<string>();
  eachMatch(WEAK_PERSON_INSULT, s, (m) => {
    const end = m.index + m[0].length;
    if (weakSeen.has(m[0]) || !(personNear(s, m.index, end, 10, 8) || test(PERSON, m[0]))) return;
    weakSeen.add(m[0]); // the same word twice is still one accusation
    addCompact(ctx, 'abusive', 0.3, '对人员的贬损称呼', 'insult', m.index, end);
  });
  eachMatch(INSULT_EMOJI, s, (m) => {
    const end = m.index + m[0].length;
    const aimed =
      personNear(s, m.index, end, 8, 6) ||
      /(?:是|个|像|跟|就是)[^,!?。]{0,1}$/u.test(s.slice(Math.max(0, m.index - 2), m.index)) ||
      hits.some(([a, b]) => Math.abs(a - end) <= 2 || Math.abs(m.index - b) <= 2);
    if (aimed) addCompact(ctx, 'abusive', 0.75, '用动物/侮辱性表情指代人员', 'insult', m.index, end);
  });
  eachMatch(THREAT, s, (m) => {
    if (reportedSpeech(s, m.index)) return;
    addCompact(ctx, 'abusive', 0.8, '诅咒或威胁', 'threat', m.index, m.index + m[0].length);
  });
  eachMatch(DEFAME, s, (m) => {
    const end = m.index + m[0].length;
    if (personNear(s, m.index, end, 20, 10, STAFF)) addCompact(ctx, 'abusive', 0.75, '与经营无关的犯罪/私生活指控（诽谤）', 'defamation', m.index, end);
  });
  if (ctx.ev.score('abusive') >= 0.5) {
    eachMatch(WEAK_PROFANITY, s, (m) => addCompact(ctx, 'abusive', 0.2, '粗口', 'profanity', m.index, m.index + m[0].length));
  }
}

// ───────────────────────────── privacy ─────────────────────────────

type ContactUse = 'ad' | 'incite' | 'competitor' | 'private' | 'owner' | 'public' | 'unknown';

function contactUse(around: string): ContactUse {
  if (test(CONTACT_AD, around)) return 'ad';
  if (test(CONTACT_INCITE, around)) return 'incite';
  if (test(CONTACT_COMPETITOR, around)) return 'competitor';
  if (test(CONTACT_PUBLIC, around)) return 'public';
  if (test(CONTACT_OWNER_THIRD, around)) return test(CONTACT_PRIVATE, around) ? 'private' : 'owner';
  return 'unknown';
}

function addContact(ctx: Context, kindLabel: string, start: number, end: number): void {
  const around = ctx.nz.lite.slice(Math.max(0, start - 20), Math.min(ctx.nz.lite.length, end + 24));
  const span = { start, end };
  switch (contactUse(around)) {
    case 'ad':
      ctx.ev.add({ category: 'irrelevant', weight: 0.75, reason: `无关广告中的${kindLabel}`, kind: 'ad', ...span });
      break;
    case 'incite':
    case 'private':
      ctx.ev.add({ category: 'abusive', weight: 0.85, reason: `泄露他人${kindLabel}（隐私）`, kind: 'privacy', ...span });
      break;
    case 'owner':
      // Could be the shop's own business number: not enough alone.
      ctx.ev.add({ category: 'abusive', weight: 0.45, reason: `公开店家/人员的${kindLabel}`, kind: 'privacy', ...span });
      break;
    case 'public':
      break;
    case 'competitor':
      ctx.ev.add({ category: 'competitor', weight: 0.75, reason: `留${kindLabel}导流`, kind: 'promo', ...span });
      break;
    default:
      ctx.ev.add({ category: 'abusive', weight: 0.35, reason: `含${kindLabel}（疑似隐私）`, kind: 'privacy', ...span });
  }
}

export function detectPrivacy(ctx: Context): void {
  const { lite, compact } = ctx.nz;
  eachMatch(PHONE, lite, (m) => {
    // An 11-digit order or waybill number is not a phone number.
    if (/(?:订单|单号|编号|运单|快递单)[^\d]{0,4}$/u.test(lite.slice(Math.max(0, m.index - 8), m.index))) return;
    addContact(ctx, '手机号', m.index, m.index + m[0].length);
  });
  eachMatch(WECHAT, lite, (m) => addContact(ctx, '微信/QQ号', m.index, m.index + m[0].length));
  eachMatch(ID_NUMBER, lite, (m) => {
    const around = lite.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20);
    if (test(CONTACT_AD, around)) return;
    ctx.ev.add({ category: 'abusive', weight: 0.85, reason: '泄露身份证号（隐私）', kind: 'privacy', start: m.index, end: m.index + m[0].length });
  });
  eachMatch(ADDRESS, compact, (m) => {
    if (personNear(compact, m.index, m.index + m[0].length, 20, 0)) {
      addCompact(ctx, 'abusive', 0.8, '泄露他人住址（隐私）', 'privacy', m.index, m.index + m[0].length);
    }
  });
  eachMatch(STAFF_NAME, compact, (m) => addCompact(ctx, 'abusive', 0.25, '公开人员姓名', 'privacy', m.index, m.index + m[0].length));
}

// ───────────────────────────── competitor ─────────────────────────────

export function detectCompetitor(ctx: Context): void {
  const { lite, compact } = ctx.nz;
  const neg = ctx.negative;

  eachMatch(LINK, lite, (m) => {
    const around = lite.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20);
    const span = { start: m.index, end: m.index + m[0].length };
    if (test(CONTACT_AD, around)) ctx.ev.add({ category: 'irrelevant', weight: 0.7, reason: '无关广告链接', kind: 'ad', ...span });
    // A shop link, a share code or a link offered with a buying cue is a lead to a rival; another link (a
    // how-to page) is only a doubt; a link in a review that is not negative harms no one.
    else {
      const shopping = SHOP_LINK.test(m[0]) || BUY_CUE.test(around);
      const w = !neg ? 0.35 : shopping ? 0.8 : 0.45;
      ctx.ev.add({ category: 'competitor', weight: w, reason: shopping ? '评价中附购物链接/口令导流' : '评价中附外部链接', kind: 'link', ...span });
    }
  });
  eachMatch(SELF_ID, compact, (m) =>
    addCompact(ctx, 'competitor', 0.75, '暴露同行身份（我们店/我们家/我是做…的）', 'self_id', m.index, m.index + m[0].length),
  );
  eachMatch(PROMO_STRONG, compact, (m) =>
    addCompact(ctx, 'competitor', neg ? 0.6 : 0.3, '引流/拉客话术', 'promo', m.index, m.index + m[0].length),
  );
  if (neg) {
    eachMatch(PROMO_WEAK, compact, (m) => addCompact(ctx, 'competitor', 0.2, '推广话术', 'promo', m.index, m.index + m[0].length));
    eachMatch(QUOTED_NAME, lite, (m) => {
      const name = (m[1] ?? '').trim();
      const before = lite.slice(Math.max(0, m.index - 10), m.index);
      // A quoted sentence (“你忘记上次…了”) is speech, not a name.
      if (/[你我他她吗呢吧啊了，,。？?！!]/u.test(name)) return;
      const shopLike = SHOP_SUFFIX.test(name);
      const promoted = PROMO_VERB_BEFORE.test(before);
      if (!shopLike && !(PROMO_VERB_STRONG.test(before) && name.length <= 10)) return;
      ctx.ev.add({
        category: 'competitor',
        weight: shopLike && promoted ? 0.75 : shopLike ? 0.6 : 0.5,
        reason: '点名推荐其他店铺/品牌',
        kind: 'rival',
        start: m.index,
        end: m.index + m[0].length,
      });
    });
    if (RIVAL_HINT.test(compact)) eachMatch(NAMED_RIVAL, compact, (m) =>
      addCompact(ctx, 'competitor', 0.6, '点名推荐其他店铺/品牌', 'rival', m.index, m.index + m[0].length),
    );
  }
}

/** A rival calling the goods fake with nothing to back it adds defamation (run after every competitor signal). */
export function detectFakeClaim(ctx: Context): void {
  if (ctx.ev.score('competitor') < 0.5) return;
  eachMatch(FAKE_CLAIM, ctx.nz.compact, (m) =>
    addCompact(ctx, 'abusive', 0.55, '无依据指称假货/翻新', 'fake_claim', m.index, m.index + m[0].length),
  );
}

// ───────────────────────────── extortion (review text) ─────────────────────────────

export interface ExtortionMatch {
  /** compact spans: demand, lever and (when needed) the conditional */
  readonly spans: Array<[number, number]>;
  /** The demand is something the seller promised (说好的返现): within the buyer's rights, weak. */
  readonly promised: boolean;
}

const DEMAND_LEVER_DISTANCE = 40;

/**
 * The extortion structure: a demand beyond the normal process (money, refund without return, gifts, free
 * service, an inflated invoice) tied to the review — an offer to change or delete it, or a threat of a bad
 * review / exposure / harm with a condition (不然, 否则, 不…就, 要么…要么).
 */
export function findExtortion(compact: string, proximity: boolean): ExtortionMatch | null {
  // Every lever names the review or a threat: without one of these characters there is nothing to find.
  if (!LEVER_HINT.test(compact)) return null;
  const demand: Array<[number, number]> = [];
  eachMatch(EXT_DEMAND, compact, (m) => demand.push([m.index, m.index + m[0].length]));
  if (demand.length === 0) return null;
  const mod: Array<[number, number]> = [];
  const threat: Array<[number, number]> = [];
  const cond: Array<[number, number]> = [];
  eachMatch(EXT_LEVER_MOD, compact, (m) => mod.push([m.index, m.index + m[0].length]));
  eachMatch(EXT_LEVER_THREAT, compact, (m) => threat.push([m.index, m.index + m[0].length]));
  eachMatch(EXT_COND, compact, (m) => cond.push([m.index, m.index + m[0].length]));
  const near = (a: [number, number], b: [number, number]): boolean => !proximity || Math.abs(a[0] - b[0]) <= DEMAND_LEVER_DISTANCE;
  const promisedNear = (d: [number, number]): boolean => test(EXT_PROMISED, compact.slice(Math.max(0, d[0] - 8), d[1] + 2));
  for (const d of demand) {
    const m = mod.find((x) => near(d, x) && (x[1] <= d[0] || x[0] >= d[1]));
    if (m) return { spans: [d, m], promised: promisedNear(d) };
    const t = threat.find((x) => near(d, x) && (x[1] <= d[0] || x[0] >= d[1]));
    const c = cond.find((x) => near(d, x));
    if (t && c) return { spans: [d, t, c], promised: promisedNear(d) };
  }
  return null;
}

export function detectTextExtortion(ctx: Context): void {
  const found = findExtortion(ctx.nz.compact, true);
  if (!found) return;
  const w = found.promised ? 0.25 : 0.6;
  const reason = found.promised ? '以差评催要商家承诺过的返现/赠品（非额外索取）' : '以差评/改评为筹码索取利益';
  // The demand carries the weight; the lever and the condition back it up (one structure, not three signals).
  const share = [1, 0.5, 0.3];
  found.spans.forEach(([a, b], k) => addCompact(ctx, 'extortion', w * (share[k] ?? 0.3), reason, 'demand', a, b));
}

// ───────────────────────────── not received / unused ─────────────────────────────

/** Clauses containing a match of `re`. */
function clausesOf(ctx: Context, re: RegExp): Set<number> {
  const out = new Set<number>();
  eachMatch(re, ctx.nz.compact, (m) => out.add(compactClause(ctx.nz, ctx.clauseOf, m.index)));
  return out;
}

/**
 * A complaint about something the buyer actually met although the item was not used: a gift, the price,
 * the packaging, the delivery, a booking call ("opened but not used" in the corpus README). Complaints in
 * clauses that prejudge ("看评论说…") or that state the non-use itself do not count, nor do mood words.
 * "还没用，但是盖子已经被拔起了": a contrast right after the admission introduces what was seen.
 */
function observedComplaint(ctx: Context, skip: ReadonlySet<number>, unused: ReadonlyArray<readonly [number, number]>): boolean {
  const s = ctx.nz.compact;
  if (test(OBSERVED, s)) return true;
  // "还没穿就开线了": a defect named right after the admission, in the same clause.
  const unusedEnd = compactSpanToOriginal(ctx.nz, unused[0]?.[0] ?? 0, unused[0]?.[1] ?? 0)[1];
  const unusedClause = ctx.clauseOf[unusedEnd - 1] ?? -1;
  for (const [a, b] of ctx.sentiment.complaintSpans) {
    if (a >= unusedEnd && (ctx.clauseOf[a] ?? -2) === unusedClause && !test(MOOD_EXACT_G, ctx.nz.lite.slice(a, b))) return true;
  }
  for (const c of ctx.sentiment.substantiveClauses) if (!skip.has(c)) return true;
  // The courier, the platform, the weather: the low rating is about something that happened, not the goods.
  for (const c of ctx.offTopicClauses) if (!skip.has(c)) return true;
  const after = Math.max(...unused.map(([, b]) => b));
  const m = /(?:但是?|不过|可是|只是)/u.exec(s.slice(after));
  if (!m) return false;
  const at = after + m.index;
  if (unused.some(([a, b]) => at >= a && at < b)) return false;
  const rest = s.slice(at + m[0].length).replace(/[^\p{L}]/gu, '');
  return rest.length >= 4;
}

export function detectNotReceived(ctx: Context): void {
  const s = ctx.nz.compact;
  const { status } = ctx;
  const prejudge: Array<[number, number]> = [];
  eachMatch(PREJUDGE, s, (m) => prejudge.push([m.index, m.index + m[0].length]));
  const weakPrejudge: Array<[number, number]> = [];
  eachMatch(PREJUDGE_WEAK, s, (m) => weakPrejudge.push([m.index, m.index + m[0].length]));

  // "I haven't opened / used / visited it yet".
  const unused: Array<[number, number]> = [];
  eachMatch(UNUSED, s, (m) => unused.push([m.index, m.index + m[0].length]));
  // "Not used yet" is a ground only for a bad review: a neutral "刚收到，还没用" is not one.
  if (unused.length > 0 && (ctx.negative || prejudge.length > 0)) {
    const skip = new Set<number>([...clausesOf(ctx, UNUSED), ...clausesOf(ctx, PREJUDGE), ...clausesOf(ctx, PREJUDGE_WEAK)]);
    if (prejudge.length === 0 && observedComplaint(ctx, skip, unused)) {
      ctx.ev.add({
        category: 'subjective',
        weight: 0.3,
        kind: 'observed',
        reason: '虽未使用但描述了实际发生的问题',
        note: '买家虽未使用/未到店，但投诉的是已实际发生的问题（如拆看实物、赠品、价格、预约限制），按真实不满处理',
      });
    } else {
      const w = status === 'signed' || status === 'consumed' || prejudge.length > 0 ? 0.85 : 0.7;
      for (const [a, b] of unused) addCompact(ctx, 'not_received_or_unused', w, '自述尚未拆封/使用/到店', 'unused', a, b);
      for (const [a, b] of [...prejudge, ...weakPrejudge]) addCompact(ctx, 'not_received_or_unused', 0.3, '未使用即预判或先给差评', 'prejudge', a, b);
    }
  }

  // "I never got it".
  const claims: Array<[number, number]> = [];
  // "没收到" about platform coins or points is not about the parcel.
  if (!platformTalk(s)) eachMatch(NOT_RECEIVED, s, (m) => claims.push([m.index, m.index + m[0].length]));
  if (claims.length > 0) {
    if (status === 'signed' || status === 'consumed') {
      for (const [a, b] of claims) addCompact(ctx, 'not_received_or_unused', 0.85, '物流已签收却称未收到', 'not_received', a, b);
    } else if (status === 'in_transit' || status === 'not_shipped') {
      if (prejudge.length > 0) {
        for (const [a, b] of claims) addCompact(ctx, 'not_received_or_unused', 0.6, '尚未收货', 'not_received', a, b);
        for (const [a, b] of prejudge) addCompact(ctx, 'not_received_or_unused', 0.5, '未收货即预判质量/先给差评', 'prejudge', a, b);
      } else {
        ctx.ev.add({
          category: 'subjective',
          weight: 0.4,
          kind: 'true_claim',
          reason: '未收到属实',
          note: status === 'in_transit' ? '订单确在运输途中，买家称未收到属实' : '订单确未发货，买家不满属实',
        });
      }
    } else {
      // Without the order's status the claim cannot be checked: never decisive on its own.
      const judging = prejudge.filter(([a, b]) => /先|估计|肯定|应该|听说|看/u.test(s.slice(a, b)));
      if (judging.length > 0) {
        for (const [a, b] of claims) addCompact(ctx, 'not_received_or_unused', 0.25, '称未收到货', 'not_received', a, b);
        for (const [a, b] of judging) addCompact(ctx, 'not_received_or_unused', 0.25, '未收货即预判质量/先给差评', 'prejudge', a, b);
      } else {
        ctx.ev.add({
          category: 'not_received_or_unused',
          weight: 0.25,
          kind: 'not_received',
          reason: '称未收到货（缺少物流状态）',
          note: '买家称未收到货；未提供物流状态，若物流显示已签收可按未收货申诉',
        });
      }
    }
  } else if ((status === 'in_transit' || status === 'not_shipped') && ctx.negative) {
    // Not shipped / still travelling, and the buyer already judges the goods.
    const judging = prejudge.filter(([a, b]) => /先|估计|肯定|应该|听说|看/u.test(s.slice(a, b)));
    for (const [a, b] of judging) addCompact(ctx, 'not_received_or_unused', 0.6, '尚未收货即评价/预判质量', 'prejudge', a, b);
  }
}

// ───────────────────────────── irrelevant ─────────────────────────────

const QWERTY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const KEY_POS = new Map<string, [number, number]>();
QWERTY_ROWS.forEach((row, r) => [...row].forEach((ch, c) => KEY_POS.set(ch, [r, c])));

/** Latin letters typed by sliding along the keyboard ("asdjkl qweoiu"). */
function keyboardMash(letters: string): boolean {
  if (letters.length < 6) return false;
  let adjacent = 0;
  let pairs = 0;
  for (let i = 0; i + 1 < letters.length; i++) {
    const a = KEY_POS.get(letters[i] ?? '');
    const b = KEY_POS.get(letters[i + 1] ?? '');
    if (!a || !b) continue;
    pairs++;
    if (a[0] === b[0] && Math.abs(a[1] - b[1]) === 1) adjacent++;
  }
  return pairs >= 5 && adjacent / pairs >= 0.6;
}

/** Per-character counts, reused across calls (reset after each use). */
const FREQ = new Uint16Array(0x10000);

/** Letters and distinct letters of the last `isGibberish` call (for the repetition check). */
let lastLetters = 0;
let lastDistinct = 0;

function isGibberish(s: string): boolean {
  let cjk = 0;
  let letters = 0;
  let top = 0;
  let latin = '';
  const touched: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const isCjk = (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
    const isLatin = c >= 0x61 && c <= 0x7a;
    if (!isCjk && !isLatin) continue;
    if (isCjk) cjk++;
    else if (latin.length < 64) latin += s[i];
    letters++;
    if (FREQ[c] === 0) touched.push(c);
    const f = (FREQ[c] = (FREQ[c] ?? 0) + 1);
    if (f > top) top = f;
  }
  for (const c of touched) FREQ[c] = 0;
  lastLetters = letters;
  lastDistinct = touched.length;
  if (letters === 0) return s.trim().length > 0; // only digits, punctuation, emoji
  if (letters >= 6 && top / letters >= 0.6) return true; // 啊啊啊啊啊啊
  if (cjk <= 2 && keyboardMash(latin)) return true;
  return false;
}

/** A short unit repeated to fill the length requirement: 凑字数凑字数…, 好评好评… */
function isRepetition(s: string): boolean {
  const t = s.replace(/[\s,!?。.，！？、~…]+/gu, '');
  if (t.length < 8) return false;
  for (let unit = 2; unit <= 4; unit++) {
    let reps = 1;
    for (let i = unit; i + unit <= t.length; i += unit) {
      let same = true;
      for (let k = 0; k < unit; k++) {
        if (t.charCodeAt(i + k) !== t.charCodeAt(k)) {
          same = false;
          break;
        }
      }
      if (!same) break;
      reps++;
    }
    if (reps >= 4 && reps * unit >= t.length * 0.7) return true;
  }
  return false;
}

/**
 * Does the review complain about the shop's product or service anywhere? A clause counts when it has a
 * complaint that names something, or names the product/service without praising it — unless it only goes
 * on about the courier/platform clause before it ("快递员不送上门，打电话也不接").
 */
function aboutShop(ctx: Context): boolean {
  const { offTopicClauses: off, onTopicClauses: on, sentiment } = ctx;
  if (sentiment.complaintClauses.size > 0) return true;
  // "垃圾，配送员更垃圾": a verdict before any mention of the courier is a verdict on the purchase.
  const firstClause = ctx.clauseOf[ctx.text.search(/[\p{L}\p{N}]/u)] ?? -1;
  if (firstClause >= 0 && !off.has(firstClause)) {
    for (const [a, b] of sentiment.complaintSpans) {
      if ((ctx.clauseOf[a] ?? -1) === firstClause && !test(META_COMPLAINT, ctx.nz.lite.slice(a, b))) return true;
    }
  }
  const praised = new Set<number>();
  for (const [a] of sentiment.praiseSpans) praised.add(ctx.clauseOf[a] ?? 0);
  let inOffRun = false;
  for (let c = 0; c < ctx.clauseCount; c++) {
    if (off.has(c)) {
      inOffRun = true;
      continue;
    }
    if (on.has(c)) {
      if (!inOffRun && !praised.has(c)) return true;
      inOffRun = false;
    }
    // A clause with neither marker continues the run it follows.
  }
  return false;
}

export function detectIrrelevant(ctx: Context): void {
  const s = ctx.nz.compact;
  const strong: Array<[RegExp, string, SignalKind]> = [
    [PADDING, '凑字数/为积分随意填写', 'padding'],
    [WRONG_ORDER, '评错订单或误操作', 'wrong_order'],
    [SOCIAL, '求赞/砍价/社交求助等无关内容', 'social'],
  ];
  for (const [re, reason, kind] of strong) {
    eachMatch(re, s, (m) => addCompact(ctx, 'irrelevant', 0.7, reason, kind, m.index, m.index + m[0].length));
  }
  // An ad is an offer plus a way to answer it; a lone 招聘 or 刷单 inside a complaint is not an ad.
  const adCall = test(AD_CALL, s) || ctx.ev.hasKind('ad');
  eachMatch(AD_OFFER, s, (m) =>
    addCompact(ctx, 'irrelevant', adCall ? 0.75 : 0.2, adCall ? '无关广告（兼职/回收/贷款等）' : '疑似广告用语', 'ad', m.index, m.index + m[0].length),
  );
  // A repeated unit of 2–4 characters leaves few distinct letters.
  if (isGibberish(s) || (lastLetters >= 8 && lastDistinct * 2 <= lastLetters && isRepetition(s))) {
    ctx.ev.add({
      category: 'irrelevant',
      weight: 0.75,
      kind: 'gibberish',
      reason: '无意义内容',
      start: 0,
      end: ctx.text.length,
      note: '评价内容为无意义的字符、表情或重复灌水',
    });
  }
  // Weak topics: only in a negative review, and only when nothing in it is about the product or the shop.
  if (!ctx.negative || ctx.offTopicClauses.size === 0 || aboutShop(ctx)) return;
  const weak: Array<[RegExp, string, SignalKind]> = [
    [COURIER, '仅针对快递/物流/骑手', 'courier'],
    [PLATFORM, '仅针对平台规则/功能/平台客服', 'platform'],
    [ENVIRONMENT, '仅涉及天气/市政/商场等非商家因素', 'environment'],
    [PERSONAL, '仅涉及个人情绪或琐事', 'personal'],
  ];
  for (const [re, reason, kind] of weak) {
    eachMatch(re, s, (m) => {
      const c = compactClause(ctx.nz, ctx.clauseOf, m.index);
      if (ctx.offTopicClauses.has(c)) addCompact(ctx, 'irrelevant', 0.55, reason, kind, m.index, m.index + m[0].length);
    });
  }
}

export { quote };
