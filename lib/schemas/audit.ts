import { z } from 'zod';

export const AuditAction = z.enum(['capture', 'delete-evidence', 'export', 'link-evidence', 'backup', 'restore']);
export type AuditAction = z.infer<typeof AuditAction>;

export const AUDIT_ACTION_LABEL: Record<AuditAction, string> = {
  capture: '采集证据',
  'delete-evidence': '删除证据',
  export: '导出证据包',
  'link-evidence': '关联证据',
  backup: '完整备份',
  restore: '从备份恢复',
};

/** One line of the append-only audit log: evidence is never edited, and every deletion says who, when and why. */
export const AuditEntry = z.object({
  id: z.string(),
  atMs: z.number(),
  /** ISO 8601 in Asia/Shanghai. */
  at: z.string(),
  action: AuditAction,
  /** Who did it: the operator name from settings (a local extension has no accounts). */
  who: z.string(),
  /** Why (required for deletions). */
  why: z.string(),
  caseKey: z.string().nullable(),
  evidenceId: z.string().nullable(),
  /** SHA-256 of the evidence concerned, so a deletion still names what was deleted. */
  sha256: z.string().nullable(),
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
