/**
 * The worker's half of storing a capture, shared by review and chat captures: images decoded and hashed over exactly
 * the bytes stored, the capture time, and the evidence record with its capture manifest (hashed as stored).
 */
import type { CaptureContext, EvidenceKind, EvidenceRecord, StoredImage } from '../schemas';
import { toShanghaiIso } from '../time/shanghai';
import { decodeImageDataUrl, sha256Hex } from './bytes';
import { buildCaptureManifest } from './captureManifest';

/** Hashing happens before any transaction: awaiting WebCrypto inside one would commit it early. */
export async function storedImage(payload: { dataUrl: string; width: number; height: number }): Promise<StoredImage> {
  const { mime, bytes } = decodeImageDataUrl(payload.dataUrl);
  return { mime, bytes, sha256: await sha256Hex(bytes), size: bytes.byteLength, width: payload.width, height: payload.height };
}

/** The tab's capture time, unless it is implausibly far (over 2 minutes) from the worker's clock: then the worker's. */
export function captureTimeMs(tabMs: number | undefined, workerNowMs: number): number {
  return tabMs !== undefined && Math.abs(tabMs - workerNowMs) < 120_000 ? tabMs : workerNowMs;
}

export interface EvidenceInput {
  id: string;
  caseKey: string;
  reviewKey: string;
  kind: EvidenceKind;
  method: string;
  nowMs: number;
  pageUrl: string;
  pageTitle: string;
  original: StoredImage;
  annotated?: StoredImage | undefined;
  annotatedMasked?: StoredImage | undefined;
  context: CaptureContext;
}

/** The evidence record of one capture, with its manifest (files and context hashed together). */
export async function evidenceRecord(input: EvidenceInput): Promise<{ evidence: EvidenceRecord; captureManifestSha256: string }> {
  const { original, annotated, annotatedMasked } = input;
  const capturedAt = toShanghaiIso(input.nowMs);
  const captureManifest = buildCaptureManifest({
    evidenceId: input.id,
    caseKey: input.caseKey,
    reviewKey: input.reviewKey,
    kind: input.kind,
    method: input.method,
    capturedAt,
    pageUrl: input.pageUrl,
    pageTitle: input.pageTitle,
    original,
    annotated: annotated ?? null,
    annotatedMasked: annotatedMasked ?? null,
    context: input.context,
  });
  const captureManifestSha256 = await sha256Hex(new TextEncoder().encode(captureManifest));
  const evidence: EvidenceRecord = {
    id: input.id,
    caseKey: input.caseKey,
    reviewKey: input.reviewKey,
    kind: input.kind,
    mime: original.mime,
    bytes: original.bytes,
    sha256: original.sha256,
    size: original.size,
    width: original.width,
    height: original.height,
    capturedAt,
    capturedAtMs: input.nowMs,
    pageUrl: input.pageUrl,
    pageTitle: input.pageTitle,
    method: input.method,
    ...(annotated ? { annotated } : {}),
    ...(annotatedMasked ? { annotatedMasked } : {}),
    context: input.context,
    captureManifest,
    captureManifestSha256,
  };
  return { evidence, captureManifestSha256 };
}
