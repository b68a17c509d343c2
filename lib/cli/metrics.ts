/**
 * Metrics for the classifier evaluation (used by `npm run eval` and the tests): per-category precision,
 * recall and F1, macro-F1, and the confusion matrix.
 */
import type { Category } from '../schemas/classification';
import { CATEGORY_PRIORITY } from '../schemas/classification';

export interface CategoryScore {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Scores {
  perCategory: Record<Category, CategoryScore>;
  macroF1: number;
  accuracy: number;
  /** confusion[gold][predicted] */
  confusion: Record<Category, Record<Category, number>>;
}

export function score(gold: readonly Category[], predicted: readonly Category[]): Scores {
  const confusion = {} as Record<Category, Record<Category, number>>;
  for (const g of CATEGORY_PRIORITY) {
    confusion[g] = {} as Record<Category, number>;
    for (const p of CATEGORY_PRIORITY) confusion[g][p] = 0;
  }
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i];
    if (p === undefined) return;
    confusion[g][p]++;
    if (g === p) correct++;
  });
  const perCategory = {} as Record<Category, CategoryScore>;
  let macro = 0;
  for (const c of CATEGORY_PRIORITY) {
    const tp = confusion[c][c];
    let fp = 0;
    let fn = 0;
    for (const o of CATEGORY_PRIORITY) {
      if (o === c) continue;
      fp += confusion[o][c];
      fn += confusion[c][o];
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perCategory[c] = { precision, recall, f1, support: tp + fn };
    macro += f1 / CATEGORY_PRIORITY.length;
  }
  return { perCategory, macroF1: macro, accuracy: gold.length ? correct / gold.length : 0, confusion };
}
