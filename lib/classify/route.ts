/**
 * The route: which reason to pick on the review's platform, and what to attach.
 *
 * When the platform has a registered profile (`platformProfile` in lib/platforms), the reason comes from its
 * `AppealRules` — the only place platform codes live. When it has none yet, the route says to pick the
 * reason on the live form and offers the labels we have notes for (Tmall's complaint types, from
 * shared/reference/platform-rules.md, kept here as data and marked unverified). Subjective reviews are
 * never appealed: reply instead.
 */
import type { AppealReason } from '../appeal/types';
import { platformProfile } from '../platforms';
import type { PlatformProfile } from '../platforms/profile';
import { PlatformId } from '../schemas/platform';
import type { Category, ClassificationRoute } from '../schemas/classification';
import { CATEGORY_LABEL } from '../schemas/classification';
import type { SignalKind } from './evidence';

type Ground = Exclude<Category, 'subjective' | 'positive'>;

/**
 * Tmall/Taobao complaint types (投诉评价), from an open-source Tmall automation project cited in
 * platform-rules.md [C]; not checked on a live console. Per ground, the best fit first; `byKind` overrides the
 * order when a signal kind points to a more specific type.
 */
const TMALL: { source: string; labels: Record<Ground, string[]>; byKind: Partial<Record<SignalKind, string>> } = {
  source: '淘宝/天猫投诉类型来自公开的第三方资料，未在千牛后台核实',
  labels: {
    extortion: ['利用中差评索取不当利益'],
    competitor: ['同行恶意中差评', '评价内容为广告信息'],
    abusive: ['辱骂侮辱的评论', '评论泄露隐私', '低俗色情'],
    not_received_or_unused: ['未收到货但给出与商品实际不符的虚假评价'],
    irrelevant: ['评价内容无意义', '购买A商品评价B商品', '评价内容为广告信息'],
  },
  byKind: {
    privacy: '评论泄露隐私',
    ad: '评价内容为广告信息',
    wrong_order: '购买A商品评价B商品',
    link: '同行恶意中差评',
  },
};

/** Dianping/Meituan: only guides name these reasons [G]; JD: unknown. */
const OTHER_LABELS: Record<string, Partial<Record<Ground, string[]>>> = {
  dianping: {
    extortion: ['恶意差评'],
    competitor: ['恶意差评', '同行攻击'],
    not_received_or_unused: ['非真实消费'],
  },
};

/** What to capture for each kind of evidence, whatever the platform's form accepts. */
const EVIDENCE_FOR_KIND: Partial<Record<SignalKind, string>> = {
  chat_demand: '聊天记录截图：买家提出要求并以评价相要挟的原话（含时间）',
  demand: '评价截图：评价中索要钱物/改评条件的原文',
  chat_trade: '聊天记录截图：买家自曝同行身份或打探货源的原话',
  link: '评价截图：评价中的链接/口令（勿点击）',
  self_id: '评价截图：“我们店/我们家”等暴露同行身份的字样',
  promo: '评价截图：引流话术或联系方式',
  rival: '评价截图：被点名推荐的店铺/品牌',
  usage_time: '物流签收记录截图与评价时间截图：签收后极短时间即称长期使用',
  batch: '同一时段内文字相同或高度相似的其他评价截图（含发布时间）',
  no_record: '后台订单/核销记录截图：该评价人没有消费记录',
  insult: '评价截图：辱骂原文',
  profanity: '评价截图：粗口原文',
  threat: '评价截图：威胁/诅咒原文',
  defamation: '评价截图：诽谤原文；如有反证（执照、记录）一并准备',
  privacy: '评价截图：泄露的手机号/地址/姓名等（提交前勿再扩散）',
  fake_claim: '品牌授权书或进货凭证：反驳无依据的“假货”指称',
  not_received: '物流签收记录/妥投截图（含签收时间与签收方式）',
  before_receipt: '物流记录截图：评价时订单尚未签收/核销',
  unused: '评价截图：买家自述未拆封/未使用的原文',
  prejudge: '评价截图：未使用即预判的原文',
  ad: '评价截图：广告内容',
  social: '评价截图：与商品无关的内容',
  padding: '评价截图：凑字数/无意义内容',
  wrong_order: '订单详情截图：评价内容与所购商品不符',
  gibberish: '评价截图：无意义内容',
  courier: '评价截图：仅涉及快递/物流的内容；如有发货记录一并准备',
  platform: '评价截图：仅涉及平台规则/功能的内容',
  environment: '评价截图：仅涉及天气/市政等非商家因素的内容',
  personal: '评价截图：仅涉及个人情绪/琐事的内容',
};

const REPLY_CHECKLIST_SUBJECTIVE = [
  '平台通常不删除真实的不满，不要申诉，也不要以任何好处换取改评',
  '在评价回复中说明原因与处理方式（退换货、补发、改进），语气平和',
  '通过平台聊天联系买家解决问题，不要站外联系',
];

const profileCache = new Map<string, PlatformProfile | null>();

function profileFor(platform: string | null): PlatformProfile | null {
  if (!platform) return null;
  if (profileCache.has(platform)) return profileCache.get(platform) ?? null;
  let profile: PlatformProfile | null = null;
  const id = PlatformId.safeParse(platform);
  if (id.success) {
    try {
      profile = platformProfile(id.data);
    } catch {
      profile = null; // not registered yet
    }
  }
  profileCache.set(platform, profile);
  return profile;
}

