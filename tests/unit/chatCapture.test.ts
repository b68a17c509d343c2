import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseKeyWithin, casesForConversation, evidenceForCases, recordChatCapture, unlinkedChatEvidence } from '../../lib/cases/chatEvidence';
import { recordReviewCapture, type Clock } from '../../lib/cases/recordCapture';
import { conversationKeyFor } from '../../lib/chat/conversationKey';
import { deleteEvidence } from '../../lib/audit/auditLog';
import { ReviewGuardDatabase } from '../../lib/db/database';
import { sha256Hex } from '../../lib/evidence/bytes';
import { messagesThatFit, omittedNote } from '../../lib/evidence/captureChat';
import { exportCases } from '../../lib/export/exportCases';
import { sendMessage, registerMessageHandlers, type RuntimePort } from '../../lib/messaging/channel';
import { verifyEvidencePackage } from '../../lib/verify/verifyPackage';
import { chatRequest, ORDER, reviewRequest } from './captureRequests';

let ids = 0;
let now = Date.parse('2026-11-20T10:00:00+08:00');
const clock: Clock = { nowMs: () => now, newId: () => `id-${String(++ids).padStart(4, '0')}` };
let db: ReviewGuardDatabase;
beforeEach(() => {
  db = new ReviewGuardDatabase(`chat-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('conversation keys', () => {
  it('files by order number, else buyer nick, else buyer id; refuses a conversation with none', () => {
    expect(conversationKeyFor('pinduoduo', { orderSn: ORDER, buyerNick: '拼***友', buyerId: '1' })).toBe(`chat:pinduoduo:${ORDER}`);
    expect(conversationKeyFor('jd', { orderSn: null, buyerNick: 'jd_熊**', buyerId: '1' })).toBe('chat:jd:jd_熊**');
    expect(conversationKeyFor('jd', { orderSn: null, buyerNick: null, buyerId: 'pin-9' })).toBe('chat:jd:pin-9');
    expect(() => conversationKeyFor('jd', { orderSn: null, buyerNick: null, buyerId: null })).toThrow(/订单号和买家昵称/);
  });
});

describe('storing a chat capture', () => {
  it('keeps a chat captured before its review (unlinked, listed), and joins it to the case when that order’s review is captured', async () => {
    const saved = await recordChatCapture(db, chatRequest(), clock);
    expect(saved.linkedCaseKeys).toEqual([]);
    const stored = (await db.evidence.get(saved.evidenceId))!;
    expect(stored.kind).toBe('negotiation');
    expect(stored.caseKey).toBe(`chat:pinduoduo:${ORDER}`);
    expect(stored.sha256).toBe(await sha256Hex(stored.bytes));
    expect(stored.captureManifestSha256).toBe(await sha256Hex(new TextEncoder().encode(stored.captureManifest)));
    const manifest = JSON.parse(stored.captureManifest!) as { kind: string; chatSeen: { messages: unknown[]; orderSn: string } };
    expect(manifest.kind).toBe('negotiation');
    expect(manifest.chatSeen.messages).toHaveLength(2);
    expect(manifest.chatSeen.orderSn).toBe(ORDER);
    expect((await unlinkedChatEvidence(db)).map((e) => e.id)).toEqual([saved.evidenceId]);

    now += 60_000;
    const review = await recordReviewCapture(db, reviewRequest(), clock);
    const links = await db.evidenceLinks.toArray();
    expect(links.map((l) => [l.caseKey, l.evidenceId, l.by])).toEqual([[review.caseKey, saved.evidenceId, 'orderSn']]);
    expect(await unlinkedChatEvidence(db)).toEqual([]);
    const timeline = await evidenceForCases(db, [review.caseKey]);
    expect(timeline.map((e) => e.kind)).toEqual(['negotiation', 'review']);
    const record = (await db.cases.get(review.caseKey))!;
    expect(record.history.at(-1)!.note).toMatch(/关联聊天证据.*订单号 261012-662259689903207 相同/);
    expect((await db.audit.where('action').equals('link-evidence').toArray()).map((a) => a.caseKey)).toEqual([review.caseKey]);
    // The evidence record itself is untouched (append-only): still filed under its conversation.
    expect((await db.evidence.get(saved.evidenceId))!.caseKey).toBe(`chat:pinduoduo:${ORDER}`);
    // Capturing the review again does not link twice.
    await recordReviewCapture(db, reviewRequest(), clock);
    expect(await db.evidenceLinks.count()).toBe(1);
  });

  it('links at once to every open case with the same platform and order; not to closed cases or other platforms', async () => {
    await recordReviewCapture(db, reviewRequest({ key: 'pinduoduo:a' }), clock);
    await recordReviewCapture(db, reviewRequest({ key: 'pinduoduo:b' }), clock);
    await recordReviewCapture(db, reviewRequest({ key: 'pinduoduo:closed' }), clock);
    await db.cases.update('pinduoduo:closed', { state: '已结案' });
    await recordReviewCapture(db, reviewRequest({ key: 'taobao:same-order', platform: 'taobao' }), clock);
    const saved = await recordChatCapture(db, chatRequest(), clock);
    expect(saved.linkedCaseKeys.sort()).toEqual(['pinduoduo:a', 'pinduoduo:b']);
  });

  it('falls back to the buyer nick only when no case has the order, and never joins a case of another order by nick', async () => {
    await recordReviewCapture(db, reviewRequest({ key: 'pinduoduo:other-order', orderSn: '261001-000000000000001' }), clock);
    await recordReviewCapture(db, reviewRequest({ key: 'pinduoduo:no-order', orderSn: null }), clock);
    const saved = await recordChatCapture(db, chatRequest(), clock);
    expect(saved.linkedCaseKeys).toEqual(['pinduoduo:no-order']);
    const match = await casesForConversation(db, { platform: 'pinduoduo', orderSn: null, buyerNick: '拼***友' });
    expect(match.by).toBe('buyerNick');
    expect(match.cases.map((c) => c.key).sort()).toEqual(['pinduoduo:no-order', 'pinduoduo:other-order']);
  });

  it('a chat without an order number joins a later review of that buyer by nick', async () => {
    const saved = await recordChatCapture(db, chatRequest({ orderSn: null }), clock);
    expect(saved.conversationKey).toBe('chat:pinduoduo:拼***友');
    const review = await recordReviewCapture(db, reviewRequest({ key: 'pinduoduo:by-nick' }), clock);
    expect((await db.evidenceLinks.toArray()).map((l) => [l.caseKey, l.by])).toEqual([[review.caseKey, 'buyerNick']]);
  });

  it('refuses bad input with a clear message and stores nothing', async () => {
    await expect(recordChatCapture(db, chatRequest({ conversationKey: 'chat:pinduoduo:someone-else' }), clock)).rejects.toThrow(/会话编号不一致/);
    const empty = chatRequest();
    empty.thread.messages = [];
    await expect(recordChatCapture(db, empty, clock)).rejects.toThrow(/没有读到/);
    expect(await db.evidence.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
    // The message schema refuses an unknown platform or a non-image before it reaches the worker.
    const port: RuntimePort = { sendMessage: async () => ({ ok: true, data: {} }), onMessage: { addListener: () => {} } };
    const bad = chatRequest();
    (bad.image as { dataUrl: string }).dataUrl = 'javascript:alert(1)';
    await expect(sendMessage(port, 'capture-chat', bad)).rejects.toThrow(/消息格式错误（capture-chat）.*image\.dataUrl/);
  });

  it('goes through the message channel to the handler', async () => {
    let listener: Parameters<RuntimePort['onMessage']['addListener']>[0] | null = null;
    const port: RuntimePort = {
      onMessage: { addListener: (l) => void (listener = l) },
      sendMessage: (message) => new Promise((resolve) => listener!(message, {}, resolve)),
    };
    registerMessageHandlers(port, { 'capture-chat': (request) => recordChatCapture(db, request, clock) });
    const saved = await sendMessage(port, 'capture-chat', chatRequest());
    expect((await db.evidence.get(saved.evidenceId))!.kind).toBe('negotiation');
  });

  it('deleting chat evidence removes its links, with the audit entry', async () => {
    const review = await recordReviewCapture(db, reviewRequest(), clock);
    const saved = await recordChatCapture(db, chatRequest(), clock);
    expect(saved.linkedCaseKeys).toEqual([review.caseKey]);
    await deleteEvidence(db, saved.evidenceId, '重复采集', clock);
    expect(await db.evidenceLinks.count()).toBe(0);
    expect((await evidenceForCases(db, [review.caseKey])).map((e) => e.kind)).toEqual(['review']);
  });

  it('exports the linked chat evidence with the case, 证明目的 协商过程, filed under the case', async () => {
    const review = await recordReviewCapture(db, reviewRequest(), clock);
    now += 1000;
    const chat = await recordChatCapture(db, chatRequest(), clock);
    const stored = (await db.evidence.get(chat.evidenceId))!;
    expect(await caseKeyWithin(db, stored, [review.caseKey])).toBe(review.caseKey);
    const built = await exportCases(db, [review.caseKey], { privacyMasking: false, generator: 'test', clock });
    const negotiation = built.manifest.files.filter((f) => f.kind === 'negotiation');
    expect(negotiation.length).toBeGreaterThan(0);
    expect(negotiation.every((f) => f.caseKey === review.caseKey)).toBe(true);
    const files = unzipSync(built.zip);
    const report = new TextDecoder().decode(files['report.html']);
    expect(report).toContain('证明买卖双方在平台内的协商过程与内容。');
    expect(report).toContain('协商记录');
    // The audit log in the package holds the chat's capture entry (logged under its conversation) and the link.
    const entries = JSON.parse(new TextDecoder().decode(files['audit-log.json'])) as { action: string; evidenceId: string | null }[];
    expect(entries.filter((a) => a.evidenceId === chat.evidenceId).map((a) => a.action).sort()).toEqual(['capture', 'link-evidence']);
  });
});

describe('导出全部 and chat evidence no case holds yet', () => {
  it('carries it, filed under its conversation, titled by its platform, and the package verifies', async () => {
    const review = await recordReviewCapture(db, reviewRequest({ key: 'pinduoduo:other', orderSn: '261001-000000000000001', buyerNick: '别的买家' }), clock);
    now += 1000;
    const chat = await recordChatCapture(db, chatRequest(), clock);
    expect(chat.linkedCaseKeys).toEqual([]);
    // Without the option (one case's own package) it stays out.
    const caseOnly = await exportCases(db, [review.caseKey], { privacyMasking: false, generator: 'test', clock });
    expect(caseOnly.manifest.files.some((f) => f.evidenceId === chat.evidenceId)).toBe(false);

    const all = await exportCases(db, [review.caseKey], { privacyMasking: false, generator: 'test', clock, withUnlinkedChats: true });
    const chatFiles = all.manifest.files.filter((f) => f.evidenceId === chat.evidenceId);
    expect(chatFiles.map((f) => f.role).sort()).toEqual(['annotated', 'document', 'original']);
    expect(chatFiles.every((f) => f.caseKey === chat.conversationKey)).toBe(true);
    expect(chatFiles.find((f) => f.role === 'original')!.sha256).toBe((await db.evidence.get(chat.evidenceId))!.sha256);
    const files = unzipSync(all.zip);
    const report = new TextDecoder().decode(files['report.html']);
    expect(report).toContain('协商记录（拼多多）');
    expect(report).not.toContain('平台未知');
    const entries = JSON.parse(new TextDecoder().decode(files['audit-log.json'])) as { action: string; evidenceId: string | null }[];
    expect(entries.some((a) => a.evidenceId === chat.evidenceId && a.action === 'capture')).toBe(true);
    expect((await verifyEvidencePackage(all.zip)).ok).toBe(true);
    // The export is logged under the case and under the conversation.
    const logged = (await db.audit.where('action').equals('export').toArray()).map((a) => a.caseKey);
    expect(logged.filter((k) => k === chat.conversationKey)).toHaveLength(1);
  });

  it('exports it when there is no case at all, and still refuses when there is nothing', async () => {
    await expect(exportCases(db, [], { privacyMasking: false, generator: 'test', clock, withUnlinkedChats: true })).rejects.toThrow('没有可导出的案件');
    const chat = await recordChatCapture(db, chatRequest(), clock);
    const built = await exportCases(db, [], { privacyMasking: true, generator: 'test', clock, withUnlinkedChats: true });
    expect(built.manifest.cases).toEqual([]);
    expect(built.manifest.files.some((f) => f.evidenceId === chat.evidenceId)).toBe(true);
    expect(built.fileName).toMatch(/_0案1件\.zip$/);
    expect((await verifyEvidencePackage(built.zip)).ok).toBe(true);
  });
});

describe('giant threads', () => {
  const offsets = Array.from({ length: 100 }, (_, i) => ({ top: i * 100, bottom: i * 100 + 90 }));
  it('keeps everything when it fits, else the most recent messages that fit', () => {
    expect(messagesThatFit(offsets, 10_000, 16_000).firstKept).toBe(0);
    expect(messagesThatFit(offsets, 10_000, 3_000).firstKept).toBe(70);
  });
  it('says what the image leaves out, with the time span', () => {
    const messages = Array.from({ length: 100 }, (_, i) => ({ timeMs: Date.parse('2026-04-01T10:00:00+08:00') + i * 60_000 }));
    expect(omittedNote(messages, 0, 16_384)).toBeNull();
    expect(omittedNote(messages, 70, 16_384)).toBe(
      '聊天记录过长，超出单张图片上限（16384 像素）：截图只含最近 30 条消息，较早的 70 条（2026-04-01 10:00 至 2026-04-01 11:09）未画入截图，其文字仍完整记录在采集记录中',
    );
  });
});

describe('database version 5', () => {
  it('opens a version-4 database with its evidence intact and the new indexes and store usable', async () => {
    const { default: Dexie } = await import('dexie');
    const name = `v4-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores({ cases: 'key, platform, state, updatedAtMs', evidence: 'id, caseKey, reviewKey, sha256, kind, capturedAtMs', reminders: 'id, caseKey, dueAtMs, firedAtMs', settings: 'key' });
    old.version(2).stores({ audit: 'id, atMs, caseKey, evidenceId, action' });
    old.version(3).stores({ watchlist: 'id, platform, nick' });
    old.version(4).stores({ chatMessages: 'key, platform, conversationKey, buyerNick, orderSn, flag, timeMs', pageFindings: 'id, tabId, updatedAtMs' });
    await old.open();
    await old.table('evidence').add({ id: 'old-1', caseKey: 'pinduoduo:x', reviewKey: 'pinduoduo:x', kind: 'review', sha256: 'a'.repeat(64), capturedAtMs: 1, bytes: new Uint8Array([1]) });
    old.close();
    const upgraded = new ReviewGuardDatabase(name);
    try {
      expect((await upgraded.evidence.get('old-1'))!.caseKey).toBe('pinduoduo:x');
      expect(await upgraded.evidence.where('conversation.orderSn').equals(ORDER).count()).toBe(0);
      expect(await upgraded.evidenceLinks.count()).toBe(0);
      expect(upgraded.verno).toBe(5);
    } finally {
      await upgraded.delete();
    }
  });
});
