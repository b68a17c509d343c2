import { useMemo, useState } from 'react';
import { draftAppeal } from '../lib/appeal/draft';
import { appealRulesFor } from '../lib/appeal/rulesFor';
import type { CaseRecord, EvidenceRecord } from '../lib/schemas';
import { formatShanghai } from '../lib/time/shanghai';
import type { CaseActions } from './CaseActions';
import { ToneFindings } from './ToneFindings';

const CAN_SUBMIT = new Set(['已分类', '取证中', '协商中', '待补充材料']);

export function AppealPanel({ record, evidence, actions }: { record: CaseRecord; evidence: readonly EvidenceRecord[]; actions: CaseActions }) {
  const rules = appealRulesFor(record.platform);
  const draft = useMemo(
    () =>
      draftAppeal(
        {
          review: record.review,
          classification: record.classification,
          evidence: evidence.map((e) => ({ capturedAtMs: e.capturedAtMs, kind: e.kind, sha256: e.sha256 })),
        },
        rules,
      ),
    [record.review, record.classification, evidence, rules],
  );
  // The seller's own edits win over the automatic draft until they ask for the draft back.
  const [editedText, setEditedText] = useState<string | null>(null);
  const text = editedText ?? draft.text;
  const edited = editedText !== null;
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const maxChars = rules.maxChars;
  const copy = async () => {
    try {
      await actions.copyText(text);
      setStatus({ kind: 'ok', text: '已复制，请粘贴到平台的申诉表单中，由您本人提交' });
    } catch {
      setStatus({ kind: 'error', text: '复制失败：浏览器未允许访问剪贴板，请手动选中文本复制' });
    }
  };
  const submitted = async () => {
    setBusy(true);
    try {
      const { appeal } = await actions.submitAppeal(record.key);
      setStatus({ kind: 'ok', text: `已记录。预计 ${formatShanghai(appeal.expectedDecisionAtMs, 'M月D日 HH:mm')} 前出结果，届时提醒您` });
    } catch (error) {
      setStatus({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="rg-appeal" data-testid="appeal">
      <h3>{draft.route === 'appeal' ? '申诉草稿' : '建议：公开回复，不申诉'}</h3>
      {draft.reason && (
        <p className="rg-reason">
          申诉理由：<b>{draft.reason.code ? `${draft.reason.code} ` : ''}{draft.reason.label}</b>
        </p>
      )}
      <textarea
        data-testid="appeal-text"
        value={text}
        rows={7}
        onChange={(e) => setEditedText(e.target.value)}
      />
      <p className={`rg-chars ${maxChars !== null && text.length > maxChars ? 'rg-error' : ''}`}>
        {text.length}
        {maxChars !== null ? ` / ${maxChars}` : ''} 字
        {edited && (
          <button type="button" className="rg-link" onClick={() => setEditedText(null)}>
            恢复自动草稿
          </button>
        )}
      </p>
      <ToneFindings text={text} />
      {draft.problems.length > 0 && (
        <ul className="rg-problems">
          {draft.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {draft.evidenceList.length > 0 && (
        <details>
          <summary>证据清单（按时间）</summary>
          <ol className="rg-list">
            {draft.evidenceList.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ol>
        </details>
      )}
      {draft.checklist.length > 0 && (
        <details>
          <summary>还需准备</summary>
          <ul className="rg-list">
            {draft.checklist.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </details>
      )}
      <div className="rg-actions">
        <button type="button" onClick={() => void copy()}>
          复制文本
        </button>
        {draft.route === 'appeal' && (
          <button
            type="button"
            className="rg-primary"
            data-testid="appeal-submitted"
            disabled={busy || !CAN_SUBMIT.has(record.state)}
            title={CAN_SUBMIT.has(record.state) ? '在平台提交申诉后点这里，差评卫士会按工作日提醒您查看结果' : `案件当前为「${record.state}」`}
            onClick={() => void submitted()}
          >
            我已提交申诉
          </button>
        )}
      </div>
      {record.appeal && (
        <p className="rg-appeal-status" data-testid="appeal-status">
          已于 {formatShanghai(record.appeal.submittedAtMs, 'M月D日 HH:mm')} 提交申诉，按 {record.appeal.processingDays} 个工作日推算，预计{' '}
          <b>{formatShanghai(record.appeal.expectedDecisionAtMs, 'M月D日 HH:mm')}</b> 前出结果。
          {record.appeal.warnings.map((w) => (
            <span key={w} className="rg-warning">
              {w}
            </span>
          ))}
        </p>
      )}
      {status && (
        <p role="status" className={status.kind === 'error' ? 'rg-error' : 'rg-ok'}>
          {status.text}
        </p>
      )}
    </section>
  );
}
