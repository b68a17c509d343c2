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
 * One record per message the seller would call the same: a chat shown on two pages (京东's 咚咚 and its 京麦 chat
 * records) is stored once per page, under each page's own ids. Same platform, conversation, sender, text and minute
 * (pages show times to the minute or the second) on another page is the same message; on one page it is not (a buyer
 * may send "在吗" twice in a minute), so as many of them are kept as the page showing most has. The first records
 * are kept; a message without a time is never merged.
 */
export function withoutRepeats<M extends Pick<ChatMessageRecord, 'platform' | 'conversationKey' | 'sender' | 'text' | 'timeMs' | 'pageUrl'>>(
  messages: readonly M[],
): M[] {
  const ids = messages.map((m) => (m.timeMs === null ? null : [m.platform, m.conversationKey, m.sender, Math.floor(m.timeMs / 60_000), m.text].join('\u0000')));
  const perPage = new Map<string, Map<string, number>>();
  messages.forEach((m, i) => {
    const id = ids[i];
    if (id === null || id === undefined) return;
    const pages = perPage.get(id) ?? new Map<string, number>();
    pages.set(m.pageUrl, (pages.get(m.pageUrl) ?? 0) + 1);
    perPage.set(id, pages);
  });
  const kept = new Map<string, number>();
  return messages.filter((_, i) => {
    const id = ids[i];
    if (id === null || id === undefined) return true;
    const n = kept.get(id) ?? 0;
    if (n >= Math.max(...perPage.get(id)!.values())) return false;
    kept.set(id, n + 1);
    return true;
  });
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
  return withoutRepeats(found.filter((m) => m.platform === review.platform).sort((a, b) => (a.timeMs ?? 0) - (b.timeMs ?? 0)));
}
