import { z } from 'zod';
import { ChatSender } from './chat';
import { PlatformId } from './platform';
import { ReviewSnapshot } from './review';

export const EvidenceKind = z.enum(['transaction', 'review', 'negotiation']);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

export const EVIDENCE_KIND_LABEL: Record<EvidenceKind, string> = {
  transaction: '交易凭证',
  review: '评价截图',
  negotiation: '协商记录',
};

/** A rectangle in image pixels (top-left origin). */
export const PixelBox = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
  /** What is inside, e.g. the phrase or `buyerNick`. */
  label: z.string().max(500),
});
export type PixelBox = z.infer<typeof PixelBox>;

export const StoredImage = z.object({
  mime: z.string(),
  bytes: z.instanceof(Uint8Array),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
});
export type StoredImage = z.infer<typeof StoredImage>;

/** Size of the same capture in each format tried; the smallest lossless one is stored. */
export const FormatMeasurement = z.object({ mime: z.string(), bytes: z.number().int().nonnegative(), lossless: z.boolean() });
export type FormatMeasurement = z.infer<typeof FormatMeasurement>;

/** Largest item of the page's own JSON kept with a capture (UTF-8 bytes of its JSON text). */
export const MAX_PAGE_JSON_BYTES = 64 * 1024;

/**
 * The page's own JSON for the captured item, as the page's list request returned it (copied read-only by the
 * network tap). Untrusted page data: parsed with JSON.parse only, size-capped, never evaluated or rendered as HTML.
 */
