import { z } from 'zod';
import { PlatformId } from './platform';

/** One review as read from a seller console page. Fields the page did not show are null, never guessed. */
export const ReviewSnapshot = z.object({
  /** Stable key, e.g. `pinduoduo:260410-662259689903207`. Also written to the page as `data-rg-review`. */
  key: z.string().min(1).max(200),
  platform: PlatformId,
  text: z.string().max(20_000),
  /** Filled stars 0–5 as shown on the page. */
  stars: z.number().int().min(0).max(5).nullable(),
  /** Review time as ISO 8601 with +08:00, when the page showed one. */
  reviewedAt: z.string().nullable(),
  orderSn: z.string().max(64).nullable(),
  buyerNick: z.string().max(100).nullable(),
  goodsName: z.string().max(500).nullable(),
  pictureCount: z.number().int().nonnegative(),
  sellerReply: z.string().max(5_000).nullable(),
  /**
   * The platform's own appeal/report state for this review as the page shows it (PDD 已举报 / 举报成功 / 举报失败,
   * Taobao 投诉处理中 / 投诉成立 / 投诉不成立), verbatim; null when the page shows none. The case follows it.
   */
  platformStatus: z.string().max(50).nullable().optional(),
  /** Fields the extractor looked for and could not read: reported, not guessed. */
  missing: z.array(z.string()),
});
export type ReviewSnapshot = z.infer<typeof ReviewSnapshot>;
