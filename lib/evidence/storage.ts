/** Storage health: persisted or not, usage, and a warning well before quota trouble. */
export interface StoragePort {
  persist(): Promise<boolean>;
  persisted(): Promise<boolean>;
  estimate(): Promise<{ usage?: number; quota?: number }>;
}

export interface StorageFacts {
  persisted: boolean;
  usage: number | null;
  quota: number | null;
  level: 'ok' | 'warn' | 'critical';
  warning: boolean;
  text: string;
}

/** Warn at 80 % of the quota; critical at 95 % or when less than 50 MB is left (one big export could fail). */
export const WARN_RATIO = 0.8;
export const CRITICAL_RATIO = 0.95;
const CRITICAL_FREE_BYTES = 50 * 2 ** 20;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 2 ** 20) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 2 ** 30) return `${(n / 2 ** 20).toFixed(1)} MB`;
  return `${(n / 2 ** 30).toFixed(2)} GB`;
}

/**
 * Said under the usage line at all times: the browser deletes an extension's database with the extension, and a
 * seller who reinstalls the browser or moves to a new computer would otherwise learn it too late.
 */
export const KEEP_A_COPY = '证据只保存在这台电脑的这个浏览器里：卸载差评卫士、清除浏览器数据或更换电脑前，请先在「设置 › 备份与恢复」导出完整备份并另存到别处，之后可在那里恢复。';

export function assessStorage(persisted: boolean, usage: number | null, quota: number | null): StorageFacts {
  let level: StorageFacts['level'] = 'ok';
  if (usage !== null && quota) {
    const ratio = usage / quota;
    if (ratio >= CRITICAL_RATIO || quota - usage < CRITICAL_FREE_BYTES) level = 'critical';
    else if (ratio >= WARN_RATIO) level = 'warn';
  }
  const used = usage === null ? '用量未知' : `已用 ${formatBytes(usage)}${quota ? ` / 可用 ${formatBytes(quota)}` : ''}`;
  const parts = [`本机存储：${used}`, persisted ? '已设为持久保存' : '浏览器未同意持久保存，空间紧张时数据可能被清理，请定期导出证据包'];
  if (level === 'warn') parts.push('⚠ 存储空间即将用尽，请尽快导出并删除不再需要的证据');
  if (level === 'critical') parts.push('⚠ 存储空间几乎用尽，新的采集可能失败，请立即导出证据包');
  return { persisted, usage, quota, level, warning: level !== 'ok' || !persisted, text: parts.join('；') };
}

export async function describeStorage(port: StoragePort): Promise<StorageFacts> {
  const persisted = (await port.persisted()) || (await port.persist());
  const { usage, quota } = await port.estimate();
  return assessStorage(persisted, usage ?? null, quota ?? null);
}
