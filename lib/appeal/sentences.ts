/**
 * Sentence builders for the appeal text. Each returns one objective sentence (or fragment) from facts the case
 * already has; a builder leaves a fact out when it is unknown and never fills in a guess.
 *
 *   reviewStatement      买家“阿***”于2026年10月12日对订单…发表评价，评价内容为：“…”。
 *   categoryStatement    评价中“…”等表述，以差评为条件向商家索取额外利益
 *   evidenceReference    （见证据1：评价截图，采集于…，SHA-256 前缀 ab12cd34）
 *   supplementSentences  extra facts used only to reach a platform's minimum length
 *   closingStatement     此行为属于…的情形，请平台核实处理。
 */
import { EVIDENCE_KIND_LABEL, type EvidenceKind } from '../schemas/evidence';
import type { Category } from '../schemas/classification';
import { formatShanghai } from '../time/shanghai';
import { nested } from './text';

/** Facts of one case, already calmed (see `calmText`) and with unknowns as null. */
export interface CaseFacts {
  buyerNick: string | null;
  reviewedAtMs: number | null;
  orderSn: string | null;
  stars: number | null;
  goodsName: string | null;
  pictureCount: number;
  signedAtMs: number | null;
  /** The deciding phrases, in text order, deduplicated. */
  phrases: string[];
}

export interface NumberedEvidence {
  number: number;
  kind: EvidenceKind;
  capturedAtMs: number;
  sha256: string;
  /** When known; checked against the platform's image rules. */
  mime?: string | undefined;
  size?: number | undefined;
}

const SHA_PREFIX_LENGTH = 8;

/** `买家“阿***”于2026年10月12日对订单…发表评价，评价内容为：“…”。` (the quote is passed in, possibly shortened). */
export function reviewStatement(facts: CaseFacts, quotedReview: string): string {
  const who = facts.buyerNick ? `买家“${nested(facts.buyerNick)}”` : '买家';
  const when = facts.reviewedAtMs === null ? '' : `于${formatShanghai(facts.reviewedAtMs, 'YYYY年M月D日')}`;
  const order = facts.orderSn ? `对订单${facts.orderSn}` : '';
  const content = quotedReview ? `，评价内容为：“${nested(quotedReview)}”` : '';
  return `${who}${when}${order}发表评价${content}。`;
}

/** `“甲”“乙”` */
function quotePhrases(phrases: readonly string[]): string {
  return phrases.map((p) => `“${nested(p)}”`).join('');
}

/** The category-specific fact, quoting the deciding phrases; no trailing 。 so an evidence reference can follow. */
export function categoryStatement(category: Category, facts: CaseFacts): string {
  const quoted = quotePhrases(facts.phrases);
  const said = quoted ? `评价中${quoted}等表述` : '';
  switch (category) {
    case 'extortion':
      return said ? `${said}，以差评为条件向商家索取额外利益` : '评价以差评为条件向商家索取额外利益';
    case 'competitor':
      return `${said ? `${said}意在` : '评价意在'}引导消费者转向其他店铺或商品，不是对本店商品的使用评价`;
    case 'abusive':
      return quoted ? `评价中含有${quoted}等辱骂、侮辱性表述` : '评价中含有辱骂、侮辱性表述';
    case 'not_received_or_unused':
      return notReceivedStatement(said, facts);
    case 'irrelevant': {
      const goods = facts.goodsName ? `该订单购买的商品为“${nested(facts.goodsName)}”，` : '';
      const content = quoted ? `评价中${quoted}等内容` : '评价内容';
      return `${goods}${content}与${facts.goodsName ? '该' : '所购'}商品无关`;
    }
    case 'subjective':
    case 'positive':
      return '';
  }
}

function notReceivedStatement(said: string, facts: CaseFacts): string {
  const claim = `${said || '评价内容'}表明买家未收到或未使用商品`;
  if (facts.signedAtMs === null) return claim;
  const signed = `订单物流信息显示商品已于${formatShanghai(facts.signedAtMs, 'YYYY年M月D日 HH:mm')}签收`;
  if (facts.reviewedAtMs !== null && facts.reviewedAtMs < facts.signedAtMs) {
    return `${claim}，评价时间早于签收时间（${signed}）`;
  }
  return `${claim}，而${signed}`;
}

/** `（见证据1：评价截图，采集于2026年11月20日 21:14，SHA-256 前缀 ab12cd34；证据2：…）`, or `（见证据1至证据5）` when compact. */
export function evidenceReference(evidence: readonly NumberedEvidence[], compact: boolean): string {
  const first = evidence[0];
  const last = evidence.at(-1);
  if (first === undefined || last === undefined) return '';
  if (compact) {
    return first === last ? `（见证据${first.number}）` : `（见证据${first.number}至证据${last.number}）`;
  }
  const items = evidence.map(
    (e) =>
      `证据${e.number}：${EVIDENCE_KIND_LABEL[e.kind]}，采集于${formatShanghai(e.capturedAtMs, 'YYYY年M月D日 HH:mm')}，SHA-256 前缀 ${e.sha256.slice(0, SHA_PREFIX_LENGTH)}`,
  );
  return `（见${items.join('；')}）`;
}

/** `证据1：评价截图，采集于2026-11-20 21:14:03，SHA-256 <64 hex>` for the evidence list beside the draft. */
export function evidenceListItem(e: NumberedEvidence): string {
  return `证据${e.number}：${EVIDENCE_KIND_LABEL[e.kind]}，采集于${formatShanghai(e.capturedAtMs, 'YYYY-MM-DD HH:mm:ss')}，SHA-256 ${e.sha256}`;
}

/**
 * Further facts, strongest first, used only while the text is below the platform's minimum length.
 * Facts the category statement already states are not repeated.
 */
export function supplementSentences(category: Category, facts: CaseFacts, referencedEvidence: number): string[] {
  const out: string[] = [];
  if (facts.stars !== null) out.push(`该评价为${facts.stars}星。`);
  if (facts.goodsName && category !== 'irrelevant') out.push(`该订单商品为“${nested(facts.goodsName)}”。`);
  if (facts.signedAtMs !== null && category !== 'not_received_or_unused') {
    out.push(`订单物流信息显示商品已于${formatShanghai(facts.signedAtMs, 'YYYY年M月D日 HH:mm')}签收。`);
  }
  if (facts.pictureCount > 0) out.push(`评价附有${facts.pictureCount}张图片。`);
  if (referencedEvidence > 0) {
    out.push(`上述${referencedEvidence}份证据均为商家后台页面截图，已记录采集时间和 SHA-256 校验值，可供平台核验。`);
  }
  return out;
}

const CONCLUSION: Record<Category, string> = {
  extortion: '利用评价要挟商家、索取不当利益',
  competitor: '同行恶意差评',
  abusive: '在评价中辱骂、侮辱商家',
  not_received_or_unused: '未收到或未使用商品即作出评价',
  irrelevant: '发布与所购商品无关的评价',
  subjective: '',
  positive: '',
};

/** `此行为属于利用评价要挟商家、索取不当利益的情形，请平台核实处理。` */
export function closingStatement(category: Category): string {
  return `此行为属于${CONCLUSION[category]}的情形，请平台核实处理。`;
}
