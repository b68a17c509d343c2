/**
 * Review classification (v0, rule-based).
 *
 * `classifyReview(input)` is a pure function: category (highest priority ground, see
 * CATEGORY_PRIORITY), other grounds in `also`, a 0–1 confidence, the phrases that decided it
 * (UTF-16 offsets into the original text) and Chinese reasons.
 * `classifyReviews(inputs)` adds the one cross-review signal (coordinated identical texts).
 */
export { classifyReview, CLASSIFIER_VERSION } from './classify';
export { classifyReviews, findCoordinatedGroups } from './batch';
export { normalize, compactSpanToOriginal, type Normalized } from './normalize';
export type { Category, Classification, ClassifyInput, MatchedPhrase } from '../schemas/classification';
