import Dexie, { type EntityTable } from 'dexie';
import type { AuditEntry, CaseRecord, ChatMessageRecord, EvidenceLink, EvidenceRecord, PageFindingsRecord, ReminderRecord, WatchlistEntry } from '../schemas';

export const DATABASE_NAME = 'reviewguard';

export interface SettingRecord {
  key: string;
  value: unknown;
}

/**
 * The one local database. Lives only in extension pages and the background worker:
 * a content script's IndexedDB would belong to the seller console's origin.
 */
export class ReviewGuardDatabase extends Dexie {
  cases!: EntityTable<CaseRecord, 'key'>;
  evidence!: EntityTable<EvidenceRecord, 'id'>;
  reminders!: EntityTable<ReminderRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  watchlist!: EntityTable<WatchlistEntry, 'id'>;
  audit!: EntityTable<AuditEntry, 'id'>;
  chatMessages!: EntityTable<ChatMessageRecord, 'key'>;
  pageFindings!: EntityTable<PageFindingsRecord, 'id'>;
  evidenceLinks!: EntityTable<EvidenceLink, 'id'>;

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      cases: 'key, platform, state, updatedAtMs',
      evidence: 'id, caseKey, reviewKey, sha256, kind, capturedAtMs',
      reminders: 'id, caseKey, dueAtMs, firedAtMs',
      settings: 'key',
    });
    // Evidence export and integrity: the append-only audit log.
    this.version(2).stores({
      audit: 'id, atMs, caseKey, evidenceId, action',
    });
    // Prevention: buyers to watch.
    this.version(3).stores({
      watchlist: 'id, platform, nick',
    });
    // Issue 3: chat messages (linked to buyer and order) and what the detectors found on each open tab.
    this.version(4).stores({
      chatMessages: 'key, platform, conversationKey, buyerNick, orderSn, flag, timeMs',
      pageFindings: 'id, tabId, updatedAtMs',
    });
    // Chat-thread captures: evidence indexed by its conversation, and links from cases to chat evidence.
    this.version(5).stores({
      evidence: 'id, caseKey, reviewKey, sha256, kind, capturedAtMs, conversation.orderSn, conversation.buyerNick',
      evidenceLinks: 'id, caseKey, evidenceId',
    });
  }
}

let shared: ReviewGuardDatabase | undefined;

export function openDatabase(): ReviewGuardDatabase {
  shared ??= new ReviewGuardDatabase();
  return shared;
}
