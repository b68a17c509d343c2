import { z } from 'zod';
import { AppealRecord, CaseState } from './case';
import { PlatformId } from './platform';
import { ChatMessage, PageFindings } from './chat';
import { ReviewSnapshot } from './review';
import { CaptureContext, ChatThreadSeen } from './evidence';

const ImagePayload = z.object({
  /** data:image/png;base64,… — JSON-safe across the content-script boundary (Blobs are not). */
  dataUrl: z.string().startsWith('data:image/').max(40_000_000),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

/** Every message crossing a context boundary, defined once: request and response schema per type. */
export const MessageSchemas = {
  'capture-review': {
    request: z.object({
      review: ReviewSnapshot,
      image: z.object({
        /** data:image/png;base64,… — JSON-safe across the content-script boundary (Blobs are not). */
        dataUrl: z.string().startsWith('data:image/').max(40_000_000),
        width: z.number().int().positive(),
        height: z.number().int().positive(),
      }),
      pageUrl: z.string().url(),
      pageTitle: z.string().max(1000),
      method: z.string(),
      /** The copy with deciding phrases boxed and the capture strip (the original above is always kept). */
      annotated: ImagePayload.optional(),
      /** The annotated copy with buyer personal data covered (exports use it when masking is on). */
      annotatedMasked: ImagePayload.optional(),
      /** When the page was rendered, by the capturing tab's clock. */
      capturedAtMs: z.number().optional(),
      context: CaptureContext.omit({ reviewSeen: true, capturedAtUtc: true }).optional(),
    }),
    response: z.object({
      caseKey: z.string(),
      evidenceId: z.string(),
      sha256: z.string(),
      size: z.number(),
      state: CaseState,
    }),
  },
  /**
   * The in-page 采集证据 button asks for a pixel-exact capture of its review (frame of the sender). `pixel`: taken
   * and stored; `unavailable`: not possible (permission not granted, a sub-frame, or the capture failed), with the
   * reason, and the content script falls back to html2canvas and says so.
   */
  'capture-pixel': {
    request: z.object({ reviewKey: z.string().min(1).max(200) }),
    response: z.discriminatedUnion('method', [
      z.object({
        method: z.literal('pixel'),
        saved: z.object({ caseKey: z.string(), evidenceId: z.string(), sha256: z.string(), size: z.number(), state: CaseState }),
      }),
      z.object({ method: z.literal('unavailable'), reason: z.string() }),
    ]),
  },
  /**
   * The in-page 采集聊天证据 control: the whole chat thread rendered (scroll container expanded), stored as evidence
   * of kind negotiation, attached to every open case with the same platform and order number (else buyer nick), or
   * kept under its conversation key until that review is captured.
   */
  'capture-chat': {
    request: z.object({
      thread: ChatThreadSeen,
      image: ImagePayload,
      annotated: ImagePayload.optional(),
      annotatedMasked: ImagePayload.optional(),
      pageUrl: z.string().url(),
      pageTitle: z.string().max(1000),
      method: z.string().max(100),
      capturedAtMs: z.number().optional(),
      context: CaptureContext.omit({ reviewSeen: true, capturedAtUtc: true, chatSeen: true }),
    }),
    response: z.object({
      evidenceId: z.string(),
      sha256: z.string(),
      size: z.number(),
      conversationKey: z.string(),
      linkedCaseKeys: z.array(z.string()),
    }),
  },
  /** The side panel restored a backup: the worker schedules the restored reminders and refreshes the badge. */
  'backup-restored': {
    request: z.object({}),
    response: z.object({}),
  },
  'appeal-submitted': {
    request: z.object({ caseKey: z.string() }),
    response: z.object({ appeal: AppealRecord, reminderId: z.string() }),
  },
  /** The seller records the next step of a case (side panel); refusals come back as errors with the reason. */
  'case-transition': {
    request: z.object({
      caseKey: z.string(),
      to: CaseState,
      note: z.string().max(1000).optional(),
      /** 待补充材料: the platform's deadline for the material (epoch ms). */
      materialDueAtMs: z.number().nullable().optional(),
    }),
    response: z.object({ state: CaseState, reminderIds: z.array(z.string()) }),
  },
  /** The content script saw a review's appeal state on the page (PDD 已举报/举报成功/举报失败…): the case follows. */
  'page-status-seen': {
    request: z.object({ caseKey: z.string(), status: z.union([z.string().max(50), z.number().int()]) }),
    response: z.object({ steps: z.array(CaseState) }),
  },
  /** Reviews on screen that already have a case, with the case's state (for the marker next to 采集证据). */
  'cases-on-page': {
    request: z.object({ keys: z.array(z.string().min(1).max(200)).max(2_000) }),
    response: z.object({ cases: z.array(z.object({ key: z.string(), state: CaseState })) }),
  },
  /** Buyers shown on a review or chat page, checked against the local watch-list. */
  'watchlist-check': {
    request: z.object({ platform: PlatformId, nicks: z.array(z.string().max(100)).max(500) }),
    response: z.object({
      matches: z.array(
        z.object({
          nick: z.string(),
          entryId: z.string(),
          entryNick: z.string(),
          reason: z.string(),
          caseCount: z.number(),
          strength: z.enum(['exact', 'masked']),
          warning: z.string(),
        }),
      ),
    }),
  },
  /** A message the seller is about to send to a buyer: warnings naming the words and the rule (empty = fine). */
  'buyer-message-check': {
    request: z.object({ text: z.string().max(5000) }),
    response: z.object({
      warnings: z.array(
        z.object({
          kind: z.enum(['threat', 'insult', 'off-platform', 'benefit-for-review']),
          words: z.array(z.string()),
          rule: z.string(),
          /** One line for the UI, e.g. `以利益换评价：“返现”“好评” — …`. */
          text: z.string(),
        }),
      ),
    }),
  },
  /** A chat page's newly seen messages: stored, and flagged ones counted on the toolbar badge. */
  'chat-messages': {
    request: z.object({ pageUrl: z.string().max(4_000), messages: z.array(ChatMessage).max(500) }),
    response: z.object({ stored: z.number().int(), flaggedOnTab: z.number().int() }),
  },
  /** What a frame's detectors found (for the side panel's 此页面 view). */
  'page-findings': {
    request: PageFindings,
    response: z.object({ ok: z.literal(true) }),
  },
} as const;

export type MessageType = keyof typeof MessageSchemas;
export type MessageRequest<T extends MessageType> = z.infer<(typeof MessageSchemas)[T]['request']>;
export type MessageResponse<T extends MessageType> = z.infer<(typeof MessageSchemas)[T]['response']>;

/** Envelope on the wire. */
export const WireMessage = z.object({
  channel: z.literal('reviewguard'),
  type: z.string(),
  payload: z.unknown(),
});

export const WireReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type WireReply = z.infer<typeof WireReply>;
