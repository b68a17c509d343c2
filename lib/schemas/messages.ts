import { z } from 'zod';
import { AppealRecord, CaseState } from './case';
import { ChatMessage, PageFindings } from './chat';
import { ReviewSnapshot } from './review';

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
    }),
    response: z.object({
      caseKey: z.string(),
      evidenceId: z.string(),
      sha256: z.string(),
      size: z.number(),
      state: CaseState,
    }),
  },
  'appeal-submitted': {
    request: z.object({ caseKey: z.string() }),
    response: z.object({ appeal: AppealRecord, reminderId: z.string() }),
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
