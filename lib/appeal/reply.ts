/**
 * Public merchant replies for reviews we do not appeal. A reply is public: it never names the buyer, the order
 * number or any other personal data, never offers money or benefits, and points only to the platform's own chat.
 */
import type { Category } from '../schemas/classification';
import { PLATFORM_LABEL, type PlatformId } from '../schemas/platform';
import { CATEGORY_LABEL } from '../schemas/classification';
import { formatShanghai } from '../time/shanghai';

const CONTACT_ON_PLATFORM = '欢迎通过平台消息联系客服';

/** A calm public reply draft for a review that goes the reply route. */
export function publicReplyText(category: Category, signedAtMs: number | null): string {
  switch (category) {
    case 'positive':
      return '感谢您的认可，欢迎再次光临。';
    case 'subjective':
      return `您好，感谢您的购买和反馈。您提到的使用感受我们已经记录，会用于改进商品和服务。如使用中遇到问题，${CONTACT_ON_PLATFORM}，我们会协助处理。`;
    case 'not_received_or_unused':
      return signedAtMs === null
        ? `您好，我们已关注到您的反馈，正在核实该订单的物流情况。如您实际未收到商品，${CONTACT_ON_PLATFORM}，我们会协助核实。`
        : `您好，经查询，该订单的物流信息显示已于${formatShanghai(signedAtMs, 'M月D日')}签收。如您实际未收到商品，${CONTACT_ON_PLATFORM}，我们会协助核实物流情况。`;
    default:
      return `您好，我们已关注到这条评价。如对商品或服务有疑问，${CONTACT_ON_PLATFORM}，我们会认真核实处理。`;
  }
}

/** Why this case is not appealed, for `problems`. */
export function whyNoAppeal(category: Category, platform: PlatformId): string {
  switch (category) {
    case 'subjective':
      return '平台不受理主观感受类评价：建议公开回复，不建议申诉';
    case 'positive':
      return '这条评价不是差评，无需申诉';
    default:
      return `${PLATFORM_LABEL[platform]}没有与“${CATEGORY_LABEL[category]}”对应的申诉理由：建议公开回复说明情况`;
  }
}

export const REPLY_CHECKLIST: readonly string[] = [
  '在评价下方用“回复”功能公开回复，由您本人提交',
  '回复中不写买家昵称、订单号、电话、地址等个人信息',
  '不承诺返现、补偿或任何好处来换取修改或删除评价',
  '需要与买家沟通时，只使用平台自带的消息工具',
];
