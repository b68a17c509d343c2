/**
 * Review classification (v1, rule-based, pure).
 *
 * `classifyReview(input)`: category (highest priority ground, see CATEGORY_PRIORITY), other grounds in
 * `also`, a 0–1 confidence, the phrases that decided it (UTF-16 offsets into the original text), Chinese
 * reasons, the evidence (facts checked, chat lines used, missing inputs) and the route (which reason to pick
 * on the platform, or reply).
 * `classifyReviews(inputs)` adds the cross-review signal (coordinated identical or near-identical texts).
 */
export { classifyReview, CLASSIFIER_VERSION, APPEAL_GROUNDS } from './classify';
export { isExtortionMessage } from './chatMessage';
export { classifyReviews, findCoordinatedGroups } from './batch';
export { normalize, compactSpanToOriginal, type Normalized } from './normalize';
export { routeFor } from './route';
export type { Category, Classification, ClassifyInput, MatchedPhrase } from '../schemas/classification';
