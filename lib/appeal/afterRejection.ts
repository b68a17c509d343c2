/**
 * What the seller can do after the platform rejects an appeal, each as a plain-text draft built from the case's
 * facts (never invented):
 *
 *   secondAppealDraft   the appeal again, opened with the rejection and followed by what was added
 *   merchantReplyDraft  a public 商家回复 for future buyers: calm, factual, no buyer personal data
 *   noticeLetterDraft   a notice to the platform under Civil Code arts. 1195–1197
 *   legalRoute          the lawsuit route (evidence package, 证据目录, art. 1024) and, for extortion, the police route
 *
 * Legal references follow platform-rules.md "Legal basis"; statute texts were not checked there, so every legal
 * draft says to confirm with a lawyer.
 */
import { PLATFORM_LABEL, type PlatformId } from '../schemas/platform';
import { CATEGORY_LABEL, type Category } from '../schemas/classification';
import { EVIDENCE_KIND_LABEL } from '../schemas/evidence';
import { formatShanghai } from '../time/shanghai';
import { draftAppeal } from './draft';
import { publicReplyText } from './reply';
import { calmText, countChars, nested, truncateWithEllipsis } from './text';
import type { AppealDraftInput, AppealRules, EvidenceRef } from './types';

/** What a second appeal should add, per category: the gap reviewers most often cite. */
const WHAT_TO_ADD: Record<Category, readonly string[]> = {
  extortion: ['聊天记录截图：买家以差评相要挟、索要钱物的原话，带时间', '订单详情截图：订单号、金额、签收时间', '如买家多次发送，按时间顺序逐条截图'],
  competitor: ['能说明对方是同行的材料：评价中提到的店铺或商品页面截图', '同一买家账号在其他同类店铺的类似评价（如能查到）', '订单信息中的异常（如收货地址、购买时间异常）'],
  abusive: ['评价截图，并在说明中逐一列出辱骂、侮辱用语', '如涉及个人信息（电话、地址），改选“泄露个人隐私”理由并说明'],
  not_received_or_unused: ['物流轨迹和签收记录截图（显示签收时间）', '评价时间与签收时间的对比说明', '如有快递员或驿站的签收证明，一并附上'],
  irrelevant: ['商品详情页截图：证明评价内容与所购商品无关', '订单截图：买家购买的商品名称与规格'],
  subjective: [],
  positive: [],
};

export interface SecondAppealDraft {
  text: string;
  charCount: number;
  /** What to add before submitting again, in Chinese. */
  toAdd: string[];
  problems: string[];
  checklist: string[];
}

export function secondAppealDraft(input: AppealDraftInput, rules: AppealRules, rejectionReason?: string | null): SecondAppealDraft {
  const first = draftAppeal(input, rules);
  const category = input.classification.category;
  const why = rejectionReason?.trim() ? `（平台反馈：“${nested(calmText(rejectionReason.trim()))}”）` : '';
  const opening = `此前就该评价提交的申诉未获支持${why}。现补充材料再次申请核实：`;
  const added =
    input.evidence.length > 0
      ? `本次共提交${input.evidence.length}份证据，按采集时间编号为证据1至证据${input.evidence.length}。`
      : '';
  let text = `${opening}${first.text}${added}`;
  const problems = first.route === 'reply' ? ['该评价没有对应的申诉理由，不建议二次申诉，建议公开回复'] : [...first.problems];
  if (rules.maxChars !== null && countChars(text) > rules.maxChars) {
    text = truncateWithEllipsis(text, rules.maxChars);
    problems.push(`二次申诉说明超过 ${rules.maxChars} 字上限，已截短，请检查结尾`);
  }
  return {
    text,
    charCount: countChars(text),
    toAdd: [...WHAT_TO_ADD[category]],
    problems,
    checklist: [
      '先看清平台驳回的理由，只补充能回应该理由的材料',
      ...first.checklist.filter((c) => !c.startsWith('核对')),
      '不要重复提交相同内容；没有新材料时，考虑公开回复或法律途径',
    ],
  };
}

