/**
 * A full backup of the local database, and its restore on another computer or after a reinstall: every case with its
 * history, every piece of evidence byte for byte, links, audit log, reminders, watch-list, chat messages and settings.
 * Unlike the evidence package (for a lawyer or a court, masked by default), nothing is masked or left out.
 *
 * Restore never overwrites: records already present are kept, so restoring twice, or into a database in use, adds only
 * what is missing. It checks everything before writing anything (every file's hash, every record against its schema,
 * every evidence image against its own SHA-256) and writes in one transaction, so a bad backup leaves the database as
 * it was and says what is wrong.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { auditEntry } from '../audit/auditLog';
import { systemClock, type Clock } from '../cases/clock';
import type { ReviewGuardDatabase } from '../db/database';
import { getSetting } from '../db/settings';
import { sha256Hex } from '../evidence/bytes';
import {
  AuditEntry,
  CaseRecord,
  ChatMessageRecord,
  EvidenceLink,
  EvidenceRecord,
  ReminderRecord,
  WatchlistEntry,
  type StoredImage,
} from '../schemas';
import { formatShanghai, toShanghaiIso } from '../time/shanghai';
import { normaliseNick } from '../watchlist/match';

export const BACKUP_FORMAT = 'reviewguard-backup/1';
const MANIFEST = 'backup.json';

const SettingRow = z.object({ key: z.string().min(1).max(100), value: z.unknown() });

/** What a backup holds, table by table, and how each record is checked on restore (pageFindings is per open tab). */
const TABLES = {
  cases: CaseRecord,
  evidence: EvidenceRecord,
  evidenceLinks: EvidenceLink,
  audit: AuditEntry,
  reminders: ReminderRecord,
  watchlist: WatchlistEntry,
  chatMessages: ChatMessageRecord,
  settings: SettingRow,
} as const;
type TableName = keyof typeof TABLES;
const TABLE_NAMES = Object.keys(TABLES) as TableName[];

const TABLE_LABEL: Record<TableName, string> = {
  cases: '案件',
  evidence: '证据',
  evidenceLinks: '证据关联',
  audit: '操作日志',
  reminders: '提醒',
  watchlist: '观察名单',
  chatMessages: '聊天消息',
  settings: '设置',
};

const BackupFile = z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() });
const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  generator: z.string(),
  createdAt: z.string(),
  /**
   * The database version (Dexie `verno`) that wrote the backup. A newer one may hold fields this version's schemas
   * would drop without a word, so it is refused (absent in the first backups: those are version 5).
   */
  dataVersion: z.number().int().positive().optional(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  files: z.array(BackupFile),
});
type BackupManifest = z.infer<typeof BackupManifest>;

/** A binary field in a table's JSON: its bytes are a file of their own in the ZIP. */
const BYTES_REF = '$bytes';

export interface BuiltBackup {
  fileName: string;
  zip: Uint8Array;
  counts: Record<TableName, number>;
}

/** The whole database as one ZIP: a JSON file per table, each binary field a file, all listed with SHA-256. */
export async function createBackup(db: ReviewGuardDatabase, options: { generator: string; clock?: Clock }): Promise<BuiltBackup> {
  const clock = options.clock ?? systemClock;
  const zippable: Zippable = {};
  const files: z.infer<typeof BackupFile>[] = [];
  const add = async (path: string, bytes: Uint8Array, compress: boolean) => {
    zippable[path] = [bytes, { level: compress ? 6 : 0 }];
    files.push({ path, sha256: await sha256Hex(bytes), bytes: bytes.byteLength });
  };
  const counts = {} as Record<TableName, number>;
  const nowMs = clock.nowMs();
  // Logged first, so the backup holds its own entry: who made it, when.
  await db.audit.add(auditEntry(clock, { action: 'backup', who: await getSetting(db, 'operatorName'), detail: '导出完整备份（全部案件、证据、日志、提醒、观察名单与设置，不打码）' }));
  let blobs = 0;
  const blobFiles: { path: string; bytes: Uint8Array }[] = [];
  // Uint8Array fields (evidence images) become references to files: JSON would triple their size.
  const detach = (value: unknown): unknown => {
    // isView, not instanceof: a database read may hand back another realm's Uint8Array.
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const path = `blobs/${String(++blobs).padStart(6, '0')}.bin`;
      blobFiles.push({ path, bytes: new Uint8Array(value.buffer, value.byteOffset, value.byteLength) });
      return { [BYTES_REF]: path };
    }
    if (Array.isArray(value)) return value.map(detach);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, detach(v)]));
    return value;
  };
  // One read transaction, so the tables agree with each other (hashing happens after: it would end the transaction).
  const snapshot = await db.transaction('r', TABLE_NAMES.map((t) => db.table(t)), () =>
    Promise.all(TABLE_NAMES.map((name) => db.table(name).toArray())),
  );
  for (const [i, name] of TABLE_NAMES.entries()) {
    const rows = snapshot[i]!;
    counts[name] = rows.length;
    await add(`tables/${name}.json`, strToU8(JSON.stringify(rows.map(detach))), true);
  }
  for (const blob of blobFiles) await add(blob.path, blob.bytes, false); // images are compressed already
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    generator: options.generator,
    createdAt: toShanghaiIso(nowMs),
    dataVersion: db.verno,
    counts,
    files,
  };
  zippable[MANIFEST] = [strToU8(`${JSON.stringify(manifest, null, 2)}\n`), { level: 6 }];
  const zip = zipSync(zippable, { mtime: new Date(nowMs) });
  const day = formatShanghai(nowMs, 'YYYY-MM-DD HH:mm').replace(' ', '_').replace(':', '');
  return { fileName: `差评卫士完整备份_${day}_${counts.cases}案${counts.evidence}件.zip`, zip, counts };
}

