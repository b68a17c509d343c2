import { z } from 'zod';

/** What a platform may act on; see shared/corpus/README.md for the definitions. */
export const Category = z.enum([
  'extortion',
  'competitor',
  'abusive',
  'not_received_or_unused',
  'irrelevant',
  'subjective',
  'positive',
]);
export type Category = z.infer<typeof Category>;

/** Priority when several grounds apply: strongest first. */
export const CATEGORY_PRIORITY: readonly Category[] = Category.options;

export const CATEGORY_LABEL: Record<Category, string> = {
  extortion: '差评要挟·敲诈',
  competitor: '同行恶意',
  abusive: '辱骂·诽谤·泄露隐私',
  not_received_or_unused: '未收货·未使用',
  irrelevant: '与商品无关',
  subjective: '主观感受',
  positive: '非差评',
};

/** Categories a platform may remove; subjective and positive are never called malicious. */
export const APPEALABLE: ReadonlySet<Category> = new Set([
  'extortion',
  'competitor',
  'abusive',
  'not_received_or_unused',
  'irrelevant',
]);

/** A span of the review text that decided (or supported) a category. Offsets are UTF-16 indices into the original text. */
export const MatchedPhrase = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  category: Category,
  reason: z.string(),
});
export type MatchedPhrase = z.infer<typeof MatchedPhrase>;

/** A fact the classifier checked besides the text (order record, times, rating, chat, batch) and what it found. */
export const FactCheck = z.object({
  /** What was checked: `order.status`, `order.timing`, `rating`, `chat`, `batch`, `input`. */
  fact: z.string(),
  /** What was found, in Chinese. */
  finding: z.string(),
  /** `supports` / `contradicts` the category named; `neutral` context; `missing` when the fact was not supplied. */
  effect: z.enum(['supports', 'contradicts', 'neutral', 'missing']),
  category: Category.nullable(),
});
export type FactCheck = z.infer<typeof FactCheck>;

/** A buyer–seller chat line that decided or supported a category (index into the input's `chat`). */
export const ChatEvidence = z.object({
  index: z.number().int().nonnegative(),
  from: z.enum(['buyer', 'seller', 'system']),
  text: z.string(),
  at: z.string().nullable(),
  category: Category,
  reason: z.string(),
});
export type ChatEvidence = z.infer<typeof ChatEvidence>;

/** The evidence behind a classification, beyond the matched phrases of the review text. */
export const ClassificationEvidence = z.object({
  facts: z.array(FactCheck),
  chat: z.array(ChatEvidence),
  /** Inputs that were not supplied (`rating`, `order`, `chat`, `reviewedAt`, `platform`); each lowers confidence. */
  missing: z.array(z.string()),
  /** Indices (in the batch given to `classifyReviews`) of reviews posted with the same or nearly the same text. */
  peers: z.array(z.number().int().nonnegative()).optional(),
});
export type ClassificationEvidence = z.infer<typeof ClassificationEvidence>;

/**
 * What to do with the review on its platform. `appeal` with a `reason` from the platform's registered rules,
 * or `appeal` with `pickOnForm` when the platform's reasons are not registered (the seller picks the reason on
 * the live form; `suggestedLabels` are unverified hints), `reply` for genuine complaints (reply, don't appeal)
 * and for grounds the platform has no reason for, `none` for reviews that are not negative.
 */
export const ClassificationRoute = z.object({
  action: z.enum(['appeal', 'reply', 'none']),
  platform: z.string().nullable(),
  reason: z.object({ code: z.string().nullable(), label: z.string() }).nullable(),
  pickOnForm: z.boolean(),
  suggestedLabels: z.array(z.string()),
  /** What to attach or keep, in Chinese, in order. */
  checklist: z.array(z.string()),
  /** One sentence for the seller, in Chinese. */
  summary: z.string(),
  /** Where the reason comes from, and whether it was checked on a live console. */
  source: z.string().nullable(),
  verified: z.boolean(),
});
export type ClassificationRoute = z.infer<typeof ClassificationRoute>;

export const Classification = z.object({
  category: Category,
  confidence: z.number().min(0).max(1),
  also: z.array(Category),
  phrases: z.array(MatchedPhrase),
  /** Human-readable reasons in Chinese, strongest first. */
  reasons: z.array(z.string()),
  version: z.string(),
  /** Facts checked and chat lines used (v1; absent in cases classified by v0). */
  evidence: ClassificationEvidence.optional(),
  /** Which reason to pick on the platform, or reply (v1; absent in cases classified by v0). */
  route: ClassificationRoute.optional(),
});
export type Classification = z.infer<typeof Classification>;

export const ChatLine = z.object({
  from: z.enum(['buyer', 'seller', 'system']),
  text: z.string(),
  at: z.string().nullable().optional(),
});
export type ChatLine = z.infer<typeof ChatLine>;

export const OrderFacts = z.object({
  status: z.enum(['not_shipped', 'in_transit', 'signed', 'consumed', 'none']).optional(),
  signedAt: z.string().nullable().optional(),
});
export type OrderFacts = z.infer<typeof OrderFacts>;

/** What the classifier reads: only `text` is required (corpus schema, see shared/corpus/README.md). */
export const ClassifyInput = z.object({
  text: z.string(),
  rating: z.number().int().min(0).max(5).nullable().optional(),
  platform: z.string().optional(),
  reviewedAt: z.string().nullable().optional(),
  order: OrderFacts.nullable().optional(),
  chat: z.array(ChatLine).optional(),
});
export type ClassifyInput = z.infer<typeof ClassifyInput>;
