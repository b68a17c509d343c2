/**
 * Facts beside the text: the order's status and times, and the star rating. Each check is recorded as a
 * `FactCheck` (also when it found nothing, or the fact was missing) so the explanation says what was looked at.
 */
import { compactClause, type Context } from './context';
import {
  SHIPPING_COMPLAINT,
  USAGE_ACT,
  USAGE_DURATION,
  eachMatch,
} from './lexicon';
import { addCompact } from './rules';

const STATUS_LABEL: Record<string, string> = {
  not_shipped: '未发货 / 未核销',
  in_transit: '运输中（未签收）',
  signed: '已签收',
  consumed: '已核销 / 已到店消费',
  none: '无关联订单或消费记录',
};

const CN_NUM: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 半: 0.5, 几: 2 };

function parseAmount(s: string): number {
  if (/^\d+$/u.test(s)) return Number(s);
  if (s === '十') return 10;
  if (s.length === 2 && s[0] === '十') return 10 + (CN_NUM[s[1] ?? ''] ?? 0);
  if (s.length >= 2 && s[1] === '十') return (CN_NUM[s[0] ?? ''] ?? 1) * 10 + (CN_NUM[s[2] ?? ''] ?? 0);
  return CN_NUM[s[0] ?? ''] ?? 1;
}

const UNIT_HOURS: Record<string, number> = { 小时: 1, 天: 24, 周: 168, 星期: 168, 礼拜: 168, 月: 720, 年: 8760 };

function parseTime(s: string | null | undefined): number | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

/** `2026-02-07T08:33:00.000+08:00` → `2026-02-07 08:33` (Beijing time, as the consoles show it). */
function showTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?\+08:00$/u.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

function formatHours(h: number): string {
  if (h < 1) return `${Math.max(1, Math.round(h * 60))}分钟`;
  if (h < 48) return `${Math.round(h)}小时`;
  return `${Math.round(h / 24)}天`;
}

/**
 * Complaints about the goods themselves (not about shipping, waiting, booking or service), which a buyer
 * cannot make before having the goods.
 */
function productJudgement(ctx: Context): Array<[number, number]> {
  const shipping = new Set<number>();
  eachMatch(SHIPPING_COMPLAINT, ctx.nz.compact, (m) => shipping.add(compactClause(ctx.nz, ctx.clauseOf, m.index)));
  const out: Array<[number, number]> = [];
  for (const c of ctx.sentiment.complaintClauses) {
    if (shipping.has(c)) continue;
    let a = -1;
    let b = -1;
    for (let i = 0; i < ctx.clauseOf.length; i++) {
      if (ctx.clauseOf[i] !== c) continue;
      if (a < 0) a = i;
      b = i + 1;
    }
    if (a >= 0) out.push([a, b]);
  }
  return out;
}

