import type { Category } from '../lib/schemas';
import { APPEALABLE, CATEGORY_LABEL } from '../lib/schemas';

export function CategoryBadge({ category, confidence }: { category: Category; confidence: number }) {
  const tone = APPEALABLE.has(category) ? 'malicious' : category;
  return (
    <span className={`rg-badge rg-badge-${tone}`} data-testid="case-category" data-category={category} title={`置信度 ${Math.round(confidence * 100)}%`}>
      {CATEGORY_LABEL[category]}
      <small>{Math.round(confidence * 100)}%</small>
    </span>
  );
}

export function Stars({ value }: { value: number | null }) {
  if (value === null) return <span className="rg-stars rg-muted">星级未知</span>;
  return (
    <span className="rg-stars" aria-label={`${value} 星`} title={`${value} 星`}>
      {'★'.repeat(value)}
      <span className="rg-stars-off">{'★'.repeat(5 - value)}</span>
    </span>
  );
}
