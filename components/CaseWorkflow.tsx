import { useState } from 'react';
import { allowedNextStates } from '../lib/cases/stateMachine';
import type { CaseRecord, CaseState } from '../lib/schemas';
import { parseConsoleTime } from '../lib/time/shanghai';
import type { CaseActions } from './CaseActions';

/** How each step reads as a button, from the seller's side. */
const ACTION_LABEL: Record<CaseState, string> = {
  发现: '发现',
  已分类: '已分类',
  取证中: '继续取证',
  协商中: '与买家沟通中',
  已申诉: '已补充材料并重新提交',
  待补充材料: '平台要求补充材料',
  申诉成功: '申诉成功',
  申诉驳回: '申诉被驳回',
  二次申诉: '已提交二次申诉',
  升级处理: '已升级处理（联系平台客服）',
  商家回复: '已公开回复',
  法律途径: '走法律途径',
  已结案: '结案',
};

/** 已申诉 from an early state is the AppealPanel's 我已提交申诉 (it needs the draft beside it). */
const SUBMIT_HERE_ONLY_FROM: ReadonlySet<CaseState> = new Set(['待补充材料']);

export function CaseWorkflow({ record, actions }: { record: CaseRecord; actions: CaseActions }) {
  const [note, setNote] = useState('');
  const [materialDue, setMaterialDue] = useState('');
  const [pending, setPending] = useState<CaseState | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const next = allowedNextStates(record.state).filter((s) => s !== '已申诉' || SUBMIT_HERE_ONLY_FROM.has(record.state));

  const run = async (to: CaseState) => {
    let materialDueAtMs: number | null = null;
    if (to === '待补充材料') {
      materialDueAtMs = materialDue ? parseConsoleTime(materialDue.replace('T', ' ')) : null;
      if (materialDueAtMs === null) {
        setMessage({ kind: 'error', text: '请填写平台要求的补充材料截止时间' });
        return;
      }
    }
    setPending(to);
    try {
      const result = await actions.transition(record.key, to, { note: note.trim() || undefined, materialDueAtMs });
      setMessage({ kind: 'ok', text: `已记录：${result.state}` });
      setNote('');
      setMaterialDue('');
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setPending(null);
    }
  };

  if (next.length === 0) return <p className="rg-muted" data-testid="workflow-closed">案件已结案。</p>;
  return (
    <section className="rg-workflow" data-testid="workflow">
      <h3>下一步（当前：{record.state}）</h3>
      <input
        type="text"
        className="rg-input"
        placeholder="备注（可选），如平台给出的驳回理由"
        value={note}
        maxLength={1000}
        onChange={(e) => setNote(e.target.value)}
        data-testid="workflow-note"
      />
      {next.includes('待补充材料') && (
        <label className="rg-field">
          补充材料截止时间
          <input type="datetime-local" value={materialDue} onChange={(e) => setMaterialDue(e.target.value)} data-testid="material-due" />
        </label>
      )}
      <div className="rg-actions rg-wrap">
        {next.map((to) => (
          <button key={to} type="button" data-testid={`to-${to}`} disabled={pending !== null} onClick={() => void run(to)}>
            {ACTION_LABEL[to]}
          </button>
        ))}
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'rg-error' : 'rg-ok'} data-testid="workflow-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
