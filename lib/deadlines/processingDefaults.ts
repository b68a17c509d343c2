import type { PlatformId } from '../schemas/platform';
import type { ProcessingTime } from './processing';

const SELLER_GUIDE = '资深卖家公开的申诉经验（非官方），见 platform-rules.md「Processing times」';

/**
 * Reminder defaults only: no platform publishes its appeal processing time. Every value is editable in 设置 and
 * shown as 经验值，未核实 until the seller marks it checked; the outcomes we record replace it in 统计.
 */
export const DEFAULT_PROCESSING_TIMES: Record<PlatformId, ProcessingTime> = {
  taobao: { minDays: 1, maxDays: 3, source: SELLER_GUIDE, verified: false, verifiedAt: null },
  jd: { minDays: 1, maxDays: 2, source: SELLER_GUIDE, verified: false, verifiedAt: null },
  pinduoduo: { minDays: 2, maxDays: 4, source: SELLER_GUIDE, verified: false, verifiedAt: null },
  // Meituan's own guides say "usually 1–3 working days"; the seller guide says 3–5. We remind at the later one.
  dianping: {
    minDays: 3,
    maxDays: 5,
    source: `${SELLER_GUIDE}；美团申诉指南另称 1–3 个工作日`,
    verified: false,
    verifiedAt: null,
  },
};
