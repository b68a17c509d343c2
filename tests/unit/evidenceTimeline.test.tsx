// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EvidenceStrip } from '../../components/EvidenceStrip';
import { ExportButton } from '../../components/ExportButton';
import { OperatorSetting } from '../../components/OperatorSetting';
import { recordReviewCapture } from '../../lib/cases/recordCapture';
import { ReviewGuardDatabase } from '../../lib/db/database';
import { setSetting } from '../../lib/db/settings';
import type { EvidenceRecord } from '../../lib/schemas';
import { verifyEvidencePackage } from '../../lib/verify/verifyPackage';
import { captureContext, ORDER, reviewRequest } from './captureRequests';

const KEY = `pinduoduo:${ORDER}`;
const request = () => reviewRequest({ text: '垃圾店家 sb', reviewedAt: null, buyerNick: '阿***', goodsName: null });

let db: ReviewGuardDatabase;
beforeEach(() => {
  db = new ReviewGuardDatabase(`test-${Math.random()}`);
  globalThis.URL.createObjectURL ??= () => 'blob:test';
  globalThis.URL.revokeObjectURL ??= () => {};
});
afterEach(async () => {
  cleanup();
  await db.delete();
});

const capture = (ms: number) => recordReviewCapture(db, request(), { nowMs: () => ms, newId: () => `e-${ms}` });

describe('evidence timeline in the case card', () => {
  it('lists captures oldest first with time, kind and hash', async () => {
    await capture(Date.parse('2026-03-05T21:20:00+08:00'));
    await capture(Date.parse('2026-03-05T21:14:00+08:00'));
    const items = (await db.evidence.orderBy('capturedAtMs').toArray()) as EvidenceRecord[];
    render(<EvidenceStrip items={items} db={db} />);
    const rows = screen.getAllByTestId('evidence');
    expect(rows.map((r) => r.querySelector('time')?.textContent)).toEqual(['3月5日 21:14', '3月5日 21:20']);
    expect(rows[0]!.textContent).toContain('证据1 · 评价截图');
    expect(rows[0]!.textContent).toContain(`SHA-256 ${items[0]!.sha256.slice(0, 12)}`);
  });

  it('says whether the page\'s own data was recorded with each capture', async () => {
    const base = request();
    const context = captureContext();
    await recordReviewCapture(
      db,
      {
        ...base,
        context: {
          ...context,
          pageJson: {
            endpoint: 'https://mms.pinduoduo.com/saturn/reviews/list',
            transport: 'xhr',
            observedAtMs: 1,
            matchedBy: { field: 'orderSn', value: ORDER },
            bytes: 31,
            item: { orderSn: ORDER },
          },
        },
      },
      { nowMs: () => 1_000, newId: () => 'e-1' },
    );
    await recordReviewCapture(db, { ...base, context: { ...context, pageJson: null, pageJsonNote: '没有观察到' } }, { nowMs: () => 2_000, newId: () => 'e-2' });
    const items = (await db.evidence.orderBy('capturedAtMs').toArray()) as EvidenceRecord[];
    render(<EvidenceStrip items={items} db={db} />);
    expect(screen.getAllByTestId('page-json').map((p) => p.textContent)).toEqual([
      '页面自身数据：已记录（订单号 261012-662259689903207，31 字节）',
      '页面自身数据：未记录（没有观察到）',
    ]);
  });

  it('deleting asks for a reason and leaves an audit entry; there is no way to edit', async () => {
    await capture(Date.parse('2026-03-05T21:14:00+08:00'));
    const items = await db.evidence.toArray();
    render(<EvidenceStrip items={items} db={db} />);
    expect(screen.queryByText(/编辑|修改/)).toBeNull();
    fireEvent.click(screen.getByTestId('evidence-delete'));
    const confirm = screen.getByTestId('evidence-delete-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('evidence-delete-why'), { target: { value: '截到了别的评价' } });
    await act(async () => fireEvent.click(confirm));
    await waitFor(async () => expect(await db.evidence.count()).toBe(0));
    const log = await db.audit.orderBy('atMs').toArray();
    expect(log.map((e) => [e.action, e.why, e.who])).toEqual([
      ['capture', '', '店主'],
      ['delete-evidence', '截到了别的评价', '店主'],
    ]);
  });
});

describe('operator name', () => {
  it('is what the audit log records as who', async () => {
    render(<OperatorSetting db={db} />);
    await screen.findByText('操作人：店主');
    fireEvent.change(screen.getByTestId('operator-name'), { target: { value: '客服小王' } });
    fireEvent.click(screen.getByTestId('operator-save'));
    // The save is an IndexedDB write: wait for what the seller sees, so no update lands after the test.
    await screen.findByText('已保存：之后的操作日志记为此人');
    await screen.findByText('操作人：客服小王');
    await capture(Date.parse('2026-03-05T21:14:00+08:00'));
    expect((await db.audit.toArray())[0]!.who).toBe('客服小王');
  });
});

describe('export button', () => {
  it('saves a ZIP that verifies, logs the export, and honours the masking switch', async () => {
    await capture(Date.parse('2026-03-05T21:14:00+08:00'));
    await setSetting(db, 'privacyMaskingOnExport', false);
    const save = vi.fn();
    render(<ExportButton db={db} caseKeys={[KEY]} deps={{ save, maskImage: async (i) => i }} />);
    await act(async () => fireEvent.click(screen.getByTestId('export')));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    const [fileName, zip] = save.mock.calls[0] as [string, Uint8Array];
    expect(fileName).toMatch(/^差评卫士证据包_.*\.zip$/);
    expect((await verifyEvidencePackage(zip)).ok).toBe(true);
    expect(within(document.body).getByTestId('export-status').textContent).toContain('已导出');
    expect((await db.audit.where('action').equals('export').toArray())[0]!.detail).toContain('未打码');
  });

  it('says so when a case has no evidence yet', async () => {
    await capture(1);
    await db.evidence.clear();
    render(<ExportButton db={db} caseKeys={[KEY]} deps={{ save: vi.fn(), maskImage: async (i) => i }} />);
    await act(async () => fireEvent.click(screen.getByTestId('export')));
    expect((await screen.findByTestId('export-status')).textContent).toContain('还没有证据');
  });
});
