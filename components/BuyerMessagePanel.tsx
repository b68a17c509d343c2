import { useState } from 'react';
import { BUYER_MESSAGE_TEMPLATES, describeGuardWarning, guardBuyerMessage } from '../lib/appeal/buyerMessages';
import type { Category } from '../lib/schemas';
import type { CaseActions } from './CaseActions';

/** Polite messages for the platform's own chat, with the guard's warnings shown before anything is copied. */
export function BuyerMessagePanel({ category, actions }: { category: Category; actions: CaseActions }) {
  const templates = [...BUYER_MESSAGE_TEMPLATES].sort((a, b) => Number(b.suits.includes(category)) - Number(a.suits.includes(category)));
  const [text, setText] = useState(templates[0]?.text ?? '');
  const [status, setStatus] = useState<string | null>(null);
  const warnings = guardBuyerMessage(text);
  return (
    <details className="rg-buyer" data-testid="buyer-message">
      <summary>给买家发消息（仅限平台聊天工具）</summary>
      <div className="rg-actions rg-wrap">
        {templates.map((t) => (
          <button key={t.id} type="button" onClick={() => setText(t.text)}>
            {t.title}
          </button>
        ))}
      </div>
      <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} data-testid="buyer-message-text" />
      {warnings.length > 0 ? (
        <ul className="rg-guard" role="alert" data-testid="guard-warnings">
          {warnings.map((w) => (
            <li key={w.kind}>{describeGuardWarning(w)}</li>
          ))}
        </ul>
      ) : (
        <p className="rg-ok">未发现威胁、辱骂、站外联系或以好处换评价的内容</p>
      )}
      <div className="rg-actions">
        <button
          type="button"
          onClick={() =>
            void actions.copyText(text).then(
              () => setStatus(warnings.length ? '已复制。请先按上面的提示修改后再发送' : '已复制，请在平台聊天窗口发送'),
              () => setStatus('复制失败，请手动选中文本复制'),
            )
          }
        >
          复制消息
        </button>
      </div>
      {status && <p className="rg-muted">{status}</p>}
    </details>
  );
}
