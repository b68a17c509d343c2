/**
 * Builds the evidence package for one or more cases: numbered exhibits in time order, their capture records,
 * `report.html`, the audit log and `manifest.json`, zipped. Pure apart from the image masker, which the caller
 * supplies (the side panel draws with a canvas; tests pass a fake).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { pageJsonIdLabel } from '../detection/observedItems';
import { sha256Hex } from '../evidence/bytes';
import type {
  AuditEntry,
  CaseRecord,
  EvidenceRecord,
  PackageCase,
  PackageFile,
  PackageManifest,
  PixelBox,
} from '../schemas';
import { CATEGORY_LABEL, EVIDENCE_KIND_LABEL, PACKAGE_FORMAT, PLATFORM_LABEL } from '../schemas';
import { formatShanghai, toShanghaiIso } from '../time/shanghai';
import { exhibitBaseName, extensionFor } from './fileNames';
import { maskPersonalData } from './privacy';
import { renderReportHtml, type ReportExhibit } from './report';

export interface MaskableImage {
  mime: string;
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** Covers the given boxes of an image and returns the new encoded bytes (same format). */
export type ImageMasker = (image: MaskableImage, boxes: readonly PixelBox[]) => Promise<{ mime: string; bytes: Uint8Array }>;

/** Asks a TSA to stamp the manifest hash; returns the reply (`manifest.tsr`) and the TSA's time. */
export type ManifestTimestamper = (manifestSha256: string) => Promise<{ reply: Uint8Array; genTime: string }>;

export const TIMESTAMP_FILE = 'manifest.tsr';

export interface PackageInput {
  cases: readonly CaseRecord[];
  evidence: readonly EvidenceRecord[];
  audit: readonly AuditEntry[];
  nowMs: number;
  generator: string;
  /** On by default: mask buyer personal data in exported text and annotated images. */
  privacyMasking: boolean;
  maskImage?: ImageMasker;
  timestamp?: ManifestTimestamper;
}

export interface BuiltPackage {
  fileName: string;
  zip: Uint8Array;
  manifest: PackageManifest;
  manifestSha256: string;
  /** The trusted timestamp over manifest.json, when one was asked for and granted. */
  timestamp: { genTime: string } | null;
  /** Why the asked-for timestamp is missing (the package is still complete without it). */
  timestampError: string | null;
}

const utcIso = (ms: number) => new Date(ms).toISOString();

/**
 * Entries are marked as made on Unix with rw-r--r-- files: Info-ZIP `unzip` converts the names of MS-DOS entries
 * from the OEM code page and garbles Chinese file names even with the UTF-8 flag set.
 */
const UNIX_ENTRY = { os: 3, attrs: 0o100644 << 16 } as const;

function packageCase(record: CaseRecord, mask: (s: string) => string, privacy: boolean): PackageCase {
  const { review } = record;
  return {
    key: record.key,
    platform: record.platform,
    platformLabel: PLATFORM_LABEL[record.platform],
    state: record.state,
    category: record.classification.category,
    categoryLabel: CATEGORY_LABEL[record.classification.category],
    orderSn: review.orderSn,
    reviewedAt: review.reviewedAt,
    stars: review.stars,
    buyerNick: review.buyerNick === null ? null : privacy ? mask(review.buyerNick) : review.buyerNick,
    reviewText: mask(review.text),
    pageUrl: record.pageUrl,
  };
}

/** The exhibit's platform: its case's, else (chat evidence no case holds yet) its conversation's. */
function platformOf(record: CaseRecord | undefined, item: EvidenceRecord): string {
  const platform = record?.platform ?? item.conversation?.platform;
  return platform ? PLATFORM_LABEL[platform] : '平台未知';
}

function purposeOf(item: EvidenceRecord, record: CaseRecord | undefined, mask: (s: string) => string): string {
  if (item.kind === 'transaction') return `证明订单${record?.review.orderSn ? ` ${record.review.orderSn}` : ''}的交易与物流事实。`;
  if (item.kind === 'negotiation') return '证明买卖双方在平台内的协商过程与内容。';
  if (!record) return '证明该评价在商家后台显示的内容。';
  const { review, classification } = record;
  const who = review.buyerNick ? `买家（昵称 ${mask(review.buyerNick)}）` : '买家';
  const when = review.reviewedAt ? `于 ${formatShanghai(Date.parse(review.reviewedAt), 'YYYY-MM-DD HH:mm')} ` : '';
  const order = review.orderSn ? `就订单 ${review.orderSn} ` : '';
  const phrases = [...new Set(classification.phrases.map((p) => mask(p.text)))].slice(0, 5);
  const basis = phrases.length
    ? `其中${phrases.map((p) => `「${p}」`).join('')}为判定「${CATEGORY_LABEL[classification.category]}」的依据（标注副本中以红框标出）。`
    : '';
  return `证明${who}${when}${order}发布了该评价及其在商家后台显示的内容。${basis}`;
}