/** For tests: profiles are registered at module load; forget what was looked up. */
export function clearRouteCache(): void {
  profileCache.clear();
  routeCache.clear();
}

function checklistFor(kinds: readonly SignalKind[], platformHints: readonly string[], imagesAccepted: boolean): string[] {
  const out: string[] = [...platformHints];
  for (const k of kinds) {
    const item = EVIDENCE_FOR_KIND[k];
    if (!item) continue;
    const line = imagesAccepted ? item : `${item}（该理由的表单不收图片：留存备查）`;
    if (!out.includes(line)) out.push(line);
  }
  return out;
}

function suggested(platform: string | null, category: Ground, kinds: readonly SignalKind[]): string[] {
  let labels: string[] = [];
  if (platform === 'taobao') {
    labels = [...TMALL.labels[category]];
    for (const k of kinds) {
      const l = TMALL.byKind[k];
      if (l && labels.includes(l)) labels = [l, ...labels.filter((x) => x !== l)];
    }
  } else if (platform) {
    labels = [...(OTHER_LABELS[platform]?.[category] ?? [])];
  }
  return labels;
}

/**
 * The route for a classification. `kinds` are the signal kinds behind the category, strongest first; they
 * decide the evidence checklist and, without a profile, the order of the suggested labels.
 */
export function routeFor(category: Category, platform: string | null, kinds: readonly SignalKind[], rating: number | null): ClassificationRoute {
  // Routes repeat (a shop's reviews share a platform and a few kinds of evidence): build each once.
  const key = `${category}|${platform ?? ''}|${rating !== null && rating <= 2 ? 'low' : ''}|${kinds.join(',')}`;
  let route = routeCache.get(key);
  if (!route) {
    route = buildRoute(category, platform, kinds, rating);
    if (routeCache.size > 5000) routeCache.clear();
    routeCache.set(key, route);
  }
  return { ...route, reason: route.reason ? { ...route.reason } : null, suggestedLabels: [...route.suggestedLabels], checklist: [...route.checklist] };
}

const routeCache = new Map<string, ClassificationRoute>();

function buildRoute(category: Category, platform: string | null, kinds: readonly SignalKind[], rating: number | null): ClassificationRoute {
  const base = { platform, suggestedLabels: [] as string[], source: null as string | null, verified: false };
  if (category === 'positive') {
    const low = rating !== null && rating <= 2;
    return {
      ...base,
      action: low ? 'reply' : 'none',
      reason: null,
      pickOnForm: false,
      checklist: low ? ['低星但文字为好评：可在回复中感谢并说明；若平台表单有“星级与内容矛盾”一类选项，可据实选择'] : [],
      summary: low ? '文字为好评、星级偏低：回复即可，不按恶意差评申诉' : '不是差评，无需处理',
    };
  }
  if (category === 'subjective') {
    return {
      ...base,
      action: 'reply',
      reason: null,
      pickOnForm: false,
      checklist: [...REPLY_CHECKLIST_SUBJECTIVE],
      summary: '真实的不满：回复，不申诉',
    };
  }
  const ground = category as Ground;
  const profile = profileFor(platform);
  if (profile) {
    const rules = profile.appealRules;
    const reason: AppealReason | null = rules.reasons[ground] ?? null;
    const src = { source: rules.source, verified: rules.verified };
    if (!reason) {
      return {
        ...base,
        ...src,
        action: 'reply',
        reason: null,
        pickOnForm: false,
        checklist: checklistFor(kinds, ['在评价回复中陈述事实（如签收时间），不透露买家隐私'], true),
        summary: `该平台没有对应“${CATEGORY_LABEL[ground]}”的举报理由：公开回复说明事实`,
      };
    }
    const imagesAccepted = (reason.maxImages ?? rules.maxImages ?? 1) > 0;
    const code = reason.code ? `（代码 ${reason.code}）` : '';
    const needs =
      (reason.minImages ?? 0) > 0 || (reason.minChars ?? 0) > 0
        ? `；需${reason.minChars ? `不少于 ${reason.minChars} 字的说明` : ''}${reason.minChars && reason.minImages ? '和' : ''}${reason.minImages ? `至少 ${reason.minImages} 张图片` : ''}`
        : '';
    return {
      ...base,
      ...src,
      action: 'appeal',
      reason: { code: reason.code, label: reason.label },
      pickOnForm: false,
      checklist: checklistFor(kinds, reason.evidenceHint, imagesAccepted),
      summary: `申诉：选择“${reason.label}”${code}${needs}${rules.verified ? '' : '（理由来自第三方资料，未在后台核实）'}`,
    };
  }
  const labels = suggested(platform, ground, kinds);
  return {
    ...base,
    source: platform === 'taobao' ? TMALL.source : labels.length > 0 ? '经验文章（非官方），未核实' : null,
    action: 'appeal',
    reason: null,
    pickOnForm: true,
    suggestedLabels: labels,
    checklist: checklistFor(kinds, [], true),
    summary:
      labels.length > 0
        ? `申诉理由请在平台表单上选择（可找“${labels[0]}”一类选项，未核实）`
        : `该平台的申诉理由尚未收录：请在平台表单上选择最接近“${CATEGORY_LABEL[ground]}”的理由`,
  };
}
