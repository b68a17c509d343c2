// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/App';
import type { CaseActions } from '../../components/CaseActions';
import { recordChatCapture } from '../../lib/cases/chatEvidence';
import { recordReviewCapture, type Clock } from '../../lib/cases/recordCapture';
import { classifyReview } from '../../lib/classify';
import type { ReviewGuardDatabase } from '../../lib/db/database';
import type { CaseRecord } from '../../lib/schemas';
import { chatRequest, reviewRequest } from './captureRequests';
import { closePanelTest, evidenceRecord, openPanelTest } from './panelFixtures';

const XSS = '做工一般 <img src=x onerror="document.title=\'pwned\'">';

function caseFor(text: string, key = 'pinduoduo:261012-662259689903207'): CaseRecord {
  return {
    key,
    platform: 'pinduoduo',
    review: {
      key,
      platform: 'pinduoduo',
      text,
      stars: 1,
      reviewedAt: '2026-10-12T14:33:20.000+08:00',
      orderSn: key.split(':')[1]!,
      buyerNick: '阿***',
      goodsName: '不锈钢保温杯 500ml',
      pictureCount: 0,
      sellerReply: null,
      missing: [],
    },
    pageUrl: 'https://mms.pinduoduo.com/goods/evaluation/index',
    classification: classifyReview({ text, rating: 1 }),
    state: '取证中',
    history: [{ at: '2026-11-20T10:00:00.000+08:00', atMs: 1, state: '取证中', note: '采集评价截图' }],
    appeal: null,
    createdAtMs: 1,
    updatedAtMs: 1,
  };
}


let db: ReviewGuardDatabase;
let actions: CaseActions;

beforeEach(() => ({ db, actions } = openPanelTest()));
afterEach(() => closePanelTest(db));

describe('side panel', () => {
  it('says what to do when there are no cases yet', async () => {
    render(<App db={db} actions={actions} />);
    expect(await screen.findByText(/还没有案件/)).toBeTruthy();
  });

  it('says, beside 导出全部, that the evidence lives only in this browser and to keep an exported copy', async () => {
    const record = caseFor('垃圾店主sb，骗子一个');
    await db.cases.put(record);
    render(<App db={db} actions={actions} />);
    const advice = await screen.findByTestId('storage-keep-a-copy');
    expect(advice.textContent).toContain('卸载差评卫士');
    expect(advice.textContent).toContain('设置 › 备份与恢复');
    expect(screen.getByRole('button', { name: '导出全部 1 个案件' })).toBeTruthy();
  });

  it('shows review text containing HTML literally and never creates the element', async () => {
    const record = caseFor(XSS);
    await db.cases.put(record);
    await db.evidence.put(evidenceRecord(record.key));
    render(<App db={db} actions={actions} />);
    const card = await screen.findByTestId('case');
    expect(within(card).getByTestId('review-text').textContent).toContain('<img src=x onerror=');
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(document.title).not.toBe('pwned');
  });

  it('shows stars, category, evidence time and hash prefix, and an appeal draft with the order number', async () => {
    const record = caseFor('垃圾店主sb，骗子一个');
    await db.cases.put(record);
    await db.evidence.put(evidenceRecord(record.key));
    render(<App db={db} actions={actions} />);
    const card = await screen.findByTestId('case');
    await waitFor(() => expect(within(card).getByTestId('evidence').textContent).toContain('SHA-256 aaaaaaaaaaaa'));
    expect(within(card).getByTestId('evidence').textContent).toContain('2026-11-20 21:14:03');
    expect(card.querySelector('[data-category]')?.getAttribute('data-category')).toBe('abusive');
    expect(card.querySelectorAll('mark').length).toBeGreaterThan(0);
    expect((within(card).getByTestId('appeal-text') as HTMLTextAreaElement).value).toContain('261012-662259689903207');
  });

  it('copies the draft and records the submission through the actions', async () => {
    const record = caseFor('垃圾店主sb，骗子一个');
    await db.cases.put(record);
    actions.submitAppeal = vi.fn(async () => ({
      appeal: {
        submittedAt: '2026-11-20T10:00:00.000+08:00',
        submittedAtMs: Date.parse('2026-11-20T10:00:00.000+08:00'),
        processingDays: 4,
        expectedDecisionAt: '2026-11-26T10:00:00.000+08:00',
        expectedDecisionAtMs: Date.parse('2026-11-26T10:00:00.000+08:00'),
        warnings: [],
      },
      reminderId: 'r',
    }));
    render(<App db={db} actions={actions} />);
    const card = await screen.findByTestId('case');
    await act(async () => fireEvent.click(within(card).getByText('复制文本')));
    expect(actions.copyText).toHaveBeenCalledWith(expect.stringContaining('261012-662259689903207'));
    await act(async () => fireEvent.click(within(card).getByTestId('appeal-submitted')));
    expect(actions.submitAppeal).toHaveBeenCalledWith(record.key);
    expect(await within(card).findByText(/11月26日 10:00 前出结果/)).toBeTruthy();
  });
});

describe('案件 tab: chat evidence', () => {
  let ids = 0;
  let now = Date.parse('2026-11-20T10:00:00+08:00');
  const clock: Clock = { nowMs: () => now, newId: () => `id-${++ids}` };
  const chat = chatRequest({
    messages: [{ key: 'pinduoduo:8812345601:7', sender: 'buyer', timeMs: 1791434700000, text: '再送我两张券我就删差评 <img src=x onerror=alert(1)>', flag: 'extortion', inImage: true }],
  });

  it('lists a chat capture without a case under 未关联案件的聊天证据, then shows it in the case timeline once the review is captured', async () => {
    await recordChatCapture(db, chat, clock);
    render(<App db={db} actions={actions} />);
    const unlinked = await screen.findByTestId('unlinked-chat-evidence');
    expect(unlinked.textContent).toContain('未关联案件的聊天证据（1）');
    expect(within(unlinked).getByTestId('chat-seen').textContent).toContain('其中 1 条疑似差评要挟');
    expect(document.querySelector('img[src="x"]')).toBeNull();

    now += 60_000;
    await recordReviewCapture(db, reviewRequest({ text: '杯子是坏的，不给返现就差评', reviewedAt: '2026-10-12T14:33:20.000+08:00' }), clock);
    const card = await screen.findByTestId('case');
    await waitFor(() => expect(within(card).getAllByTestId('evidence').map((e) => e.getAttribute('data-kind'))).toEqual(['negotiation', 'review']));
    await waitFor(() => expect(screen.queryByTestId('unlinked-chat-evidence')).toBeNull());
    expect(within(card).getAllByTestId('evidence')[0]!.textContent).toContain('协商记录');
  });

  it('offers to export a chat capture no case holds yet, with no case at all and inside 导出全部', async () => {
    await recordChatCapture(db, chat, clock);
    render(<App db={db} actions={actions} />);
    const alone = await screen.findByRole('button', { name: '导出 1 份未关联案件的聊天证据' });
    expect((alone as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByTestId('storage-keep-a-copy')).toBeTruthy();

    now += 60_000;
    await recordReviewCapture(db, reviewRequest({ key: 'pinduoduo:other', orderSn: '261001-000000000000001', buyerNick: '别的买家' }), clock);
    expect(await screen.findByRole('button', { name: '导出全部 1 个案件及 1 份未关联案件的聊天证据' })).toBeTruthy();
  });
});
