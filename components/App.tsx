import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import type { ReviewGuardDatabase } from '../lib/db/database';
import { CaseCard } from './CaseCard';
import type { CaseActions } from './CaseActions';

export interface AppProps {
  db: ReviewGuardDatabase;
  actions: CaseActions;
  focusCaseKey?: string | null;
}

export function App({ db, actions, focusCaseKey }: AppProps) {
  const cases = useLiveQuery(() => db.cases.orderBy('updatedAtMs').reverse().toArray(), [db]);

  useEffect(() => {
    if (!focusCaseKey || !cases) return;
    document.getElementById(`case-${focusCaseKey}`)?.scrollIntoView({ block: 'start' });
  }, [focusCaseKey, cases]);

  return (
    <div className="rg-app">
      <header className="rg-header">
        <div>
          <h1>差评卫士</h1>
          <p className="rg-sub">证据与案件只保存在本机，不上传任何服务器</p>
        </div>
        {cases && <span className="rg-count">{cases.length} 个案件</span>}
      </header>
      {cases === undefined && <p className="rg-empty">正在读取本地数据…</p>}
      {cases?.length === 0 && (
        <div className="rg-empty">
          <p>还没有案件。</p>
          <p>打开商家后台的评价管理页，在差评旁点击「采集证据」，案件就会出现在这里。</p>
        </div>
      )}
      <main className="rg-cases">
        {cases?.map((record) => (
          <CaseCard key={record.key} db={db} record={record} actions={actions} focused={record.key === focusCaseKey} />
        ))}
      </main>
    </div>
  );
}
