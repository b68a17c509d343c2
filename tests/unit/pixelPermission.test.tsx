// @vitest-environment jsdom
/** The optional 像素级截图 permission: side-panel state logic and control, and the background's answer to the button. */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PixelPermissionSetting } from '../../components/PixelPermissionSetting';
import {
  PIXEL_CAPTURE_PERMISSION,
  consoleHosts,
  inPagePixelCapture,
  pixelPermissionReducer,
  pixelPermissionView,
  type PermissionsPort,
  type PixelPermissionState,
} from '../../lib/evidence/pixelPermission';

afterEach(cleanup);

/** A fake browser.permissions: `answer` decides what the next prompt returns. */
function fakePermissions(granted = false) {
  const listeners = { added: new Set<() => void>(), removed: new Set<() => void>() };
  const port = {
    granted,
    answer: true as boolean | Error,
    contains: vi.fn(async () => port.granted),
    request: vi.fn(async () => {
      if (port.answer instanceof Error) throw port.answer;
      port.granted = port.answer;
      return port.answer;
    }),
    remove: vi.fn(async () => {
      port.granted = false;
      return true;
    }),
    onAdded: { addListener: (cb: () => void) => listeners.added.add(cb), removeListener: (cb: () => void) => listeners.removed.delete(cb) },
    onRemoved: { addListener: (cb: () => void) => listeners.removed.add(cb), removeListener: (cb: () => void) => listeners.removed.delete(cb) },
    fireRemoved() {
      port.granted = false;
      for (const cb of listeners.removed) cb();
    },
  };
  return port;
}

describe('permission state logic', () => {
  const notGranted: PixelPermissionState = { status: 'not-granted', message: null };
  it('request → granted or refused; revoke → not granted; changes elsewhere are followed', () => {
    const asking = pixelPermissionReducer(notGranted, { type: 'request' });
    expect(asking.status).toBe('requesting');
    expect(pixelPermissionReducer(asking, { type: 'requested', granted: true })).toMatchObject({ status: 'granted' });
    expect(pixelPermissionReducer(asking, { type: 'requested', granted: false })).toEqual({
      status: 'not-granted',
      message: '浏览器未授予权限，「采集证据」按钮继续使用渲染截图。',
    });
    expect(pixelPermissionReducer(asking, { type: 'requested', granted: false, error: 'boom' })).toMatchObject({ message: '无法申请权限：boom' });
    const granted = pixelPermissionReducer(notGranted, { type: 'changed', granted: true });
    expect(pixelPermissionReducer(granted, { type: 'revoke' }).status).toBe('revoking');
    expect(pixelPermissionReducer({ status: 'revoking' }, { type: 'revoked', removed: true })).toMatchObject({ status: 'not-granted' });
    expect(pixelPermissionReducer({ status: 'revoking' }, { type: 'revoked', removed: false })).toMatchObject({ status: 'granted' });
    // A second click while the prompt is open does nothing.
    expect(pixelPermissionReducer({ status: 'requesting' }, { type: 'request' })).toEqual({ status: 'requesting' });
    expect(pixelPermissionReducer(notGranted, { type: 'revoke' })).toBe(notGranted);
  });

  it('each state says what the button does and how captures are made', () => {
    expect(pixelPermissionView(notGranted)).toMatchObject({ button: '允许像素级截图（逐像素采集所见画面）', action: 'request' });
    expect(pixelPermissionView(notGranted).summary).toContain('渲染截图（html2canvas');
    expect(pixelPermissionView({ status: 'granted', message: null })).toMatchObject({ button: '撤销像素级截图权限', action: 'revoke' });
    expect(pixelPermissionView({ status: 'requesting' })).toMatchObject({ button: null, busy: true });
  });

  it('the permission is <all_urls> (captureVisibleTab refuses console origins alone); used on the consoles it names', () => {
    expect(PIXEL_CAPTURE_PERMISSION).toEqual({ origins: ['<all_urls>'] });
    expect(consoleHosts()).toEqual(expect.arrayContaining(['mms.pinduoduo.com', 'myseller.taobao.com', 'ecom.meituan.com']));
  });
});

