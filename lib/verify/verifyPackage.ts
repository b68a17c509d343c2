/** Checks an evidence package against its own manifest: every hash recomputed, every file accounted for. */
import { sha256Hex } from '../evidence/bytes';
import { FILE_VERDICT_LABEL, PackageManifest, type FileVerdict } from '../schemas';
import { readTimeStampReply } from '../timestamp/rfc3161';
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
  /** The trusted timestamp in the package, if any: its time and whether it is for this manifest. */
  timestamp: { genTime: string | null; matchesManifest: boolean; detail: string } | null;
}

const MANIFEST = 'manifest.json';

function emptyCounts(): Record<FileVerdict, number> {
  return { intact: 0, modified: 0, missing: 0, unexpected: 0, unreadable: 0 };
}

function fatal(reason: string, manifestSha256: string | null = null): PackageVerification {
  return { ok: false, manifestSha256, fatal: reason, exportedAt: null, caseCount: 0, files: [], counts: emptyCounts(), timestamp: null };
}

export async function verifyEvidencePackage(zip: Uint8Array): Promise<PackageVerification> {
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
  let timestamp: PackageVerification['timestamp'] = null;
  const tsr = byName.get(TIMESTAMP_FILE)?.read();
  if (tsr) {
    try {
      if (!tsr.ok) throw new Error(tsr.error);
      const token = readTimeStampReply(tsr.bytes);
      const matches = token.sha256 === manifestSha256;
      timestamp = {
        genTime: token.genTime,
        matchesManifest: matches,
        detail: matches ? '可信时间戳对应本清单（签名请用 openssl ts -verify 与时间戳机构证书核验）' : '可信时间戳对应的不是本清单：清单在盖时间戳后被改动过',
      };
    } catch (error) {
      timestamp = { genTime: null, matchesManifest: false, detail: `可信时间戳无法读取：${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return {
    timestamp,
    ok: files.every((f) => f.verdict === 'intact') && (timestamp === null || timestamp.matchesManifest),
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
  if (result.timestamp)
    lines.push(`${result.timestamp.matchesManifest ? '✓' : '✗'} 可信时间戳 ${result.timestamp.genTime ?? ''}：${result.timestamp.detail}`);
  lines.push(result.ok ? `✓ 校验通过：全部 ${result.files.length} 个文件完好（${summary}）` : `✗ 校验未通过：${summary || '可信时间戳不符'}`);
  return lines;
}
