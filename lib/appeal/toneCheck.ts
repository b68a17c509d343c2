/**
 * Tone check for text the seller sends to a platform reviewer: emotional words, insults, exclamation runs and
 * absolute claims, each with a calmer suggestion. Words inside quotes are the buyer's (quoted evidence) and are not
 * the seller's tone, so they are skipped.
 */

export type ToneKind = 'emotional' | 'insult' | 'exclamation' | 'absolute';

export interface ToneFinding {
  kind: ToneKind;
  /** The words as found in the text. */
  text: string;
  /** UTF-16 offset in the checked text. */
  index: number;
  /** Chinese, ready to show. */
  suggestion: string;
}

export const TONE_LABEL: Record<ToneKind, string> = {
  emotional: '情绪化用语',
  insult: '攻击性称呼',
  exclamation: '感叹号',
  absolute: '绝对化表述',
};

interface ToneRule {
  kind: ToneKind;
  pattern: RegExp;
  suggestion: string;
}

const RULES: readonly ToneRule[] = [
  {
    kind: 'emotional',
    pattern: /气死|太过分|欺人太甚|忍无可忍|无语|恶心|愤怒|气愤|委屈死|心寒|简直了?|离谱|太可恶|可恶/gu,
    suggestion: '删去情绪表达，只写发生了什么：时间、原话、证据编号',
  },
  {
    kind: 'insult',
    pattern: /骗子|无赖|人渣|垃圾人|奇葩|傻[逼比Bb]|\bsb\b|神经病|脑残|不要脸|恶意满满|职业差评师|刁民|泼妇/giu,
    suggestion: '不要给买家贴标签，改为描述其行为，如“买家在评价中要求返现 20 元”',
  },
  {
    kind: 'exclamation',
    pattern: /[!！]+/gu,
    suggestion: '用句号代替感叹号，平实陈述更容易被审核人员采信',
  },
  {
    kind: 'absolute',
    pattern: /绝对|肯定是|一定是|毫无疑问|百分之百|100%|从来没有|从来不|完全是|全部都是|所有人都|明显就是|显而易见/gu,
    suggestion: '改为有依据的表述，如“根据证据2的聊天记录显示……”，让证据说话',
  },
];

const CLOSE_OF: Record<string, string> = { '“': '”', '「': '」', '‘': '’', '"': '"' };

/**
 * Offsets covered by quotes (the buyer's words quoted as evidence): “…”, 「…」, ‘…’ and "…", nested ones included
 * (a quoted review that itself quotes someone: “…一句“亲亲稍等”，sb客服…” is quoted to its last ”). An opening quote
 * that is never closed covers nothing.
 */
function quotedRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const open: { close: string; at: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const top = open.at(-1);
    if (top && c === top.close) {
      open.pop();
      ranges.push([top.at, i + 1]);
    } else if (CLOSE_OF[c]) open.push({ close: CLOSE_OF[c], at: i });
    else {
      // A closing quote whose opener is further down the stack closes that one (an inner quote left open).
      const depth = open.findLastIndex((q) => q.close === c);
      if (depth >= 0) {
        ranges.push([open[depth]!.at, i + 1]);
        open.length = depth;
      }
    }
  }
  return ranges;
}

export function checkTone(text: string): ToneFinding[] {
  const quoted = quotedRanges(text);
  const inQuote = (i: number) => quoted.some(([a, b]) => i >= a && i < b);
  const findings: ToneFinding[] = [];
  for (const rule of RULES) {
    const pattern = new RegExp(rule.pattern.source, rule.pattern.flags);
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (inQuote(m.index)) continue;
      const suggestion =
        rule.kind === 'exclamation' && m[0].length > 1 ? `连续 ${m[0].length} 个感叹号：${rule.suggestion}` : rule.suggestion;
      findings.push({ kind: rule.kind, text: m[0], index: m.index, suggestion });
    }
  }
  return findings.sort((a, b) => a.index - b.index);
}
