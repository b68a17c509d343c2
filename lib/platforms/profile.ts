import type { AppealRules } from '../appeal/types';
import type { ProcessingTime } from '../deadlines/processing';
import type { PlatformId } from '../schemas';

/** A platform's appeal facts and processing time, as data with provenance (see each platform's file). */
export interface PlatformProfile {
  platform: PlatformId;
  appealRules: AppealRules;
  processingTime: ProcessingTime;
}

/**
 * Where every platform's default processing time comes from (the seller reads it in 设置; details in
 * platform-rules.md). Here, with the profiles, not in lib/deadlines: the platform files run in the content scripts,
 * and importing from there pulled the holiday calendar into every seller page.
 */
export const SELLER_EXPERIENCE = '资深卖家公开的申诉经验（非官方，平台未公布处理时长）';
