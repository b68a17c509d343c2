/**
 * The per-capture manifest: one JSON document that names every stored file of a capture by SHA-256 together with
 * everything known about the moment of capture. It is stored exactly as hashed, so the hash can be re-checked.
 */
import type { CaptureContext, StoredImage } from '../schemas';

export const CAPTURE_MANIFEST_FORMAT = 'reviewguard.capture/1';

export interface CaptureManifestInput {
  evidenceId: string;
  caseKey: string;
  reviewKey: string;
  kind: string;
  method: string;
  capturedAt: string;
  pageUrl: string;
  pageTitle: string;
  original: Omit<StoredImage, 'bytes'>;
  annotated: Omit<StoredImage, 'bytes'> | null;
  annotatedMasked?: Omit<StoredImage, 'bytes'> | null;
  context: CaptureContext;
}

const fileFacts = (role: string, f: Omit<StoredImage, 'bytes'>) => ({
  role,
  mime: f.mime,
  sha256: f.sha256,
  bytes: f.size,
  width: f.width,
  height: f.height,
});

export function buildCaptureManifest(input: CaptureManifestInput): string {
  const { context } = input;
  const doc = {
    format: CAPTURE_MANIFEST_FORMAT,
    evidenceId: input.evidenceId,
    caseKey: input.caseKey,
    reviewKey: input.reviewKey,
    kind: input.kind,
    method: input.method,
    capturedAt: input.capturedAt,
    capturedAtUtc: context.capturedAtUtc,
    timeZone: context.timeZone,
    pageUrl: input.pageUrl,
    pageTitle: input.pageTitle,
    extensionVersion: context.extensionVersion,
    browser: context.browser,
    files: [
      fileFacts('original', input.original),
      ...(input.annotated ? [fileFacts('annotated', input.annotated)] : []),
      ...(input.annotatedMasked ? [fileFacts('annotated-masked', input.annotatedMasked)] : []),
    ],
    reviewSeen: context.reviewSeen,
    pageJson: context.pageJson,
    pageJsonNote: context.pageJsonNote ?? null,
    notRendered: context.notRendered,
    phraseBoxes: context.phraseBoxes,
    privacyBoxes: context.privacyBoxes,
    formats: context.formats,
    // Chat captures only (absent keys are left out, so review manifests are unchanged).
    ...(context.chatSeen ? { chatSeen: context.chatSeen } : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
