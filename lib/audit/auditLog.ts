/** The append-only audit log: evidence is never edited; captures, exports and deletions each leave an entry. */
import type { ReviewGuardDatabase } from '../db/database';
import { getSetting } from '../db/settings';
import type { AuditAction, AuditEntry } from '../schemas';
import { toShanghaiIso } from '../time/shanghai';
import { systemClock, type Clock } from '../cases/recordCapture';

export function auditEntry(
  clock: Clock,
  fields: { action: AuditAction; who: string; why?: string; caseKey?: string | null; evidenceId?: string | null; sha256?: string | null; detail: string },
): AuditEntry {
  const atMs = clock.nowMs();
  return {
    id: clock.newId(),
    atMs,
    at: toShanghaiIso(atMs),
    action: fields.action,
    who: fields.who,
    why: fields.why ?? '',
    caseKey: fields.caseKey ?? null,
    evidenceId: fields.evidenceId ?? null,
    sha256: fields.sha256 ?? null,
    detail: fields.detail,
  };
}

/**
 * Deletes one piece of evidence. The reason is required, and the deletion and its audit entry are written in one
 * transaction: either both happen or neither.
 */
export async function deleteEvidence(
  db: ReviewGuardDatabase,
  evidenceId: string,
  why: string,
  clock: Clock = systemClock,
): Promise<AuditEntry> {
  const reason = why.trim();
  if (reason.length < 2) throw new Error('删除证据必须填写原因');
  const who = await getSetting(db, 'operatorName');
  return db.transaction('rw', [db.evidence, db.evidenceLinks, db.audit], async () => {
    const item = await db.evidence.get(evidenceId);
    if (!item) throw new Error('这份证据已不存在');
    const entry = auditEntry(clock, {
      action: 'delete-evidence',
      who,
      why: reason,
      caseKey: item.caseKey,
      evidenceId: item.id,
      sha256: item.sha256,
      detail: `删除 ${item.capturedAt} 采集的证据（${item.size} 字节，SHA-256 ${item.sha256}）`,
    });
    await db.evidence.delete(evidenceId);
    await db.evidenceLinks.where('evidenceId').equals(evidenceId).delete();
    await db.audit.add(entry);
    return entry;
  });
}

export async function auditForCases(db: ReviewGuardDatabase, caseKeys: readonly string[]): Promise<AuditEntry[]> {
  return db.audit.where('caseKey').anyOf([...caseKeys]).sortBy('atMs');
}
