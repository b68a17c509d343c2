import type { EvidenceKind } from '../schemas';
import { EVIDENCE_KIND_LABEL } from '../schemas';
import { formatShanghai } from '../time/shanghai';

const EXTENSION: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'application/json': 'json' };

export function extensionFor(mime: string): string {
  return EXTENSION[mime] ?? 'bin';
}

/** Exhibit numbers are zero-padded to the width of the largest one, at least two digits: 01 … 99, 001 … 120. */
export function exhibitNumber(index: number, total: number): string {
  return String(index + 1).padStart(Math.max(2, String(total).length), '0');
}

/** `01_评价截图_2026-03-05_2114`: number in time order, what it is, and when it was captured (Beijing time). */
export function exhibitBaseName(index: number, total: number, kind: EvidenceKind, capturedAtMs: number): string {
  const when = formatShanghai(capturedAtMs, 'YYYY-MM-DD HH:mm').replace(' ', '_').replace(':', '');
  return `${exhibitNumber(index, total)}_${EVIDENCE_KIND_LABEL[kind]}_${when}`;
}
