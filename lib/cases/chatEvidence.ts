/**
 * Chat-thread captures (evidence kind negotiation) and the cases they belong to.
 *
 * A case is keyed by its review, so a chat capture is filed under its conversation key
 * (`chat:<platform>:<order number | buyer>`) and linked (evidenceLinks, append-only) to every open case whose review
 * has the same platform and order number — or, when no such case exists, the same buyer nick. A chat captured before
 * its review is kept (listed in the side panel as 未关联案件的聊天证据) and joined when that review is captured.
 */
import { auditEntry } from '../audit/auditLog';
import type { ReviewGuardDatabase } from '../db/database';
import { getSetting } from '../db/settings';
import { captureTimeMs, evidenceRecord, storedImage } from '../evidence/storedCapture';
import {
  CHAT_PAGE_JSON_NOTE,
  type AuditEntry,
  type CaptureContext,
  type CaseRecord,
  type ChatConversationSeen,
  type EvidenceLink,
  type EvidenceRecord,
  type MessageRequest,
  type MessageResponse,
} from '../schemas';
import { toShanghaiIso } from '../time/shanghai';
import { conversationKeyFor } from '../chat/conversationKey';

export { conversationKeyFor };
import { systemClock, type Clock } from './clock';

const isOpen = (c: CaseRecord) => c.state !== '已结案';

/** Open cases the chat belongs to: same platform and order number; failing that, the same buyer nick. */
export async function casesForConversation(
  db: ReviewGuardDatabase,
  c: Pick<ChatConversationSeen, 'platform' | 'orderSn' | 'buyerNick'>,
): Promise<{ cases: CaseRecord[]; by: EvidenceLink['by'] }> {
  const all = (await db.cases.where('platform').equals(c.platform).toArray()).filter(isOpen);
  if (c.orderSn) {
    const byOrder = all.filter((k) => k.review.orderSn === c.orderSn);
    if (byOrder.length) return { cases: byOrder, by: 'orderSn' };
  }
  if (c.buyerNick) {
    // A case whose review shows a different order number is another purchase: never joined by nick.
    const byNick = all.filter((k) => k.review.buyerNick === c.buyerNick && (!c.orderSn || !k.review.orderSn));
    if (byNick.length) return { cases: byNick, by: 'buyerNick' };
  }
  return { cases: [], by: 'orderSn' };
}

/** Chat evidence for a case's review: same platform and order number, failing that the same buyer nick. */
export async function chatEvidenceForReview(db: ReviewGuardDatabase, record: CaseRecord): Promise<{ items: EvidenceRecord[]; by: EvidenceLink['by'] }> {
  const { review } = record;
  const samePlatform = (e: EvidenceRecord) => e.kind === 'negotiation' && e.conversation?.platform === review.platform;
  if (review.orderSn) {
    const byOrder = (await db.evidence.where('conversation.orderSn').equals(review.orderSn).toArray()).filter(samePlatform);
    if (byOrder.length) return { items: byOrder, by: 'orderSn' };
  }
  if (review.buyerNick) {
    const byNick = (await db.evidence.where('conversation.buyerNick').equals(review.buyerNick).toArray()).filter(
      (e) => samePlatform(e) && (!review.orderSn || !e.conversation?.orderSn),
    );
    if (byNick.length) return { items: byNick, by: 'buyerNick' };
  }
  return { items: [], by: 'orderSn' };
}

const linkId = (caseKey: string, evidenceId: string) => `${caseKey}|${evidenceId}`;

interface LinkWrite {
  links: EvidenceLink[];
  audits: AuditEntry[];
  cases: CaseRecord[];
}

function linkWrites(
  cases: readonly CaseRecord[],
  evidence: EvidenceRecord,
  by: EvidenceLink['by'],
  nowMs: number,
  who: string,
  clock: Clock,
): LinkWrite {
  const why = by === 'orderSn' ? `订单号 ${evidence.conversation?.orderSn ?? ''} 相同` : `买家昵称 ${evidence.conversation?.buyerNick ?? ''} 相同`;
  const at = toShanghaiIso(nowMs);
  const note = `关联聊天证据（${toShanghaiIso(evidence.capturedAtMs).slice(0, 16).replace('T', ' ')} 采集，SHA-256 ${evidence.sha256.slice(0, 12)}…；${why}）`;
  return {
    links: cases.map((c) => ({ id: linkId(c.key, evidence.id), caseKey: c.key, evidenceId: evidence.id, by, linkedAtMs: nowMs })),
    audits: cases.map((c) =>
      auditEntry(
        { nowMs: () => nowMs, newId: clock.newId },
        { action: 'link-evidence', who, caseKey: c.key, evidenceId: evidence.id, sha256: evidence.sha256, detail: note },
      ),
    ),
    cases: cases.map((c) => ({ ...c, history: [...c.history, { at, atMs: nowMs, state: c.state, note }], updatedAtMs: nowMs })),
  };
}

