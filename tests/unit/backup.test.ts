import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupError, createBackup, describeRestore, restoreBackup } from '../../lib/backup/backup';
import { recordChatCapture } from '../../lib/cases/chatEvidence';
import { recordReviewCapture, type Clock } from '../../lib/cases/recordCapture';
import { ReviewGuardDatabase } from '../../lib/db/database';
import { getSetting, setSetting } from '../../lib/db/settings';
import { sha256Hex } from '../../lib/evidence/bytes';
import { exportCases } from '../../lib/export/exportCases';
import { addToWatchlist } from '../../lib/watchlist/match';
import { chatRequest, reviewRequest } from './captureRequests';

let ids = 0;
let now = Date.parse('2026-11-20T10:00:00+08:00');
const clock: Clock = { nowMs: () => now, newId: () => `id-${String(++ids).padStart(4, '0')}` };
let source: ReviewGuardDatabase;
let target: ReviewGuardDatabase;
const TABLES = ['cases', 'evidence', 'evidenceLinks', 'audit', 'reminders', 'watchlist', 'chatMessages', 'settings'] as const;

beforeEach(async () => {
  source = new ReviewGuardDatabase(`backup-src-${Math.random()}`);
  target = new ReviewGuardDatabase(`backup-dst-${Math.random()}`);
  // A shop's database: a captured review, the chat about its order (linked), a watched buyer, two settings.
  await recordReviewCapture(source, reviewRequest(), clock);
  now += 60_000;
  await recordChatCapture(source, chatRequest(), clock);
  await source.watchlist.put(addToWatchlist([], { platform: 'pinduoduo', nick: '拼***友', reason: '差评要挟', caseKey: null }, now, '2026-11-20T10:01:00.000+08:00', () => 'w-1'));
  await setSetting(source, 'operatorName', '客服小王');
  await setSetting(source, 'snoozeMinutes', 60);
});
afterEach(async () => {
  await source.delete();
  await target.delete();
});

const rows = async (db: ReviewGuardDatabase, table: (typeof TABLES)[number]) => db.table(table).toArray();

/** The ZIP with one entry replaced (the manifest left as it was, unless `keepHashes` rewrites it to match). */
async function withEntry(zip: Uint8Array, path: string, bytes: Uint8Array, keepHashes = false): Promise<Uint8Array> {
  const entries: Record<string, Uint8Array> = unzipSync(zip);
  entries[path] = bytes;
  if (keepHashes) {
    const manifest = JSON.parse(strFromU8(entries['backup.json']!)) as { files: { path: string; sha256: string; bytes: number }[] };
    const file = manifest.files.find((f) => f.path === path)!;
    file.sha256 = await sha256Hex(bytes);
    file.bytes = bytes.byteLength;
    entries['backup.json'] = strToU8(JSON.stringify(manifest));
  }
  return zipSync(entries);
}

describe('full backup and restore', () => {
  it('restores every table into an empty database, evidence byte for byte, and logs both ends', async () => {
    const built = await createBackup(source, { generator: 'test', clock });
    expect(built.fileName).toMatch(/^差评卫士完整备份_2026-11-20_\d{4}_1案2件\.zip$/);
    expect(built.counts).toMatchObject({ cases: 1, evidence: 2, evidenceLinks: 1, watchlist: 1, settings: 2 });

    const result = await restoreBackup(target, built.zip, { fileName: built.fileName, clock });
    for (const table of TABLES) {
      const restored = await rows(target, table);
      const original = await rows(source, table);
      if (table === 'audit') expect(restored.filter((a) => a.action !== 'restore')).toEqual(original);
      else expect(restored).toEqual(original);
    }
    const [evidence] = await rows(target, 'evidence');
    expect(evidence.bytes).toBeInstanceOf(Uint8Array);
    expect(await sha256Hex(evidence.bytes as Uint8Array)).toBe(evidence.sha256);
    expect(result.added).toMatchObject({ cases: 1, evidence: 2, evidenceLinks: 1, watchlist: 1, settings: 2 });
    expect(await getSetting(target, 'operatorName')).toBe('客服小王');
    const actions = (await rows(target, 'audit')).map((a) => a.action);
    expect(actions).toContain('backup');
    expect(actions.at(-1)).toBe('restore');
    expect(describeRestore(result)).toContain('新增 案件 1 条、证据 2 条');
    // The restored database exports and verifies like the original.
    const pkg = await exportCases(target, ['pinduoduo:261012-662259689903207'], { privacyMasking: false, generator: 'test', clock });
    expect(pkg.manifest.files.filter((f) => f.role === 'original')).toHaveLength(2);
  });

  it('never overwrites: a second restore adds nothing, and what the seller has here is kept', async () => {
    const built = await createBackup(source, { generator: 'test', clock });
    await setSetting(target, 'operatorName', '新电脑上的名字');
    // The same buyer, already watched on this computer under another id: listed once after the restore.
    await target.watchlist.put(addToWatchlist([], { platform: 'pinduoduo', nick: '拼***友 ', reason: '新电脑上加的', caseKey: null }, now, '2026-11-21T09:00:00.000+08:00', () => 'w-local'));
    await restoreBackup(target, built.zip, { clock });
    expect(await getSetting(target, 'operatorName')).toBe('新电脑上的名字');
    expect((await target.watchlist.toArray()).map((e) => e.id)).toEqual(['w-local']);
    const again = await restoreBackup(target, built.zip, { clock });
    expect(Object.values(again.added).every((n) => n === 0)).toBe(true);
    expect(again.kept.evidence).toBe(2);
    expect(describeRestore(again)).toContain('没有需要新增的记录');
  });

  it('keeps the local evidence when the backup has the same id with other bytes, and says so', async () => {
    const built = await createBackup(source, { generator: 'test', clock });
    const [first] = (await rows(source, 'evidence')) as { id: string; sha256: string }[];
    await target.evidence.put({ ...((await source.evidence.get(first!.id))!), sha256: 'f'.repeat(64) });
    const result = await restoreBackup(target, built.zip, { clock });
    expect(result.conflicts).toEqual([first!.id]);
    expect((await target.evidence.get(first!.id))!.sha256).toBe('f'.repeat(64));
    expect(describeRestore(result)).toContain('1 份证据与本机同编号但内容不同');
  });
});