export function detectOrderFacts(ctx: Context): void {
  const { status, ev } = ctx;
  const order = ctx.input.order;
  if (order === undefined || order === null || status === null) {
    ev.fact({ fact: 'order.status', finding: '未提供订单物流/消费状态', effect: 'missing', category: null });
  } else {
    const signedAt = order.signedAt ?? null;
    ev.fact({
      fact: 'order.status',
      finding: `订单状态：${STATUS_LABEL[status] ?? status}${signedAt && (status === 'signed' || status === 'consumed') ? `（${status === 'signed' ? '签收' : '核销'}时间 ${showTime(signedAt)}）` : ''}`,
      effect: 'neutral',
      category: null,
    });
  }
  const claimsNotReceived = ev.hasKind('not_received', 'not_received_or_unused');
  if (status === 'signed' && claimsNotReceived) {
    ev.fact({
      fact: 'order.status',
      finding: '物流记录为已签收，与买家“未收到”的说法矛盾，可附签收/出库记录申诉',
      effect: 'supports',
      category: 'not_received_or_unused',
    });
  }
  if (ev.hasKind('true_claim')) {
    ev.fact({ fact: 'order.status', finding: '订单确未签收，买家“未收到/未发货”的不满属实', effect: 'supports', category: 'subjective' });
  }

  // Judging the goods before having them.
  const reviewedAt = parseTime(ctx.input.reviewedAt);
  const signedAt = parseTime(order?.signedAt);
  const beforeSigning = (status === 'signed' || status === 'consumed') && reviewedAt !== null && signedAt !== null && reviewedAt < signedAt;
  const notYet = status === 'in_transit' || status === 'not_shipped';
  if ((notYet || beforeSigning) && ctx.negative && !claimsNotReceived && !ev.hasKind('observed')) {
    const spans = productJudgement(ctx);
    if (spans.length > 0) {
      const what = beforeSigning ? '评价早于签收时间' : status === 'in_transit' ? '订单尚在运输中' : '订单尚未发货/核销';
      for (const [a, b] of spans) ev.add({ category: 'not_received_or_unused', weight: 0.7, reason: `${what}，却已评价商品本身`, kind: 'before_receipt', start: a, end: b });
      ev.fact({ fact: 'order.timing', finding: `${what}，买家尚未拿到商品却评价了商品质量`, effect: 'supports', category: 'not_received_or_unused' });
    }
  }

  // No order / consumption record behind a review that describes a consumption.
  if (status === 'none' && ctx.negative && (ctx.sentiment.onTopicComplaints > 0 || ctx.onTopicClauses.size > 0)) {
    ev.add({
      category: 'not_received_or_unused',
      weight: ctx.platform === 'dianping' ? 0.6 : 0.45,
      kind: 'no_record',
      reason: '无消费/订单记录',
      note: '该评价没有关联的订单或消费记录，却描述了消费体验',
    });
    ev.fact({ fact: 'order.status', finding: '没有关联的订单或消费记录，却描述了消费体验', effect: 'supports', category: 'not_received_or_unused' });
  }

  // Usage claimed before it was possible: "用了一个月" twenty minutes after signing.
  if (status !== 'signed' || reviewedAt === null || signedAt === null) return;
  const gap = (reviewedAt - signedAt) / 3_600_000;
  if (gap < 0 || gap > 72) return;
  const s = ctx.nz.compact;
  let claimed = 0;
  let span: [number, number] | null = null;
  eachMatch(USAGE_DURATION, s, (m) => {
    const h = parseAmount(m[1] ?? m[3] ?? '1') * (UNIT_HOURS[m[2] ?? m[4] ?? '天'] ?? 24);
    if (h > claimed) {
      claimed = h;
      span = [m.index, m.index + m[0].length];
    }
  });
  if (claimed === 0) {
    eachMatch(USAGE_ACT, s, (m) => {
      if (claimed === 0) {
        claimed = 2;
        span = [m.index, m.index + m[0].length];
      }
    });
  }
  const claim = span as [number, number] | null;
  if (claim && claimed >= 1 && gap < claimed * 0.5 && gap < 24) {
    const text = s.slice(claim[0], claim[1]);
    addCompact(ctx, 'competitor', 0.65, '签收后极短时间内即称已长期/多次使用', 'usage_time', claim[0], claim[1]);
    ev.add({
      category: 'competitor',
      weight: 0.1,
      kind: 'usage_time',
      reason: '签收与评价时间矛盾',
      note: `签收后仅${formatHours(gap)}即发布评价，却称“${text}”，使用经历与物流时间矛盾`,
    });
    ev.add({
      category: 'not_received_or_unused',
      weight: 0.55,
      kind: 'usage_time',
      reason: '签收后极短时间内不可能已使用',
      note: '按签收时间推算，买家不可能已如所述使用商品',
    });
    ev.fact({
      fact: 'order.timing',
      finding: `签收后${formatHours(gap)}即评价，却称“${text}”`,
      effect: 'supports',
      category: 'competitor',
    });
  } else if (gap >= 0) {
    ev.fact({ fact: 'order.timing', finding: `签收后${formatHours(gap)}发布评价`, effect: 'neutral', category: null });
  }
}
