import { z } from 'zod';
import { PlatformId } from './platform';

export const ChatSender = z.enum(['buyer', 'seller', 'system']);

/** One chat message read from a seller console's chat page. Untrusted text; fields not shown are null. */
export const ChatMessage = z.object({
  /** `<platform>:<conversation>:<platform message id or content hash>`; also `data-rg-chat` on the page. */
  key: z.string().min(1).max(300),
  platform: PlatformId,
  /** Buyer id when the page shows one, else the buyer nick. */
  conversationKey: z.string().max(200),
  buyerId: z.string().max(100).nullable(),
  buyerNick: z.string().max(100).nullable(),
  orderSn: z.string().max(64).nullable(),
  sender: ChatSender,
  text: z.string().max(5_000),
  timeMs: z.number().nullable(),
  flag: z.enum(['extortion']).nullable(),
  missing: z.array(z.string().max(40)).max(20),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ChatMessageRecord = ChatMessage.extend({
  pageUrl: z.string().max(4_000),
  firstSeenAtMs: z.number(),
});
export type ChatMessageRecord = z.infer<typeof ChatMessageRecord>;

/** What one frame of a tab found: per detection layer, with the cross-check's verdict. */
export const PageFindings = z.object({
  pageUrl: z.string().max(4_000),
  platform: PlatformId.nullable(),
  /** Adapter id (`taobao-reviews`, `pinduoduo-chat`…) or null when no adapter claims the page. */
  adapter: z.string().max(100).nullable(),
  surface: z.enum(['review', 'chat']).nullable(),
  /** Items the selector tables found (reviews or messages). */
  domCount: z.number().int().nonnegative(),
  keyed: z.number().int().nonnegative(),
  unreadable: z.number().int().nonnegative(),
  /** Items in the page's own API responses (null: none observed). */
  networkCount: z.number().int().nonnegative().nullable(),
  /** Items the text heuristics see (order-number labels…; null: not applicable). */
  textCount: z.number().int().nonnegative().nullable(),
  flagged: z.number().int().nonnegative(),
  /** Selector rules that fell back to a later candidate or matched nothing. */
  drift: z.array(z.string().max(300)).max(50),
  /** 此页面结构可能已更新 — with the reasons. */
  warnings: z.array(z.string().max(500)).max(20),
  scanMs: z.number().nonnegative(),
  /** Watch-listed buyers on the page, one Chinese line each (absent: none). */
  watchlist: z.array(z.string().max(500)).max(20).optional(),
});
export type PageFindings = z.infer<typeof PageFindings>;

export const PageFindingsRecord = PageFindings.extend({
  /** `<tabId>:<frameId>` */
  id: z.string(),
  tabId: z.number().int(),
  frameId: z.number().int(),
  updatedAtMs: z.number(),
});
export type PageFindingsRecord = z.infer<typeof PageFindingsRecord>;
