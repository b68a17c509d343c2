/**
 * The appeal rules to draft with: the platform's own profile when it is registered (lib/platforms), otherwise a
 * cautious stand-in that drafts the text and leaves the reason to the seller on the live form. The stand-ins carry
 * only the numbers platform-rules.md gives with a source (Taobao 评价解释 ≤ 500 characters, TOP API).
 */
import { platformProfile } from '../platforms';
import type { PlatformId } from '../schemas/platform';
import { AppealRules, type AppealReason } from './types';

const pickOnForm = (label: string, hint: string[] = []): AppealReason => ({ code: null, label, evidenceHint: hint });

const STAND_IN: Record<Exclude<PlatformId, 'pinduoduo'>, AppealRules> = {
  taobao: AppealRules.parse({
    platform: 'taobao',
    reasons: {
      extortion: pickOnForm('利用中差评索取不当利益', ['聊天记录截图（买家提出要求的原话）']),
      competitor: pickOnForm('同行恶意中差评'),
      abusive: pickOnForm('辱骂侮辱的评论'),
      not_received_or_unused: pickOnForm('未收到货但给出与商品实际不符的虚假评价', ['物流签收记录截图']),
      irrelevant: pickOnForm('购买A商品评价B商品'),
      subjective: null,
      positive: null,
    },
    minChars: 0,
    maxChars: null,
    replyMaxChars: 500,
    maxImages: null,
    imageTypes: [],
    maxImageBytes: null,
    source: '投诉类型来自天猫自动化项目（第三方代码）；评价解释 500 字上限来自淘宝开放平台 API 文档；投诉说明字数上限未知；均未在后台核实',
    verified: false,
    verifiedAt: null,
  }),
  jd: AppealRules.parse({
    platform: 'jd',
    reasons: {
      extortion: pickOnForm('（请在京麦申诉表单中选择最接近的理由）'),
      competitor: pickOnForm('（请在京麦申诉表单中选择最接近的理由）'),
      abusive: pickOnForm('（请在京麦申诉表单中选择最接近的理由）'),
      not_received_or_unused: pickOnForm('（请在京麦申诉表单中选择最接近的理由）'),
      irrelevant: pickOnForm('（请在京麦申诉表单中选择最接近的理由）'),
      subjective: null,
      positive: null,
    },
    minChars: 0,
    maxChars: null,
    replyMaxChars: null,
    maxImages: null,
    imageTypes: [],
    maxImageBytes: null,
    source: '京东申诉理由、字数和图片规则均未找到公开资料',
    verified: false,
    verifiedAt: null,
  }),
  dianping: AppealRules.parse({
    platform: 'dianping',
    reasons: {
      extortion: pickOnForm('恶意差评', ['聊天记录截图', '订单截图']),
      competitor: pickOnForm('恶意差评（同行攻击）'),
      abusive: pickOnForm('（请在申诉表单中选择最接近的理由）'),
      not_received_or_unused: pickOnForm('非真实消费', ['订单截图']),
      irrelevant: pickOnForm('（请在申诉表单中选择最接近的理由）'),
      subjective: null,
      positive: null,
    },
    minChars: 0,
    maxChars: null,
    replyMaxChars: null,
    maxImages: null,
    imageTypes: [],
    maxImageBytes: null,
    source: '美团/大众点评申诉理由来自第三方申诉指南，官方列表未找到，未核实',
    verified: false,
    verifiedAt: null,
  }),
};

export function appealRulesFor(platform: PlatformId): AppealRules {
  try {
    return platformProfile(platform).appealRules;
  } catch {
    return platform === 'pinduoduo' ? platformProfile(platform).appealRules : STAND_IN[platform];
  }
}
