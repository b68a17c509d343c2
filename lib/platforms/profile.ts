import type { AppealRules } from '../appeal/types';
import type { ProcessingTime } from '../deadlines/processing';
import type { PlatformId } from '../schemas';

/** A platform's appeal facts and processing time, as data with provenance (see each platform's file). */
export interface PlatformProfile {
  platform: PlatformId;
  appealRules: AppealRules;
  processingTime: ProcessingTime;
}
