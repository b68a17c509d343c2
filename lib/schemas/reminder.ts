import { z } from 'zod';

export const ReminderKind = z.enum(['appeal-decision']);
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
});
export type ReminderRecord = z.infer<typeof ReminderRecord>;
