import { z } from 'zod';

export const PackageFileKind = z.enum(['review', 'transaction', 'negotiation', 'capture-record', 'report', 'audit-log']);
export type PackageFileKind = z.infer<typeof PackageFileKind>;

export const PackageFile = z.object({
  path: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  kind: PackageFileKind,
  /** `original` capture, `annotated` copy, or `document` (report, records, log). */
  role: z.enum(['original', 'annotated', 'document']),
  exhibit: z.number().int().positive().nullable(),
  capturedAt: z.string().nullable(),
  url: z.string().nullable(),
  evidenceId: z.string().nullable(),
  caseKey: z.string().nullable(),
  /** True when personal data was masked in this exported copy (the stored original is untouched). */
  masked: z.boolean(),
});
export type PackageFile = z.infer<typeof PackageFile>;

export const PackageCase = z.object({
  key: z.string(),
  platform: z.string(),
  platformLabel: z.string(),
  state: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  orderSn: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  stars: z.number().nullable(),
  buyerNick: z.string().nullable(),
  reviewText: z.string(),
  pageUrl: z.string(),
});
export type PackageCase = z.infer<typeof PackageCase>;

export const PACKAGE_FORMAT = 'reviewguard.evidence-package/1';

/** `manifest.json` of an exported evidence package: the list every verifier checks the ZIP against. */
export const PackageManifest = z.object({
  format: z.literal(PACKAGE_FORMAT),
  generator: z.string(),
  exportedAt: z.string(),
  exportedAtUtc: z.string(),
  privacyMasking: z.boolean(),
  hashAlgorithm: z.literal('SHA-256'),
  cases: z.array(PackageCase),
  files: z.array(PackageFile),
});
export type PackageManifest = z.infer<typeof PackageManifest>;

export const FileVerdict = z.enum(['intact', 'modified', 'missing', 'unexpected', 'unreadable']);
export type FileVerdict = z.infer<typeof FileVerdict>;

export const FILE_VERDICT_LABEL: Record<FileVerdict, string> = {
  intact: '完好',
  modified: '已被修改',
  missing: '缺失',
  unexpected: '清单外文件',
  unreadable: '损坏无法读取',
};
