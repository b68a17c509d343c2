import { z } from 'zod';
import { PlatformId } from './platform';

/** A buyer the seller wants to be warned about, kept only on this machine. */
export const WatchlistEntry = z.object({
  id: z.string(),
  /** null = watch on every platform. */
  platform: PlatformId.nullable(),
  /** As the console shows it, masked or not (`阿***`). */
  nick: z.string().min(1).max(100),
  reason: z.string().max(500),
  caseKeys: z.array(z.string()),
  addedAt: z.string(),
  addedAtMs: z.number(),
});
export type WatchlistEntry = z.infer<typeof WatchlistEntry>;
