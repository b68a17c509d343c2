import type { ProcessingTime } from '../deadlines/processing';
import { DEFAULT_PROCESSING_TIMES } from '../deadlines/processingDefaults';
import type { PlatformId } from '../schemas/platform';
import type { ReviewGuardDatabase } from './database';
import { getSetting } from './settings';

/** The processing time used for reminders: the seller's setting, else the default (经验值，未核实). */
export async function processingTimeFor(db: ReviewGuardDatabase, platform: PlatformId): Promise<ProcessingTime> {
  const all = await getSetting(db, 'processingTimes');
  return all[platform] ?? DEFAULT_PROCESSING_TIMES[platform];
}