export interface RestoreResult {
  /** Records added, per table. */
  added: Record<TableName, number>;
  /** Records already present (same key), kept as they were. */
  kept: Record<TableName, number>;
  /** Evidence ids present here with different bytes: the local record is kept, the backup's is not added. */
  conflicts: string[];
  createdAt: string;
}

/** A restore that cannot go ahead; nothing was written. */
export class BackupError extends Error {}

function readZip(bytes: Uint8Array): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes);
  } catch {
    throw new BackupError('无法读取该文件：不是完整的 ZIP（可能未下载完或已损坏），数据库未改动');
  }
}

function readManifest(entries: Record<string, Uint8Array>): BackupManifest {
  const raw = entries[MANIFEST];
  if (!raw) {
    const hint = entries['manifest.json'] ? '这是证据包（给律师或法院用的），不是完整备份；请选择「导出完整备份」生成的文件' : '文件里没有 backup.json';
    throw new BackupError(`不是差评卫士的完整备份：${hint}。数据库未改动`);
  }
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(raw));
  } catch {
    throw new BackupError('备份清单 backup.json 无法解析，数据库未改动');
  }
  const parsed = BackupManifest.safeParse(json);
  if (!parsed.success) throw new BackupError(`备份清单格式不对（需要 ${BACKUP_FORMAT}），数据库未改动`);
  return parsed.data;
}

/** Every listed file present and unchanged; the backup is refused as a whole otherwise. */
async function checkFiles(manifest: BackupManifest, entries: Record<string, Uint8Array>): Promise<void> {
  const problems: string[] = [];
  for (const file of manifest.files) {
    const bytes = entries[file.path];
    if (!bytes) problems.push(`${file.path} 缺失`);
    else if ((await sha256Hex(bytes)) !== file.sha256) problems.push(`${file.path} 已被改动`);
  }
  if (problems.length > 0)
    throw new BackupError(`备份文件不完整或被改动（${problems.length} 处：${problems.slice(0, 5).join('；')}${problems.length > 5 ? '…' : ''}），数据库未改动`);
}

async function checkImage(image: Pick<StoredImage, 'bytes' | 'sha256'> | undefined): Promise<boolean> {
  return !image || (await sha256Hex(image.bytes)) === image.sha256;
}

/** The table's records, parsed and checked; any bad record refuses the whole restore. */
async function readTable(name: TableName, entries: Record<string, Uint8Array>): Promise<Record<string, unknown>[]> {
  const raw = entries[`tables/${name}.json`];
  if (!raw) return []; // a table a newer version adds, or an older backup without it
  const attach = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(attach);
    if (value && typeof value === 'object') {
      const ref = (value as Record<string, unknown>)[BYTES_REF];
      if (typeof ref === 'string' && Object.keys(value).length === 1) {
        const bytes = entries[ref];
        if (!bytes) throw new BackupError(`备份中缺少 ${ref}，数据库未改动`);
        return bytes;
      }
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, attach(v)]));
    }
    return value;
  };
  let rows: unknown;
  try {
    rows = JSON.parse(strFromU8(raw));
  } catch {
    throw new BackupError(`备份中的${TABLE_LABEL[name]}数据无法解析，数据库未改动`);
  }
  if (!Array.isArray(rows)) throw new BackupError(`备份中的${TABLE_LABEL[name]}数据格式不对，数据库未改动`);
  const schema = TABLES[name] as z.ZodType<Record<string, unknown>>;
  const parsed: Record<string, unknown>[] = [];
  for (const [i, row] of rows.entries()) {
    const result = schema.safeParse(attach(row));
    if (!result.success) throw new BackupError(`备份中的第 ${i + 1} 条${TABLE_LABEL[name]}记录格式不对，数据库未改动`);
    parsed.push(result.data);
  }
  if (name === 'evidence') {
    for (const e of parsed as EvidenceRecord[]) {
      if (!(await checkImage(e)) || !(await checkImage(e.annotated)) || !(await checkImage(e.annotatedMasked)))
        throw new BackupError(`证据 ${e.id} 的图片与其 SHA-256 不符，数据库未改动`);
    }
  }
  return parsed;
}

