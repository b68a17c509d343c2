/**
 * Messages from the seller to the buyer, on the platform's own chat only: polite templates, and a guard that
 * warns before anything threatening, insulting, moving off-platform, or offering a benefit for a changed review is
 * sent (platform-rules.md "Compliance guardrails"). The guard names the words and the rule; the seller decides.
 */
import type { Category } from '../schemas/classification';

export interface BuyerMessageTemplate {
  id: string;
  title: string;
  text: string;
  /** Categories the template suits best; empty = any. */
  suits: readonly Category[];
}

export const BUYER_MESSAGE_TEMPLATES: readonly BuyerMessageTemplate[] = [
  {
    id: 'ask-what-went-wrong',
    title: '询问问题',
    text: '您好，我是店铺客服。看到您对这次购物不太满意，很抱歉给您带来不好的体验。方便说一下具体是哪里出了问题吗？我们会认真核实处理。',
    suits: [],
  },
  {
    id: 'ask-their-aim',
    title: '请买家说明诉求',
    text: '您好，关于您反映的问题，想请您告诉我们希望怎样处理（例如换货、退货或其他方式），我们会按平台规则尽快为您处理。',
    suits: [],
  },
  {
    id: 'not-received',
    title: '核实收货',
    text: '您好，系统显示该订单已经签收。如果您实际没有收到商品，请在这里告诉我们，我们会联系快递公司核实。',
    suits: ['not_received_or_unused'],
  },
  {
    id: 'decline-benefit-request',
    title: '婉拒索要好处',
    text: '您好，商品如有质量问题，您可以通过平台申请售后，我们会按规则处理。按照平台规则，我们不能以返现、红包等方式换取评价的修改，谢谢理解。',
    suits: ['extortion'],
  },
];

export type GuardKind = 'threat' | 'insult' | 'off-platform' | 'benefit-for-review';

export interface GuardWarning {
  kind: GuardKind;
  /** The words that triggered it, as written. */
  words: string[];
  /** Chinese: what rule this breaks and why it matters. */
  rule: string;
}

export const GUARD_LABEL: Record<GuardKind, string> = {
  threat: '威胁',
  insult: '辱骂',
  'off-platform': '引导站外联系',
  'benefit-for-review': '以利益换评价',
};

const THREAT = /你等着|后果自负|走着瞧|弄死|找人|人肉|曝光你|知道你(?:住|家)|上门找|告(?:死)?你|起诉你|让你(?:好看|吃不了兜着走)|报警抓你/gu;
const INSULT = /傻[逼比Bb]|\bsb\b|滚|垃圾|神经病|有病|脑残|骗子|不要脸|贱人|人渣|奇葩|穷鬼/giu;
const OFF_PLATFORM = /微信|加我|\bv[x信]\b|\bwx\b|\bqq\b|扣扣|手机号|电话|打给你|短信|私聊|支付宝|转账给你|线下|上门/giu;
const BENEFIT = /返现|红包|补偿|赔偿|退(?:你|给你)|给你.{0,4}(?:元|块|钱)|\d+\s*(?:元|块)|优惠券|礼品|赠品|免单|好处/gu;
const REVIEW = /评价|差评|好评|追评|改评|删评|评论|五星|5星|改一下|删(?:掉|除)/gu;

const RULES: Record<GuardKind, string> = {
  threat:
    '威胁买家违反平台规则（差评骚扰可被买家举报），多次发送威胁信息还可能违反《治安管理处罚法》（2012 年文本第 42 条，2026 年修订后条号有变，请核对）。有纠纷请走平台申诉或法律途径。',
  insult: '辱骂买家违反平台沟通规范，公然侮辱可能侵犯名誉权（《民法典》第 1024 条）。请保持平实、礼貌的表述。',
  'off-platform': '平台要求使用官方聊天工具，不得引导买家到站外（电话、微信、短信、上门等）联系；站外沟通也无法作为平台证据。',
  'benefit-for-review':
    '以返现、红包、补偿等任何好处换取买家修改或删除评价，违反平台评价规则，并可能违法。售后问题请按平台流程处理，与评价分开。',
};

/** `不能以返现…` declines a benefit: a negation just before the word means it is not offered. */
const NEGATED = /(?:不能|不会|无法|不以|不提供|不可以|不接受|不得)[^，。！？,.!?]{0,6}$/u;

function wordsOf(pattern: RegExp, text: string, skipNegated = false): string[] {
  const found = [...text.matchAll(new RegExp(pattern.source, pattern.flags))]
    .filter((m) => !skipNegated || !NEGATED.test(text.slice(Math.max(0, m.index - 12), m.index)))
    .map((m) => m[0]);
  return [...new Set(found)];
}

/** Warnings for a message the seller is about to send; empty when it reads as calm and compliant. */
export function guardBuyerMessage(text: string): GuardWarning[] {
  const normalised = text.normalize('NFKC');
  const warnings: GuardWarning[] = [];
  const add = (kind: GuardKind, words: string[]) => {
    if (words.length > 0) warnings.push({ kind, words, rule: RULES[kind] });
  };
  add('threat', wordsOf(THREAT, normalised));
  add('insult', wordsOf(INSULT, normalised));
  add('off-platform', wordsOf(OFF_PLATFORM, normalised));
  // Money alone is ordinary after-sales (退款); money together with the review is the problem.
  const benefit = wordsOf(BENEFIT, normalised, true);
  const review = wordsOf(REVIEW, normalised);
  if (benefit.length > 0 && review.length > 0) add('benefit-for-review', [...benefit, ...review]);
  return warnings;
}

/** One line per warning: `以利益换评价：“返现”“好评” — 以返现…` */
export function describeGuardWarning(w: GuardWarning): string {
  return `${GUARD_LABEL[w.kind]}：${w.words.map((x) => `“${x}”`).join('')} — ${w.rule}`;
}
