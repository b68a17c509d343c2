/**
 * Reads a ZIP entry by entry from its central directory. Unlike an all-or-nothing unzip, one damaged entry is
 * reported as that entry (unreadable) while every other file is still checked.
 */
import { inflateSync } from 'fflate';

export interface ZipEntry {
  name: string;
  /** Decompressed content, or the reason it could not be read. */
  read(): { ok: true; bytes: Uint8Array } | { ok: false; error: string };
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class NotAZipError extends Error {}

export function readZipEntries(zip: Uint8Array): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.byteLength - 22; i >= Math.max(0, zip.byteLength - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new NotAZipError('不是有效的 ZIP 文件（找不到目录）');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.byteLength || view.getUint32(at, true) !== CENTRAL) throw new NotAZipError(`ZIP 目录第 ${n + 1} 项已损坏`);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = decoder.decode(zip.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    entries.push({
      name,
      read() {
        try {
          if (localOffset + 30 > zip.byteLength || view.getUint32(localOffset, true) !== LOCAL) return { ok: false, error: '文件头已损坏' };
          const start = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
          const data = zip.subarray(start, start + compressedSize);
          if (data.byteLength !== compressedSize) return { ok: false, error: '文件数据不完整' };
          if (method === 0) return { ok: true, bytes: data };
          if (method !== 8) return { ok: false, error: `不支持的压缩方式 ${method}` };
          const bytes = inflateSync(data, { out: new Uint8Array(size) });
          return { ok: true, bytes };
        } catch (error) {
          return { ok: false, error: `解压失败：${error instanceof Error ? error.message : String(error)}` };
        }
      },
    });
  }
  return entries;
}
