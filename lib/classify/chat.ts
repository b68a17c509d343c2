/**
 * Buyer–seller chat: the conditional-threat structure of extortion (often only here, while the review itself
 * is mild) and a buyer revealing the same trade. Only the buyer's lines count: a seller writing
 * "不退款的话就给差评吧" is not the buyer extorting anyone.
 */
import type { ChatLineView, Context } from './context';
import {
  CHAT_TRADE_PROBE,
  CHAT_TRADE_SELF,
  SELF_ID,
  test,
} from './lexicon';
import { findExtortion, quote } from './rules';

/** Consecutive buyer lines read together, for a demand and a threat sent as separate messages. */
const CHAT_WINDOW = 3;

function buyerLines(ctx: Context): ChatLineView[] {
  return ctx.chat.filter((c) => c.from === 'buyer');
}

export function detectChatExtortion(ctx: Context): void {
  const lines = buyerLines(ctx);
  const used = new Set<number>();
  for (const line of lines) {
    const found = findExtortion(line.nz.compact, false);
    if (!found) continue;
    used.add(line.index);
    ctx.ev.add({
      category: 'extortion',
      weight: found.promised ? 0.3 : 0.85,
      kind: 'chat_demand',
      reason: found.promised ? '聊天中催要商家承诺过的返现/赠品' : '聊天中以评价要挟、索取额外利益',
      note: `聊天记录：买家称“${quote(line.text)}”`,
      chatLines: [line.index],
    });
  }
  // A demand in one message and the threat in the next ("赔我200" … "不给是吧，那等着吃差评吧").
  for (let i = 0; i < lines.length; i++) {
    const group = lines.slice(i, i + CHAT_WINDOW);
    if (group.length < 2 || group.every((g) => used.has(g.index))) continue;
    const joined = group.map((g) => g.nz.compact).join('。');
    const found = findExtortion(joined, false);
    if (!found) continue;
    // Which lines hold the spans?
    const starts: number[] = [];
    let offset = 0;
    for (const g of group) {
      starts.push(offset);
      offset += g.nz.compact.length + 1;
    }
    const lineOf = (pos: number): number => {
      let k = 0;
      for (let j = 0; j < starts.length; j++) if ((starts[j] ?? 0) <= pos) k = j;
      return k;
    };
    const involved = [...new Set(found.spans.map(([a]) => lineOf(a)))].map((k) => group[k]).filter((g): g is ChatLineView => !!g);
    if (involved.length < 2) continue; // one line alone did not match above, so this cannot happen; keep the guard
    for (const g of involved) used.add(g.index);
    ctx.ev.add({
      category: 'extortion',
      weight: found.promised ? 0.25 : 0.75,
      kind: 'chat_demand',
      reason: '聊天中先提要求、再以评价相要挟',
      note: `聊天记录：买家先后称${involved.map((g) => `“${quote(g.text, 30)}”`).join('、')}`,
      chatLines: involved.map((g) => g.index),
    });
  }
}

export function detectChatTrade(ctx: Context): void {
  for (const line of buyerLines(ctx)) {
    const c = line.nz.compact;
    if (test(CHAT_TRADE_SELF, c) || test(SELF_ID, c)) {
      ctx.ev.add({
        category: 'competitor',
        weight: 0.75,
        kind: 'chat_trade',
        reason: '聊天中自曝同行身份',
        note: `聊天记录：买家称“${quote(line.text)}”，自曝同行身份`,
        chatLines: [line.index],
      });
    } else if (test(CHAT_TRADE_PROBE, c)) {
      ctx.ev.add({
        category: 'competitor',
        weight: 0.35,
        kind: 'chat_trade',
        reason: '聊天中打探货源/进价',
        note: `聊天记录：买家打探货源或进价：“${quote(line.text)}”`,
        chatLines: [line.index],
      });
    }
  }
}

/** The fact line for the chat: what was read, whether it mattered. */
export function chatFact(ctx: Context): void {
  if (ctx.input.chat === undefined) {
    ctx.ev.fact({ fact: 'chat', finding: '未提供聊天记录：差评要挟常只出现在聊天中', effect: 'missing', category: null });
    return;
  }
  const buyer = ctx.chat.filter((c) => c.from === 'buyer').length;
  const used = ctx.ev.signals.filter((s) => s.chatLines !== undefined);
  if (ctx.chat.length === 0) {
    ctx.ev.fact({ fact: 'chat', finding: '聊天记录为空', effect: 'neutral', category: null });
  } else if (used.length === 0) {
    ctx.ev.fact({
      fact: 'chat',
      finding: `已检查 ${ctx.chat.length} 条聊天（买家 ${buyer} 条），未见以评价要挟或同行迹象`,
      effect: 'neutral',
      category: null,
    });
  } else {
    const cats = [...new Set(used.map((s) => s.category))];
    for (const category of cats) {
      const n = new Set(used.filter((s) => s.category === category).flatMap((s) => s.chatLines ?? [])).size;
      ctx.ev.fact({
        fact: 'chat',
        finding: `已检查 ${ctx.chat.length} 条聊天，其中 ${n} 条买家消息${category === 'extortion' ? '以评价相要挟' : '显示同行身份或打探货源'}`,
        effect: 'supports',
        category,
      });
    }
  }
}
