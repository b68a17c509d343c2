import { classifyReview } from '../classify';
import type { ReviewGuardDatabase } from '../db/database';
import { decodeImageDataUrl, sha256Hex } from '../evidence/bytes';
import type { CaseRecord, Classification, EvidenceRecord, MessageRequest, MessageResponse, ReviewSnapshot } from '../schemas';
import { CATEGORY_LABEL } from '../schemas';
import { toShanghaiIso } from '../time/shanghai';
import { processingTimeFor } from '../db/processingTimes';
import { followPageStatus } from './caseTransition';
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
  const { mime, bytes } = decodeImageDataUrl(request.image.dataUrl);
  const sha256 = await sha256Hex(bytes); // before the transaction: awaiting WebCrypto inside it would commit it early
  const nowMs = clock.nowMs();
  const evidence: EvidenceRecord = {
    id: clock.newId(),
    caseKey: request.review.key,
    reviewKey: request.review.key,
    kind: 'review',
    mime,
    bytes,
    sha256,
    size: bytes.byteLength,
    width: request.image.width,
    height: request.image.height,
    capturedAt: toShanghaiIso(nowMs),
    capturedAtMs: nowMs,
    pageUrl: request.pageUrl,
    pageTitle: request.pageTitle,
    method: request.method,
  };

  const classification = classifySnapshot(request.review);

  const saved = await db.transaction('rw', db.cases, db.evidence, async () => {
    let record = (await db.cases.get(request.review.key)) ?? newCase(request, classification, nowMs);
    record = { ...record, review: request.review, pageUrl: request.pageUrl, classification, updatedAtMs: nowMs };
    const note = `采集评价截图（SHA-256 ${sha256.slice(0, 12)}…，${bytes.byteLength} 字节）`;
    const moved = record.state === '发现' || record.state === '已分类' ? transition(record, '取证中', note, nowMs, evidence.capturedAt) : null;
    if (moved?.ok) record = moved.record;
    else record = { ...record, history: [...record.history, { at: evidence.capturedAt, atMs: nowMs, state: record.state, note }] };
    await db.cases.put(record);
    await db.evidence.add(evidence);
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