export const ObservedPageJson = z
  .object({
    /** The endpoint that returned it, without the query string. */
    endpoint: z.string().max(2000),
    transport: z.enum(['xhr', 'fetch', 'jsonp']),
    /** When the content script received the response (epoch ms). */
    observedAtMs: z.number(),
    /** Which id of the review matched which field of the item, e.g. `orderSn` = `261114-856625958168149`. */
    matchedBy: z.object({ field: z.string().max(100), value: z.string().max(200) }),
    /** UTF-8 bytes of `JSON.stringify(item)`. */
    bytes: z.number().int().nonnegative().max(MAX_PAGE_JSON_BYTES),
    /** SHA-256 of `JSON.stringify(item)` (UTF-8); set by the worker when the capture is stored. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    item: z.unknown(),
  })
  .refine((p) => p.item !== undefined && new TextEncoder().encode(JSON.stringify(p.item)).byteLength <= MAX_PAGE_JSON_BYTES, {
    message: `页面数据超过 ${MAX_PAGE_JSON_BYTES / 1024} KB 上限`,
  });
export type ObservedPageJson = z.infer<typeof ObservedPageJson>;

/** Most messages a chat capture records (its text record; the image is capped separately by canvas size). */
export const MAX_CHAT_CAPTURE_MESSAGES = 2_000;

/** One message of a captured chat thread, as read from the page at the moment of capture. Untrusted text. */
export const ChatMessageSeen = z.object({
  /** `data-rg-chat` key (platform:conversation:id). */
  key: z.string().min(1).max(300),
  sender: ChatSender,
  timeMs: z.number().nullable(),
  text: z.string().max(5_000),
  flag: z.enum(['extortion']).nullable(),
  /** False when the message was left out of the image (thread too tall for one image); its text is still here. */
  inImage: z.boolean(),
});
export type ChatMessageSeen = z.infer<typeof ChatMessageSeen>;

/** Who the conversation is with and about, and which messages the capture holds. */
export const ChatConversationSeen = z.object({
  platform: PlatformId,
  /** `chat:<platform>:<order number | buyer id/nick>`: how unlinked chat evidence is filed and later joined to a case. */
  conversationKey: z.string().min(1).max(300),
  buyerId: z.string().max(100).nullable(),
  buyerNick: z.string().max(100).nullable(),
  orderSn: z.string().max(64).nullable(),
});
export type ChatConversationSeen = z.infer<typeof ChatConversationSeen>;

export const ChatThreadSeen = ChatConversationSeen.extend({
  messages: z.array(ChatMessageSeen).max(MAX_CHAT_CAPTURE_MESSAGES),
  /** Messages on the page in the thread (may exceed `messages` when over the cap). */
  totalMessages: z.number().int().nonnegative(),
  /** CSS px: the list's full scroll height and the part visible on screen at capture time. */
  scrollHeight: z.number().nonnegative(),
  visibleHeight: z.number().nonnegative(),
  /** What the image leaves out (null: the whole thread is in the image). */
  omitted: z.string().max(1000).nullable(),
});
export type ChatThreadSeen = z.infer<typeof ChatThreadSeen>;

/** Why a chat capture has no page JSON, as the seller reads it beside the evidence and in the package report. */
export const CHAT_PAGE_JSON_NOTE = '聊天截图不记录页面接口数据；逐条聊天内容（发送人、时间、文字）已随本证据保存';

/** Everything known about the moment of capture, stored with it and hashed into its manifest. */
export const CaptureContext = z.object({
  extensionVersion: z.string(),
  /** navigator.userAgent of the capturing browser. */
  browser: z.string().max(1000),
  /** The capturing machine's own time zone, e.g. `Asia/Shanghai`. */
  timeZone: z.string(),
  capturedAtUtc: z.string(),
  /** The structured review as read from the page at the moment of capture. */
  reviewSeen: ReviewSnapshot.nullable(),
  /** The page's own JSON for this item, when it was observed (null: not observed, or not attributable; see pageJsonNote). */
  pageJson: ObservedPageJson.nullable(),
  /** Why pageJson is null (not observed, too large, several items with the same id): said, not guessed. */
  pageJsonNote: z.string().max(500).nullable().optional(),
  /** Parts of the page the renderer could not draw (cross-origin images, iframes): said, never silently dropped. */
  notRendered: z.array(z.string()),
  phraseBoxes: z.array(PixelBox),
  /** Where buyer personal data sits in the image, masked in exported annotated copies. */
  privacyBoxes: z.array(PixelBox),
  formats: z.array(FormatMeasurement),
  /** Chat captures (kind negotiation): the conversation and the structured messages seen. */
  chatSeen: ChatThreadSeen.optional(),
});
export type CaptureContext = z.infer<typeof CaptureContext>;

export const EvidenceRecord = z.object({
  id: z.string(),
  caseKey: z.string(),
  /** The review key as written on the page (`data-rg-review`). */
  reviewKey: z.string(),
  kind: EvidenceKind,
  mime: z.string(),
  /** Exactly the stored bytes; `sha256` is computed over these. */
  bytes: z.instanceof(Uint8Array),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  /** ISO 8601 in Asia/Shanghai, e.g. 2026-11-20T21:14:03.120+08:00 */
  capturedAt: z.string(),
  capturedAtMs: z.number(),
  pageUrl: z.string(),
  pageTitle: z.string(),
  /** How the image was made, e.g. `html2canvas-pro`. */
  method: z.string(),
  /** The copy with the deciding phrases boxed in red and the capture strip; the original above is always kept. */
  annotated: StoredImage.optional(),
  /** The annotated copy with the buyer's personal data covered, made at capture so exports need not re-encode. */
  annotatedMasked: StoredImage.optional(),
  context: CaptureContext.optional(),
  /** The per-capture manifest exactly as stored (canonical JSON): it hashes every file and the context together. */
  captureManifest: z.string().optional(),
  captureManifestSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** Chat captures: the conversation (indexed, so a review captured later finds its chat). */
  conversation: ChatConversationSeen.optional(),
});
export type EvidenceRecord = z.infer<typeof EvidenceRecord>;

/**
 * Chat evidence attached to a case (a case is keyed by its review; one chat capture may belong to several cases,
 * and may arrive before the review). Links are added, never edited: the evidence record itself stays untouched.
 */
export const EvidenceLink = z.object({
  /** `<caseKey>|<evidenceId>`: linking twice is a no-op. */
  id: z.string(),
  caseKey: z.string(),
  evidenceId: z.string(),
  /** How the case was matched: same order number, or (failing that) the same buyer nick. */
  by: z.enum(['orderSn', 'buyerNick']),
  linkedAtMs: z.number(),
});
export type EvidenceLink = z.infer<typeof EvidenceLink>;
