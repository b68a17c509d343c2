import type { MatchedPhrase } from '../lib/schemas';
import { CATEGORY_LABEL } from '../lib/schemas';

/** Splits text into plain and highlighted segments; overlapping phrases keep the earliest. Text is never parsed as HTML. */
export function segmentText(text: string, phrases: readonly MatchedPhrase[]) {
  const sorted = [...phrases]
    .filter((p) => p.start < p.end && p.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: { text: string; phrase?: MatchedPhrase }[] = [];
  let cursor = 0;
  for (const phrase of sorted) {
    if (phrase.start < cursor) continue;
    if (phrase.start > cursor) segments.push({ text: text.slice(cursor, phrase.start) });
    segments.push({ text: text.slice(phrase.start, phrase.end), phrase });
    cursor = phrase.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor) });
  return segments;
}

export function HighlightedText({ text, phrases }: { text: string; phrases: readonly MatchedPhrase[] }) {
  return (
    <p className="rg-review-text" data-testid="review-text">
      {segmentText(text, phrases).map((segment, i) =>
        segment.phrase ? (
          <mark
            key={i}
            className={`rg-mark rg-mark-${segment.phrase.category}`}
            title={`${CATEGORY_LABEL[segment.phrase.category]}：${segment.phrase.reason}`}
          >
            {segment.text}
          </mark>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