const REPLY_BY_CATEGORY: Partial<Record<Category, string>> = {
  extortion:
    '您好，本店商品均按平台规则提供售后服务。商品如有问题，欢迎通过平台申请售后，我们会按规则处理；本店不以返现、红包等方式交换评价。',
  competitor: '您好，感谢关注。本店商品的材质、规格以商品详情页为准，如有疑问，欢迎通过平台消息咨询客服，我们会如实解答。',
  abusive: '您好，我们已关注到这条评价。如对商品或服务有疑问，欢迎通过平台消息联系客服，我们会认真核实处理。',
  irrelevant: '您好，这条评价的内容与本商品无关。本商品的详细信息以商品详情页为准，如有疑问，欢迎通过平台消息咨询。',
};

export interface MerchantReplyDraft {
  text: string;
  charCount: number;
  checklist: string[];
}

/** A public reply written for future buyers. It never contains the buyer's nick, order number or other personal data. */
export function merchantReplyDraft(category: Category, signedAtMs: number | null, rules: Pick<AppealRules, 'replyMaxChars'>): MerchantReplyDraft {
  const full = REPLY_BY_CATEGORY[category] ?? publicReplyText(category, signedAtMs);
  const text = rules.replyMaxChars === null ? full : truncateWithEllipsis(full, rules.replyMaxChars);
  return {
    text,
    charCount: countChars(text),
    checklist: [
      '回复是公开的，写给以后的买家看：平实、只讲事实',
      '不写买家昵称、订单号、电话、地址等个人信息',
      '不争吵、不指责买家，不承诺任何好处',
      rules.replyMaxChars === null ? '回复字数上限未知，以平台页面为准' : `不超过 ${rules.replyMaxChars} 字`,
    ],
  };
}

export interface EvidenceCatalogueRow {
  number: number;
  name: string;
  capturedAt: string;
  sha256: string;
  proves: string;
}

const PROVES: Record<Category, string> = {
  extortion: '买家以差评相要挟、索取不当利益',
  competitor: '评价意在引流至其他店铺，系同行恶意评价',
  abusive: '评价含有辱骂、侮辱性内容',
  not_received_or_unused: '买家未收到或未使用商品即作出评价',
  irrelevant: '评价内容与所购商品无关',
  subjective: '评价内容',
  positive: '评价内容',
};

/** 证据目录: one row per piece of evidence, oldest first, with its full SHA-256. */
export function evidenceCatalogue(evidence: readonly EvidenceRef[], category: Category): EvidenceCatalogueRow[] {
  return [...evidence]
    .sort((a, b) => a.capturedAtMs - b.capturedAtMs)
    .map((e, i) => ({
      number: i + 1,
      name: EVIDENCE_KIND_LABEL[e.kind],
      capturedAt: formatShanghai(e.capturedAtMs, 'YYYY-MM-DD HH:mm:ss'),
      sha256: e.sha256,
      proves: e.kind === 'review' ? `评价内容及发布时间；${PROVES[category]}` : PROVES[category],
    }));
}

export function catalogueText(rows: readonly EvidenceCatalogueRow[]): string {
  if (rows.length === 0) return '（尚无证据。请先在评价页点击“采集证据”。）';
  return rows
    .map((r) => `${r.number}. ${r.name}｜采集时间 ${r.capturedAt}｜SHA-256 ${r.sha256}｜证明：${r.proves}`)
    .join('\n');
}

const PLACEHOLDER = (what: string) => `【请填写：${what}】`;

