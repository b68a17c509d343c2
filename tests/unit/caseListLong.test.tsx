// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../components/App';
import type { CaseActions } from '../../components/CaseActions';
import { NO_QUERY, caseGroupOf, filterCases, groupCounts, platformsOf } from '../../lib/cases/caseFilter';
import { evidenceCountsByCase } from '../../lib/cases/chatEvidence';
import { classifyReview } from '../../lib/classify';
import type { ReviewGuardDatabase } from '../../lib/db/database';
import { EvidenceLink, type CaseRecord, type CaseState, type EvidenceRecord, type PlatformId } from '../../lib/schemas';
import { closePanelTest, evidenceRecord, openPanelTest } from './panelFixtures';

const TEXTS = ['不给我返现20元我就一直给差评', '什么垃圾店铺，sb客服', '杯子有点小，颜色和图片不太一样', '还没收到货，先差评'];

/** Case i: newest first by updatedAtMs; every fifth on 淘宝, every fourth closed. */
function caseNo(i: number, over: Partial<CaseRecord> = {}): CaseRecord {
  const platform: PlatformId = i % 5 === 4 ? 'taobao' : 'pinduoduo';
  const orderSn = `261${String(i).padStart(3, '0')}-${String(100000000000000 + i)}`;
  const key = `${platform}:${orderSn}`;
  const text = TEXTS[i % TEXTS.length]!;
  const state: CaseState = i % 4 === 3 ? '已结案' : '取证中';
  return {
    key,
    platform,
    review: { key, platform, text, stars: 1, reviewedAt: null, orderSn, buyerNick: `买家${i}号`, goodsName: '保温杯', pictureCount: 0, sellerReply: null, missing: [] },
    pageUrl: 'https://mms.pinduoduo.com/goods/evaluation/index',
    classification: classifyReview({ text, rating: 1 }),
    state,
    history: [{ at: '2026-11-20T10:00:00.000+08:00', atMs: 1, state, note: '' }],
    appeal: null,
    createdAtMs: 1,
    updatedAtMs: 1_000_000 - i,
    ...over,
  };
}

const evidence = (id: string, caseKey: string, kind: EvidenceRecord['kind'] = 'review') => evidenceRecord(caseKey, { id, kind });

describe('finding a case (pure)', () => {
  const cases = Array.from({ length: 20 }, (_, i) => caseNo(i));

  it('matches every word against order number, buyer, text, goods, category and state; full-width digits and case fold', () => {
    expect(filterCases(cases, { ...NO_QUERY, text: '261007' }).map((c) => c.review.buyerNick)).toEqual(['买家7号']);
    expect(filterCases(cases, { ...NO_QUERY, text: '２６１００７' })).toHaveLength(1); // typed with a Chinese IME
    expect(filterCases(cases, { ...NO_QUERY, text: 'SB 客服' }).length).toBe(5);
    expect(filterCases(cases, { ...NO_QUERY, text: '返现 买家4号' }).map((c) => c.review.buyerNick)).toEqual(['买家4号']);
    expect(filterCases(cases, { ...NO_QUERY, text: '差评要挟' }).every((c) => c.classification.category === 'extortion')).toBe(true);
    expect(filterCases(cases, { ...NO_QUERY, text: '   ' })).toHaveLength(20);
    expect(filterCases(cases, { ...NO_QUERY, text: '不存在的订单' })).toEqual([]);
  });

  it('groups 申诉成功 and 已结案 as closed, everything else as open, and counts per platform', () => {
    expect(caseGroupOf('申诉成功')).toBe('closed');
    expect(caseGroupOf('申诉驳回')).toBe('open');
    expect(caseGroupOf('待补充材料')).toBe('open');
    expect(groupCounts(cases, 'all')).toEqual({ all: 20, open: 15, closed: 5 });
    expect(groupCounts(cases, 'taobao')).toEqual({ all: 4, open: 3, closed: 1 });
    expect(filterCases(cases, { text: '', group: 'closed', platform: 'taobao' }).map((c) => c.review.buyerNick)).toEqual(['买家19号']);
    expect(platformsOf(cases)).toEqual(['pinduoduo', 'taobao']);
  });
});

let db: ReviewGuardDatabase;
let actions: CaseActions;

beforeEach(() => ({ db, actions } = openPanelTest()));
afterEach(() => closePanelTest(db));

