// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupSetting } from '../../components/BackupSetting';
import type { CaseActions } from '../../components/CaseActions';
import { recordReviewCapture } from '../../lib/cases/recordCapture';
import { ReviewGuardDatabase } from '../../lib/db/database';
import { reviewRequest } from './captureRequests';
import { panelActions } from './panelFixtures';

let source: ReviewGuardDatabase;
let target: ReviewGuardDatabase;
let actions: CaseActions;
beforeEach(() => {
  source = new ReviewGuardDatabase(`bs-src-${Math.random()}`);
  target = new ReviewGuardDatabase(`bs-dst-${Math.random()}`);
  actions = panelActions();
});
afterEach(async () => {
  cleanup();
  await source.delete();
  await target.delete();
});

const fileOf = (name: string, bytes: Uint8Array) => {
  const file = new File([bytes.slice().buffer as ArrayBuffer], name, { type: 'application/zip' });
  // jsdom's File has no arrayBuffer(); the browser's does.
  if (!('arrayBuffer' in file)) Object.defineProperty(file, 'arrayBuffer', { value: async () => bytes.slice().buffer });
  return file;
};

describe('设置 › 备份与恢复', () => {
  it('exports the whole database to a file, and restoring that file elsewhere brings the case back and says what it added', async () => {
    await recordReviewCapture(source, reviewRequest());
    const saved: { name: string; bytes: Uint8Array }[] = [];
    render(<BackupSetting db={source} actions={actions} save={(name, bytes) => saved.push({ name, bytes })} />);
    fireEvent.click(screen.getByTestId('backup-create'));
    await waitFor(() => expect(screen.getByTestId('backup-status').textContent).toContain('案件 1 个、证据 1 份'));
    expect(screen.getByTestId('backup-status').textContent).toContain('未打码');
    expect(saved[0]!.name).toMatch(/^差评卫士完整备份_.*_1案1件\.zip$/);
    cleanup();

    render(<BackupSetting db={target} actions={actions} />);
    fireEvent.change(screen.getByTestId('backup-restore'), { target: { files: [fileOf(saved[0]!.name, saved[0]!.bytes)] } });
    await waitFor(() => expect(screen.getByTestId('backup-status').textContent).toContain('新增 案件 1 条、证据 1 条'));
    expect(screen.getByTestId('backup-status').className).toBe('rg-ok');
    expect(await target.cases.count()).toBe(1);
    expect(actions.backupRestored).toHaveBeenCalledOnce();
  });

  it('shows why a file was refused, and writes nothing', async () => {
    render(<BackupSetting db={target} actions={actions} />);
    fireEvent.change(screen.getByTestId('backup-restore'), { target: { files: [fileOf('照片.zip', new TextEncoder().encode('not a zip'))] } });
    await waitFor(() => expect(screen.getByTestId('backup-status').textContent).toContain('不是完整的 ZIP'));
    expect(screen.getByTestId('backup-status').className).toBe('rg-error');
    expect(await target.cases.count()).toBe(0);
    expect(actions.backupRestored).not.toHaveBeenCalled();
  });
});
