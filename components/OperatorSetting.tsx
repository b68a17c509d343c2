import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { ReviewGuardDatabase } from '../lib/db/database';
import { getSetting, setSetting, SETTINGS } from '../lib/db/settings';

/** The name the audit log records for captures, exports and deletions. */
export function OperatorSetting({ db }: { db: ReviewGuardDatabase }) {
  const saved = useLiveQuery(() => getSetting(db, 'operatorName'), [db]);
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const save = async () => {
    const parsed = SETTINGS.operatorName.schema.safeParse(draft ?? saved);
    if (!parsed.success) {
      setMessage('请填写 1–50 个字');
      return;
    }
    await setSetting(db, 'operatorName', parsed.data);
    setDraft(null);
    setMessage('已保存：之后的操作日志记为此人');
  };
  return (
    <details className="rg-muted">
      <summary>操作人：{saved ?? '…'}</summary>
      <input data-testid="operator-name" className="rg-input" value={draft ?? saved ?? ''} onChange={(e) => setDraft(e.target.value)} />
      <button type="button" data-testid="operator-save" onClick={() => void save()}>
        保存
      </button>
      {message && <p>{message}</p>}
    </details>
  );
}
