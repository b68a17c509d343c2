import { useEffect, useMemo } from 'react';
import type { EvidenceRecord } from '../lib/schemas';
import { EVIDENCE_KIND_LABEL } from '../lib/schemas';
import { formatShanghai } from '../lib/time/shanghai';

function EvidenceThumb({ item, index }: { item: EvidenceRecord; index: number }) {
  const url = useMemo(() => {
    try {
      const { buffer, byteOffset, byteLength } = item.bytes;
      return URL.createObjectURL(new Blob([buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer], { type: item.mime }));
    } catch {
      return null;
    }
  }, [item.bytes, item.mime]);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  return (
    <figure className="rg-thumb" data-testid="evidence" data-sha256={item.sha256}>
      {url ? (
        <a href={url} target="_blank" rel="noreferrer" title="查看原图">
          <img src={url} alt={`证据${index + 1}：${EVIDENCE_KIND_LABEL[item.kind]}`} />
        </a>
      ) : (
        <p className="rg-error">图片无法显示（数据已保存，哈希仍可校验）</p>
      )}
      <figcaption>
        <b>
          证据{index + 1} · {EVIDENCE_KIND_LABEL[item.kind]}
        </b>
        <span>{formatShanghai(item.capturedAtMs, 'YYYY-MM-DD HH:mm:ss')}</span>
        <code title={`SHA-256 ${item.sha256}`}>SHA-256 {item.sha256.slice(0, 12)}…</code>
      </figcaption>
    </figure>
  );
}

export function EvidenceStrip({ items }: { items: readonly EvidenceRecord[] }) {
  if (items.length === 0) return <p className="rg-muted">尚无证据。在页面上点击「采集证据」。</p>;
  return (
    <div className="rg-evidence">
      {items.map((item, i) => (
        <EvidenceThumb key={item.id} item={item} index={i} />
      ))}
    </div>
  );
}
