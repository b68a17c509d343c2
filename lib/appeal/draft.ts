/**
 * Appeal draft for one case: decides appeal vs public reply, fills the text with the case's facts, fits it to
 * the platform's length rules, and lists evidence, steps and problems. Pure: no browser calls, no clock.
 *
 *   draftAppeal ─┬─ reason === null ─→ draftPublicReply   (subjective, positive, no platform reason)
 *                └─ otherwise ───────→ draftAppealText    (sentences.ts builders + fitAppealText)
 */
import { APPEALABLE, type Category } from '../schemas/classification';
import type { ReviewSnapshot } from '../schemas/review';
import { parseConsoleTime, parseIsoWithOffset } from '../time/shanghai';
import { publicReplyText, REPLY_CHECKLIST, whyNoAppeal } from './reply';
import {
  categoryStatement,
  closingStatement,
  evidenceListItem,
  evidenceReference,
  reviewStatement,
  supplementSentences,
  type CaseFacts,
  type NumberedEvidence,
} from './sentences';
import { calmText, countChars, truncateWithEllipsis } from './text';
import type { AppealDraft, AppealDraftInput, AppealReason, AppealRules, EvidenceRef } from './types';

/** Deciding phrases quoted in the text: at most this many, each at most this long. */
const MAX_QUOTED_PHRASES = 3;
const MAX_PHRASE_CHARS = 30;
/** Shortening the review quote below this is pointless; shorten the evidence reference instead. */
const MIN_REVIEW_QUOTE_CHARS = 20;
/** With more evidence than this, the text refers to `证据1至证据N` and the details stay in the evidence list. */
const MAX_DETAILED_EVIDENCE_REFS = 3;

export function draftAppeal(input: AppealDraftInput, rules: AppealRules): AppealDraft {
  const category = input.classification.category;
  const { facts, missing } = readCaseFacts(input);
  const evidence = numberEvidenceByTime(input.evidence);
  const reason = APPEALABLE.has(category) ? rules.reasons[category] : null;
  if (reason === null) return draftPublicReply(category, facts, evidence, rules);
  return draftAppealText(category, reason, facts, missing, input.review.text, evidence, rules);
}

function draftAppealText(
  category: Category,
  reason: AppealReason,
  facts: CaseFacts,
  missing: string[],
  reviewText: string,
  evidence: NumberedEvidence[],
  rules: AppealRules,
): AppealDraft {
  const images = imageRulesFor(reason, rules);
  const referenced = images.accepted ? evidence : [];
  const minChars = reason.minChars ?? rules.minChars;
  const text = fitAppealText(category, facts, calmText(reviewText), referenced, minChars, rules.maxChars);
  const charCount = countChars(text);

  const problems: string[] = [];
  if (missing.length > 0) {
    problems.push(`页面未读到${missing.join('、')}，申诉说明中没有写，请在平台页面核对后按需补充`);
  }
  if (rules.maxChars !== null && charCount > rules.maxChars) {
    problems.push(`申诉说明超出 ${rules.maxChars} 字上限（当前 ${charCount} 字），请删减`);
  }
  if (charCount < minChars) {
    problems.push(`申诉说明需不少于 ${minChars} 字（当前 ${charCount} 字），请补充事实说明`);
  }
  if (images.accepted) problems.push(...imageProblems(evidence, images, rules));

  return {
    route: 'appeal',
    reason: { code: reason.code, label: reason.label },
    text,
    charCount,
    evidenceList: evidence.map(evidenceListItem),
    checklist: appealChecklist(reason, evidence, images, rules),
    problems,
  };
}

function draftPublicReply(
  category: Category,
  facts: CaseFacts,
  evidence: NumberedEvidence[],
  rules: AppealRules,
): AppealDraft {
  const full = publicReplyText(category, facts.signedAtMs);
  const text = rules.replyMaxChars === null ? full : truncateWithEllipsis(full, rules.replyMaxChars);
  const problems = [whyNoAppeal(category, rules.platform)];
  if (text !== full) problems.push(`回复草稿超出 ${rules.replyMaxChars} 字上限，已截短，请检查`);
  return {
    route: 'reply',
    reason: null,
    text,
    charCount: countChars(text),
    evidenceList: evidence.map(evidenceListItem),
    checklist: [...REPLY_CHECKLIST],
    problems,
  };
}

