import { useLiveQuery } from 'dexie-react-hooks';
import { chatForReview } from '../lib/chat/store';
import type { ReviewGuardDatabase } from '../lib/db/database';
import type { ReviewSnapshot } from '../lib/schemas';
import { formatShanghai } from '../lib/time/shanghai';

const SENDER_LABEL = { buyer: '买家', seller: '客服', system: '系统' } as const;

/** The chat with this review's buyer (linked by order number, else nick), shown with the review. Text only. */
export function CaseChat({ db, review }: { db: ReviewGuardDatabase; review: ReviewSnapshot }) {
  const messages = useLiveQuery(() => chatForReview(db, review), [db, review.platform, review.orderSn, review.buyerNick]);
  if (!messages || messages.length === 0) return null;
  return (
    <details className="rg-case-chat" data-testid="case-chat" open={messages.some((m) => m.flag)}>
      <summary>
        相关聊天记录（{messages.length} 条{messages.some((m) => m.flag) ? '，含疑似差评要挟' : ''}）
      </summary>
      <ol>
        {messages.slice(-50).map((m) => (
          <li key={m.key} data-sender={m.sender} className={m.flag ? 'rg-chat-flagged' : undefined}>
            <b>{SENDER_LABEL[m.sender]}</b> {m.timeMs !== null && <time>{formatShanghai(m.timeMs, 'M月D日 HH:mm')}</time>}{' '}
            <span data-testid="chat-text">{m.text || '（非文字消息）'}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}
