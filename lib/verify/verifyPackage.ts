/** Checks an evidence package against its own manifest: every hash recomputed, every file accounted for. */
import { sha256Hex } from '../evidence/bytes';
import { FILE_VERDICT_LABEL, PackageManifest, type FileVerdict } from '../schemas';
import { readTimeStampReply, tokenContentMatchesSignedDigest } from '../timestamp/rfc3161';
import { readZipEntries } from './readZip';

const TIMESTAMP_FILE = 'manifest.tsr';

export interface FileCheck {
  path: string;
  verdict: FileVerdict;
  expectedSha256: string | null;
  actualSha256: string | null;
  detail: string;
}

export interface PackageVerification {
  ok: boolean;
  /** SHA-256 of manifest.json as found: compare it with the value noted at export or a trusted timestamp. */
  manifestSha256: string | null;
  /** Why the package could not be checked at all (no manifest, not a ZIP). */
  fatal: string | null;
  exportedAt: string | null;
  caseCount: number;
  files: FileCheck[];
  counts: Record<FileVerdict, number>;
  /** The trusted timestamp in the package (manifest.tsr), if any. */
  timestamp: TimestampCheck | null;
}

/** How the timestamp relates to manifest.json: 一致 (its messageImprint is the manifest's SHA-256), 不一致, or unreadable. */
export type TimestampVerdict = 'matches' | 'mismatch' | 'unreadable';
/** The TSA's signature: checked with its CA (CLI --tsa-ca, openssl ts -verify), failed, or not checked here. */
export type SignatureVerdict = 'verified' | 'failed' | 'not-checked';

export const TIMESTAMP_VERDICT_LABEL: Record<TimestampVerdict, string> = {
  matches: '时间戳与清单一致',
  mismatch: '时间戳与清单不一致',
  unreadable: '时间戳无法读取',
};
export const SIGNATURE_VERDICT_LABEL: Record<SignatureVerdict, string> = {
  verified: '签名已验证',
  failed: '签名验证失败',
  'not-checked': '未验证签名',
};

export interface TimestampCheck {
  verdict: TimestampVerdict;
  /** Kept for older callers: verdict === 'matches' and the token is internally consistent. */
  matchesManifest: boolean;
  /** The TSA's time (GeneralizedTime, UTC ISO 8601). */
  genTime: string | null;
  /** The TSA policy OID the token was issued under. */
  policy: string | null;
  serial: string | null;
  /** The SHA-256 the TSA stamped (messageImprint). */
  imprintSha256: string | null;
  /** Whether the TSTInfo is what the signer signed (signed attribute messageDigest): false means edited after signing. */
  contentIntact: boolean | null;
  signature: SignatureVerdict;
  signatureDetail: string;
  detail: string;
}

/** Checks the TSA's signature over the token against a trusted CA (the CLI runs `openssl ts -verify`). */
export type TimestampSignatureChecker = (manifestJson: Uint8Array, tsr: Uint8Array) => Promise<{ ok: boolean; detail: string }>;

export interface VerifyOptions {
  checkTimestampSignature?: TimestampSignatureChecker;
}

const MANIFEST = 'manifest.json';

function emptyCounts(): Record<FileVerdict, number> {
  return { intact: 0, modified: 0, missing: 0, unexpected: 0, unreadable: 0 };
}

function fatal(reason: string, manifestSha256: string | null = null): PackageVerification {
  return { ok: false, manifestSha256, fatal: reason, exportedAt: null, caseCount: 0, files: [], counts: emptyCounts(), timestamp: null };
}

