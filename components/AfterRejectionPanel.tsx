import { useMemo, useState } from 'react';
import { legalRoute, merchantReplyDraft, noticeLetterDraft, secondAppealDraft, catalogueText } from '../lib/appeal/afterRejection';
import { appealRulesFor } from '../lib/appeal/rulesFor';
import type { AppealDraftInput } from '../lib/appeal/types';
import type { CaseRecord, EvidenceRecord } from '../lib/schemas';
import type { CaseActions } from './CaseActions';
import { ToneFindings } from './ToneFindings';

type Section = 'reply' | 'second' | 'notice' | 'legal';
const SECTIONS: { id: Section; label: string }[] = [
  { id: 'reply', label: '商家回复' },
  { id: 'second', label: '二次申诉' },
  { id: 'notice', label: '平台通知函' },
  { id: 'legal', label: '法律途径' },
];

/** The seller's default note for a rejection carries no reason from the platform. */
const DEFAULT_REJECTION_NOTE = '平台驳回申诉';

export function AfterRejectionPanel({ record, evidence, actions }: { record: CaseRecord; evidence: readonly EvidenceRecord[]; actions: CaseActions }) {
  const [section, setSection] = useState<Section>('reply');
  const [copied, setCopied] = useState<string | null>(null);
  const drafts = useMemo(() => {
    const rules = appealRulesFor(record.platform);
    const input: AppealDraftInput = {
      review: record.review,
      classification: record.classification,
      evidence: evidence.map((e) => ({ capturedAtMs: e.capturedAtMs, kind: e.kind, sha256: e.sha256, mime: e.mime, size: e.size })),
    };
    const rejection = [...record.history].reverse().find((h) => h.state === '申诉驳回');
    const reason = rejection && rejection.note !== DEFAULT_REJECTION_NOTE ? rejection.note : null;
    return {
      reply: merchantReplyDraft(record.classification.category, null, rules),
      second: secondAppealDraft(input, rules, reason),
      notice: noticeLetterDraft(input, record.platform),
      legal: legalRoute(input),
    };
  }, [record, evidence]);

  const copy = (label: string, text: string) =>
    void actions.copyText(text).then(
      () => setCopied(`已复制${label}`),
      () => setCopied('复制失败，请手动选中文本复制'),
    );

  return (
    <section className="rg-after" data-testid="after-rejection">
      <h3>申诉被驳回后</h3>
      <nav className="rg-subtabs">
        {SECTIONS.map((s) => (
          <button key={s.id} type="button" className={s.id === section ? 'rg-subtab rg-subtab-active' : 'rg-subtab'} onClick={() => setSection(s.id)} data-testid={`after-${s.id}`}>
            {s.label}
          </button>
        ))}
      </nav>
      {section === 'reply' && (
        <div>
          <p className="rg-muted">公开回复写给以后的买家看：平实、只讲事实，不含买家个人信息。</p>
          <textarea readOnly rows={4} value={drafts.reply.text} data-testid="merchant-reply-text" />
          <ToneFindings text={drafts.reply.text} />
          <ul className="rg-list">
            {drafts.reply.checklist.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <div className="rg-actions">
            <button type="button" onClick={() => copy('商家回复', drafts.reply.text)}>复制回复</button>
          </div>
        </div>
      )}
      {section === 'second' && (
        <div>
          <p className="rg-reason">需要补充：</p>
          <ul className="rg-list" data-testid="second-to-add">
            {drafts.second.toAdd.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <textarea readOnly rows={7} value={drafts.second.text} data-testid="second-appeal-text" />
          <ToneFindings text={drafts.second.text} />
          {drafts.second.problems.length > 0 && (
            <ul className="rg-problems">
              {drafts.second.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <div className="rg-actions">
            <button type="button" onClick={() => copy('二次申诉说明', drafts.second.text)}>复制说明</button>
          </div>
        </div>
      )}
      {section === 'notice' && (
        <div>
          <p className="rg-muted">依据《民法典》第1195–1197条向平台发出的通知。【】处由您填写；发出前建议请律师审阅。</p>
          <textarea readOnly rows={14} value={drafts.notice} data-testid="notice-letter-text" />
          <div className="rg-actions">
            <button type="button" onClick={() => copy('通知函', drafts.notice)}>复制通知函</button>
          </div>
        </div>
      )}
      {section === 'legal' && (
        <div data-testid="legal-route">
          <ol className="rg-list">
            {drafts.legal.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
          {drafts.legal.policeSteps && (
            <>
              <p className="rg-reason">涉嫌敲诈勒索：报警途径</p>
              <ol className="rg-list" data-testid="police-route">
                {drafts.legal.policeSteps.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ol>
            </>
          )}
          <p className="rg-reason">证据目录</p>
          <textarea readOnly rows={5} value={catalogueText(drafts.legal.catalogue)} data-testid="evidence-catalogue" />
          <div className="rg-actions">
            <button type="button" onClick={() => copy('证据目录', catalogueText(drafts.legal.catalogue))}>复制证据目录</button>
          </div>
        </div>
      )}
      {copied && <p className="rg-ok">{copied}</p>}
    </section>
  );
}
