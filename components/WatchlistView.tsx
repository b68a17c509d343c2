import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { PLATFORM_LABEL, PlatformId } from '../lib/schemas';
import { formatShanghai, toShanghaiIso } from '../lib/time/shanghai';
import { addToWatchlist } from '../lib/watchlist/match';
import type { PanelViewProps } from './views';

const SHIPPING_CHECKLIST = [
  '打包全程录像：从空箱开始，拍清商品、序列号/批次号和封箱，画面中带订单号',
  '拍摄面单照片：收件信息、运单号清晰可见',
  '拍摄商品外观和配件照片，贵重商品拍下序列号',
  '称重并拍下重量，与物流记录核对',
  '使用防拆封条或易碎贴，封口处拍照',
  '选择需要签收的物流方式，保价发货',
  '与买家的沟通只使用平台聊天工具并保留记录',
];

/** Buyers to watch for, and the checklist before shipping valuable goods. */
export function WatchlistView({ db }: PanelViewProps) {
  const entries = useLiveQuery(() => db.watchlist.orderBy('nick').toArray(), [db]);
  const [nick, setNick] = useState('');
  const [reason, setReason] = useState('');
  const [platform, setPlatform] = useState<PlatformId | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());

  const add = async () => {
    try {
      const now = Date.now();
      const entry = addToWatchlist(await db.watchlist.toArray(), { platform: platform || null, nick, reason }, now, toShanghaiIso(now), () => crypto.randomUUID());
      await db.watchlist.put(entry);
      setNick('');
      setReason('');
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <main className="rg-pane" data-testid="watchlist-view">
      <h2>观察名单（{entries?.length ?? 0}）</h2>
      <p className="rg-muted">只保存在本机。名单中的买家出现在评价页或聊天页时，差评卫士会提醒您。</p>
      <div className="rg-actions rg-wrap">
        <input className="rg-input" placeholder="买家昵称" value={nick} maxLength={100} onChange={(e) => setNick(e.target.value)} data-testid="wl-nick" />
        <input className="rg-input" placeholder="原因" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} data-testid="wl-reason" />
        <select value={platform} onChange={(e) => setPlatform(e.target.value as PlatformId | '')}>
          <option value="">所有平台</option>
          {PlatformId.options.map((p) => (
            <option key={p} value={p}>
              {PLATFORM_LABEL[p]}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void add()} data-testid="wl-add">
          添加
        </button>
      </div>
      {error && <p className="rg-error">{error}</p>}
      <ul className="rg-watch">
        {(entries ?? []).map((e) => (
          <li key={e.id} data-testid="wl-entry">
            <b>{e.nick}</b> <span className="rg-platform">{e.platform ? PLATFORM_LABEL[e.platform] : '所有平台'}</span>
            <div>{e.reason || '（未写原因）'}</div>
            <div className="rg-muted">
              {formatShanghai(e.addedAtMs, 'YYYY-MM-DD')} 加入 · 关联 {e.caseKeys.length} 个案件
              <button type="button" className="rg-link" onClick={() => void db.watchlist.delete(e.id)}>
                移除
              </button>
            </div>
          </li>
        ))}
      </ul>
      <h2>贵重商品发货前检查</h2>
      <ul className="rg-checklist" data-testid="shipping-checklist">
        {SHIPPING_CHECKLIST.map((item, i) => (
          <li key={item}>
            <label>
              <input
                type="checkbox"
                checked={checked.has(i)}
                onChange={() => setChecked((prev) => {
                  const next = new Set(prev);
                  if (next.has(i)) next.delete(i);
                  else next.add(i);
                  return next;
                })}
              />{' '}
              {item}
            </label>
          </li>
        ))}
      </ul>
      <p className={checked.size === SHIPPING_CHECKLIST.length ? 'rg-ok' : 'rg-muted'}>
        已完成 {checked.size} / {SHIPPING_CHECKLIST.length}
      </p>
    </main>
  );
}
