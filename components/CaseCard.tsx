import { useLiveQuery } from 'dexie-react-hooks';
import { evidenceForCases } from '../lib/cases/chatEvidence';
import type { ReviewGuardDatabase } from '../lib/db/database';
import type { CaseRecord } from '../lib/schemas';
import { PLATFORM_LABEL } from '../lib/schemas';
import { formatShanghai } from '../lib/time/shanghai';
import { AfterRejectionPanel } from './AfterRejectionPanel';
import { AppealPanel } from './AppealPanel';
import { BuyerMessagePanel } from './BuyerMessagePanel';
import { CaseChat } from './CaseChat';
import type { CaseActions } from './CaseActions';
import { CaseWorkflow } from './CaseWorkflow';
import { CategoryBadge, Stars } from './CategoryBadge';
import { EvidenceStrip } from './EvidenceStrip';
import { ExportButton } from './ExportButton';
import { UploadButton } from './UploadButton';
import { HighlightedText } from './HighlightedText';
import { WatchlistButton } from './WatchlistButton';

const FIELD_LABEL: Record<string, string> = {
  stars: '星级',
  reviewedAt: '评价时间',
  buyerNick: '买家昵称',
  text: '评价内容',
  goodsName: '商品名称',
  orderSn: '订单编号',
};

export function CaseCard({
  db,
  record,
  actions,
  focused,
  onCollapse,
}: {
  db: ReviewGuardDatabase;
  record: CaseRecord;
  actions: CaseActions;
  focused?: boolean;
  /** In a long list: folds the case back to one line. */
  onCollapse?: (() => void) | undefined;
}) {
  const evidence = useLiveQuery(() => evidenceForCases(db, [record.key]), [db, record.key]);
  const { review, classification } = record;
  return (
    <article id={`case-${record.key}`} className={`rg-case ${focused ? 'rg-focused' : ''}`} data-testid="case" data-case-key={record.key}>
      <div className="rg-case-head">
        <span className="rg-platform">{PLATFORM_LABEL[record.platform]}</span>
        <CategoryBadge category={classification.category} confidence={classification.confidence} />
        <span className="rg-state" data-testid="case-state">
          {record.state}
        </span>
        {onCollapse && (
          <button type="button" className="rg-link rg-collapse" data-testid="case-collapse" aria-expanded={true} onClick={onCollapse}>
            收起
          </button>
        )}
      </div>
      <div className="rg-meta">
        <Stars value={review.stars} />
        <span>{review.buyerNick ?? '买家未知'}</span>
        {review.reviewedAt && <span>评价于 {formatShanghai(Date.parse(review.reviewedAt), 'YYYY-MM-DD HH:mm')}</span>}
      </div>
      {review.orderSn && <div className="rg-meta rg-muted">订单编号 {review.orderSn}</div>}
      {review.goodsName && <div className="rg-meta rg-muted">商品 {review.goodsName}</div>}
      <HighlightedText text={review.text || '（无文字内容）'} phrases={review.text ? classification.phrases : []} />
      {classification.reasons.length > 0 && (
        <ul className="rg-reasons" aria-label="判定依据">
          {classification.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {review.missing.length > 0 && <p className="rg-muted">页面上未读到：{review.missing.map((f) => FIELD_LABEL[f] ?? f).join('、')}</p>}
      <CaseChat db={db} review={review} />
      <h3>证据</h3>
      <EvidenceStrip items={evidence ?? []} db={db} />
      {(evidence?.length ?? 0) > 0 && (
        <div className="rg-evidence-actions">
          <ExportButton db={db} caseKeys={[record.key]} />
          <UploadButton db={db} caseKey={record.key} platform={record.platform} />
        </div>
      )}
      <AppealPanel record={record} evidence={evidence ?? []} actions={actions} />
      <CaseWorkflow record={record} actions={actions} />
      {record.history.some((h) => h.state === '申诉驳回') && <AfterRejectionPanel record={record} evidence={evidence ?? []} actions={actions} />}
      <BuyerMessagePanel category={classification.category} actions={actions} />
      <WatchlistButton db={db} record={record} />
      <details className="rg-history">
        <summary>处理记录（{record.history.length}）</summary>
        <ol>
          {record.history.map((h, i) => (
            <li key={i}>
              <time>{formatShanghai(h.atMs, 'M月D日 HH:mm')}</time> <b>{h.state}</b> {h.note}
            </li>
          ))}
        </ol>
      </details>
    </article>
  );
}
