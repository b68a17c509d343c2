import { APPEALABLE, type Classification } from '../schemas';

/**
 * The phrases boxed in red as 判定依据: only those that support a ground the platform acts on. A complaint phrase
 * (主观感受) beside an insult is the buyer's genuine dissatisfaction, not evidence of malice, so it is never boxed.
 */
export function decidingPhraseTexts(classification: Classification): string[] {
  if (!APPEALABLE.has(classification.category)) return [];
  return [...new Set(classification.phrases.filter((p) => APPEALABLE.has(p.category)).map((p) => p.text))];
}
