import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { unlinkedChatEvidenceIds } from '../lib/cases/chatEvidence';
import { CaseCard } from './CaseCard';
import { ExportButton, PrivacyToggle } from './ExportButton';
import { StorageStatus } from './StorageStatus';
import { OperatorSetting } from './OperatorSetting';
import { TimestampSetting } from './TimestampSetting';
import { UnlinkedChatEvidence } from './UnlinkedChatEvidence';
import type { PanelViewProps } from './views';

export function CaseList({ db, actions, focusCaseKey }: PanelViewProps) {
  const cases = useLiveQuery(() => db.cases.orderBy('updatedAtMs').reverse().toArray(), [db]);
  // Chat evidence no case holds yet goes into 导出全部 too: nothing may be left only in this browser.
  const unlinked = useLiveQuery(async () => (await unlinkedChatEvidenceIds(db)).length, [db]) ?? 0;
  const unlinkedLabel = `${unlinked} 份未关联案件的聊天证据`;

  useEffect(() => {
    if (!focusCaseKey || !cases) return;
    document.getElementById(`case-${focusCaseKey}`)?.scrollIntoView?.({ block: 'start' });
  }, [focusCaseKey, cases]);

  if (cases === undefined) return <p className="rg-empty">正在读取本地数据…</p>;
  if (cases.length === 0)
    return (
      <main className="rg-cases">
        <div className="rg-empty">
          <p>还没有案件。</p>
          <p>打开商家后台的评价管理页，在差评旁点击「采集证据」，案件就会出现在这里。</p>
        </div>
        {unlinked > 0 && (
          <div className="rg-toolbar">
            <ExportButton db={db} caseKeys={[]} withUnlinkedChats label={`导出 ${unlinkedLabel}`} />
            <PrivacyToggle db={db} />
            <StorageStatus />
          </div>
        )}
        <UnlinkedChatEvidence db={db} />
      </main>
    );
  return (
    <main className="rg-cases">
      <p className="rg-count">{cases.length} 个案件</p>
      <div className="rg-toolbar">
        <ExportButton
          db={db}
          caseKeys={cases.map((c) => c.key)}
          withUnlinkedChats
          label={`导出全部 ${cases.length} 个案件${unlinked > 0 ? `及 ${unlinkedLabel}` : ''}`}
        />
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