/** The capture record as exported: the stored one byte for byte, or a masked copy that names the original's hash. */
function captureRecordText(item: EvidenceRecord, mask: (s: string) => string, privacy: boolean): string | null {
  if (!item.captureManifest) return null;
  if (!privacy) return item.captureManifest;
  const parsed = JSON.parse(item.captureManifest) as Record<string, unknown>;
  const maskDeep = (value: unknown): unknown => {
    if (typeof value === 'string') return mask(value);
    if (Array.isArray(value)) return value.map(maskDeep);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
    return value;
  };
  return `${JSON.stringify(
    { masked: true, originalSha256: item.captureManifestSha256 ?? null, note: '导出时已对买家个人信息打码；原始采集记录保存在本机数据库中，哈希见 originalSha256', record: maskDeep(parsed) },
    null,
    2,
  )}\n`;
}

/** What the report says about the page's own JSON for the item (recorded, or why not). */
export function pageDataLine(item: EvidenceRecord, recordPath: string | null): string | null {
  const context = item.context;
  if (!context) return null;
  const where = recordPath ? `，完整内容见采集记录 ${recordPath} 的 pageJson` : '';
  const p = context.pageJson;
  if (p)
    return `页面自身数据：已记录。采集时页面从 ${p.endpoint} 取得的该条数据（按${pageJsonIdLabel(p.matchedBy.field, item.kind)} ${p.matchedBy.value} 对应，页面数据字段 ${p.matchedBy.field}，${p.bytes} 字节${
      p.sha256 ? `，SHA-256 ${p.sha256}` : ''
    }，接收于 ${formatShanghai(p.observedAtMs, 'YYYY-MM-DD HH:mm:ss')} 北京时间）已随采集记录保存并计入其哈希${where}。该数据由页面提供，可与截图相互印证。`;
  return `页面自身数据：未记录。${context.pageJsonNote ?? '采集时未观察到该条的页面接口数据。'}`;
}

const MASK_CONCURRENCY = 4;

async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

