/**
 * Moves a case to its next state on the seller's word (or the page's), with a timestamped history entry, and keeps
 * its reminders in step: entering a state that waits for the platform stores a decision reminder, 待补充材料 stores a
 * material-deadline reminder, and leaving either retires the reminders that no longer apply.
 *
 *   planCaseTransition (pure: record + pending reminders → new record, new reminders, retired ids, or a refusal)
 *   recordCaseTransition (one Dexie transaction around it)
 */
import type { ReviewGuardDatabase } from '../db/database';
import type { WorkdayOverrides } from '../deadlines/calendar';
import { expectedDecision, type ProcessingTime } from '../deadlines/processing';
import type { AppealRecord, CaseRecord, CaseState, ReminderRecord } from '../schemas';
import { PLATFORM_LABEL } from '../schemas';
import { formatShanghai, toShanghaiIso } from '../time/shanghai';
import { systemClock, type Clock } from './clock';
import { pageOutcomeNote, pageOutcomePath } from './pageOutcome';
import { transition } from './stateMachine';

/** States in which the case waits for the platform's decision. */
export const AWAITING_DECISION: ReadonlySet<CaseState> = new Set(['已申诉', '二次申诉', '升级处理']);

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TransitionOptions {
  /** The seller's own words for the history; a default note is used when empty. */
  note?: string;
  /** 待补充材料: when the platform wants the material (required). */
  materialDueAtMs?: number | null;
  /** For states that wait for a decision: the platform's usual processing time. */
  processing?: ProcessingTime;
  overrides?: WorkdayOverrides;
  /** Demo/test setting: remind after this many ms instead of at the expected decision date. */
  reminderDelayOverrideMs?: number | null;
}

export type TransitionPlan =
  | { ok: true; record: CaseRecord; reminders: ReminderRecord[]; retired: string[] }
  | { ok: false; reason: string };

const DEFAULT_NOTE: Partial<Record<CaseState, string>> = {
  取证中: '继续收集证据',
  协商中: '通过平台消息与买家沟通',
  申诉成功: '平台支持申诉（评价已处理）',
  申诉驳回: '平台驳回申诉',
  商家回复: '已在评价下发布公开回复',
  法律途径: '选择法律途径（平台通知函 / 起诉 / 报警）',
  已结案: '结案',
};

function subjectOf(record: CaseRecord): string {
  return record.review.orderSn ? `订单 ${record.review.orderSn}` : `买家 ${record.review.buyerNick ?? '（未知）'}`;
}

