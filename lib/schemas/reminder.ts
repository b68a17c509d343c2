import { z } from 'zod';

export const ReminderKind = z.enum([
  /** The platform's decision is expected: look it up and record it. */
  'appeal-decision',
  /** The platform asked for more material (待补充材料): supply it before the deadline. */
  'material-deadline',
]);
export type ReminderKind = z.infer<typeof ReminderKind>;

/** Reminders live in the database; browser alarms are only a cache rebuilt from them. */
export const ReminderRecord = z.object({
  id: z.string(),
  caseKey: z.string(),
  kind: ReminderKind,
  dueAtMs: z.number(),
  title: z.string(),
  message: z.string(),
  /** null until the notification has been shown. */
  firedAtMs: z.number().nullable(),
  /** Set when the case moved on (decision recorded, material supplied…): the reminder is obsolete and never fires. */
  doneAtMs: z.number().nullable().optional(),
  /** The deadline itself when `dueAtMs` is earlier (material deadlines remind a day ahead). */
  deadlineAtMs: z.number().nullable().optional(),
});
export type ReminderRecord = z.infer<typeof ReminderRecord>;
