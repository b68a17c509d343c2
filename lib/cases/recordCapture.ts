import { classifyReview } from '../classify';
import type { ReviewGuardDatabase } from '../db/database';
import { sha256Hex } from '../evidence/bytes';
import { captureTimeMs, evidenceRecord, storedImage } from '../evidence/storedCapture';
import { auditEntry } from '../audit/auditLog';
import { getSetting } from '../db/settings';
import type { CaptureContext, CaseRecord, Classification, MessageRequest, MessageResponse, ReviewSnapshot } from '../schemas';
import { CATEGORY_LABEL } from '../schemas';
import { toShanghaiIso } from '../time/shanghai';
import { processingTimeFor } from '../db/processingTimes';
import { followPageStatus } from './caseTransition';
import { linkChatEvidenceToCase } from './chatEvidence';
import { transition } from './stateMachine';

import { systemClock, type Clock } from './clock';

export { systemClock, type Clock } from './clock';

function classifySnapshot(review: ReviewSnapshot): Classification {
  return classifyReview({ text: review.text, rating: review.stars, platform: review.platform, reviewedAt: review.reviewedAt });
}

function newCase(request: MessageRequest<'capture-review'>, classification: Classification, nowMs: number): CaseRecord {
  const at = toShanghaiIso(nowMs);
  return {
    key: request.review.key,
    platform: request.review.platform,
    review: request.review,
    pageUrl: request.pageUrl,
    classification,
    state: '已分类',
    history: [
      { at, atMs: nowMs, state: '发现', note: '在商家后台评价页发现该评价' },
      {
        at,
        atMs: nowMs,
        state: '已分类',
        note: `分类为「${CATEGORY_LABEL[classification.category]}」，置信度 ${Math.round(classification.confidence * 100)}%`,
      },
    ],
    appeal: null,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  };
}

/**
 * Stores one review screenshot as evidence and creates or updates the review's case.
 * The hash is computed over exactly the bytes stored; case and evidence are written in one transaction,
 * so a failed write leaves nothing half-stored.
 */
export async function recordReviewCapture(
  db: ReviewGuardDatabase,
  request: MessageRequest<'capture-review'>,
  clock: Clock = systemClock,
): Promise<MessageResponse<'capture-review'>> {
  const original = await storedImage(request.image);
  const { sha256, bytes } = original;
  const annotated = request.annotated ? await storedImage(request.annotated) : undefined;
  const annotatedMasked = request.annotatedMasked ? await storedImage(request.annotatedMasked) : undefined;
  // The tab's render time, unless it is implausibly far from the worker's clock (then the worker's time, noted).
  const nowMs = captureTimeMs(request.capturedAtMs, clock.nowMs());
  const who = await getSetting(db, 'operatorName');
  // The page's own JSON for the item, hashed here over exactly the text the manifest will hold for it.
  const observed = request.context?.pageJson ?? null;
  const pageJson = observed
    ? { ...observed, sha256: await sha256Hex(new TextEncoder().encode(JSON.stringify(observed.item))) }
    : null;
  const id = clock.newId();
  const context: CaptureContext = {
    extensionVersion: request.context?.extensionVersion ?? 'unknown',
    browser: request.context?.browser ?? 'unknown',
    timeZone: request.context?.timeZone ?? 'unknown',
    capturedAtUtc: new Date(nowMs).toISOString(),
    reviewSeen: request.review,
    pageJson,
    pageJsonNote: pageJson ? null : (request.context?.pageJsonNote ?? null),
    notRendered: request.context?.notRendered ?? [],
    phraseBoxes: request.context?.phraseBoxes ?? [],
    privacyBoxes: request.context?.privacyBoxes ?? [],
    formats: request.context?.formats ?? [],
  };
  const { evidence, captureManifestSha256 } = await evidenceRecord({
    id,
    caseKey: request.review.key,
    reviewKey: request.review.key,
    kind: 'review',
    method: request.method,
    nowMs,
    pageUrl: request.pageUrl,
    pageTitle: request.pageTitle,
    original,
    annotated,
    annotatedMasked,
    context,
  });
  const audit = auditEntry(
    { nowMs: () => nowMs, newId: clock.newId },
    {
      action: 'capture',
      who,
      caseKey: request.review.key,
      evidenceId: id,
      sha256,
      detail: `采集评价截图（${request.method}，${bytes.byteLength} 字节${annotated ? `；标注副本 SHA-256 ${annotated.sha256}` : ''}；采集记录 SHA-256 ${captureManifestSha256}）`,
    },
  );

  const classification = classifySnapshot(request.review);

  const saved = await db.transaction('rw', [db.cases, db.evidence, db.evidenceLinks, db.audit], async () => {
    let record = (await db.cases.get(request.review.key)) ?? newCase(request, classification, nowMs);
    record = { ...record, review: request.review, pageUrl: request.pageUrl, classification, updatedAtMs: nowMs };
    const note = `采集评价截图（SHA-256 ${sha256.slice(0, 12)}…，${bytes.byteLength} 字节）`;
    const moved = record.state === '发现' || record.state === '已分类' ? transition(record, '取证中', note, nowMs, evidence.capturedAt) : null;
    if (moved?.ok) record = moved.record;
    else record = { ...record, history: [...record.history, { at: evidence.capturedAt, atMs: nowMs, state: record.state, note }] };
    await db.cases.put(record);
    await db.evidence.add(evidence);
    await db.audit.add(audit);
    // Chat evidence captured before this review (same order number, else buyer nick) joins the case now.
    await linkChatEvidenceToCase(db, record, nowMs, who, clock);
    return record;
  });

  let state = saved.state;
  const status = request.review.platformStatus;
  if (status) {
    const steps = await followPageStatus(db, saved.key, status, { processing: await processingTimeFor(db, saved.platform) }, clock);
    state = steps.at(-1) ?? state;
  }
  return { caseKey: saved.key, evidenceId: evidence.id, sha256, size: evidence.size, state };
}
