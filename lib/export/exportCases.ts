/** Gathers cases, their evidence and audit log from the database, builds the package and logs the export. */
import { auditEntry, auditForCases } from '../audit/auditLog';
import { caseKeyWithin, evidenceForCases, unlinkedChatEvidence } from '../cases/chatEvidence';
import { systemClock, type Clock } from '../cases/recordCapture';
import type { ReviewGuardDatabase } from '../db/database';
import { getSetting } from '../db/settings';
import type { CaseRecord } from '../schemas';
import { buildEvidencePackage, type BuiltPackage, type ImageMasker, type ManifestTimestamper } from './buildPackage';

export interface ExportOptions {
  privacyMasking: boolean;
  maskImage?: ImageMasker;
  timestamp?: ManifestTimestamper;
  generator: string;
  clock?: Clock;
  /**
   * Also the chat evidence no case holds yet (a buyer who threatened but whose review was never captured): 导出全部
   * must leave nothing behind only in this browser. Filed under its conversation, as in the side panel.
   */
  withUnlinkedChats?: boolean;
}

export async function exportCases(db: ReviewGuardDatabase, caseKeys: readonly string[], options: ExportOptions): Promise<BuiltPackage> {
  const clock = options.clock ?? systemClock;
  const cases = (await db.cases.bulkGet([...caseKeys])).filter((c): c is CaseRecord => c !== undefined);
  const unlinked = options.withUnlinkedChats ? await unlinkedChatEvidence(db) : [];
  if (cases.length === 0 && unlinked.length === 0) throw new Error('没有可导出的案件');
  const keys = cases.map((c) => c.key);
  // Each case's own captures plus the chat evidence linked to it, filed under a case of this export.
  const evidence = [
    ...(await Promise.all((await evidenceForCases(db, keys)).map(async (e) => ({ ...e, caseKey: await caseKeyWithin(db, e, keys) })))),
    ...unlinked,
  ];
  if (evidence.length === 0) throw new Error('所选案件还没有证据，请先在页面上采集证据');
  // The cases' own entries plus those of their linked chat evidence (its capture was logged under the conversation).
  const caseAudit = await auditForCases(db, keys);
  const known = new Set(caseAudit.map((a) => a.id));
  const evidenceAudit = (await db.audit.where('evidenceId').anyOf(evidence.map((e) => e.id)).toArray()).filter((a) => !known.has(a.id));
  const audit = [...caseAudit, ...evidenceAudit].sort((a, b) => a.atMs - b.atMs || a.id.localeCompare(b.id));
  const built = await buildEvidencePackage({
    cases,
    evidence,
    audit,
    nowMs: clock.nowMs(),
    generator: options.generator,
    privacyMasking: options.privacyMasking,
    maskImage: options.maskImage,
    timestamp: options.timestamp,
  });
  const stampNote = built.timestamp ? `；可信时间戳 ${built.timestamp.genTime}` : built.timestampError ? `；可信时间戳失败：${built.timestampError}` : '';
  const who = await getSetting(db, 'operatorName');
  // One entry per case, and one per conversation of the unlinked chat evidence (their captures were logged there).
  const loggedUnder = [...keys, ...new Set(unlinked.map((e) => e.caseKey))];
  await db.audit.bulkAdd(
    loggedUnder.map((caseKey) =>
      auditEntry(clock, {
        action: 'export',
        who,
        caseKey,
        sha256: built.manifestSha256,
        detail: `导出证据包 ${built.fileName}（${built.manifest.files.length} 个文件，${options.privacyMasking ? '已打码' : '未打码'}；manifest.json SHA-256 ${built.manifestSha256}${stampNote}）`,
      }),
    ),
  );
  return built;
}
