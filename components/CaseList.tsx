import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { CaseCard } from './CaseCard';
import { ExportButton, PrivacyToggle } from './ExportButton';
import { StorageStatus } from './StorageStatus';
import { OperatorSetting } from './OperatorSetting';
import { TimestampSetting } from './TimestampSetting';
import { UnlinkedChatEvidence } from './UnlinkedChatEvidence';
import type { PanelViewProps } from './views';

export function CaseList({ db, actions, focusCaseKey }: PanelViewProps) {
  const cases = useLiveQuery(() => db.cases.orderBy('updatedAtMs').reverse().toArray(), [db]);

  useEffect(() => {
    if (!focusCaseKey || !cases) return;
    document.getElementById(`case-${focusCaseKey}`)?.scrollIntoView?.({ block: 'start' });
  }, [focusCaseKey, cases]);

  if (cases === undefined) return <p className="rg-empty">正在读取本地数据…</p>;
  if (cases.length === 0)
    return (
      <>
        <div className="rg-empty">
          <p>还没有案件。</p>
          <p>打开商家后台的评价管理页，在差评旁点击「采集证据」，案件就会出现在这里。</p>
        </div>
        <UnlinkedChatEvidence db={db} />
      </>
    );
  return (
    <main className="rg-cases">
      <p className="rg-count">{cases.length} 个案件</p>
      <div className="rg-toolbar">
        <ExportButton db={db} caseKeys={cases.map((c) => c.key)} label={`导出全部 ${cases.length} 个案件`} />
        <PrivacyToggle db={db} />
        <StorageStatus />
        <OperatorSetting db={db} />
        <TimestampSetting db={db} />
      </div>
      <UnlinkedChatEvidence db={db} />
      {cases.map((record) => (
        <CaseCard key={record.key} db={db} record={record} actions={actions} focused={record.key === focusCaseKey} />
      ))}
    </main>
  );
}
