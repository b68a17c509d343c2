// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/App';
import type { CaseActions } from '../../components/CaseActions';
import { classifyReview } from '../../lib/classify';
import { ReviewGuardDatabase } from '../../lib/db/database';
import type { CaseRecord, CaseState } from '../../lib/schemas';
import { panelActions } from './panelFixtures';

const KEY = 'pinduoduo:261012-662259689903207';

function caseIn(state: CaseState, history: CaseRecord['history'] = []): CaseRecord {
  const text = '不给我返现20元我就一直给差评';
  return {
    key: KEY,
    platform: 'pinduoduo',
    review: { key: KEY, platform: 'pinduoduo', text, stars: 1, reviewedAt: '2026-10-12T14:33:20.000+08:00', orderSn: '261012-662259689903207', buyerNick: '阿***', goodsName: '保温杯', pictureCount: 0, sellerReply: null, missing: [] },
    pageUrl: 'https://mms.pinduoduo.com/goods/evaluation/index',
    classification: classifyReview({ text, rating: 1 }),
    state,
    history: history.length ? history : [{ at: '2026-11-20T10:00:00.000+08:00', atMs: 1, state, note: '' }],
    appeal: null,
    createdAtMs: 1,
    updatedAtMs: 1,
  };
}

let db: ReviewGuardDatabase;
let actions: CaseActions;
beforeEach(() => {
  db = new ReviewGuardDatabase(`test-${Math.random()}`);
  actions = panelActions();
});
afterEach(async () => {
  cleanup();
  await db.delete();
});

describe('case workflow in the side panel', () => {
  it('offers only the steps that make sense from 已申诉 and records the outcome with the seller’s note', async () => {
    await db.cases.put(caseIn('已申诉'));
    actions.transition = vi.fn(async () => ({ state: '申诉驳回' as const, reminderIds: [] }));
    render(<App db={db} actions={actions} />);
    const flow = await screen.findByTestId('workflow');
    const buttons = within(flow).getAllByRole('button').map((b) => b.textContent);
    expect(buttons).toEqual(['平台要求补充材料', '申诉成功', '申诉被驳回']);
    fireEvent.change(within(flow).getByTestId('workflow-note'), { target: { value: '证据不足' } });
    await act(async () => fireEvent.click(within(flow).getByTestId('to-申诉驳回')));
    expect(actions.transition).toHaveBeenCalledWith(KEY, '申诉驳回', { note: '证据不足', materialDueAtMs: null });
    expect(within(flow).getByTestId('workflow-message').textContent).toBe('已记录：申诉驳回');
  });

  it('shows a refusal with its reason', async () => {
    await db.cases.put(caseIn('已申诉'));
    actions.transition = vi.fn(async () => Promise.reject(new Error('案件当前为「申诉成功」，不能直接变为「申诉驳回」')));
    render(<App db={db} actions={actions} />);
    const flow = await screen.findByTestId('workflow');
    await act(async () => fireEvent.click(within(flow).getByTestId('to-申诉驳回')));
    expect(within(flow).getByRole('alert').textContent).toContain('不能直接变为「申诉驳回」');
  });

  it('asks for the material deadline before recording 待补充材料, then sends it as Shanghai time', async () => {
    await db.cases.put(caseIn('已申诉'));
    actions.transition = vi.fn(async () => ({ state: '待补充材料' as const, reminderIds: ['r'] }));
    render(<App db={db} actions={actions} />);
    const flow = await screen.findByTestId('workflow');
    await act(async () => fireEvent.click(within(flow).getByTestId('to-待补充材料')));
    expect(actions.transition).not.toHaveBeenCalled();
    expect(within(flow).getByRole('alert').textContent).toContain('截止时间');
    fireEvent.change(within(flow).getByTestId('material-due'), { target: { value: '2026-11-23T18:00' } });
    await act(async () => fireEvent.click(within(flow).getByTestId('to-待补充材料')));
    expect(actions.transition).toHaveBeenCalledWith(KEY, '待补充材料', { note: undefined, materialDueAtMs: Date.parse('2026-11-23T18:00:00+08:00') });
  });

  it('after a rejection shows a calm public reply without the buyer’s data, and the other routes', async () => {
    await db.cases.put(caseIn('申诉驳回', [
      { at: '', atMs: 1, state: '已申诉', note: '' },
      { at: '', atMs: 2, state: '申诉驳回', note: '证据不足' },
    ]));
    render(<App db={db} actions={actions} />);
    const after = await screen.findByTestId('after-rejection');
    const reply = (within(after).getByTestId('merchant-reply-text') as HTMLTextAreaElement).value;
    expect(reply).toContain('不以返现');
    expect(reply).not.toContain('阿***');
    expect(within(after).getByTestId('tone-ok')).toBeTruthy();
    fireEvent.click(within(after).getByTestId('after-second'));
    expect((within(after).getByTestId('second-appeal-text') as HTMLTextAreaElement).value).toContain('平台反馈：“证据不足”');
    fireEvent.click(within(after).getByTestId('after-legal'));
    expect(within(after).getByTestId('police-route').textContent).toContain('报案');
  });

  it('the appeal draft shows the tone check of the seller’s edits', async () => {
    await db.cases.put(caseIn('取证中'));
    render(<App db={db} actions={actions} />);
    const text = (await screen.findByTestId('appeal-text')) as HTMLTextAreaElement;
    fireEvent.change(text, { target: { value: `${text.value}这个骗子太过分了！！` } });
    const findings = await screen.findByTestId('tone-findings');
    expect(findings.textContent).toContain('攻击性称呼“骗子”');
    expect(findings.textContent).toContain('连续 2 个感叹号');
  });

  it('the buyer message guard names the words before anything is copied', async () => {
    await db.cases.put(caseIn('协商中'));
    render(<App db={db} actions={actions} />);
    const panel = await screen.findByTestId('buyer-message');
    fireEvent.change(within(panel).getByTestId('buyer-message-text'), { target: { value: '删掉差评给你返现20元，加我微信' } });
    const warnings = within(panel).getByTestId('guard-warnings').textContent ?? '';
    expect(warnings).toContain('以利益换评价');
    expect(warnings).toContain('“微信”');
  });
});

