import { describe, expect, it } from 'vitest';
import { allowedNextStates, transition } from '../../lib/cases/stateMachine';
import { CaseState, type CaseRecord } from '../../lib/schemas';

const base = { state: '取证中', history: [], updatedAtMs: 0 } as unknown as CaseRecord;

describe('case state machine', () => {
  it('moves an evidenced case to 已申诉 with a timestamped history entry', () => {
    const result = transition(base, '已申诉', '已提交', 1000, '2026-11-20T10:00:00.000+08:00');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.state).toBe('已申诉');
    expect(result.record.history).toEqual([{ at: '2026-11-20T10:00:00.000+08:00', atMs: 1000, state: '已申诉', note: '已提交' }]);
  });

  it('refuses a transition that makes no sense, with a reason', () => {
    const result = transition(base, '申诉成功', '', 0, '');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('不能直接变为「申诉成功」');
  });

  it('a closed case goes nowhere; every other state has a way forward', () => {
    for (const state of CaseState.options) {
      if (state === '已结案') expect(allowedNextStates(state)).toEqual([]);
      else expect(allowedNextStates(state).length).toBeGreaterThan(0);
    }
  });
});
