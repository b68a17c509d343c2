import { BackupError, createBackup, describeRestore, restoreBackup } from '../lib/backup/backup';
import type { ReviewGuardDatabase } from '../lib/db/database';
import type { CaseActions } from './CaseActions';
import { saveFile } from './canvasMasker';
import { generatorName } from './ExportButton';
import { ActionStatusLine, useAction } from './useAction';

/**
 * 备份与恢复: the whole database to one file, and back (a new computer, a reinstalled browser). Restore only adds what
 * is missing here and checks everything first (lib/backup/backup.ts).
 */
export function BackupSetting({ db, actions, save = saveFile }: { db: ReviewGuardDatabase; actions: CaseActions; save?: (name: string, bytes: Uint8Array) => void }) {
  const { busy, status, run } = useAction((error) =>
    error instanceof BackupError ? error.message : `操作失败：${error instanceof Error ? error.message : String(error)}，数据库未改动`,
  );
  const backup = () =>
    run(async () => {
      const built = await createBackup(db, { generator: generatorName() });
      save(built.fileName, built.zip);
      return { ok: true, text: `已导出 ${built.fileName}（案件 ${built.counts.cases} 个、证据 ${built.counts.evidence} 份）。备份未打码，含买家信息，请妥善保管` };
    });
  const restore = (file: File) =>
    run(async () => {
      const result = await restoreBackup(db, new Uint8Array(await file.arrayBuffer()), { fileName: file.name });
      await actions.backupRestored().catch(() => undefined); // reminders are also rebuilt at the worker's next start
      return { ok: true, text: describeRestore(result) };
    });
  return (
    <section data-testid="backup">
      <p className="rg-muted">
        换电脑、重装浏览器或卸载差评卫士之前，导出一份完整备份（全部案件、证据原图、操作日志、提醒、观察名单和设置）；之后在这里选择该文件即可恢复。
        恢复只补充本机没有的记录，不会覆盖或删除本机已有的数据；文件若不完整或被改动，将整体拒绝。
      </p>
      <div className="rg-export rg-backup-actions">
        <button type="button" data-testid="backup-create" disabled={busy} onClick={() => void backup()}>
          {busy ? '正在处理…' : '导出完整备份'}
        </button>
        <label className="rg-file">
          从备份恢复…
          <input
            type="file"
            accept=".zip,application/zip"
            data-testid="backup-restore"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void restore(file);
            }}
          />
        </label>
      </div>
      <ActionStatusLine status={status} testId="backup-status" />
    </section>
  );
}
