import { useLiveQuery } from 'dexie-react-hooks';
import { dueItems } from '../lib/reminders/dueItems';
import { formatShanghai } from '../lib/time/shanghai';
import type { PanelViewProps } from './views';

const KIND_LABEL = {
  'decision-overdue': '已超时',
  'decision-due-soon': '即将出结果',
  'material-overdue': '材料已逾期',
  'material-due-soon': '材料将截止',
} as const;

/** What needs the seller now (the badge count) and every reminder still to come. */
export function RemindersView({ db, openCase }: PanelViewProps) {
  const data = useLiveQuery(
    async () => ({ cases: await db.cases.toArray(), reminders: await db.reminders.toArray(), now: Date.now() }),
    [db],
  );
  if (!data) return <p className="rg-empty">正在读取本地数据…</p>;
  const items = dueItems(data.cases, data.reminders, data.now);
  const upcoming = data.reminders.filter((r) => r.firedAtMs === null && !r.doneAtMs).sort((a, b) => a.dueAtMs - b.dueAtMs);
  return (
    <main className="rg-pane" data-testid="reminders-view">
      <h2>需要处理（{items.length}）</h2>
      {items.length === 0 ? (
        <p className="rg-muted">目前没有到期或超时的申诉。</p>
      ) : (
        <ul className="rg-due">
          {items.map((i) => (
            <li key={`${i.caseKey}-${i.kind}`} className={i.kind.endsWith('overdue') ? 'rg-overdue' : ''} data-testid="due-item">
              <b>{KIND_LABEL[i.kind]}</b> {i.text}
              <div className="rg-muted">{i.advice}</div>
              {openCase && (
                <button type="button" className="rg-link" onClick={() => openCase(i.caseKey)}>
                  打开案件
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>待触发的提醒（{upcoming.length}）</h2>
      {upcoming.length === 0 ? (
        <p className="rg-muted">没有待触发的提醒。提交申诉或记录“待补充材料”后会自动添加。</p>
      ) : (
        <ul className="rg-list">
          {upcoming.map((r) => (
            <li key={r.id}>
              <time>{formatShanghai(r.dueAtMs, 'M月D日 HH:mm')}</time> {r.title}
            </li>
          ))}
        </ul>
      )}
      <p className="rg-muted">提醒保存在本机数据库中；浏览器重启或后台被系统结束后会自动恢复。每天 9:00 检查一次未结申诉。</p>
    </main>
  );
}
