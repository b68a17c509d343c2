import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { ReviewGuardDatabase } from '../lib/db/database';
import { getSetting, setSetting } from '../lib/db/settings';

/** Asks the browser for access to exactly the TSA's origin (the only site ReviewGuard would ever contact). */
async function allowOrigin(origin: string): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: [`${origin}/*`] });
  } catch {
    return false;
  }
}

/** Optional RFC 3161 timestamp service for exports; empty means no timestamp and no network call. */
export function TimestampSetting({ db, requestAccess = allowOrigin }: { db: ReviewGuardDatabase; requestAccess?: (origin: string) => Promise<boolean> }) {
  const saved = useLiveQuery(() => getSetting(db, 'tsaUrl'), [db]);
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const value = draft ?? saved ?? '';
  const save = async () => {
    const text = value.trim();
    if (!text) {
      await setSetting(db, 'tsaUrl', null);
      setMessage('已关闭可信时间戳');
      return;
    }
    let url: URL;
    try {
      url = new URL(text);
      if (!/^https?:$/.test(url.protocol)) throw new Error();
    } catch {
      setMessage('地址无效，应以 http:// 或 https:// 开头');
      return;
    }
    if (!(await requestAccess(url.origin))) {
      setMessage('浏览器未允许访问该地址，无法申请时间戳');
      return;
    }
    await setSetting(db, 'tsaUrl', url.href);
    setDraft(null);
    setMessage('已保存：以后导出证据包时会向该服务申请可信时间戳（只发送清单的哈希值）');
  };
  return (
    <details className="rg-muted">
      <summary>可信时间戳（可选）{saved ? '：已开启' : ''}</summary>
      <p>填写 RFC 3161 时间戳服务地址（如国家授时中心等机构提供的服务）。导出时只发送 manifest.json 的 SHA-256 哈希。</p>
      <input data-testid="tsa-url" className="rg-input" placeholder="https://…" value={value} onChange={(e) => setDraft(e.target.value)} />
      <button type="button" data-testid="tsa-save" onClick={() => void save()}>
        保存
      </button>
      {message && <p data-testid="tsa-status">{message}</p>}
    </details>
  );
}
