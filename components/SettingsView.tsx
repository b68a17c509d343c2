import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getSetting, setSetting } from '../lib/db/settings';
import { DEFAULT_PROCESSING_TIMES } from '../lib/deadlines/processingDefaults';
import type { ProcessingTime } from '../lib/deadlines/processing';
import { PLATFORM_LABEL, PlatformId } from '../lib/schemas';
import { toShanghaiIso } from '../lib/time/shanghai';
import type { PanelViewProps } from './views';
import { PixelPermissionSetting } from './PixelPermissionSetting';
import { BackupSetting } from './BackupSetting';

function ProcessingRow({ platform, value, onSave }: { platform: PlatformId; value: ProcessingTime; onSave: (v: ProcessingTime) => Promise<void> }) {
  const [min, setMin] = useState(String(value.minDays));
  const [max, setMax] = useState(String(value.maxDays));
  const [error, setError] = useState<string | null>(null);
  const save = async (verified: boolean) => {
    const minDays = Number(min);
    const maxDays = Number(max);
    if (!Number.isInteger(minDays) || !Number.isInteger(maxDays) || minDays < 0 || maxDays < 1 || minDays > maxDays) {
      setError('请填写整数天数，且最少不大于最多');
      return;
    }
    setError(null);
    const source = verified ? '卖家在商家后台核实' : value.source.startsWith('卖家修改') ? value.source : `卖家修改（原：${value.source}）`;
    await onSave({ minDays, maxDays, source, verified, verifiedAt: verified ? toShanghaiIso(Date.now()) : null });
  };
  return (
    <tr data-testid={`processing-${platform}`}>
      <th>{PLATFORM_LABEL[platform]}</th>
      <td>
        <input type="number" min={0} value={min} onChange={(e) => setMin(e.target.value)} aria-label="最少工作日" /> –{' '}
        <input type="number" min={1} value={max} onChange={(e) => setMax(e.target.value)} aria-label="最多工作日" /> 个工作日
        <div className={value.verified ? 'rg-ok' : 'rg-warning'}>{value.verified ? `已核实 ${value.verifiedAt?.slice(0, 10) ?? ''}` : '经验值，未核实'}</div>
        <div className="rg-muted">来源：{value.source}</div>
        {error && <div className="rg-error">{error}</div>}
        <div className="rg-actions">
          <button type="button" onClick={() => void save(false)}>保存</button>
          <button type="button" onClick={() => void save(true)}>保存并标为已核实</button>
        </div>
      </td>
    </tr>
  );
}

/** Per-platform processing times (with provenance) and reminder settings. */
export function SettingsView({ db, actions }: PanelViewProps) {
  const times = useLiveQuery(() => getSetting(db, 'processingTimes'), [db]);
  const snooze = useLiveQuery(() => getSetting(db, 'snoozeMinutes'), [db]);
  if (!times || snooze === undefined) return <p className="rg-empty">正在读取设置…</p>;
  const saveOne = (platform: PlatformId) => async (value: ProcessingTime) => {
    await setSetting(db, 'processingTimes', { ...DEFAULT_PROCESSING_TIMES, ...times, [platform]: value });
  };
  return (
    <main className="rg-pane" data-testid="settings-view">
      <h2>申诉处理时长</h2>
      <p className="rg-muted">用于推算“预计出结果”的提醒时间，按中国法定工作日（含调休）计算。平台没有公布官方时长，默认值为卖家经验值。</p>
      <table className="rg-table">
        <tbody>
          {PlatformId.options.map((p) => (
            <ProcessingRow key={`${p}-${JSON.stringify(times[p])}`} platform={p} value={times[p] ?? DEFAULT_PROCESSING_TIMES[p]} onSave={saveOne(p)} />
          ))}
        </tbody>
      </table>
      <h2>证据采集</h2>
      <PixelPermissionSetting />
      <h2>备份与恢复</h2>
      <BackupSetting db={db} actions={actions} />
      <h2>提醒</h2>
      <label className="rg-field">
        “稍后提醒”间隔（分钟）
        <input type="number" min={5} defaultValue={snooze} onBlur={(e) => void setSetting(db, 'snoozeMinutes', Math.max(5, Math.round(Number(e.target.value) || 180)))} />
      </label>
    </main>
  );
}