describe('other tabs', () => {
  it('the 提醒 tab lists an overdue appeal with the advice, and opens its case', async () => {
    await db.cases.put({
      ...caseIn('已申诉'),
      appeal: { submittedAt: '', submittedAtMs: 0, processingDays: 4, expectedDecisionAt: '', expectedDecisionAtMs: Date.now() - 60_000, warnings: [] },
    });
    render(<App db={db} actions={actions} initialView="reminders" />);
    const item = await screen.findByTestId('due-item');
    expect(item.textContent).toContain('已超时');
    expect(item.textContent).toContain('商家客服热线');
    fireEvent.click(within(item).getByText('打开案件'));
    expect((await screen.findByTestId('case')).className).toContain('rg-focused');
  });

  it('the watch-list adds a buyer from a case and lists them with the linked case', async () => {
    await db.cases.put(caseIn('取证中'));
    render(<App db={db} actions={actions} />);
    fireEvent.click(await screen.findByTestId('watchlist-add'));
    fireEvent.change(screen.getByTestId('watchlist-reason'), { target: { value: '以差评索要返现' } });
    await act(async () => fireEvent.click(screen.getByTestId('watchlist-save')));
    await screen.findByTestId('watchlisted');
    fireEvent.click(screen.getByTestId('tab-watchlist'));
    const entry = await screen.findByTestId('wl-entry');
    expect(entry.textContent).toContain('阿***');
    expect(entry.textContent).toContain('关联 1 个案件');
    expect(screen.getByTestId('shipping-checklist').textContent).toContain('打包全程录像');
  });

  it('settings show each platform’s processing time as 经验值，未核实 with its source, and save edits', async () => {
    render(<App db={db} actions={actions} initialView="settings" />);
    const row = await screen.findByTestId('processing-taobao');
    expect(row.textContent).toContain('经验值，未核实');
    expect(row.textContent).toContain('资深卖家');
    const [min, max] = within(row).getAllByRole('spinbutton') as HTMLInputElement[];
    expect([min!.value, max!.value]).toEqual(['1', '3']);
    fireEvent.change(max!, { target: { value: '2' } });
    await act(async () => fireEvent.click(within(row).getByText('保存并标为已核实')));
    await waitFor(async () => expect((await db.settings.get('processingTimes'))?.value).toMatchObject({ taobao: { maxDays: 2, verified: true } }));
    await waitFor(() => expect(screen.getByTestId('processing-taobao').textContent).toContain('已核实'));
  });

  it('statistics draw charts from the cases', async () => {
    await db.cases.put(caseIn('申诉成功', [
      { at: '', atMs: Date.parse('2026-11-16T10:00:00+08:00'), state: '已申诉', note: '' },
      { at: '', atMs: Date.parse('2026-11-18T10:00:00+08:00'), state: '申诉成功', note: '' },
    ]));
    render(<App db={db} actions={actions} initialView="stats" />);
    expect((await screen.findByTestId('success-rate')).textContent).toContain('100%');
    expect(screen.getByTestId('chart-decision-time').textContent).toContain('2 天');
    expect(screen.getByTestId('chart-platform').querySelectorAll('rect').length).toBe(4);
  });
});
