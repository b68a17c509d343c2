import { z } from 'zod';
import { AppealRecord, CaseState } from './case';
import { ReviewSnapshot } from './review';
import { CaptureContext } from './evidence';

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
  'appeal-submitted': {
    request: z.object({ caseKey: z.string() }),
    response: z.object({ appeal: AppealRecord, reminderId: z.string() }),
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