export function planCaseTransition(
  record: CaseRecord,
  pending: readonly ReminderRecord[],
  to: CaseState,
  options: TransitionOptions,
  nowMs: number,
): TransitionPlan {
  const nowIso = toShanghaiIso(nowMs);
  const reminders: ReminderRecord[] = [];
  let appeal: AppealRecord | null = record.appeal;
  let note = options.note?.trim() ?? '';

  if (to === '待补充材料') {
    const due = options.materialDueAtMs;
    if (due == null) return { ok: false, reason: '请填写平台要求的补充材料截止时间' };
    if (due <= nowMs) return { ok: false, reason: '补充材料截止时间已过，请核对平台页面上的时间' };
    const dueText = formatShanghai(due, 'M月D日 HH:mm');
    note = [note, `平台要求补充材料，截止 ${dueText}`].filter(Boolean).join('；');
    const remindAt = due - nowMs > DAY_MS ? due - DAY_MS : nowMs + Math.floor((due - nowMs) / 2);
    reminders.push({
      id: `${record.key}#material-deadline#${nowMs}`,
      caseKey: record.key,
      kind: 'material-deadline',
      dueAtMs: remindAt,
      deadlineAtMs: due,
      title: `补充材料截止 ${dueText} · ${PLATFORM_LABEL[record.platform]}`,
      message: `${subjectOf(record)}：平台要求补充的申诉材料需在 ${dueText} 前提交，逾期可能按驳回处理。`,
      firedAtMs: null,
      doneAtMs: null,
    });
  }

  if (AWAITING_DECISION.has(to)) {
    if (!options.processing) return { ok: false, reason: '缺少该平台的处理时长设置' };
    const processing = options.processing;
    const { expectedDecisionAtMs, warnings } = expectedDecision(nowMs, processing, options.overrides);
    appeal = {
      submittedAt: nowIso,
      submittedAtMs: nowMs,
      processingDays: processing.maxDays,
      expectedDecisionAt: toShanghaiIso(expectedDecisionAtMs),
      expectedDecisionAtMs,
      warnings,
    };
    const what = to === '升级处理' ? '已升级处理（联系平台客服 / 投诉渠道）' : to === '二次申诉' ? '已提交二次申诉' : '卖家已在平台提交申诉';
    const basis = `按${processing.verified ? '' : '经验值'} ${processing.minDays}–${processing.maxDays} 个工作日推算，预计 ${formatShanghai(expectedDecisionAtMs, 'M月D日 HH:mm')} 前出结果`;
    note = [note || what, basis].join('；');
    const delay = options.reminderDelayOverrideMs;
    reminders.push({
      id: `${record.key}#appeal-decision#${nowMs}`,
      caseKey: record.key,
      kind: 'appeal-decision',
      dueAtMs: delay != null ? nowMs + delay : expectedDecisionAtMs,
      deadlineAtMs: expectedDecisionAtMs,
      title: `申诉结果待查看 · ${PLATFORM_LABEL[record.platform]}`,
      message: `${subjectOf(record)} 的${to === '二次申诉' ? '二次申诉' : to === '升级处理' ? '升级处理' : '差评申诉'}预计已有结果（${formatShanghai(expectedDecisionAtMs, 'M月D日')}），请到商家后台查看，并在差评卫士中记录结果。`,
      firedAtMs: null,
      doneAtMs: null,
    });
  }

  const moved = transition(record, to, note || DEFAULT_NOTE[to] || to, nowMs, nowIso);
  if (!moved.ok) return moved;
  // Whatever the case waited for before is settled by this step.
  const retired = pending.filter((r) => r.caseKey === record.key && r.firedAtMs === null && !r.doneAtMs).map((r) => r.id);
  return { ok: true, record: { ...moved.record, appeal }, reminders, retired };
}

/** Applies `planCaseTransition` in one transaction; throws the refusal reason (Chinese) when the step makes no sense. */
export async function recordCaseTransition(
  db: ReviewGuardDatabase,
  caseKey: string,
  to: CaseState,
  options: TransitionOptions = {},
  clock: Clock = systemClock,
): Promise<{ record: CaseRecord; reminders: ReminderRecord[]; retired: string[] }> {
  return db.transaction('rw', db.cases, db.reminders, async () => {
    const record = await db.cases.get(caseKey);
    if (!record) throw new Error('找不到该案件，可能已被删除');
    const pending = await db.reminders.where('caseKey').equals(caseKey).toArray();
    const nowMs = clock.nowMs();
    const plan = planCaseTransition(record, pending, to, options, nowMs);
    if (!plan.ok) throw new Error(plan.reason);
    await db.cases.put(plan.record);
    for (const id of plan.retired) await db.reminders.update(id, { doneAtMs: nowMs });
    await db.reminders.bulkPut(plan.reminders);
    return { record: plan.record, reminders: plan.reminders, retired: plan.retired };
  });
}

/**
 * Brings the case in line with the platform state its page shows (see `pageOutcomePath`). Returns the states the
 * case went through; an empty list when the page adds nothing or a step is refused.
 */
export async function followPageStatus(
  db: ReviewGuardDatabase,
  caseKey: string,
  status: string | number,
  options: Pick<TransitionOptions, 'processing' | 'overrides' | 'reminderDelayOverrideMs'>,
  clock: Clock = systemClock,
): Promise<CaseState[]> {
  return db.transaction('rw', db.cases, db.reminders, async () => {
    let record = await db.cases.get(caseKey);
    if (!record) return [];
    const nowMs = clock.nowMs();
    const steps: CaseState[] = [];
    for (const to of pageOutcomePath(record.state, status)) {
      const pending = await db.reminders.where('caseKey').equals(caseKey).toArray();
      const plan = planCaseTransition(record, pending, to, { ...options, note: pageOutcomeNote(status) }, nowMs);
      if (!plan.ok) break;
      record = plan.record;
      for (const id of plan.retired) await db.reminders.update(id, { doneAtMs: nowMs });
      await db.reminders.bulkPut(plan.reminders);
      await db.cases.put(record);
      steps.push(to);
    }
    return steps;
  });
}