/**
 * Builds the text, then fits it: over `maxChars`, the review quote is shortened (with …), then the evidence
 * reference is compacted; under `minChars`, factual supplements are added while they still fit.
 */
function fitAppealText(
  category: Category,
  facts: CaseFacts,
  reviewQuote: string,
  referenced: readonly NumberedEvidence[],
  minChars: number,
  maxChars: number | null,
): string {
  let quote = reviewQuote;
  let compact = referenced.length > MAX_DETAILED_EVIDENCE_REFS;
  const build = (supplements: readonly string[]) =>
    reviewStatement(facts, quote) +
    categoryStatement(category, facts) +
    evidenceReference(referenced, compact) +
    '。' +
    supplements.join('') +
    closingStatement(category);

  let text = build([]);
  if (maxChars !== null && countChars(text) > maxChars) {
    const room = countChars(quote) - (countChars(text) - maxChars);
    quote = truncateWithEllipsis(quote, Math.max(room, Math.min(MIN_REVIEW_QUOTE_CHARS, countChars(quote))));
    text = build([]);
    if (countChars(text) > maxChars && referenced.length > 0 && !compact) {
      compact = true;
      text = build([]);
    }
    if (countChars(text) > maxChars) {
      quote = truncateWithEllipsis(quote, Math.max(0, countChars(quote) - (countChars(text) - maxChars)));
      text = build([]);
    }
  }

  const added: string[] = [];
  for (const sentence of supplementSentences(category, facts, referenced.length)) {
    if (countChars(text) >= minChars) break;
    const candidate = build([...added, sentence]);
    if (maxChars !== null && countChars(candidate) > maxChars) continue;
    added.push(sentence);
    text = candidate;
  }
  return text;
}

/** Facts for the text, calmed; `missing` names the ones the page did not give us (in Chinese). */
function readCaseFacts(input: AppealDraftInput): { facts: CaseFacts; missing: string[] } {
  const { review, classification } = input;
  const missing: string[] = [];
  const reviewedAtMs = readReviewTime(review);
  if (reviewedAtMs === null) missing.push(review.reviewedAt === null ? '评价时间' : `可识别的评价时间（“${review.reviewedAt}”）`);
  if (!review.orderSn) missing.push('订单号');
  if (!review.buyerNick) missing.push('买家昵称');

  const deciding = classification.phrases
    .filter((p) => p.category === classification.category)
    .sort((a, b) => a.start - b.start)
    .map((p) => truncateWithEllipsis(calmText(p.text), MAX_PHRASE_CHARS))
    .filter((p) => p.length > 0);
  const phrases = [...new Set(deciding)].slice(0, MAX_QUOTED_PHRASES);

  return {
    facts: {
      buyerNick: review.buyerNick ? calmText(review.buyerNick) : null,
      reviewedAtMs,
      orderSn: review.orderSn ? review.orderSn.trim() : null,
      stars: review.stars,
      goodsName: review.goodsName ? calmText(review.goodsName) : null,
      pictureCount: review.pictureCount,
      signedAtMs: input.order?.signedAtMs ?? null,
      phrases,
    },
    missing,
  };
}

function readReviewTime(review: ReviewSnapshot): number | null {
  if (review.reviewedAt === null) return null;
  return parseIsoWithOffset(review.reviewedAt) ?? parseConsoleTime(review.reviewedAt);
}

/** Oldest capture first, numbered from 1. */
function numberEvidenceByTime(evidence: readonly EvidenceRef[]): NumberedEvidence[] {
  return [...evidence]
    .sort((a, b) => a.capturedAtMs - b.capturedAtMs)
    .map((e, i) => ({ number: i + 1, kind: e.kind, capturedAtMs: e.capturedAtMs, sha256: e.sha256, mime: e.mime, size: e.size }));
}

