import { useState } from 'react';
import type { ReviewGuardDatabase } from '../lib/db/database';
import { getSetting } from '../lib/db/settings';
import type { ImageCodec } from '../lib/export/uploadFit';
import { prepareUploadSet } from '../lib/export/uploadPackage';
import type { PlatformId } from '../lib/schemas';
import { PLATFORM_LABEL } from '../lib/schemas';
import { canvasCodec, saveFile } from './canvasMasker';

/** Prepares the images the platform's appeal form accepts and says what did not fit. */
export function UploadButton({
  db,
  caseKey,
  platform,
  codec = canvasCodec,
  save = (name, bytes) => saveFile(name, bytes),
}: {
  db: ReviewGuardDatabase;
  caseKey: string;
  platform: PlatformId;
  codec?: ImageCodec;
  save?: (fileName: string, bytes: Uint8Array) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; lines: string[] } | null>(null);
  const run = async () => {
    setBusy(true);
    setResult(null);
    try {
      const privacyMasking = await getSetting(db, 'privacyMaskingOnExport');
      const { fileName, zip, set } = await prepareUploadSet(db, caseKey, { privacyMasking, codec, nowMs: Date.now() });
      save(fileName, zip);
      setResult({
        ok: set.problems.length === 0,
        lines: [`已生成 ${set.images.length} 张上传图片（${fileName}）`, ...set.images.map((i) => `${i.fileName}：${i.steps.join('，')}`), ...set.problems],
      });
    } catch (error) {
      setResult({ ok: false, lines: [error instanceof Error ? error.message : String(error)] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="rg-export">
      <button type="button" data-testid="upload-set" disabled={busy} onClick={() => void run()}>
        {busy ? '正在准备…' : `准备${PLATFORM_LABEL[platform]}上传图片`}
      </button>
      {result && (
        <ul className={result.ok ? 'rg-list rg-ok' : 'rg-list rg-warning'} data-testid="upload-status">
          {result.lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