export async function buildEvidencePackage(input: PackageInput): Promise<BuiltPackage> {
  const { privacyMasking: privacy } = input;
  const casesByKey = new Map(input.cases.map((c) => [c.key, c]));
  const names = input.cases.map((c) => c.review.buyerNick);
  const mask = privacy ? (s: string) => maskPersonalData(s, { names }) : (s: string) => s;
  const items = [...input.evidence].sort((a, b) => a.capturedAtMs - b.capturedAtMs || a.id.localeCompare(b.id));

  const zippable: Zippable = {};
  const files: PackageFile[] = [];
  const exhibits: ReportExhibit[] = [];
  const add = async (path: string, bytes: Uint8Array, meta: Omit<PackageFile, 'path' | 'sha256' | 'bytes'>, compress: boolean) => {
    if (path in zippable) throw new Error(`证据包内文件名重复：${path}`);
    zippable[path] = [bytes, { level: compress ? 6 : 0, ...UNIX_ENTRY }];
    const file: PackageFile = { path, sha256: await sha256Hex(bytes), bytes: bytes.byteLength, ...meta };
    files.push(file);
    return file;
  };

  // Masking re-encodes images, the slow part of an export: done up front, several at a time.
  const maskedAnnotations = new Map<string, { mime: string; bytes: Uint8Array }>();
  if (privacy) {
    // Captures carry a masked copy made (and hashed) at capture time; only older records need masking now.
    for (const item of items) if (item.annotatedMasked) maskedAnnotations.set(item.id, item.annotatedMasked);
    const toMask = items.filter((i) => i.annotated && !i.annotatedMasked && (i.context?.privacyBoxes.length ?? 0) > 0);
    if (toMask.length > 0 && !input.maskImage) throw new Error('无法为标注图打码（缺少图像处理），请关闭打码或在扩展中导出');
    await inPool(toMask, MASK_CONCURRENCY, async (item) => {
      maskedAnnotations.set(item.id, await input.maskImage!(item.annotated!, item.context!.privacyBoxes));
    });
  }

  for (const [index, item] of items.entries()) {
    const record = casesByKey.get(item.caseKey);
    const base = exhibitBaseName(index, items.length, item.kind, item.capturedAtMs);
    const shared = { kind: item.kind, exhibit: index + 1, capturedAt: item.capturedAt, url: item.pageUrl, evidenceId: item.id, caseKey: item.caseKey };
    const exhibitFiles: PackageFile[] = [];
    // Images are already compressed: stored as-is, so a changed byte in the ZIP is a changed byte in the image.
    exhibitFiles.push(await add(`${base}.${extensionFor(item.mime)}`, item.bytes, { ...shared, role: 'original', masked: false }, false));
    let preview = exhibitFiles[0]!.path;
    if (item.annotated) {
      const maskedCopy = maskedAnnotations.get(item.id);
      const { bytes, mime } = maskedCopy ?? item.annotated;
      const masked = maskedCopy !== undefined;
      const file = await add(`${base}_标注.${extensionFor(mime)}`, bytes, { ...shared, role: 'annotated', masked }, false);
      exhibitFiles.push(file);
      preview = file.path;
    }
    const captureRecord = captureRecordText(item, mask, privacy);
    if (captureRecord !== null)
      exhibitFiles.push(
        await add(`${base}_采集记录.json`, strToU8(captureRecord), { ...shared, kind: 'capture-record', role: 'document', masked: privacy }, true),
      );
    exhibits.push({
      number: index + 1,
      title: `${EVIDENCE_KIND_LABEL[item.kind]}（${platformOf(record, item)}）`,
      purpose: purposeOf(item, record, mask),
      capturedAt: `${formatShanghai(item.capturedAtMs, 'YYYY-MM-DD HH:mm:ss')}（北京时间）`,
      capturedAtUtc: `${utcIso(item.capturedAtMs)}（UTC）`,
      source: `${item.pageTitle ? `${mask(item.pageTitle)} ` : ''}${item.pageUrl}`,
      files: exhibitFiles,
      preview,
      pageData: pageDataLine(item, exhibitFiles.find((f) => f.kind === 'capture-record')?.path ?? null),
    });
  }

  const head: Omit<PackageManifest, 'files'> = {
    format: PACKAGE_FORMAT,
    generator: input.generator,
    exportedAt: toShanghaiIso(input.nowMs),
    exportedAtUtc: utcIso(input.nowMs),
    privacyMasking: privacy,
    hashAlgorithm: 'SHA-256',
    cases: input.cases.map((c) => packageCase(c, mask, privacy)),
  };
  const docMeta = { exhibit: null, capturedAt: null, url: null, evidenceId: null, caseKey: null, role: 'document' as const };
  const auditText = `${JSON.stringify(
    [...input.audit].sort((a, b) => a.atMs - b.atMs).map((e) => ({ ...e, why: mask(e.why), detail: mask(e.detail) })),
    null,
    2,
  )}\n`;
  await add('audit-log.json', strToU8(auditText), { ...docMeta, kind: 'audit-log', masked: privacy }, true);
  await add('report.html', strToU8(renderReportHtml(head, exhibits)), { ...docMeta, kind: 'report', masked: privacy }, true);

  const manifest: PackageManifest = { ...head, files };
  const manifestBytes = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  zippable['manifest.json'] = [manifestBytes, { level: 6, ...UNIX_ENTRY }];
  const manifestSha256 = await sha256Hex(manifestBytes);
  let timestamp: BuiltPackage['timestamp'] = null;
  let timestampError: string | null = null;
  if (input.timestamp) {
    try {
      const stamp = await input.timestamp(manifestSha256);
      zippable[TIMESTAMP_FILE] = [stamp.reply, { level: 0, ...UNIX_ENTRY }];
      timestamp = { genTime: stamp.genTime };
    } catch (error) {
      timestampError = error instanceof Error ? error.message : String(error);
    }
  }
  const zip = zipSync(zippable, { mtime: new Date(input.nowMs) });
  const day = formatShanghai(input.nowMs, 'YYYY-MM-DD HH:mm').replace(' ', '_').replace(':', '');
  return {
    fileName: `差评卫士证据包_${day}_${input.cases.length}案${items.length}件.zip`,
    zip,
    manifest,
    manifestSha256,
    timestamp,
    timestampError,
  };
}
