import { useLiveQuery } from 'dexie-react-hooks';
import { unlinkedChatEvidence } from '../lib/cases/chatEvidence';
import type { ReviewGuardDatabase } from '../lib/db/database';
import { PLATFORM_LABEL } from '../lib/schemas';
import { EvidenceStrip } from './EvidenceStrip';

/**
 * Chat captures no case holds yet (their buyer's/order's review has not been captured). Kept, listed here, and
 * joined to the case automatically when that review is captured.
 */
export function UnlinkedChatEvidence({ db }: { db: ReviewGuardDatabase }) {
  const items = useLiveQuery(() => unlinkedChatEvidence(db), [db]);
  if (!items || items.length === 0) return null;
  return (
    <section className="rg-unlinked-chat" data-testid="unlinked-chat-evidence">
      <h3>未关联案件的聊天证据（{items.length}）</h3>
      <p className="rg-muted">采集该买家或该订单的评价后，这些聊天证据会自动归入对应案件。</p>
      {items.map((item) => (
        <div key={item.id} data-testid="unlinked-chat" data-conversation-key={item.caseKey}>
          <p className="rg-meta">
            {item.conversation ? PLATFORM_LABEL[item.conversation.platform] : ''} · 买家 {item.conversation?.buyerNick ?? '未知'}
            {item.conversation?.orderSn ? ` · 订单 ${item.conversation.orderSn}` : ''}
          </p>
          <EvidenceStrip items={[item]} db={db} />
        </div>
      ))}
    </section>
  );
}
