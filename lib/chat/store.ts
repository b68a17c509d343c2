/** Stores chat messages and page findings sent by the content scripts (background side; pure over the database). */
import type { ReviewGuardDatabase } from '../db/database';
import type { ChatMessage, ChatMessageRecord, PageFindings, PageFindingsRecord } from '../schemas';

/** Upserts messages by key; the first sighting time is kept. Returns how many were new. */
export async function storeChatMessages(
  db: ReviewGuardDatabase,
  pageUrl: string,
  messages: readonly ChatMessage[],
  nowMs: number,
): Promise<number> {
  return db.transaction('rw', db.chatMessages, async () => {
    const existing = await db.chatMessages.bulkGet(messages.map((m) => m.key));
    const records: ChatMessageRecord[] = messages.map((m, i) => ({ ...m, pageUrl, firstSeenAtMs: existing[i]?.firstSeenAtMs ?? nowMs }));
    await db.chatMessages.bulkPut(records);
    return existing.filter((e) => !e).length;
  });
}

export async function storePageFindings(
  db: ReviewGuardDatabase,
  tabId: number,
  frameId: number,
  findings: PageFindings,
  nowMs: number,
): Promise<PageFindingsRecord> {
  const record: PageFindingsRecord = { ...findings, id: `${tabId}:${frameId}`, tabId, frameId, updatedAtMs: nowMs };
  await db.pageFindings.put(record);
  return record;
}

/** Extortion-flagged messages currently reported by a tab's frames (the toolbar badge). */
export async function flaggedOnTab(db: ReviewGuardDatabase, tabId: number): Promise<number> {
  const frames = await db.pageFindings.where('tabId').equals(tabId).toArray();
  return frames.reduce((n, f) => n + f.flagged, 0);
}

/**
 * The chat that belongs with a review: same platform, and the same order number or buyer nick. Review pages mask
 * nicks (`w**`), so the order number is the strong link and the nick a fallback.
 */
export async function chatForReview(
  db: ReviewGuardDatabase,
  review: { platform: string; orderSn: string | null; buyerNick: string | null },
): Promise<ChatMessageRecord[]> {
  const byOrder = review.orderSn ? await db.chatMessages.where('orderSn').equals(review.orderSn).toArray() : [];
  const found = byOrder.length
    ? byOrder
    : review.buyerNick
      ? await db.chatMessages.where('buyerNick').equals(review.buyerNick).toArray()
      : [];
  return found.filter((m) => m.platform === review.platform).sort((a, b) => (a.timeMs ?? 0) - (b.timeMs ?? 0));
}
