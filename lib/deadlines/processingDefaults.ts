import { platformProfile } from '../platforms';
import { PlatformId } from '../schemas/platform';
import type { ProcessingTime } from './processing';

/**
 * Reminder defaults only, from each platform's file: no platform publishes its appeal processing time. Every value is
 * editable in 设置 and shown as 经验值，未核实 until the seller marks it checked; the outcomes we record replace it in 统计.
 */
export const DEFAULT_PROCESSING_TIMES = Object.fromEntries(
  PlatformId.options.map((platform) => [platform, platformProfile(platform).processingTime]),
) as Record<PlatformId, ProcessingTime>;
