import { useState } from 'react';
import { FILE_VERDICT_LABEL } from '../lib/schemas';
import { SIGNATURE_VERDICT_LABEL, TIMESTAMP_VERDICT_LABEL, verifyEvidencePackage, type PackageVerification } from '../lib/verify/verifyPackage';

/** 校验: pick an exported ZIP; every hash is recomputed here, nothing leaves the machine. */
export function VerifyView() {
  const [result, setResult] = useState<{ name: string; verification: PackageVerification } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setResult({ name: file.name, verification: await verifyEvidencePackage(new Uint8Array(await file.arrayBuffer())) });
    } catch (e) {
      setResult(null);
      setError(`无法读取 ${file.name}：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  const v = result?.verification;
  return (
    <main className="rg-cases" data-testid="verify-view">
      <section className="rg-case">
        <h2 className="rg-h2">校验证据包</h2>
        <p className="rg-muted">选择差评卫士导出的证据包（ZIP）。将重新计算每个文件的 SHA-256，并与包内清单 manifest.json 核对。文件不会上传。</p>
        <input type="file" accept=".zip,application/zip" data-testid="verify-file" onChange={(e) => void onFile(e.target.files?.[0])} />
        {busy && <p className="rg-muted">正在校验…</p>}
        {error && (
          <p className="rg-error" data-testid="verify-error">
            {error}
          </p>
        )}
      </section>
      {result && v && (
        <section className="rg-case" data-testid="verify-result" data-ok={String(v.ok)}>
          <p className={v.ok ? 'rg-verdict rg-verdict-ok' : 'rg-verdict rg-verdict-bad'} data-testid="verify-summary">
            {v.fatal
              ? `无法校验：${v.fatal}`
              : v.ok
                ? `校验通过：全部 ${v.files.length} 个文件完好`
                : `校验未通过：${(['modified', 'missing', 'unexpected', 'unreadable'] as const)
                    .filter((k) => v.counts[k] > 0)
                    .map((k) => `${FILE_VERDICT_LABEL[k]} ${v.counts[k]} 个`)
                    .concat(v.timestamp && !v.timestamp.matchesManifest ? [TIMESTAMP_VERDICT_LABEL[v.timestamp.verdict]] : [])
                    .concat(v.timestamp?.signature === 'failed' ? [SIGNATURE_VERDICT_LABEL.failed] : [])
                    .join('，')}`}
          </p>
          <p className="rg-muted">
            {result.name}
            {v.exportedAt && ` · 导出于 ${v.exportedAt}`}
            {v.manifestSha256 && (
              <>
                <br />
                清单 SHA-256 <code>{v.manifestSha256}</code>
              </>
            )}
          </p>
          {v.timestamp && (
            <div data-testid="verify-timestamp" data-verdict={v.timestamp.verdict} data-signature={v.timestamp.signature}>
              <p className={v.timestamp.matchesManifest ? 'rg-ok' : 'rg-error'}>
                {v.timestamp.matchesManifest ? '✓' : '✗'} 可信时间戳：{TIMESTAMP_VERDICT_LABEL[v.timestamp.verdict]}
                {v.timestamp.contentIntact === false && '（时间戳内容被改动）'} —— {v.timestamp.detail}
              </p>
              {v.timestamp.genTime && (
                <p className="rg-muted">
                  时间戳机构时间 {v.timestamp.genTime}（UTC）；策略 <code>{v.timestamp.policy}</code>
                </p>
              )}
              <p className={v.timestamp.signature === 'failed' ? 'rg-error' : 'rg-muted'}>
                {SIGNATURE_VERDICT_LABEL[v.timestamp.signature]}：{v.timestamp.signatureDetail}
              </p>
            </div>
          )}
          {v.files.length > 0 && (
            <table className="rg-verify-table">
              <thead>
                <tr>
                  <th>文件</th>
                  <th>结果</th>
                </tr>
              </thead>
              <tbody>
                {v.files.map((f) => (
                  <tr key={f.path} data-testid="verify-file-row" data-verdict={f.verdict} data-path={f.path}>
                    <td>
                      {f.path}
                      {f.detail && <div className="rg-muted">{f.detail}</div>}
                    </td>
                    <td className={f.verdict === 'intact' ? 'rg-ok' : 'rg-error'}>{FILE_VERDICT_LABEL[f.verdict]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </main>
  );
}