interface ImageRules {
  /** false when the form takes no images for this reason. */
  accepted: boolean;
  min: number;
  /** null when not known. */
  max: number | null;
}

function imageRulesFor(reason: AppealReason, rules: AppealRules): ImageRules {
  const max = reason.maxImages === undefined || reason.maxImages === null ? rules.maxImages : reason.maxImages;
  return { accepted: max !== 0, min: reason.minImages ?? 0, max };
}

function imageProblems(
  evidence: readonly NumberedEvidence[],
  images: ImageRules,
  rules: AppealRules,
): string[] {
  const problems: string[] = [];
  if (evidence.length < images.min) {
    const have = evidence.length === 0 ? '目前还没有证据截图' : `目前只有 ${evidence.length} 份`;
    problems.push(`此理由需上传至少 ${images.min} 张图片证据，${have}`);
  }
  if (images.max !== null && evidence.length > images.max) {
    problems.push(`此理由最多上传 ${images.max} 张图片，目前有 ${evidence.length} 份证据，请选出最关键的 ${images.max} 张并相应修改说明中的证据编号`);
  }
  const accepted = rules.imageTypes.map(normaliseImageType);
  for (const e of evidence) {
    if (e.mime !== undefined && accepted.length > 0 && !accepted.includes(normaliseImageType(e.mime))) {
      problems.push(`证据${e.number}的格式为 ${e.mime}，平台只接受 ${rules.imageTypes.join('/')}`);
    }
    if (e.size !== undefined && rules.maxImageBytes !== null && e.size > rules.maxImageBytes) {
      problems.push(`证据${e.number}大小为 ${formatMegabytes(e.size)}，超过平台每张 ${formatMegabytes(rules.maxImageBytes)} 的上限，请压缩或裁剪后上传`);
    }
  }
  return problems;
}

function appealChecklist(
  reason: AppealReason,
  evidence: readonly NumberedEvidence[],
  images: ImageRules,
  rules: AppealRules,
): string[] {
  const steps: string[] = [];
  steps.push(reason.code === null ? `申诉理由选择“${reason.label}”` : `申诉理由选择“${reason.label}”（代码 ${reason.code}）`);
  if (!images.accepted) {
    steps.push('此理由在表单中不上传图片；证据截图已保存在差评卫士中，平台要求补充材料时再提供');
  } else if (evidence.length > 0) {
    const range = evidence.length === 1 ? '证据1' : `证据1至证据${evidence.length}`;
    const limits = imageLimitsText(images, rules);
    steps.push(`上传证据图片：${range}${limits ? `（${limits}）` : ''}`);
  }
  if (evidence.length === 0) steps.push('建议先用“采集证据”保存评价截图，留存备查');
  steps.push(...reason.evidenceHint.map((hint) => `准备：${hint}`));
  steps.push('核对申诉说明中的昵称、日期和订单号与后台一致');
  steps.push('把申诉说明粘贴到平台表单，由您本人提交（差评卫士不会自动提交）');
  if (!rules.verified) steps.push(`以上规则来自：${rules.source}，未在平台后台核实，以平台页面显示为准`);
  return steps;
}

/** `1–6 张，jpg/jpeg/png，每张不超过 3 MB` (only the parts that are known). */
function imageLimitsText(images: ImageRules, rules: AppealRules): string {
  const parts: string[] = [];
  if (images.max !== null) parts.push(images.min > 0 ? `${images.min}–${images.max} 张` : `最多 ${images.max} 张`);
  else if (images.min > 0) parts.push(`至少 ${images.min} 张`);
  if (rules.imageTypes.length > 0) parts.push(rules.imageTypes.join('/'));
  if (rules.maxImageBytes !== null) parts.push(`每张不超过 ${formatMegabytes(rules.maxImageBytes)}`);
  return parts.join('，');
}

/** `image/jpeg`, `.JPG`, `jpeg` → `jpeg`; `jpg` and `jpeg` are the same type. */
function normaliseImageType(type: string): string {
  const t = type.toLowerCase().replace(/^image\//, '').replace(/^\./, '');
  return t === 'jpg' ? 'jpeg' : t;
}

function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
