/**
 * The daily check: which open cases need the seller today. Pure: cases and reminders in, items out. The badge
 * shows how many there are; the daily notification lists them.
 */
import { AWAITING_DECISION } from '../cases/caseTransition';
import type { CaseRecord, ReminderRecord } from '../schemas';
import { PLATFORM_LABEL } from '../schemas';
import { formatShanghai, shanghaiDateKey, shanghaiMidnight } from '../time/shanghai';

export type DueKind = 'decision-due-soon' | 'decision-overdue' | 'material-due-soon' | 'material-overdue';

export interface DueItem {
  caseKey: string;
  kind: DueKind;
  /** The moment the item is about (expected decision or material deadline). */
  atMs: number;
  /** Chinese, one line, ready to show. */
  text: string;
  /** What to do now, in Chinese. */
  advice: string;
}

export const DECISION_SOON_MS = 24 * 60 * 60 * 1000;
export const MATERIAL_SOON_MS = 48 * 60 * 60 * 1000;

function subject(record: CaseRecord): string {
  const who = record.review.orderSn ? `订单 ${record.review.orderSn}` : `买家 ${record.review.buyerNick ?? '（未知）'}`;
  return `${PLATFORM_LABEL[record.platform]} ${who}`;
}

export function dueItems(cases: readonly CaseRecord[], reminders: readonly ReminderRecord[], nowMs: number): DueItem[] {
  const items: DueItem[] = [];
  for (const record of cases) {
    if (AWAITING_DECISION.has(record.state) && record.appeal) {
      const at = record.appeal.expectedDecisionAtMs;
      const when = formatShanghai(at, 'M月D日 HH:mm');
      if (nowMs >= at) {
        items.push({
          caseKey: record.key,
          kind: 'decision-overdue',
          atMs: at,
          text: `${subject(record)}：申诉已超过预计处理时间（${when}）`,
          advice: '请到商家后台查看结果并在差评卫士中记录；如仍无结果，建议拨打平台商家客服热线询问，或选择“升级处理”',
        });
      } else if (at - nowMs <= DECISION_SOON_MS) {
        items.push({
          caseKey: record.key,
          kind: 'decision-due-soon',
          atMs: at,
          text: `${subject(record)}：申诉预计 ${when} 前出结果`,
          advice: '留意商家后台的处理结果',
        });
      }
    }
    if (record.state === '待补充材料') {
      const deadlines = reminders.filter((r) => r.caseKey === record.key && r.kind === 'material-deadline' && !r.doneAtMs);
      for (const r of deadlines) {
        const at = r.deadlineAtMs ?? r.dueAtMs;
        const when = formatShanghai(at, 'M月D日 HH:mm');
        if (nowMs >= at) {
          items.push({
            caseKey: record.key,
            kind: 'material-overdue',
            atMs: at,
            text: `${subject(record)}：补充材料截止时间 ${when} 已过`,
            advice: '请到商家后台确认申诉状态；如已被驳回，可考虑二次申诉或公开回复',
          });
        } else if (at - nowMs <= MATERIAL_SOON_MS) {
          items.push({
            caseKey: record.key,
            kind: 'material-due-soon',
            atMs: at,
            text: `${subject(record)}：补充材料需在 ${when} 前提交`,
            advice: '准备平台要求的材料并在截止前提交',
          });
        }
      }
    }
  }
  return items.sort((a, b) => a.atMs - b.atMs);
}

/** `3`, or '' for none (Chrome hides an empty badge). */
export function badgeText(items: readonly DueItem[]): string {
  if (items.length === 0) return '';
  return items.length > 99 ? '99+' : String(items.length);
}

/** The next 09:00 in Shanghai after `nowMs`: when the daily check runs. */
export function nextDailyCheckAt(nowMs: number): number {
  const today = shanghaiMidnight(shanghaiDateKey(nowMs))!;
  const todayAt = today + 9 * HOUR_MS;
  return todayAt > nowMs ? todayAt : shanghaiMidnight(shanghaiDateKey(today + 36 * HOUR_MS))! + 9 * HOUR_MS;
}

const HOUR_MS = 60 * 60 * 1000;