/** Adds what the backup holds and this database lacks; see the module comment. */
export async function restoreBackup(
  db: ReviewGuardDatabase,
  bytes: Uint8Array,
  options: { fileName?: string; clock?: Clock } = {},
): Promise<RestoreResult> {
  const clock = options.clock ?? systemClock;
  const entries = readZip(bytes);
  const manifest = readManifest(entries);
  if ((manifest.dataVersion ?? 0) > db.verno)
    throw new BackupError(
      `这份备份由较新版本的差评卫士（${manifest.generator}）生成，本机版本读不全其中的记录。请先把扩展更新到最新版本再恢复。数据库未改动`,
    );
  await checkFiles(manifest, entries);
  const tables = new Map<TableName, Record<string, unknown>[]>();
  for (const name of TABLE_NAMES) tables.set(name, await readTable(name, entries));

  const added = {} as Record<TableName, number>;
  const kept = {} as Record<TableName, number>;
  const conflicts: string[] = [];
  const who = await getSetting(db, 'operatorName');
  await db.transaction('rw', TABLE_NAMES.map((t) => db.table(t)), async () => {
    for (const name of TABLE_NAMES) {
      const table = db.table(name);
      const rows = tables.get(name)!;
      const keyPath = table.schema.primKey.keyPath as string;
      const present = await table.bulkGet(rows.map((r) => r[keyPath] as string));
      let missing = rows.filter((_, i) => present[i] === undefined);
      if (name === 'watchlist') {
        // A buyer already watched here (added again on this computer, under another id) is not listed twice.
        const watched = new Set((await db.watchlist.toArray()).map((e) => `${e.platform}|${normaliseNick(e.nick)}`));
        missing = missing.filter((e) => !watched.has(`${(e as WatchlistEntry).platform}|${normaliseNick((e as WatchlistEntry).nick)}`));
      }
      if (name === 'evidence') {
        rows.forEach((row, i) => {
          const here = present[i] as EvidenceRecord | undefined;
          if (here && here.sha256 !== (row as EvidenceRecord).sha256) conflicts.push(here.id);
        });
      }
      if (missing.length > 0) await table.bulkAdd(missing);
      added[name] = missing.length;
      kept[name] = rows.length - missing.length;
    }
    const summary = TABLE_NAMES.filter((n) => added[n] > 0).map((n) => `${TABLE_LABEL[n]} ${added[n]}`).join('、') || '无新增';
    await db.audit.add(
      auditEntry(clock, {
        action: 'restore',
        who,
        detail: `从完整备份${options.fileName ? ` ${options.fileName}` : ''}（${manifest.createdAt} 创建）恢复：新增 ${summary}；已有而保留 ${TABLE_NAMES.reduce((s, n) => s + kept[n], 0)} 条${conflicts.length ? `；${conflicts.length} 份证据与本机同编号但内容不同，保留本机的` : ''}`,
      }),
    );
  });
  return { added, kept, conflicts, createdAt: manifest.createdAt };
}

/** One line for the seller. */
export function describeRestore(result: RestoreResult): string {
  const added = TABLE_NAMES.filter((n) => result.added[n] > 0).map((n) => `${TABLE_LABEL[n]} ${result.added[n]} 条`);
  const kept = TABLE_NAMES.reduce((s, n) => s + result.kept[n], 0);
  return [
    `已从 ${result.createdAt.slice(0, 16).replace('T', ' ')} 的备份恢复：${added.length ? `新增 ${added.join('、')}` : '没有需要新增的记录'}`,
    kept > 0 ? `本机已有的 ${kept} 条保持不变` : '',
    result.conflicts.length ? `${result.conflicts.length} 份证据与本机同编号但内容不同，保留了本机的` : '',
  ]
    .filter(Boolean)
    .join('；');
}
