import { recordReviewCapture } from '../../lib/cases/recordCapture';
import type { ReviewGuardDatabase } from '../../lib/db/database';
import { createCaptureThrottle, serialized } from '../../lib/evidence/captureThrottle';
import { pixelExactCapture, type PixelMode } from '../../lib/evidence/pixelCapture';
import { inPagePixelCapture, type PermissionsPort } from '../../lib/evidence/pixelPermission';
import { registerMessageHandlers, type RuntimePort } from '../../lib/messaging/channel';
import { CONSOLE_MATCH_PATTERNS } from '../../lib/platforms';

const MENU_ID = 'rg-capture-pixel-exact';
const VIEWPORT_MENU_ID = 'rg-capture-viewport';
const PAGE_MENU_ID = 'rg-capture-page';
const MODE_OF_MENU: Record<string, PixelMode> = { [MENU_ID]: 'element', [VIEWPORT_MENU_ID]: 'viewport', [PAGE_MENU_ID]: 'page' };
const COMMAND = 'capture-pixel-exact';

export function setupPixelCapture(db: ReviewGuardDatabase): void {
  // One queue for the whole browser: the 2-per-second limit is per extension.
  let nextWindowId: number | undefined;
  const throttled = createCaptureThrottle(() => browser.tabs.captureVisibleTab(nextWindowId as number, { format: 'png' }));

  const run = serialized(async (
    tab: { id?: number; windowId?: number } | undefined,
    frameId: number | undefined,
    trigger: 'context-menu' | 'shortcut' | 'test' | 'button',
    mode: PixelMode = 'element',
    reviewKey?: string,
  ) => {
    if (tab?.id === undefined || tab.windowId === undefined) return null;
    const tabId = tab.id;
    const windowId = tab.windowId;
    return pixelExactCapture(
      {
        sendToTab: (message) => browser.tabs.sendMessage(tabId, message, frameId === undefined ? undefined : { frameId }),
        captureVisibleTab: () => {
          nextWindowId = windowId;
          return throttled();
        },
        record: (request) => recordReviewCapture(db, request),
        nowMs: () => Date.now(),
      },
      trigger,
      mode,
      reviewKey,
    );
  });

  // The in-page 采集证据 button: pixel-exact when the seller granted the optional permission in the side panel.
  registerMessageHandlers(browser.runtime as unknown as RuntimePort, {
    'capture-pixel': async ({ reviewKey }, sender) => {
      const { tab, frameId } = (sender ?? {}) as { tab?: { id?: number; windowId?: number }; frameId?: number };
      return inPagePixelCapture({
        permissions: browser.permissions as unknown as PermissionsPort,
        frameId,
        capture: async () => {
          const saved = await run(tab, frameId, 'button', 'element', reviewKey);
          if (!saved) throw new Error('找不到发出请求的标签页');
          return saved;
        },
      });
    },
  });

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create(
      { id: MENU_ID, title: '采集证据（像素级截图）', contexts: ['all'], documentUrlPatterns: CONSOLE_MATCH_PATTERNS },
      () => void browser.runtime.lastError, // already exists after an update: fine
    );
    browser.contextMenus.create(
      { id: VIEWPORT_MENU_ID, title: '采集证据（整屏截图，含页面上下文）', contexts: ['all'], documentUrlPatterns: CONSOLE_MATCH_PATTERNS },
      () => void browser.runtime.lastError,
    );
    browser.contextMenus.create(
      { id: PAGE_MENU_ID, title: '采集证据（整页截图，自上而下滚动拼接）', contexts: ['all'], documentUrlPatterns: CONSOLE_MATCH_PATTERNS },
      () => void browser.runtime.lastError,
    );
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    const mode = MODE_OF_MENU[String(info.menuItemId)];
    if (!mode) return;
    run(tab, info.frameId, 'context-menu', mode).catch((error: unknown) => console.warn('[差评卫士] 像素级截图失败', error));
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== COMMAND) return;
    run(tab, 0, 'shortcut').catch((error: unknown) => console.warn('[差评卫士] 像素级截图失败', error));
  });
  if (import.meta.env.RG_TEST_PIXEL) {
    // Test builds only: the E2E calls the same path a context-menu click takes.
    (globalThis as Record<string, unknown>).rgPixelCapture = async (tabId: number, mode: PixelMode = 'element') =>
      run(await browser.tabs.get(tabId), 0, 'test', mode);
  }
}