/** Writes links not yet present (inside the caller's transaction over cases, evidenceLinks and audit). */
async function writeLinks(db: ReviewGuardDatabase, write: LinkWrite): Promise<string[]> {
  const existing = await db.evidenceLinks.bulkGet(write.links.map((l) => l.id));
  const fresh = write.links.map((l, i) => (existing[i] ? null : i)).filter((i): i is number => i !== null);
  await db.evidenceLinks.bulkAdd(fresh.map((i) => write.links[i]!));
  await db.audit.bulkAdd(fresh.map((i) => write.audits[i]!));
  await db.cases.bulkPut(fresh.map((i) => write.cases[i]!));
  return fresh.map((i) => write.links[i]!.caseKey);
}

/**
 * Joins the chat evidence of a case's review to the case (called when a review is captured). Runs inside the
 * caller's transaction when there is one (tables: cases, evidence, evidenceLinks, audit). Returns the evidence ids
 * newly linked.
 */
export async function linkChatEvidenceToCase(db: ReviewGuardDatabase, record: CaseRecord, nowMs: number, who: string, clock: Clock): Promise<string[]> {
  if (!isOpen(record)) return [];
  const { items, by } = await chatEvidenceForReview(db, record);
  const linked: string[] = [];
  let current = record;
  for (const evidence of items.sort((a, b) => a.capturedAtMs - b.capturedAtMs)) {
    const write = linkWrites([current], evidence, by, nowMs, who, clock);
    if ((await writeLinks(db, write)).length) {
      linked.push(evidence.id);
      current = write.cases[0]!;
    }
  }
  return linked;
}

/** Every piece of evidence of the cases: their own captures plus linked chat evidence, in time order. */
export async function evidenceForCases(db: ReviewGuardDatabase, caseKeys: readonly string[]): Promise<EvidenceRecord[]> {
  const own = await db.evidence.where('caseKey').anyOf([...caseKeys]).toArray();
  const links = await db.evidenceLinks.where('caseKey').anyOf([...caseKeys]).toArray();
  const ownIds = new Set(own.map((e) => e.id));
  const linked = (await db.evidence.bulkGet([...new Set(links.map((l) => l.evidenceId))].filter((id) => !ownIds.has(id)))).filter(
    (e): e is EvidenceRecord => e !== undefined,
  );
  return [...own, ...linked].sort((a, b) => a.capturedAtMs - b.capturedAtMs || a.id.localeCompare(b.id));
}

/**
 * How many evidence items each case has (its own and the chat captures linked to it, as evidenceForCases counts them),
 * from index keys only: the case list shows it for every case without reading an image.
 */
export async function evidenceCountsByCase(db: ReviewGuardDatabase): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const ownOf = new Map<string, string>();
  await db.evidence.orderBy('caseKey').eachPrimaryKey((id, cursor) => {
    const caseKey = String(cursor.key);
    ownOf.set(String(id), caseKey);
    counts.set(caseKey, (counts.get(caseKey) ?? 0) + 1);
  });
  for (const link of await db.evidenceLinks.toArray()) {
    if (ownOf.get(link.evidenceId) === link.caseKey || !ownOf.has(link.evidenceId)) continue;
    counts.set(link.caseKey, (counts.get(link.caseKey) ?? 0) + 1);
  }
  return counts;
}

/** The case a linked evidence item is filed under within a set of cases (its own key, else its first link there). */
export async function caseKeyWithin(db: ReviewGuardDatabase, evidence: EvidenceRecord, caseKeys: readonly string[]): Promise<string> {
  if (caseKeys.includes(evidence.caseKey)) return evidence.caseKey;
  const links = await db.evidenceLinks.where('evidenceId').equals(evidence.id).toArray();
  return links.map((l) => l.caseKey).find((k) => caseKeys.includes(k)) ?? evidence.caseKey;
}

