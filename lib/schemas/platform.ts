import { z } from 'zod';

export const PlatformId = z.enum(['pinduoduo', 'taobao', 'jd', 'dianping']);
export type PlatformId = z.infer<typeof PlatformId>;

export const PLATFORM_LABEL: Record<PlatformId, string> = {
  pinduoduo: '拼多多',
  taobao: '淘宝/天猫',
  jd: '京东',
  dianping: '美团/大众点评',
};
