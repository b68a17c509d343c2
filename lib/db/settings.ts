import { z } from 'zod';
import { ProcessingTime } from '../deadlines/processing';
import { DEFAULT_PROCESSING_TIMES } from '../deadlines/processingDefaults';
import { PlatformId } from '../schemas/platform';
import type { ReviewGuardDatabase } from './database';

/** Every setting, with its schema and default: the single source of truth for what settings exist. */
export const SETTINGS = {
  /** Demo mode: fire appeal reminders after this many seconds instead of at the expected decision date. */
  demoReminderDelaySeconds: { schema: z.number().int().positive().max(86_400).nullable(), fallback: null },
  /** Appeal processing time per platform (working days), with provenance; defaults are 经验值，未核实. */
  processingTimes: {
    schema: z.record(PlatformId, ProcessingTime),
    fallback: DEFAULT_PROCESSING_TIMES,
  },
  /** How long 稍后提醒 on a notification waits. */
  snoozeMinutes: { schema: z.number().int().min(5).max(7 * 24 * 60), fallback: 180 },
  /** Who the audit log names for captures, exports and deletions (a local extension has no accounts). */
  operatorName: { schema: z.string().trim().min(1).max(50), fallback: '店主' },
  /** Mask buyer personal data in exported text and annotated images (originals in the database stay untouched). */
  privacyMaskingOnExport: { schema: z.boolean(), fallback: true },
  /** RFC 3161 time-stamping service the seller chose (e.g. a national TSA); null: no timestamp, no network call. */
  tsaUrl: { schema: z.string().url().regex(/^https?:\/\//).nullable(), fallback: null },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;

export async function getSetting<K extends SettingKey>(db: ReviewGuardDatabase, key: K): Promise<SettingValue<K>> {
  const row = await db.settings.get(key);
  const parsed = SETTINGS[key].schema.safeParse(row?.value);
  return (parsed.success ? parsed.data : SETTINGS[key].fallback) as SettingValue<K>;
}

export async function setSetting<K extends SettingKey>(db: ReviewGuardDatabase, key: K, value: SettingValue<K>): Promise<void> {
  await db.settings.put({ key, value: SETTINGS[key].schema.parse(value) });
}
