import Dexie, { type EntityTable } from 'dexie';
import type { CaseRecord, EvidenceRecord, ReminderRecord, WatchlistEntry } from '../schemas';

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

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      cases: 'key, platform, state, updatedAtMs',
      evidence: 'id, caseKey, reviewKey, sha256, kind, capturedAtMs',
      reminders: 'id, caseKey, dueAtMs, firedAtMs',
      settings: 'key',
    });
    // Version 2 belongs to evidence export (issue 5); Dexie accepts the gap.
    this.version(3).stores({
      watchlist: 'id, platform, nick',
    });
  }
}

let shared: ReviewGuardDatabase | undefined;

export function openDatabase(): ReviewGuardDatabase {
  shared ??= new ReviewGuardDatabase();
  return shared;
}
