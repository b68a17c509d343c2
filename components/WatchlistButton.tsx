import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { ReviewGuardDatabase } from '../lib/db/database';
import type { CaseRecord } from '../lib/schemas';
import { toShanghaiIso } from '../lib/time/shanghai';
import { addToWatchlist, normaliseNick } from '../lib/watchlist/match';

/** Puts the case's buyer on the local watch-list, linked to the case. */
export function WatchlistButton({ db, record }: { db: ReviewGuardDatabase; record: CaseRecord }) {
  const nick = record.review.buyerNick;
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const listed = useLiveQuery(
    async () =>
      nick
        ? (await db.watchlist.toArray()).some((e) => e.caseKeys.includes(record.key) || (e.platform === record.platform && normaliseNick(e.nick) === normaliseNick(nick)))
        : false,
    [db, nick, record.key, record.platform],
  );
  if (!nick) return null;
  if (listed) return <p className="rg-muted" data-testid="watchlisted">买家「{nick}」已在观察名单中</p>;
  const add = async () => {
    const now = Date.now();
    const entry = addToWatchlist(await db.watchlist.toArray(), { platform: record.platform, nick, reason, caseKey: record.key }, now, toShanghaiIso(now), () => crypto.randomUUID());
    await db.watchlist.put(entry);
    setOpen(false);
  };
  return open ? (
    <div className="rg-actions rg-wrap">
      <input className="rg-input" placeholder="原因，如：以差评索要返现" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} data-testid="watchlist-reason" />
      <button type="button" onClick={() => void add()} data-testid="watchlist-save">
        加入观察名单
      </button>
    </div>
  ) : (
    <div className="rg-actions">
      <button type="button" onClick={() => setOpen(true)} data-testid="watchlist-add">
        把买家「{nick}」加入观察名单
      </button>
    </div>
  );
}
