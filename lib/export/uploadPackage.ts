/** The upload set for one case as a small ZIP: the fitted images plus 说明.txt saying what was done and what did not fit. */
import { strToU8, zipSync } from 'fflate';
import type { ReviewGuardDatabase } from '../db/database';
import { evidenceForCases } from '../cases/chatEvidence';
import { sha256Hex } from '../evidence/bytes';
import { platformProfile } from '../platforms';
import type { EvidenceRecord } from '../schemas';
import { PLATFORM_LABEL } from '../schemas';
import { formatShanghai } from '../time/shanghai';
import { exhibitBaseName } from './fileNames';
import { fitForUpload, type ImageCodec, type UploadSet, type UploadSource } from './uploadFit';

/** What a reviewer should see: the annotated copy (masked when masking is on), else the original. */
export function uploadSourceOf(item: EvidenceRecord, index: number, total: number, privacy: boolean): UploadSource {
  const image = (privacy ? item.annotatedMasked : undefined) ?? item.annotated ?? item;
  return { label: exhibitBaseName(index, total, item.kind, item.capturedAtMs), mime: image.mime, bytes: image.bytes, width: image.width, height: image.height };
}

export async function prepareUploadSet(
  db: ReviewGuardDatabase,
  caseKey: string,
  options: { privacyMasking: boolean; codec: ImageCodec; nowMs: number },
): Promise<{ fileName: string; zip: Uint8Array; set: UploadSet }> {
  const record = await db.cases.get(caseKey);
  if (!record) throw new Error('案件不存在');
  const items = await evidenceForCases(db, [caseKey]);
  if (items.length === 0) throw new Error('还没有证据可上传');
  const rules = platformProfile(record.platform).appealRules;
  const label = PLATFORM_LABEL[record.platform];
  const set = await fitForUpload(
    items.map((item, i) => uploadSourceOf(item, i, items.length, options.privacyMasking)),
    { maxImages: rules.maxImages, imageTypes: rules.imageTypes, maxImageBytes: rules.maxImageBytes },
    options.codec,
    label,
  );
  const lines = [
    `${label}申诉上传图片（差评卫士 ${formatShanghai(options.nowMs, 'YYYY-MM-DD HH:mm')} 生成）`,
    `平台限制：最多 ${rules.maxImages ?? '未知'} 张，格式 ${rules.imageTypes.join('/') || '未知'}，每张不超过 ${rules.maxImageBytes ? `${rules.maxImageBytes / 2 ** 20} MB` : '未知'}（来源：${rules.source}${rules.verified ? '' : '，未核实'}）`,
    '',
    ...(await Promise.all(
      set.images.map(async (img) => `${img.fileName}：${img.sources.join(' + ')}；${img.steps.join('，')}；${img.bytes.byteLength} 字节；SHA-256 ${await sha256Hex(img.bytes)}`),
    )),
    ...(set.problems.length ? ['', '注意：', ...set.problems.map((p) => `- ${p}`)] : []),
    '',
    '这些是为上传准备的副本（可能经过转换、压缩或合并）；原始截图与哈希在证据包中，可用「导出证据包」获取。',
  ];
  const files: Record<string, Uint8Array> = { '说明.txt': strToU8(`${lines.join('\n')}\n`) };
  for (const img of set.images) files[img.fileName] = img.bytes;
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: 0, os: 3, attrs: 0o100644 << 16 }]])), {
    mtime: new Date(options.nowMs),
  });
  const day = formatShanghai(options.nowMs, 'YYYY-MM-DD HH:mm').replace(' ', '_').replace(':', '');
  return { fileName: `${label}上传图片_${day}.zip`, zip, set };
}
