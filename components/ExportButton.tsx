import { useLiveQuery } from 'dexie-react-hooks';
import type { ReviewGuardDatabase } from '../lib/db/database';
import { getSetting, setSetting } from '../lib/db/settings';
import { exportCases } from '../lib/export/exportCases';
import { requestTimestamp } from '../lib/timestamp/rfc3161';
import { maskImageWithCanvas, saveFile } from './canvasMasker';
import { ActionStatusLine, useAction } from './useAction';

export function generatorName(): string {
  try {
    return `差评卫士 ReviewGuard ${browser.runtime.getManifest().version}`;
  } catch {
    return '差评卫士 ReviewGuard';
  }
}

export interface ExportDeps {
  save: (fileName: string, bytes: Uint8Array) => void;
  maskImage: typeof maskImageWithCanvas;
}

const defaultDeps: ExportDeps = { save: (name, bytes) => saveFile(name, bytes), maskImage: maskImageWithCanvas };

/** The 打码 switch for exports: on by default, remembered in settings. */
export function PrivacyToggle({ db }: { db: ReviewGuardDatabase }) {
  const on = useLiveQuery(() => getSetting(db, 'privacyMaskingOnExport'), [db]);
  return (
    <label className="rg-muted rg-toggle">
      <input
        type="checkbox"
        data-testid="privacy-masking"
        checked={on ?? true}
        onChange={(e) => void setSetting(db, 'privacyMaskingOnExport', e.target.checked)}
      />
      导出时隐藏买家手机号、地址、姓名（原始证据不变）
    </label>
  );
}

export function ExportButton({
  db,
  caseKeys,
  label = '导出证据包',
  withUnlinkedChats = false,
  deps = defaultDeps,
}: {
  db: ReviewGuardDatabase;
  caseKeys: readonly string[];
  label?: string;
  /** Also the chat evidence no case holds yet (导出全部). */
  withUnlinkedChats?: boolean;
  deps?: ExportDeps;
}) {
  const { busy, status, run } = useAction();
  const exportNow = () =>
    run(async () => {
      const privacyMasking = await getSetting(db, 'privacyMaskingOnExport');
      const tsaUrl = await getSetting(db, 'tsaUrl');
      const built = await exportCases(db, caseKeys, {
        privacyMasking,
        maskImage: deps.maskImage,
        generator: generatorName(),
        withUnlinkedChats,
        ...(tsaUrl ? { timestamp: (sha: string) => requestTimestamp(tsaUrl, sha) } : {}),
      });
      deps.save(built.fileName, built.zip);
      const stamp = built.timestamp
        ? `已加盖可信时间戳（${built.timestamp.genTime}）。`
        : built.timestampError
          ? `可信时间戳未能获取：${built.timestampError}。`
          : '';
      return {
        ok: !built.timestampError,
        text: `已导出 ${built.fileName}（${built.manifest.files.length} 个文件）。${stamp}清单哈希 ${built.manifestSha256.slice(0, 16)}…，请另行记下以备核对`,
      };
    });
  return (
    <div className="rg-export">
      <button type="button" data-testid="export" disabled={busy || (caseKeys.length === 0 && !withUnlinkedChats)} onClick={() => void exportNow()}>
        {busy ? '正在打包…' : label}
      </button>
      <ActionStatusLine status={status} testId="export-status" />
    </div>
  );
}
