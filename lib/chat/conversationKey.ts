import type { PlatformId } from '../schemas';

/**
 * How chat evidence is filed until (and besides) its cases: `chat:<platform>:<order number>`, else the buyer nick,
 * else the buyer id. Pure, so the content script and the worker compute the same key.
 */
export function conversationKeyFor(platform: PlatformId, c: { orderSn: string | null; buyerId: string | null; buyerNick: string | null }): string {
  const who = c.orderSn ?? c.buyerNick ?? c.buyerId;
  if (!who) throw new Error('页面上读不到这段聊天的订单号和买家昵称，无法归档（请先在页面上打开该买家的会话）');
  return `chat:${platform}:${who}`.slice(0, 300);
}
