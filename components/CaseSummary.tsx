import type { CaseRecord } from '../lib/schemas';
import { PLATFORM_LABEL } from '../lib/schemas';
import { formatShanghai } from '../lib/time/shanghai';
import { CategoryBadge, Stars } from './CategoryBadge';

/** One line per case in a long list; the whole line opens the case. Review text is plain text, never HTML. */
export function CaseSummary({ record, evidenceCount, onOpen }: { record: CaseRecord; evidenceCount: number; onOpen: () => void }) {
  const { review, classification } = record;
  return (
    <article id={`case-${record.key}`} className="rg-case rg-case-summary" data-testid="case-summary" data-case-key={record.key}>
      <button type="button" className="rg-summary-open" onClick={onOpen} aria-expanded={false} title="展开案件：证据、申诉草稿与处理记录">
        <span className="rg-case-head">
          <span className="rg-platform">{PLATFORM_LABEL[record.platform]}</span>
          <CategoryBadge category={classification.category} confidence={classification.confidence} />
          <Stars value={review.stars} />
          <span className="rg-state" data-testid="case-state">
            {record.state}
          </span>
        </span>
        <span className="rg-meta rg-muted">
          <span>{review.buyerNick ?? '买家未知'}</span>
          {review.orderSn && <span>订单 {review.orderSn}</span>}
          <span>证据 {evidenceCount} 份</span>
          <span>更新于 {formatShanghai(record.updatedAtMs, 'M月D日 HH:mm')}</span>
        </span>
        <span className="rg-summary-text">{review.text || '（无文字内容）'}</span>
      </button>
    </article>
  );
}
