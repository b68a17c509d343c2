import { z } from 'zod';
import { Category, Classification } from '../schemas/classification';
import { EvidenceRecord } from '../schemas/evidence';
import { PlatformId } from '../schemas/platform';
import { ReviewSnapshot } from '../schemas/review';

/** One appeal reason as the platform's form offers it. */
export const AppealReason = z.object({
  /** The platform's reason code (PDD `reportType`), or null when we only know the label or the seller must pick. */
  code: z.string().nullable(),
  /** Label as shown on the platform's form, e.g. `利用评价要挟`. */
  label: z.string().min(1),
  /** What to attach, in Chinese, e.g. `聊天记录截图（买家提出要求的原话）`. */
  evidenceHint: z.array(z.string()),
  /** Overrides `AppealRules.minChars` for this reason (PDD codes 7 and 8: 20). */
  minChars: z.number().int().nonnegative().nullable().optional(),
  /** Images this reason requires; default 0. */
  minImages: z.number().int().nonnegative().optional(),
  /** Overrides `AppealRules.maxImages` for this reason; 0 = the form takes no images for this reason. */
  maxImages: z.number().int().nonnegative().nullable().optional(),
});
export type AppealReason = z.infer<typeof AppealReason>;

/**
 * One platform's appeal facts as data with provenance. The real objects live with each platform
 * (e.g. `lib/platforms/pinduoduo.ts`); numbers are never hard-coded in the drafting code.
 */
export const AppealRules = z
  .object({
    platform: PlatformId,
    /**
     * The reason to use for each category, or null for "reply, don't appeal": subjective and positive always,
     * and any category the platform has no reason for (PDD: not_received_or_unused).
     */
    reasons: z.record(Category, AppealReason.nullable()),
    /** Minimum length of the appeal text; 0 when none is known. */
    minChars: z.number().int().nonnegative(),
    /** Maximum length of the appeal text; null when not known. */
    maxChars: z.number().int().positive().nullable(),
    /** Maximum length of a public merchant reply (Taobao 评价解释: 500); null when not known. */
    replyMaxChars: z.number().int().positive().nullable(),
    /** Images per appeal; null when not known. */
    maxImages: z.number().int().nonnegative().nullable(),
    /** Accepted image types as the form names them, e.g. `['jpg', 'jpeg', 'png']`. Empty when not known. */
    imageTypes: z.array(z.string()),
    maxImageBytes: z.number().int().positive().nullable(),
    /** Where these facts come from, e.g. `PDD-MMS-MCP（第三方代码），未在后台核实`. */
    source: z.string().min(1),
    verified: z.boolean(),
    /** ISO 8601 (+08:00) of the last check on a live console, or null. */
    verifiedAt: z.string().nullable(),
  })
  .refine((r) => r.reasons.subjective === null && r.reasons.positive === null, {
    message: '主观感受和好评不能设置申诉理由（只回复，不申诉）',
    path: ['reasons'],
  });
export type AppealRules = z.infer<typeof AppealRules>;

/** What the draft needs to know about one piece of evidence (a subset of `EvidenceRecord`). */
export const EvidenceRef = EvidenceRecord.pick({ capturedAtMs: true, kind: true, sha256: true }).extend({
  /** When known, checked against the platform's image rules. */
  mime: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
});
export type EvidenceRef = z.infer<typeof EvidenceRef>;

export const AppealDraftInput = z.object({
  review: ReviewSnapshot,
  classification: Classification,
  evidence: z.array(EvidenceRef),
  /** Order facts the seller or the page confirmed; absent facts are left out of the text, never invented. */
  order: z
    .object({
      signedAtMs: z.number().nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type AppealDraftInput = z.infer<typeof AppealDraftInput>;

export const AppealRoute = z.enum(['appeal', 'reply']);
export type AppealRoute = z.infer<typeof AppealRoute>;

export const AppealDraft = z.object({
  /** `appeal`: report the review with `reason`; `reply`: post `text` as a public merchant reply instead. */
  route: AppealRoute,
  reason: z.object({ code: z.string().nullable(), label: z.string() }).nullable(),
  /** Plain text: show it with textContent / a textarea, never as HTML. */
  text: z.string(),
  /** UTF-16 length of `text` (what a form's maxlength counts). */
  charCount: z.number().int().nonnegative(),
  /** `证据1：…`, oldest capture first; numbers match the references in `text`. */
  evidenceList: z.array(z.string()),
  /** What the seller does on the platform's page, in order. */
  checklist: z.array(z.string()),
  /** What does not fit the platform's rules or is missing; empty when the draft is ready. */
  problems: z.array(z.string()),
});
export type AppealDraft = z.infer<typeof AppealDraft>;
