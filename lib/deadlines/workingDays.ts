import { addDays } from 'date-fns';
import { inShanghai } from '../time/shanghai';
import { judgeWorkingDay, NO_OVERRIDES, type WorkdayOverrides } from './calendar';

export type { WorkdayOverrides } from './calendar';

export interface WorkingDaysResult {
  at: Date;
  /** Chinese, ready to show; empty when every counted day came from the library or the overrides. */
  warnings: string[];
}

/**
 * The moment `days` working days after `start`: counting starts with the next Shanghai calendar day, and the
 * result keeps `start`'s Shanghai wall-clock time. Friday 10:00 + 1 → next working day 10:00.
 * Uncovered years fall back to weekends only, with a warning per year.
 */
export function addWorkingDaysDetailed(
  start: Date,
  days: number,
  overrides: WorkdayOverrides = NO_OVERRIDES,
): WorkingDaysResult {
  if (Number.isNaN(start.getTime())) throw new RangeError('addWorkingDays: invalid start Date');
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`addWorkingDays: days must be a whole number ≥ 0, got ${days}`);
  }
  const warnings = new Set<string>();
  // addDays on a TZDate steps Shanghai calendar days and keeps the Shanghai wall-clock time.
  let cursor = inShanghai(start.getTime());
  let counted = 0;
  while (counted < days) {
    cursor = addDays(cursor, 1);
    const verdict = judgeWorkingDay(cursor, overrides);
    if (verdict.warning !== null) warnings.add(verdict.warning);
    if (verdict.working) counted += 1;
  }
  return { at: new Date(cursor.getTime()), warnings: [...warnings] };
}

/** `addWorkingDaysDetailed` without the warnings; prefer the detailed form wherever a person will read the date. */
export function addWorkingDays(start: Date, days: number, overrides: WorkdayOverrides = NO_OVERRIDES): Date {
  return addWorkingDaysDetailed(start, days, overrides).at;
}