async function checkTimestamp(
  tsr: { ok: true; bytes: Uint8Array } | { ok: false; error: string },
  manifestBytes: Uint8Array,
  manifestSha256: string,
  options: VerifyOptions,
): Promise<TimestampCheck> {
  const unreadable = (why: string): TimestampCheck => ({
    verdict: 'unreadable',
    matchesManifest: false,
    genTime: null,
    policy: null,
    serial: null,
    imprintSha256: null,
    contentIntact: null,
    signature: 'not-checked',
    signatureDetail: '时间戳无法读取',
    detail: `可信时间戳（manifest.tsr）无法读取：${why}`,
  });
  if (!tsr.ok) return unreadable(tsr.error);
  let token;
  try {
    token = readTimeStampReply(tsr.bytes);
  } catch (error) {
    return unreadable(error instanceof Error ? error.message : String(error));
  }
  const matches = token.sha256 === manifestSha256;
  const content = await tokenContentMatchesSignedDigest(token);
  let signature: SignatureVerdict = 'not-checked';
  let signatureDetail = '需要时间戳机构的根证书才能验证（命令行加 --tsa-ca 根证书.pem，或用 openssl ts -verify）';
  if (options.checkTimestampSignature) {
    try {
      const checked = await options.checkTimestampSignature(manifestBytes, tsr.bytes);
      signature = checked.ok ? 'verified' : 'failed';
      signatureDetail = checked.detail;
    } catch (error) {
      signature = 'failed';
      signatureDetail = `签名验证未能完成：${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const detail = !matches
    ? `时间戳所盖的哈希 ${token.sha256} 不是本清单的 SHA-256：清单在盖时间戳后被改动过，或时间戳属于别的清单`
    : !content.ok
      ? content.detail
      : `时间戳所盖的哈希即本清单的 SHA-256（序列号 ${token.serial}）`;
  return {
    verdict: matches ? 'matches' : 'mismatch',
    matchesManifest: matches && content.ok,
    genTime: token.genTime,
    policy: token.policy,
    serial: token.serial,
    imprintSha256: token.sha256,
    contentIntact: content.ok,
    signature,
    signatureDetail,
    detail,
  };
}

/** One line per fact of the timestamp check (CLI and the 校验 tab share them). */
export function describeTimestamp(t: TimestampCheck): string[] {
  const ok = t.matchesManifest;
  const lines = [`${ok ? '✓' : '✗'} 可信时间戳：${TIMESTAMP_VERDICT_LABEL[t.verdict]}${t.contentIntact === false ? '（时间戳内容被改动）' : ''} —— ${t.detail}`];
  if (t.genTime) lines.push(`  时间戳机构时间 ${t.genTime}（UTC）；策略 ${t.policy}`);
  lines.push(`  ${t.signature === 'verified' ? '✓' : t.signature === 'failed' ? '✗' : '·'} ${SIGNATURE_VERDICT_LABEL[t.signature]}：${t.signatureDetail}`);
  return lines;
}

export async function verifyEvidencePackage(zip: Uint8Array, options: VerifyOptions = {}): Promise<PackageVerification> {
  let entries;
  try {
    entries = readZipEntries(zip);
  } catch (error) {
    return fatal(error instanceof Error ? error.message : String(error));
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  const manifestEntry = byName.get(MANIFEST);
  if (!manifestEntry) return fatal('证据包中没有 manifest.json，无法校验');
  const manifestRead = manifestEntry.read();
  if (!manifestRead.ok) return fatal(`manifest.json 已损坏：${manifestRead.error}`);
  const manifestSha256 = await sha256Hex(manifestRead.bytes);
  let manifest: PackageManifest;
  try {
    manifest = PackageManifest.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestRead.bytes)));
  } catch {
    return fatal('manifest.json 已损坏或被改动，内容无法识别', manifestSha256);
  }

  const files: FileCheck[] = [];
  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.path);
    const entry = byName.get(file.path);
    if (!entry) {
      files.push({ path: file.path, verdict: 'missing', expectedSha256: file.sha256, actualSha256: null, detail: '清单中有此文件，证据包中没有' });
      continue;
    }
    const read = entry.read();
    if (!read.ok) {
      files.push({ path: file.path, verdict: 'unreadable', expectedSha256: file.sha256, actualSha256: null, detail: read.error });
      continue;
    }
    const actual = await sha256Hex(read.bytes);
    const intact = actual === file.sha256 && read.bytes.byteLength === file.bytes;
    files.push({
      path: file.path,
      verdict: intact ? 'intact' : 'modified',
      expectedSha256: file.sha256,
      actualSha256: actual,
      detail: intact ? '' : `哈希值不符（${read.bytes.byteLength} 字节，清单记录 ${file.bytes} 字节）`,
    });
  }
  for (const entry of entries) {
    if (entry.name === MANIFEST || entry.name === TIMESTAMP_FILE || listed.has(entry.name)) continue;
    const read = entry.read();
    files.push({
      path: entry.name,
      verdict: 'unexpected',
      expectedSha256: null,
      actualSha256: read.ok ? await sha256Hex(read.bytes) : null,
      detail: '清单中没有此文件（可能是后来加入的）',
    });
  }
  const counts = emptyCounts();
  for (const f of files) counts[f.verdict]++;
  const tsr = byName.get(TIMESTAMP_FILE)?.read();
  const timestamp = tsr ? await checkTimestamp(tsr, manifestRead.bytes, manifestSha256, options) : null;
  return {
    timestamp,
    ok: files.every((f) => f.verdict === 'intact') && (timestamp === null || (timestamp.matchesManifest && timestamp.signature !== 'failed')),
    manifestSha256,
    fatal: null,
    exportedAt: manifest.exportedAt,
    caseCount: manifest.cases.length,
    files,
    counts,
  };
}

/** The verification as plain text lines (CLI output and copyable summary). */
export function describeVerification(result: PackageVerification): string[] {
  if (result.fatal) return [`✗ 无法校验：${result.fatal}`, ...(result.manifestSha256 ? [`manifest.json SHA-256 ${result.manifestSha256}`] : [])];
  const lines = result.files.map(
    (f) => `${f.verdict === 'intact' ? '✓' : '✗'} ${FILE_VERDICT_LABEL[f.verdict]}  ${f.path}${f.detail ? `  —— ${f.detail}` : ''}`,
  );
  const summary = (Object.keys(result.counts) as FileVerdict[])
    .filter((v) => result.counts[v] > 0)
    .map((v) => `${FILE_VERDICT_LABEL[v]} ${result.counts[v]}`)
    .join('，');
  lines.push('');
  lines.push(`导出时间 ${result.exportedAt}，${result.caseCount} 个案件；manifest.json SHA-256 ${result.manifestSha256}`);
  if (result.timestamp) lines.push(...describeTimestamp(result.timestamp));
  const t = result.timestamp;
  const reasons = [
    ...(result.files.every((f) => f.verdict === 'intact') ? [] : [summary]),
    ...(t && !t.matchesManifest ? [`${TIMESTAMP_VERDICT_LABEL[t.verdict]}${t.contentIntact === false ? '（时间戳内容被改动）' : ''}`] : []),
    ...(t && t.signature === 'failed' ? [SIGNATURE_VERDICT_LABEL.failed] : []),
  ];
  lines.push(
    result.ok
      ? `✓ 校验通过：全部 ${result.files.length} 个文件完好（${summary}）${t ? `；${TIMESTAMP_VERDICT_LABEL[t.verdict]}，${SIGNATURE_VERDICT_LABEL[t.signature]}` : ''}`
      : `✗ 校验未通过：${reasons.join('；')}`,
  );
  return lines;
}