/** A notice to the platform (《民法典》第1195条): real identity, the content, preliminary evidence, the request. */
export function noticeLetterDraft(input: AppealDraftInput, platform: PlatformId): string {
  const { review, classification } = input;
  const category = classification.category;
  const reviewedAt = review.reviewedAt ? formatShanghai(Date.parse(review.reviewedAt), 'YYYY年M月D日 HH:mm') : PLACEHOLDER('评价时间');
  const rows = evidenceCatalogue(input.evidence, category);
  return [
    '关于采取必要措施处理侵权评价的通知',
    '',
    `致：${PLATFORM_LABEL[platform]}平台`,
    '',
    `通知人：${PLACEHOLDER('店铺名称')}，经营主体：${PLACEHOLDER('营业执照上的名称')}，统一社会信用代码：${PLACEHOLDER('代码')}，联系人及联系方式：${PLACEHOLDER('姓名、电话')}。`,
    '',
    '一、侵权内容',
    `订单号：${review.orderSn ?? PLACEHOLDER('订单号')}；评价时间：${reviewedAt}；评价内容：“${nested(calmText(review.text)) || PLACEHOLDER('评价内容')}”。`,
    '',
    '二、侵权事实与理由',
    `经核实，该评价属于“${CATEGORY_LABEL[category]}”情形：${PROVES[category]}，不是对所购商品或服务的真实评价，损害了本店的商业信誉。依据《中华人民共和国民法典》第一千零二十四条，民事主体享有名誉权，任何组织或者个人不得以侮辱、诽谤等方式侵害他人的名誉权。`,
    '',
    '三、请求',
    '依据《民法典》第一千一百九十五条，请贵平台在收到本通知后及时采取删除、屏蔽、断开链接等必要措施，并将本通知转送发布该评价的用户。根据第一千一百九十七条，网络服务提供者知道或者应当知道用户利用其网络服务侵害他人民事权益而未采取必要措施的，与该用户承担连带责任。',
    '',
    '四、初步证据（证据目录）',
    catalogueText(rows),
    '',
    '五、声明',
    '通知人保证上述内容真实。如因通知错误给他人造成损害，通知人依法承担相应责任。',
    '',
    `通知人：${PLACEHOLDER('签章')}`,
    `日期：${PLACEHOLDER('日期')}`,
    '',
    '（本草稿由差评卫士根据案件记录生成，法律条文引用未逐字核对，发出前建议请律师审阅。）',
  ].join('\n');
}

export interface LegalRoute {
  /** Ordered steps, Chinese. */
  steps: string[];
  /** For extortion: the police report route. */
  policeSteps: string[] | null;
  catalogue: EvidenceCatalogueRow[];
}

export function legalRoute(input: AppealDraftInput): LegalRoute {
  const category = input.classification.category;
  const catalogue = evidenceCatalogue(input.evidence, category);
  const steps = [
    `整理证据包：导出本案 ${catalogue.length} 份证据及 SHA-256 清单；本机采集不是中立第三方存证，建议同时做可信时间戳或公证（如 tsa.cn）`,
    '按“证据目录”逐份写明证明内容（下方已按时间生成，可直接复制）',
    '先向平台发送侵权通知（《民法典》第1195条，见“平台通知函”），保留发送记录',
    '法律依据：《民法典》第1024条（名誉权）；如不知道发布者身份，可依最高人民法院关于审理利用信息网络侵害人身权益民事纠纷案件的规定第3条，请求法院责令平台披露其姓名、联系方式、网络地址',
    '向有管辖权的人民法院起诉（名誉权纠纷），诉请停止侵害、删除评价、赔礼道歉、赔偿损失；建议先咨询律师评估证据与成本',
  ];
  const policeSteps =
    category === 'extortion'
      ? [
          '以差评相要挟索要钱物，可能涉嫌敲诈勒索：保留全部聊天记录原件，不要转账，不要删除对话',
          '带上证据目录、聊天记录截图和订单信息，到当地派出所报案，或通过公安机关的网上报案渠道报案',
          '索取报案回执，并把报案情况补充到平台申诉中',
        ]
      : null;
  return { steps, policeSteps, catalogue };
}