describe('a bad backup is refused as a whole, with the reason, and writes nothing', () => {
  const nothingWritten = async () => {
    for (const table of TABLES) expect(await target.table(table).count()).toBe(0);
  };

  it('a changed evidence image (its listed hash no longer matches)', async () => {
    const built = await createBackup(source, { generator: 'test', clock });
    const blob = Object.keys(unzipSync(built.zip)).find((p) => p.startsWith('blobs/'))!;
    const changed = unzipSync(built.zip)[blob]!.slice();
    changed[changed.length >> 1] = changed[changed.length >> 1]! ^ 1;
    await expect(restoreBackup(target, await withEntry(built.zip, blob, changed), { clock })).rejects.toThrow(`${blob} 已被改动`);
    await nothingWritten();
  });

  it('an image whose bytes do not match the SHA-256 its evidence record states, even with a consistent listing', async () => {
    const [first] = (await rows(source, 'evidence')) as { id: string }[];
    await source.evidence.update(first!.id, { sha256: '0'.repeat(64) });
    const built = await createBackup(source, { generator: 'test', clock });
    await expect(restoreBackup(target, built.zip, { clock })).rejects.toThrow(`证据 ${first!.id} 的图片与其 SHA-256 不符`);
    await nothingWritten();
  });

  it('a backup from a newer version (its records may hold fields this version would drop), naming what to do', async () => {
    const built = await createBackup(source, { generator: '差评卫士 9.0.0', clock });
    const manifest = JSON.parse(strFromU8(unzipSync(built.zip)['backup.json']!)) as { dataVersion: number };
    expect(manifest.dataVersion).toBe(source.verno);
    const newer = await withEntry(built.zip, 'backup.json', strToU8(JSON.stringify({ ...manifest, dataVersion: source.verno + 1 })));
    await expect(restoreBackup(target, newer, { clock })).rejects.toThrow('由较新版本的差评卫士（差评卫士 9.0.0）生成');
    await nothingWritten();
    // A first backup has no dataVersion: it restores.
    const { dataVersion: _first, ...withoutVersion } = manifest;
    await restoreBackup(target, await withEntry(built.zip, 'backup.json', strToU8(JSON.stringify(withoutVersion))), { clock });
    expect(await target.cases.count()).toBe(1);
  });

  it('a record that does not fit its schema, a missing file, an evidence package, and bytes that are no ZIP', async () => {
    const built = await createBackup(source, { generator: 'test', clock });
    const cases = JSON.parse(strFromU8(unzipSync(built.zip)['tables/cases.json']!)) as Record<string, unknown>[];
    delete cases[0]!.review;
    const badCase = await withEntry(built.zip, 'tables/cases.json', strToU8(JSON.stringify(cases)), true);
    await expect(restoreBackup(target, badCase, { clock })).rejects.toThrow('第 1 条案件记录格式不对');

    const entries = unzipSync(built.zip);
    delete entries['tables/watchlist.json'];
    await expect(restoreBackup(target, zipSync(entries), { clock })).rejects.toThrow('tables/watchlist.json 缺失');

    const pkg = await exportCases(source, ['pinduoduo:261012-662259689903207'], { privacyMasking: true, generator: 'test', clock });
    await expect(restoreBackup(target, pkg.zip, { clock })).rejects.toThrow('这是证据包');
    await expect(restoreBackup(target, built.zip.slice(0, 200), { clock })).rejects.toThrow(BackupError);
    await expect(restoreBackup(target, strToU8('not a zip'), { clock })).rejects.toThrow('不是完整的 ZIP');
    await nothingWritten();
  });
});
