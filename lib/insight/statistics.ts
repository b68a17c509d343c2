/**
 * Statistics over the local cases: how many by platform and category, how often appeals succeed, and how long
 * platforms really take to decide (median working days from submission to the recorded decision). Pure.
 */
import { addDays } from 'date-fns';
import { judgeWorkingDay } from '../deadlines/calendar';
import type { CaseRecord, CaseState, Category, PlatformId } from '../schemas';
import { Category as CategoryEnum, PlatformId as PlatformEnum } from '../schemas';
import { inShanghai } from '../time/shanghai';

const SUBMITTED: ReadonlySet<CaseState> = new Set(['已申诉', '二次申诉', '升级处理']);
const DECIDED: ReadonlySet<CaseState> = new Set(['申诉成功', '申诉驳回']);

export interface Decision {
  platform: PlatformId;
  caseKey: string;
  outcome: '申诉成功' | '申诉驳回';
  submittedAtMs: number;
  decidedAtMs: number;
  workingDays: number;
}

/** Working days elapsed from `startMs` to `endMs`, counted as addWorkingDays counts them (from the next day). */
export function workingDaysBetween(startMs: number, endMs: number): number {
  let cursor = inShanghai(startMs);
  let count = 0;
  for (;;) {
    cursor = addDays(cursor, 1);
    if (cursor.getTime() > endMs) return count;
    if (judgeWorkingDay(cursor).working) count += 1;
  }
}

/** Every recorded decision, each paired with the submission it answered. */
export function decisionsOf(cases: readonly CaseRecord[]): Decision[] {
  const out: Decision[] = [];
  for (const record of cases) {
    let submittedAtMs: number | null = null;
    for (const entry of record.history) {
      if (SUBMITTED.has(entry.state)) submittedAtMs = entry.atMs;
      else if (DECIDED.has(entry.state) && submittedAtMs !== null) {
        out.push({
          platform: record.platform,
          caseKey: record.key,
          outcome: entry.state as Decision['outcome'],
          submittedAtMs,
          decidedAtMs: entry.atMs,
          workingDays: workingDaysBetween(submittedAtMs, entry.atMs),
        });
        submittedAtMs = null;
      }
    }
  }
  return out;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface PlatformDecisionStats {
  decided: number;
  succeeded: number;
  /** 0–1, null without decisions. */
  successRate: number | null;
  medianWorkingDays: number | null;
}

export interface CaseStatistics {
  total: number;
  byPlatform: Record<PlatformId, number>;
  byCategory: Record<Category, number>;
  /** Cases whose latest decision was a success, over cases with a decision (a case counts once). */
  successRate: number | null;
  decidedCases: number;
  perPlatform: Record<PlatformId, PlatformDecisionStats>;
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export function caseStatistics(cases: readonly CaseRecord[]): CaseStatistics {
  const byPlatform = zeroes(PlatformEnum.options);
  const byCategory = zeroes(CategoryEnum.options);
  for (const c of cases) {
    byPlatform[c.platform] += 1;
    byCategory[c.classification.category] += 1;
  }
  const decisions = decisionsOf(cases);
  // Per case, the last decision is the outcome (a rejected first appeal and a successful second one is a success).
  const lastByCase = new Map<string, Decision>();
  for (const d of decisions) lastByCase.set(d.caseKey, d);
  const finals = [...lastByCase.values()];
  const perPlatform = Object.fromEntries(
    PlatformEnum.options.map((p) => {
      const mine = finals.filter((d) => d.platform === p);
      const succeeded = mine.filter((d) => d.outcome === '申诉成功').length;
      const stats: PlatformDecisionStats = {
        decided: mine.length,
        succeeded,
        successRate: mine.length ? succeeded / mine.length : null,
        medianWorkingDays: median(decisions.filter((d) => d.platform === p).map((d) => d.workingDays)),
      };
      return [p, stats];
    }),
  ) as Record<PlatformId, PlatformDecisionStats>;
  const succeeded = finals.filter((d) => d.outcome === '申诉成功').length;
  return {
    total: cases.length,
    byPlatform,
    byCategory,
    successRate: finals.length ? succeeded / finals.length : null,
    decidedCases: finals.length,
    perPlatform,
  };
}
