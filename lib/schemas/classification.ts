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

export const Classification = z.object({
  category: Category,
  confidence: z.number().min(0).max(1),
  also: z.array(Category),
  phrases: z.array(MatchedPhrase),
  /** Human-readable reasons in Chinese, strongest first. */
  reasons: z.array(z.string()),
  version: z.string(),
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
