import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { withoutRepeats } from '../lib/chat/store';
import type { ReviewGuardDatabase } from '../lib/db/database';
import { STRUCTURE_CHANGED } from '../lib/detection/crossCheck';
import { PLATFORM_LABEL, type PageFindingsRecord } from '../lib/schemas';
import { formatShanghai } from '../lib/time/shanghai';

/** The tab the side panel belongs to (the active tab of its window); null outside the extension. */
function useActiveTabId(): number | null {
  const [tabId, setTabId] = useState<number | null>(null);
  useEffect(() => {
    let cancelled = false;
    const tabs = (globalThis as { browser?: { tabs?: { query(q: object): Promise<{ id?: number }[]> } } }).browser?.tabs;
    tabs
      ?.query({ active: true, currentWindow: true })
      .then((found) => !cancelled && setTabId(found[0]?.id ?? null))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);
  return tabId;
}

function FrameFindings({ f }: { f: PageFindingsRecord }) {
  const what = f.surface === 'chat' ? '条消息' : '条评价';
  const changed = f.warnings.some((w) => w.startsWith(STRUCTURE_CHANGED));
  return (
    <section className={`rg-finding ${changed ? 'rg-finding-warn' : ''}`} data-testid="page-finding" data-adapter={f.adapter ?? ''}>
      <div className="rg-case-head">
        {f.platform && <span className="rg-platform">{PLATFORM_LABEL[f.platform]}</span>}
        <b>{f.surface === 'chat' ? '聊天' : f.surface === 'review' ? '评价' : '未识别页面'}</b>
        {f.frameId !== 0 && <span className="rg-muted">（内嵌框架）</span>}
      </div>
      <dl className="rg-finding-counts">
        <dt>页面识别</dt>
        <dd data-testid="dom-count">
          {f.domCount} {what}
        </dd>
        <dt>已标记</dt>
        <dd>{f.keyed}</dd>
        {f.networkCount !== null && (
          <>
            <dt>接口数据</dt>
            <dd data-testid="network-count">{f.networkCount}</dd>
          </>
        )}
        {f.textCount !== null && (
          <>
            <dt>文字线索</dt>
            <dd>{f.textCount} 个订单号</dd>
          </>
        )}
        {f.surface === 'chat' && (
          <>
            <dt>疑似要挟</dt>
            <dd data-testid="flagged-count">{f.flagged}</dd>
          </>
        )}
      </dl>
      {f.watchlist && f.watchlist.length > 0 && (
        <ul className="rg-warnings" data-testid="watch-warnings">
          {f.watchlist.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {f.warnings.length > 0 && (
        <ul className="rg-warnings" data-testid="warnings">
          {f.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {f.drift.length > 0 && (
        <details>
          <summary>规则匹配详情（{f.drift.length}）</summary>
          <ul>
            {f.drift.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </details>
      )}
      <p className="rg-muted rg-small">
        {f.pageUrl} · 更新于 {formatShanghai(f.updatedAtMs, 'HH:mm:ss')} · 识别耗时 {f.scanMs.toFixed(1)} ms
      </p>
    </section>
  );
}

/** 此页面: what the detectors found on each open console tab, live; the panel's own tab first. */
export function ThisPageView({ db }: { db: ReviewGuardDatabase }) {
  const activeTabId = useActiveTabId();
  const findings = useLiveQuery(() => db.pageFindings.orderBy('updatedAtMs').reverse().toArray(), [db]);
  const flagged = useLiveQuery(async () => withoutRepeats(await db.chatMessages.where('flag').equals('extortion').reverse().sortBy('timeMs')), [db]);
  if (findings === undefined) return <p className="rg-empty">正在读取…</p>;
  // A shell frame that shows nothing itself (its content is in a child frame) is noise once a sibling found items.
  const relevant = findings.filter(
    (f) =>
      f.adapter !== null &&
      !(f.domCount === 0 && f.warnings.length === 0 && findings.some((o) => o !== f && o.tabId === f.tabId && o.domCount > 0)),
  );
  if (relevant.length === 0) {
    return <p className="rg-empty" data-testid="this-page-empty">当前没有打开的商家后台评价或聊天页面。打开评价管理或聊天页面后，这里会实时显示识别结果。</p>;
  }
  const tabs = [...new Set(relevant.map((f) => f.tabId))].sort((a, b) => Number(b === activeTabId) - Number(a === activeTabId));
  return (
    <main className="rg-cases" data-testid="this-page">
      {tabs.map((tabId) => (
        <div key={tabId} className="rg-case" data-testid="page-tab">
          <h3>{tabId === activeTabId ? '当前页面' : `其他标签页 #${tabId}`}</h3>
          {relevant
            .filter((f) => f.tabId === tabId)
            .sort((a, b) => a.frameId - b.frameId)
            .map((f) => (
              <FrameFindings key={f.id} f={f} />
            ))}
        </div>
      ))}
      {flagged && flagged.length > 0 && (
        <div className="rg-case" data-testid="flagged-chats">
          <h3>疑似差评要挟的买家消息（{flagged.length}）</h3>
          <ul>
            {flagged.slice(0, 20).map((m) => (
              <li key={m.key}>
                <span className="rg-platform">{PLATFORM_LABEL[m.platform]}</span> {m.buyerNick ?? m.conversationKey}
                {m.orderSn && <span className="rg-muted"> · 订单 {m.orderSn}</span>}：<span data-testid="chat-text">{m.text}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </main>
  );
}
