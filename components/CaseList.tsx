import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { NO_QUERY, filterCases, groupCounts, isFiltering, platformsOf, type CaseQuery } from '../lib/cases/caseFilter';
import { evidenceCountsByCase, unlinkedChatEvidenceIds } from '../lib/cases/chatEvidence';
import { CaseCard } from './CaseCard';
import { CaseFilterBar } from './CaseFilterBar';
import { CaseSummary } from './CaseSummary';
import { ExportButton, PrivacyToggle } from './ExportButton';
import { StorageStatus } from './StorageStatus';
import { OperatorSetting } from './OperatorSetting';
import { TimestampSetting } from './TimestampSetting';
import { UnlinkedChatEvidence } from './UnlinkedChatEvidence';
import type { PanelViewProps } from './views';

/** The most recently updated cases open in full; older ones are one line each until opened (a shop has hundreds). */
const OPEN_BY_DEFAULT = 3;
/** Lines shown before 显示更多. */
const PAGE_SIZE = 50;

export function CaseList({ db, actions, focusCaseKey }: PanelViewProps) {
  const cases = useLiveQuery(() => db.cases.orderBy('updatedAtMs').reverse().toArray(), [db]);
  // Chat evidence no case holds yet goes into 导出全部 too: nothing may be left only in this browser.
  const unlinked = useLiveQuery(async () => (await unlinkedChatEvidenceIds(db)).length, [db]) ?? 0;
  const unlinkedLabel = `${unlinked} 份未关联案件的聊天证据`;
  const evidenceCounts = useLiveQuery(() => evidenceCountsByCase(db), [db]);
  const [query, setQuery] = useState<CaseQuery>(NO_QUERY);
  const [limit, setLimit] = useState(PAGE_SIZE);
  /** Cases the seller opened or closed by hand; the rest follow OPEN_BY_DEFAULT. */
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map());
  // A case that first shows among the newest three opens, and stays open: the seller reading it must not see it fold
  // because another case was updated and moved above it. A new capture shows at the top, so it opens; a restore of
  // hundreds of older cases opens none of them.
  const [seen, setSeen] = useState<{ keys: ReadonlySet<string>; open: ReadonlySet<string> }>({ keys: new Set(), open: new Set() });
  const fresh = cases?.filter((c) => !seen.keys.has(c.key)) ?? [];
  if (cases && fresh.length > 0) {
    const newest = new Set(cases.slice(0, OPEN_BY_DEFAULT).map((c) => c.key));
    setSeen({
      keys: new Set([...seen.keys, ...fresh.map((c) => c.key)]),
      open: new Set([...seen.open, ...fresh.filter((c) => newest.has(c.key)).map((c) => c.key)]),
    });
  }
  const shown = useMemo(() => (cases ? filterCases(cases, query) : []), [cases, query]);
  const longList = (cases?.length ?? 0) > OPEN_BY_DEFAULT;
  const toggle = (key: string, open: boolean) => setToggled((t) => new Map(t).set(key, open));
  const changeQuery = (next: CaseQuery) => {
    setQuery(next);
    setLimit(PAGE_SIZE);
  };

  // A case opened from the page or a reminder is shown open, even when the filter or the page length hid it; once per
  // focus, so the seller's filter afterwards is theirs (state adjusted while rendering, not in an effect).
  const [focusShown, setFocusShown] = useState<string | null>(null);
  if (focusCaseKey && cases && focusShown !== focusCaseKey) {
    setFocusShown(focusCaseKey);
    const index = cases.findIndex((c) => c.key === focusCaseKey);
    if (index >= 0) {
      if (filterCases([cases[index]!], query).length === 0) setQuery(NO_QUERY);
      setLimit((l) => Math.max(l, index + 1));
      if (toggled.get(focusCaseKey) === false) toggle(focusCaseKey, true);
    }
  }

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
  const filtering = isFiltering(query);
  return (
    <main className="rg-cases">
      <p className="rg-count" data-testid="case-count">
        {filtering ? `找到 ${shown.length} 个案件（共 ${cases.length} 个）` : `${cases.length} 个案件`}
      </p>
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
      {longList && <CaseFilterBar query={query} onChange={changeQuery} counts={groupCounts(cases, query.platform)} platforms={platformsOf(cases)} />}
      {shown.slice(0, limit).map((record, i) =>
        (toggled.get(record.key) ??
        (record.key === focusCaseKey ||
          (filtering ? i < OPEN_BY_DEFAULT : seen.open.has(record.key)))) ? (
          <CaseCard
            key={record.key}
            db={db}
            record={record}
            actions={actions}
            focused={record.key === focusCaseKey}
            onCollapse={longList ? () => toggle(record.key, false) : undefined}
          />
        ) : (
          <CaseSummary key={record.key} record={record} evidenceCount={evidenceCounts?.get(record.key) ?? 0} onOpen={() => toggle(record.key, true)} />
        ),
      )}
      {shown.length > limit && (
        <button type="button" className="rg-more" data-testid="case-more" onClick={() => setLimit((l) => l + PAGE_SIZE)}>
          显示更多（还有 {shown.length - limit} 个）
        </button>
      )}
      {filtering && shown.length === 0 && (
        <div className="rg-empty" data-testid="case-none">
          <p>没有符合条件的案件。</p>
          <button type="button" className="rg-link" onClick={() => changeQuery(NO_QUERY)}>
            清除筛选
          </button>
        </div>
      )}
    </main>
  );
}
