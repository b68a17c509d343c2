import type { CaseRecord, CaseState } from '../schemas';

/** Which state may follow which; anything else is refused with a reason. */
const NEXT: Record<CaseState, readonly CaseState[]> = {
  发现: ['已分类', '取证中', '已结案'],
  已分类: ['取证中', '协商中', '已申诉', '商家回复', '已结案'],
  取证中: ['协商中', '已申诉', '商家回复', '已结案'],
  协商中: ['取证中', '已申诉', '商家回复', '已结案'],
  已申诉: ['待补充材料', '申诉成功', '申诉驳回'],
  待补充材料: ['已申诉', '申诉驳回'],
  申诉成功: ['已结案'],
  申诉驳回: ['二次申诉', '升级处理', '商家回复', '法律途径', '已结案'],
  二次申诉: ['待补充材料', '申诉成功', '申诉驳回'],
  升级处理: ['申诉成功', '申诉驳回'],
  商家回复: ['法律途径', '已结案'],
  法律途径: ['已结案'],
  已结案: [],
};

export function allowedNextStates(from: CaseState): readonly CaseState[] {
  return NEXT[from];
}

export type TransitionResult = { ok: true; record: CaseRecord } | { ok: false; reason: string };

export function transition(record: CaseRecord, to: CaseState, note: string, nowMs: number, nowIso: string): TransitionResult {
  if (!NEXT[record.state].includes(to)) {
    const options = NEXT[record.state];
    return {
      ok: false,
      reason: `案件当前为「${record.state}」，不能直接变为「${to}」${options.length ? `（可选：${options.join('、')}）` : '（已结案）'}`,
    };
  }
  return {
    ok: true,
    record: {
      ...record,
      state: to,
      history: [...record.history, { at: nowIso, atMs: nowMs, state: to, note }],
      updatedAtMs: nowMs,
    },
  };
}
