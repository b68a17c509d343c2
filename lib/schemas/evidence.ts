import { z } from 'zod';

export const EvidenceKind = z.enum(['transaction', 'review', 'negotiation']);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

export const EVIDENCE_KIND_LABEL: Record<EvidenceKind, string> = {
  transaction: '交易凭证',
  review: '评价截图',
  negotiation: '协商记录',
};

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
});
export type EvidenceRecord = z.infer<typeof EvidenceRecord>;
