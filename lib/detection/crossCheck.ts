/**
 * Cross-checks the detection layers of one frame and says, in Chinese, when the page seems to have changed under us
 * (此页面结构可能已更新). Pure: the content script gathers the inputs.
 */
import { matchRule } from '../platforms/selectors';
import type { SelectorRule } from '../platforms/types';
import type { PageFindings, PlatformId } from '../schemas';

export const STRUCTURE_CHANGED = '此页面结构可能已更新';

/**
 * Which candidate of each rule matched (best over the scopes: document and shadow roots): a fallback, or nothing,
 * is drift worth reporting.
 */
export function selectorDrift(scopes: readonly ParentNode[], rules: readonly SelectorRule[]): string[] {
  const out: string[] = [];
  for (const rule of rules) {
    if (!rule.expected) continue; // only rules we have evidence for are expected to match on every page
    const found = scopes.map((s) => matchRule(s, rule).candidate).filter((c) => c >= 0);
    const candidate = found.length ? Math.min(...found) : -1;
    if (candidate > 0) out.push(`${rule.name}：首选规则失效，使用备用规则 #${candidate + 1}（${rule.candidates[candidate]}）`);
    else if (candidate < 0) out.push(`${rule.name}：所有规则都没有匹配（${rule.candidates.join(' | ')}）`);
  }
  return out;
}

export interface CrossCheckInput {
  pageUrl: string;
  platform: PlatformId | null;
  adapter: string | null;
  surface: 'review' | 'chat' | null;
  domCount: number;
  keyed: number;
  unreadable: number;
  networkCount: number | null;
  textCount: number | null;
  flagged: number;
  drift: string[];
  scanMs: number;
}

export function crossCheck(input: CrossCheckInput): PageFindings {
  const warnings: string[] = [];
  const what = input.surface === 'chat' ? '条消息' : '条评价';
  if (input.adapter) {
    if (input.networkCount !== null && input.networkCount > 0 && input.domCount === 0) {
      warnings.push(`${STRUCTURE_CHANGED}：页面接口返回了 ${input.networkCount} ${what}，但页面上一条也没有识别到。`);
    } else if (input.networkCount !== null && input.domCount < input.networkCount) {
      warnings.push(`${STRUCTURE_CHANGED}：页面接口返回 ${input.networkCount} ${what}，页面上只识别到 ${input.domCount} 条（列表可能是滚动加载的）。`);
    }
    if (input.textCount !== null && input.textCount > input.domCount) {
      warnings.push(`${STRUCTURE_CHANGED}：页面文字中有 ${input.textCount} 个订单号，但表格规则只找到 ${input.domCount} ${what}。`);
    }
    if (input.unreadable > 0) warnings.push(`有 ${input.unreadable} ${what}无法读取（缺少订单号、时间等），没有猜测，已跳过。`);
    if (input.drift.length > 0 && input.domCount > 0) warnings.push(`${STRUCTURE_CHANGED}：部分选择器改用了备用规则，请留意识别结果。`);
  }
  return {
    pageUrl: input.pageUrl.slice(0, 4_000),
    platform: input.platform,
    adapter: input.adapter,
    surface: input.surface,
    domCount: input.domCount,
    keyed: input.keyed,
    unreadable: input.unreadable,
    networkCount: input.networkCount,
    textCount: input.textCount,
    flagged: input.flagged,
    drift: input.drift.slice(0, 50).map((d) => d.slice(0, 300)),
    warnings: warnings.slice(0, 20),
    scanMs: Math.max(0, input.scanMs),
  };
}
