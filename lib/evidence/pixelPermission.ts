/**
 * The optional permission that lets the in-page 采集证据 button take a pixel-exact capture (tabs.captureVisibleTab)
 * without the context menu or the shortcut.
 *
 * Chrome allows captureVisibleTab only with `<all_urls>` or activeTab: host access to the seller consoles alone is
 * refused ("Either the '<all_urls>' or 'activeTab' permission is required", checked in Chromium 156 with
 * `host_permissions: ["https://mms.pinduoduo.com/*"]`). So the permission asked for is `<all_urls>`, declared in
 * optional_host_permissions and requested only from the seller's click in the side panel; it is used only on the
 * seller-console pages (CONSOLE_MATCH_PATTERNS, the only pages our content script runs on), and it can be revoked.
 */
import { CONSOLE_MATCH_PATTERNS } from '../platforms';
import type { MessageResponse } from '../schemas';

export const PIXEL_CAPTURE_PERMISSION = { origins: ['<all_urls>'] };

/** The seller-console hosts where the permission is used (for the explanation in the side panel). */
export function consoleHosts(patterns: readonly string[] = CONSOLE_MATCH_PATTERNS): string[] {
  const hosts = patterns.map((p) => /^[a-z*]+:\/\/([^/]+)\//.exec(p)?.[1]).filter((h): h is string => !!h);
  return [...new Set(hosts)];
}

type Permissions = { origins?: string[]; permissions?: string[] };

/** The part of `browser.permissions` used here (tests pass a fake). */
export interface PermissionsPort {
  contains(p: Permissions): Promise<boolean>;
  request(p: Permissions): Promise<boolean>;
  remove(p: Permissions): Promise<boolean>;
  onAdded?: { addListener(cb: (p: Permissions) => void): void; removeListener(cb: (p: Permissions) => void): void };
  onRemoved?: { addListener(cb: (p: Permissions) => void): void; removeListener(cb: (p: Permissions) => void): void };
}

export type PixelPermissionState =
  | { status: 'checking' }
  | { status: 'granted'; message: string | null }
  | { status: 'not-granted'; message: string | null }
  | { status: 'requesting' }
  | { status: 'revoking' };

export type PixelPermissionEvent =
  | { type: 'checked'; granted: boolean }
  | { type: 'request' }
  | { type: 'requested'; granted: boolean; error?: string }
  | { type: 'revoke' }
  | { type: 'revoked'; removed: boolean; error?: string }
  /** Granted or removed elsewhere (chrome://extensions, another panel): follow it. */
  | { type: 'changed'; granted: boolean };

export function pixelPermissionReducer(state: PixelPermissionState, event: PixelPermissionEvent): PixelPermissionState {
  switch (event.type) {
    case 'checked':
    case 'changed':
      return event.granted ? { status: 'granted', message: null } : { status: 'not-granted', message: null };
    case 'request':
      return state.status === 'not-granted' ? { status: 'requesting' } : state;
    case 'requested':
      if (event.granted) return { status: 'granted', message: '已允许：页面上的「采集证据」按钮现在直接截取屏幕所见画面。' };
      return {
        status: 'not-granted',
        message: event.error ? `无法申请权限：${event.error}` : '浏览器未授予权限，「采集证据」按钮继续使用渲染截图。',
      };
    case 'revoke':
      return state.status === 'granted' ? { status: 'revoking' } : state;
    case 'revoked':
      if (event.removed) return { status: 'not-granted', message: '已撤销：「采集证据」按钮改用渲染截图（html2canvas）。' };
      return { status: 'granted', message: event.error ? `撤销失败：${event.error}` : '撤销失败，权限仍然有效（可在浏览器的扩展管理页撤销）。' };
  }
}

/** What the side panel shows for a state: the sentence, the button, and what the button does. */
export function pixelPermissionView(state: PixelPermissionState): { summary: string; button: string | null; action: 'request' | 'revoke' | null; busy: boolean } {
  switch (state.status) {
    case 'checking':
      return { summary: '正在检查权限…', button: null, action: null, busy: true };
    case 'requesting':
      return { summary: '请在浏览器弹出的窗口中选择“允许”。', button: null, action: null, busy: true };
    case 'revoking':
      return { summary: '正在撤销…', button: null, action: null, busy: true };
    case 'granted':
      return {
        summary: '✓ 已允许像素级截图：点页面上的「采集证据」会用浏览器自带的截屏功能截取屏幕上所见的像素，并按评价裁切。',
        button: '撤销像素级截图权限',
        action: 'revoke',
        busy: false,
      };
    case 'not-granted':
      return {
        summary:
          '未允许：页面上的「采集证据」按钮使用渲染截图（html2canvas，按页面结构重画）。右键菜单「采集证据（像素级截图）」与快捷键 Alt+Shift+E 不需要此权限。',
        button: '允许像素级截图（逐像素采集所见画面）',
        action: 'request',
        busy: false,
      };
  }
}

export async function hasPixelPermission(permissions: Pick<PermissionsPort, 'contains'>): Promise<boolean> {
  try {
    return await permissions.contains(PIXEL_CAPTURE_PERMISSION);
  } catch {
    return false;
  }
}

type CaptureSaved = Extract<MessageResponse<'capture-pixel'>, { method: 'pixel' }>['saved'];

/**
 * The background's answer to the in-page button: a pixel-exact capture when the permission is granted and the review
 * is in the tab's top frame (the screenshot's coordinates are the top frame's), else the reason; the content script
 * then renders with html2canvas and says why.
 */
export async function inPagePixelCapture(options: {
  permissions: Pick<PermissionsPort, 'contains'>;
  frameId: number | undefined;
  capture: () => Promise<CaptureSaved>;
}): Promise<MessageResponse<'capture-pixel'>> {
  if (!(await hasPixelPermission(options.permissions)))
    return { method: 'unavailable', reason: '未开启像素级截图，可在侧边栏「设置」中允许' };
  if (options.frameId !== 0) return { method: 'unavailable', reason: '该评价在内嵌框架（iframe）中，按钮暂不支持像素级截图（可用右键菜单）' };
  try {
    const { caseKey, evidenceId, sha256, size, state } = await options.capture();
    return { method: 'pixel', saved: { caseKey, evidenceId, sha256, size, state } };
  } catch (error) {
    return { method: 'unavailable', reason: `像素级截图失败：${error instanceof Error ? error.message : String(error)}` };
  }
}
