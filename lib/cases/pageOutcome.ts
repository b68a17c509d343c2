/**
 * The platform's own state for a reviewed appeal, as its page shows it, mapped to our case states so the case
 * follows the page (Pinduoduo 举报 states, Taobao/Tmall 投诉 states; platform-rules.md "States").
 */
import type { CaseState } from '../schemas';

export type PageOutcome = '审核中' | '申诉成功' | '申诉驳回';

/** Verbatim texts and PDD `reportState`/`reportStatus` codes; unknown texts map to nothing (never guessed). */
const OUTCOME_BY_STATUS: Record<string, PageOutcome> = {
  // Pinduoduo: reportState 0 待审核 · 10 已举报 · 8 举报成功 · 9 举报失败 (99 待举报 = not reported)
  待审核: '审核中',
  已举报: '审核中',
  举报成功: '申诉成功',
  举报失败: '申诉驳回',
  'pdd:0': '审核中',
  'pdd:10': '审核中',
  'pdd:8': '申诉成功',
  'pdd:9': '申诉驳回',
  // Taobao / Tmall complaint records
  投诉处理中: '审核中',
  投诉成立: '申诉成功',
  投诉不成立: '申诉驳回',
};

export function pageOutcomeOf(status: string | number | null | undefined): PageOutcome | null {
  if (status === null || status === undefined) return null;
  const key = typeof status === 'number' ? `pdd:${status}` : status.trim();
  return OUTCOME_BY_STATUS[key] ?? null;
}

const DECIDED: ReadonlySet<CaseState> = new Set(['申诉成功', '申诉驳回', '商家回复', '法律途径', '已结案']);
const AWAITING: ReadonlySet<CaseState> = new Set(['已申诉', '二次申诉', '升级处理', '待补充材料']);

/**
 * The steps that bring a case in line with what the page shows: 已举报 on a case not yet marked as appealed →
 * [已申诉]; 举报成功/失败 → [申诉成功] or [申诉驳回], through 已申诉 when the seller never told us they submitted
 * (or while material was pending). Decided cases and unknown texts give no steps. Every step is still checked by
 * the state machine when applied.
 */
export function pageOutcomePath(state: CaseState, status: string | number | null | undefined): CaseState[] {
  const outcome = pageOutcomeOf(status);
  if (outcome === null || DECIDED.has(state)) return [];
  if (outcome === '审核中') return AWAITING.has(state) ? [] : ['已申诉'];
  if (state === '已申诉' || state === '二次申诉' || state === '升级处理') return [outcome];
  return ['已申诉', outcome];
}

export function pageOutcomeNote(status: string | number): string {
  const shown = typeof status === 'number' ? `状态码 ${status}` : `「${status.trim()}」`;
  return `平台页面显示${shown}，案件随之更新`;
}
