/**
 * Finding a case in a long list: a shop that has used ReviewGuard for months has hundreds. Pure over the records;
 * the side panel's case list filters with it.
 */
import { CATEGORY_LABEL, PLATFORM_LABEL, type CaseRecord, type CaseState, type PlatformId } from '../schemas';

/** 进行中: something may still be done; 已结案: the platform removed the review, or the seller closed the case. */
export type CaseGroup = 'all' | 'open' | 'closed';

export const CASE_GROUP_LABEL: Record<CaseGroup, string> = { all: '全部', open: '进行中', closed: '已结案' };

const CLOSED: ReadonlySet<CaseState> = new Set<CaseState>(['申诉成功', '已结案']);

export function caseGroupOf(state: CaseState): Exclude<CaseGroup, 'all'> {
  return CLOSED.has(state) ? 'closed' : 'open';
}

export interface CaseQuery {
  /** Words to find (order number, buyer, review text, goods, category, state); every word must match. */
  text: string;
  group: CaseGroup;
  platform: PlatformId | 'all';
}

export const NO_QUERY: CaseQuery = { text: '', group: 'all', platform: 'all' };

export function isFiltering(query: CaseQuery): boolean {
  return query.text.trim() !== '' || query.group !== 'all' || query.platform !== 'all';
}

/** Full-width letters and digits (订单号 typed with a Chinese IME) match their ASCII forms; case does not matter. */
const fold = (text: string) => text.normalize('NFKC').toLowerCase();

function searchableText(record: CaseRecord): string {
  const { review, classification } = record;
  return fold(
    [
      review.orderSn,
      review.buyerNick,
      review.text,
      review.goodsName,
      record.key,
      CATEGORY_LABEL[classification.category],
      record.state,
      PLATFORM_LABEL[record.platform],
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

/** The cases that match, in the order given. */
export function filterCases(cases: readonly CaseRecord[], query: CaseQuery): CaseRecord[] {
  const words = fold(query.text).split(/\s+/).filter(Boolean);
  return cases.filter((record) => {
    if (query.platform !== 'all' && record.platform !== query.platform) return false;
    if (query.group !== 'all' && caseGroupOf(record.state) !== query.group) return false;
    if (words.length === 0) return true;
    const text = searchableText(record);
    return words.every((word) => text.includes(word));
  });
}

/** How many cases each group chip would show, on the platform chosen. */
export function groupCounts(cases: readonly CaseRecord[], platform: CaseQuery['platform']): Record<CaseGroup, number> {
  const counts: Record<CaseGroup, number> = { all: 0, open: 0, closed: 0 };
  for (const record of cases) {
    if (platform !== 'all' && record.platform !== platform) continue;
    counts.all++;
    counts[caseGroupOf(record.state)]++;
  }
  return counts;
}

/** The platforms the cases are on, in the platforms' own order (the platform chips show only when there are two). */
export function platformsOf(cases: readonly CaseRecord[]): PlatformId[] {
  const present = new Set(cases.map((c) => c.platform));
  return (Object.keys(PLATFORM_LABEL) as PlatformId[]).filter((p) => present.has(p));
}