/** Ids of the chat evidence no case holds yet: keys only, no image read (the case list counts them on every change). */
export async function unlinkedChatEvidenceIds(db: ReviewGuardDatabase): Promise<string[]> {
  const chats = await db.evidence.where('kind').equals('negotiation').primaryKeys();
  const linked = new Set((await db.evidenceLinks.toArray()).map((l) => l.evidenceId));
  return chats.filter((id) => !linked.has(id));
}

/** Chat evidence no case holds yet (shown in the side panel until its review is captured), newest first. */
export async function unlinkedChatEvidence(db: ReviewGuardDatabase): Promise<EvidenceRecord[]> {
  const records = await db.evidence.bulkGet(await unlinkedChatEvidenceIds(db));
  return records.filter((e): e is EvidenceRecord => e !== undefined).sort((a, b) => b.capturedAtMs - a.capturedAtMs);
}

/**
 * Stores one chat-thread capture as evidence of kind negotiation (hash over exactly the stored bytes, a capture
 * manifest hashing files and context together) and links it to its open cases — all in one transaction, so a
 * failed write leaves nothing half-stored.
 */
export async function recordChatCapture(
  db: ReviewGuardDatabase,
  request: MessageRequest<'capture-chat'>,
  clock: Clock = systemClock,
): Promise<MessageResponse<'capture-chat'>> {
  const { thread } = request;
  const expectedKey = conversationKeyFor(thread.platform, thread);
  if (thread.conversationKey !== expectedKey) throw new Error(`会话编号不一致（${thread.conversationKey} ≠ ${expectedKey}），未保存`);
  if (thread.messages.length === 0) throw new Error('没有读到这段聊天的任何消息，未保存');
  const original = await storedImage(request.image);
  const annotated = request.annotated ? await storedImage(request.annotated) : undefined;
  const annotatedMasked = request.annotatedMasked ? await storedImage(request.annotatedMasked) : undefined;
  const nowMs = captureTimeMs(request.capturedAtMs, clock.nowMs());
  const who = await getSetting(db, 'operatorName');
  const id = clock.newId();
  const conversation: ChatConversationSeen = {
    platform: thread.platform,
    conversationKey: thread.conversationKey,
    buyerId: thread.buyerId,
    buyerNick: thread.buyerNick,
    orderSn: thread.orderSn,
  };
  const context: CaptureContext = {
    ...request.context,
    capturedAtUtc: new Date(nowMs).toISOString(),
    reviewSeen: null,
    pageJson: null,
    pageJsonNote: request.context.pageJsonNote ?? CHAT_PAGE_JSON_NOTE,
    chatSeen: thread,
  };
  const built = await evidenceRecord({
    id,
    caseKey: thread.conversationKey,
    reviewKey: thread.conversationKey,
    kind: 'negotiation',
    method: request.method,
    nowMs,
    pageUrl: request.pageUrl,
    pageTitle: request.pageTitle,
    original,
    annotated,
    annotatedMasked,
    context,
  });
  const { captureManifestSha256 } = built;
  const evidence: EvidenceRecord = { ...built.evidence, conversation };
  const audit = auditEntry(
    { nowMs: () => nowMs, newId: clock.newId },
    {
      action: 'capture',
      who,
      caseKey: thread.conversationKey,
      evidenceId: id,
      sha256: original.sha256,
      detail: `采集聊天证据（${request.method}，${thread.messages.length} 条消息，${original.size} 字节${thread.omitted ? `；${thread.omitted}` : ''}；采集记录 SHA-256 ${captureManifestSha256}）`,
    },
  );
  const linkedCaseKeys = await db.transaction('rw', [db.cases, db.evidence, db.evidenceLinks, db.audit], async () => {
    await db.evidence.add(evidence);
    await db.audit.add(audit);
    const { cases, by } = await casesForConversation(db, conversation);
    return writeLinks(db, linkWrites(cases, evidence, by, nowMs, who, clock));
  });
  return { evidenceId: id, sha256: original.sha256, size: original.size, conversationKey: thread.conversationKey, linkedCaseKeys };
}