describe('a long case list', () => {
  it('counts each case’s own and linked evidence from keys only', async () => {
    await db.cases.bulkPut([caseNo(0), caseNo(1)]);
    await db.evidence.bulkPut([evidence('a', caseNo(0).key), evidence('b', caseNo(0).key), evidence('chat', caseNo(1).key, 'negotiation')]);
    const link = (caseKey: string, evidenceId: string) => EvidenceLink.parse({ id: `${caseKey}|${evidenceId}`, caseKey, evidenceId, by: 'orderSn', linkedAtMs: 1 });
    // The chat capture is case 1's own and linked to case 0 too; a link to deleted evidence counts for nothing.
    await db.evidenceLinks.bulkPut([link(caseNo(0).key, 'chat'), link(caseNo(1).key, 'chat'), link(caseNo(1).key, 'gone')]);
    const counts = await evidenceCountsByCase(db);
    expect(Object.fromEntries(counts)).toEqual({ [caseNo(0).key]: 3, [caseNo(1).key]: 1 });
  });

  it('opens the three newest cases in full and shows the rest one line each; a line opens, 收起 folds', async () => {
    await db.cases.bulkPut(Array.from({ length: 8 }, (_, i) => caseNo(i)));
    await db.evidence.bulkPut([evidence('e5a', caseNo(5).key), evidence('e5b', caseNo(5).key)]);
    render(<App db={db} actions={actions} />);
    await waitFor(() => expect(screen.getAllByTestId('case')).toHaveLength(3));
    expect(screen.getAllByTestId('case').map((c) => c.getAttribute('data-case-key'))).toEqual([0, 1, 2].map((i) => caseNo(i).key));
    const summaries = screen.getAllByTestId('case-summary');
    expect(summaries).toHaveLength(5);
    const fifth = summaries.find((s) => s.getAttribute('data-case-key') === caseNo(5).key)!;
    await waitFor(() => expect(fifth.textContent).toContain('证据 2 份'));
    expect(fifth.textContent).toContain('买家5号');
    expect(screen.getByTestId('case-count').textContent).toBe('8 个案件');

    fireEvent.click(within(fifth).getByRole('button'));
    await waitFor(() => expect(screen.getAllByTestId('case')).toHaveLength(4));
    const opened = screen.getAllByTestId('case').find((c) => c.getAttribute('data-case-key') === caseNo(5).key)!;
    fireEvent.click(within(opened).getByTestId('case-collapse'));
    await waitFor(() => expect(screen.getAllByTestId('case')).toHaveLength(3));
  });

  it('nothing the seller is reading folds by itself: an updated case moving up leaves the open ones open; a new capture opens', async () => {
    await db.cases.bulkPut(Array.from({ length: 8 }, (_, i) => caseNo(i)));
    render(<App db={db} actions={actions} />);
    const openKeys = () => screen.getAllByTestId('case').map((c) => c.getAttribute('data-case-key'));
    await waitFor(() => expect(openKeys()).toEqual([0, 1, 2].map((i) => caseNo(i).key)));
    await db.cases.update(caseNo(6).key, { updatedAtMs: 2_000_000 }); // e.g. its report state seen on the page
    await waitFor(() => expect(screen.getAllByTestId('case-summary')[0]!.getAttribute('data-case-key')).toBe(caseNo(6).key));
    expect(openKeys()).toEqual([0, 1, 2].map((i) => caseNo(i).key));
    await db.cases.put(caseNo(8, { updatedAtMs: 3_000_000 }));
    await waitFor(() => expect(openKeys()).toEqual([8, 0, 1, 2].map((i) => caseNo(i).key)));
    // Older cases arriving (a restore) open none; the case list's own clock plays no part (captures carry the page's).
    await db.cases.bulkPut(Array.from({ length: 5 }, (_, i) => caseNo(20 + i)));
    await waitFor(() => expect(screen.getAllByTestId('case-summary')).toHaveLength(10));
    expect(openKeys()).toEqual([8, 0, 1, 2].map((i) => caseNo(i).key));
  });

  it('a search opens what it finds; the chips filter by 进行中 / 已结案 and platform; nothing found says so', async () => {
    await db.cases.bulkPut(Array.from({ length: 12 }, (_, i) => caseNo(i)));
    render(<App db={db} actions={actions} />);
    await waitFor(() => expect(screen.getAllByTestId('case-summary')).toHaveLength(9));
    fireEvent.change(screen.getByTestId('case-search'), { target: { value: '261010' } });
    await waitFor(() => expect(screen.getAllByTestId('case').map((c) => c.getAttribute('data-case-key'))).toEqual([caseNo(10).key]));
    expect(screen.queryAllByTestId('case-summary')).toHaveLength(0);
    expect(screen.getByTestId('case-count').textContent).toBe('找到 1 个案件（共 12 个）');

    fireEvent.change(screen.getByTestId('case-search'), { target: { value: '' } });
    expect(screen.getByTestId('case-group-closed').textContent).toBe('已结案 3');
    fireEvent.click(screen.getByTestId('case-group-closed'));
    await waitFor(() => expect(screen.getAllByTestId('case-state').map((s) => s.textContent)).toEqual(['已结案', '已结案', '已结案']));
    expect(screen.getByTestId('case-group-closed').getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(screen.getByTestId('case-group-all'));
    fireEvent.change(screen.getByTestId('case-platform'), { target: { value: 'taobao' } });
    await waitFor(() => expect(screen.getByTestId('case-count').textContent).toBe('找到 2 个案件（共 12 个）'));

    fireEvent.change(screen.getByTestId('case-search'), { target: { value: '没有这个订单' } });
    await waitFor(() => expect(screen.getByTestId('case-none').textContent).toContain('没有符合条件的案件'));
    fireEvent.click(within(screen.getByTestId('case-none')).getByRole('button', { name: '清除筛选' }));
    await waitFor(() => expect(screen.getByTestId('case-count').textContent).toBe('12 个案件'));
  });

  it('shows 50 lines, then 显示更多; a case opened from the page is shown open even past the limit or hidden by a filter', async () => {
    await db.cases.bulkPut(Array.from({ length: 120 }, (_, i) => caseNo(i)));
    const { unmount } = render(<App db={db} actions={actions} />);
    await waitFor(() => expect(screen.getAllByTestId('case-summary')).toHaveLength(47));
    fireEvent.click(screen.getByTestId('case-more'));
    await waitFor(() => expect(screen.getAllByTestId('case-summary')).toHaveLength(97));
    expect(screen.getByTestId('case-more').textContent).toBe('显示更多（还有 20 个）');
    unmount();

    render(<App db={db} actions={actions} focusCaseKey={caseNo(110).key} />);
    await waitFor(() => expect(screen.getAllByTestId('case').map((c) => c.getAttribute('data-case-key'))).toContain(caseNo(110).key));
    expect(screen.getAllByTestId('case').find((c) => c.getAttribute('data-case-key') === caseNo(110).key)!.className).toContain('rg-focused');
  });
});
