import { useEffect, useMemo, useState } from 'react';
import { deleteEvidence } from '../lib/audit/auditLog';
import { pageJsonIdLabel } from '../lib/detection/observedItems';
import type { ReviewGuardDatabase } from '../lib/db/database';
import type { EvidenceRecord } from '../lib/schemas';
import { EVIDENCE_KIND_LABEL } from '../lib/schemas';
import { formatShanghai } from '../lib/time/shanghai';

function useObjectUrl(bytes: Uint8Array | undefined, mime: string | undefined): string | null {
  const url = useMemo(() => {
    if (!bytes || !mime) return null;
    try {
      const { buffer, byteOffset, byteLength } = bytes;
      return URL.createObjectURL(new Blob([buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer], { type: mime }));
    } catch {
      return null;
    }
  }, [bytes, mime]);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  return url;
}

function Thumb({ url, alt, title }: { url: string | null; alt: string; title: string }) {
  if (!url) return <p className="rg-error">图片无法显示（数据已保存，哈希仍可校验）</p>;
  return (
    <a href={url} target="_blank" rel="noreferrer" title={title}>
      <img src={url} alt={alt} />
    </a>
  );
}

/** Deleting asks why; the reason goes to the audit log with who and when. There is no edit. */
function DeleteEvidence({ db, item }: { db: ReviewGuardDatabase; item: EvidenceRecord }) {
  const [open, setOpen] = useState(false);
  const [why, setWhy] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!open)
    return (
      <button type="button" className="rg-link" data-testid="evidence-delete" onClick={() => setOpen(true)}>
        删除…
      </button>
    );
  return (
    <span className="rg-delete">
      <input data-testid="evidence-delete-why" placeholder="删除原因（必填，记入操作日志）" value={why} onChange={(e) => setWhy(e.target.value)} />
      <button
        type="button"
        data-testid="evidence-delete-confirm"
        disabled={why.trim().length < 2}
        onClick={() => deleteEvidence(db, item.id, why).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))}
      >
        确认删除
      </button>
      <button type="button" className="rg-link" onClick={() => setOpen(false)}>
        取消
      </button>
      {error && <span className="rg-error">{error}</span>}
    </span>
  );
}

function TimelineItem({ db, item, index }: { db: ReviewGuardDatabase | null; item: EvidenceRecord; index: number }) {
  const original = useObjectUrl(item.bytes, item.mime);
  const annotated = useObjectUrl(item.annotated?.bytes, item.annotated?.mime);
  const notRendered = item.context?.notRendered ?? [];
  return (
    <li className="rg-timeline-item" data-testid="evidence" data-sha256={item.sha256} data-kind={item.kind}>
      <time dateTime={item.capturedAt}>{formatShanghai(item.capturedAtMs, 'M月D日 HH:mm')}</time>
      <figure className="rg-thumb">
        <Thumb
          url={annotated ?? original}
          alt={`证据${index + 1}：${EVIDENCE_KIND_LABEL[item.kind]}`}
          title={annotated ? '查看标注图（判定词句红框标出）' : '查看原图'}
        />
        <figcaption>
          <b>
            证据{index + 1} · {EVIDENCE_KIND_LABEL[item.kind]}
          </b>
          <span>{formatShanghai(item.capturedAtMs, 'YYYY-MM-DD HH:mm:ss')}</span>
          <code title={`原图 SHA-256 ${item.sha256}`}>原图 SHA-256 {item.sha256.slice(0, 12)}…</code>
          {item.annotated && (
            <a href={original ?? undefined} target="_blank" rel="noreferrer" className="rg-small">
              原图
            </a>
          )}
          {item.annotated && <code title={`标注图 SHA-256 ${item.annotated.sha256}`}>标注 {item.annotated.sha256.slice(0, 8)}…</code>}
          {db && <DeleteEvidence db={db} item={item} />}
        </figcaption>
        {notRendered.length > 0 && <p className="rg-warning">未能画入截图：{notRendered.join('；')}</p>}
        {item.context?.chatSeen && (
          <p className="rg-small" data-testid="chat-seen">
            聊天 {item.context.chatSeen.messages.length} 条（买家 {item.context.chatSeen.buyerNick ?? '未知'}
            {item.context.chatSeen.orderSn ? `，订单 ${item.context.chatSeen.orderSn}` : ''}
            {item.context.chatSeen.messages.some((m) => m.flag) ? `，其中 ${item.context.chatSeen.messages.filter((m) => m.flag).length} 条疑似差评要挟` : ''}）
          </p>
        )}
        {item.context && (
          <p className="rg-small" data-testid="page-json">
            {item.context.pageJson
              ? `页面自身数据：已记录（${pageJsonIdLabel(item.context.pageJson.matchedBy.field, item.kind)} ${item.context.pageJson.matchedBy.value}，${item.context.pageJson.bytes} 字节）`
              : `页面自身数据：未记录${item.context.pageJsonNote ? `（${item.context.pageJsonNote}）` : ''}`}
          </p>
        )}
      </figure>
    </li>
  );
}

/** The case's evidence as a timeline, oldest first. */
export function EvidenceStrip({ items, db = null }: { items: readonly EvidenceRecord[]; db?: ReviewGuardDatabase | null }) {
  if (items.length === 0) return <p className="rg-muted">尚无证据。在页面上点击「采集证据」。</p>;
  return (
    <ol className="rg-evidence rg-timeline" data-testid="evidence-timeline">
      {items.map((item, i) => (
        <TimelineItem key={item.id} db={db} item={item} index={i} />
      ))}
    </ol>
  );
}