describe('side panel control', () => {
  it('asks from the click itself, shows granted, and revokes', async () => {
    const port = fakePermissions(false);
    render(<PixelPermissionSetting permissions={port as unknown as PermissionsPort} />);
    const button = await screen.findByTestId('pixel-permission-button');
    expect(button.textContent).toBe('允许像素级截图（逐像素采集所见画面）');
    fireEvent.click(button);
    // Called synchronously inside the click (a user gesture), with the permission the capture needs.
    expect(port.request).toHaveBeenCalledWith(PIXEL_CAPTURE_PERMISSION);
    await waitFor(() => expect(screen.getByTestId('pixel-permission').getAttribute('data-status')).toBe('granted'));
    expect(screen.getByTestId('pixel-permission-summary').textContent).toContain('已允许像素级截图');
    fireEvent.click(screen.getByTestId('pixel-permission-button'));
    expect(port.remove).toHaveBeenCalledWith(PIXEL_CAPTURE_PERMISSION);
    await waitFor(() => expect(screen.getByTestId('pixel-permission').getAttribute('data-status')).toBe('not-granted'));
    expect(screen.getByTestId('pixel-permission-message').textContent).toContain('已撤销');
  });

  it('a refused prompt says so; a permission removed elsewhere is followed', async () => {
    const port = fakePermissions(false);
    port.answer = false;
    render(<PixelPermissionSetting permissions={port as unknown as PermissionsPort} />);
    fireEvent.click(await screen.findByTestId('pixel-permission-button'));
    await waitFor(() => expect(screen.getByTestId('pixel-permission-message').textContent).toContain('浏览器未授予权限'));
    cleanup();

    const granted = fakePermissions(true);
    render(<PixelPermissionSetting permissions={granted as unknown as PermissionsPort} />);
    await waitFor(() => expect(screen.getByTestId('pixel-permission').getAttribute('data-status')).toBe('granted'));
    await act(async () => granted.fireRemoved());
    await waitFor(() => expect(screen.getByTestId('pixel-permission').getAttribute('data-status')).toBe('not-granted'));
  });
});

describe('the in-page button asks the background', () => {
  const saved = { caseKey: 'k', evidenceId: 'e', sha256: 'a'.repeat(64), size: 1, state: '取证中' as const, timings: {} };
  it('pixel-exact when granted and in the top frame', async () => {
    const capture = vi.fn(async () => saved);
    const result = await inPagePixelCapture({ permissions: fakePermissions(true), frameId: 0, capture });
    expect(result).toEqual({ method: 'pixel', saved: { caseKey: 'k', evidenceId: 'e', sha256: 'a'.repeat(64), size: 1, state: '取证中' } });
  });

  it('not granted, a sub-frame, or a failed shot: no pixel capture, and the reason', async () => {
    const capture = vi.fn(async () => saved);
    expect(await inPagePixelCapture({ permissions: fakePermissions(false), frameId: 0, capture })).toEqual({
      method: 'unavailable',
      reason: '未开启像素级截图，可在侧边栏「设置」中允许',
    });
    expect(capture).not.toHaveBeenCalled();
    expect(await inPagePixelCapture({ permissions: fakePermissions(true), frameId: 7, capture })).toMatchObject({ method: 'unavailable', reason: expect.stringContaining('iframe') });
    expect(capture).not.toHaveBeenCalled();
    const failing = vi.fn(async () => Promise.reject(new Error('窗口已最小化')));
    expect(await inPagePixelCapture({ permissions: fakePermissions(true), frameId: 0, capture: failing })).toEqual({
      method: 'unavailable',
      reason: '像素级截图失败：窗口已最小化',
    });
    const broken = { contains: async () => Promise.reject(new Error('no permissions API')) };
    expect((await inPagePixelCapture({ permissions: broken, frameId: 0, capture })).method).toBe('unavailable');
  });
});
