/** Shared by the side-panel component tests: a fresh database and actions per test, and a stored evidence record. */
import { cleanup } from '@testing-library/react';
import { vi } from 'vitest';
import type { CaseActions } from '../../components/CaseActions';
import { ReviewGuardDatabase } from '../../lib/db/database';
import type { EvidenceRecord } from '../../lib/schemas';

/** For beforeEach: an empty database of its own, spy actions, and object URLs jsdom lacks. */
export function openPanelTest(): { db: ReviewGuardDatabase; actions: CaseActions } {
  globalThis.URL.createObjectURL ??= () => 'blob:test';
  globalThis.URL.revokeObjectURL ??= () => {};
  return { db: new ReviewGuardDatabase(`test-${Math.random()}`), actions: panelActions() };
}

/** For afterEach: unmounts what the test rendered, then deletes its database. */
export async function closePanelTest(db: ReviewGuardDatabase): Promise<void> {
  cleanup();
  await db.delete();
}

/** Every action a spy; copyText and backupRestored resolve. */
export function panelActions(): CaseActions {
  return { submitAppeal: vi.fn(), transition: vi.fn(), copyText: vi.fn(async () => {}), backupRestored: vi.fn(async () => {}) };
}

/** A stored review capture of `caseKey` (a 4-byte PNG stub), id `e1` unless given. */
export function evidenceRecord(caseKey: string, over: Partial<EvidenceRecord> = {}): EvidenceRecord {
  return {
    id: 'e1',
    caseKey,
    reviewKey: caseKey,
    kind: 'review',
    mime: 'image/png',
    bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    sha256: 'a'.repeat(64),
    size: 4,
    width: 10,
    height: 10,
    capturedAt: '2026-11-20T21:14:03.120+08:00',
    capturedAtMs: Date.parse('2026-11-20T21:14:03.120+08:00'),
    pageUrl: 'https://mms.pinduoduo.com/goods/evaluation/index',
    pageTitle: '评价管理',
    method: 'html2canvas-pro',
    ...over,
  };
}
