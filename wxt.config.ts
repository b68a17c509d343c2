import { defineConfig } from 'wxt';

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // RG_TEST_PIXEL=1 builds a test variant into .output/test-pixel/ (never shipped; see host_permissions below).
  // RG_PROFILE_BUILD=1 builds an unminified copy into .output/profile/ for bench/tools/profileDetection.ts.
  outDir: process.env.RG_TEST_PIXEL ? '.output/test-pixel' : process.env.RG_PROFILE_BUILD ? '.output/profile' : '.output',
  vite: () => ({
    define: { 'import.meta.env.RG_TEST_PIXEL': JSON.stringify(process.env.RG_TEST_PIXEL ?? '') },
    ...(process.env.RG_PROFILE_BUILD ? { build: { minify: false } } : {}),
  }),
  manifest: {
    name: '差评卫士 ReviewGuard',
    description: '帮助电商卖家识别恶意差评、一键采集证据、起草申诉并按工作日提醒。所有数据只保存在本机。',
    // dom: chrome.dom.openOrClosedShadowRoot, for chat pages built inside closed shadow roots (Meituan).
    // contextMenus + activeTab + the command: pixel-exact captures (tabs.captureVisibleTab needs activeTab, which only
    // a context-menu click or a keyboard shortcut grants).
    permissions: ['unlimitedStorage', 'alarms', 'notifications', 'sidePanel', 'contextMenus', 'activeTab', 'dom'],
    commands: {
      'capture-pixel-exact': { suggested_key: { default: 'Alt+Shift+E' }, description: '采集证据（像素级截图：鼠标所在的评价）' },
    },
    // Test builds only (RG_TEST_PIXEL=1): lets E2E call captureVisibleTab without a real context-menu click.
    ...(process.env.RG_TEST_PIXEL ? { host_permissions: ['<all_urls>'] } : {}),
    // Asked for one origin at a time, only when the seller sets a trusted-timestamp service (RFC 3161);
    // `<all_urls>` only when the seller clicks 允许像素级截图 in the side panel (captureVisibleTab accepts nothing
    // narrower besides activeTab; see lib/evidence/pixelPermission.ts), and revocable there.
    optional_host_permissions: ['https://*/*', 'http://*/*', '<all_urls>'],
    action: { default_title: '差评卫士' },
    minimum_chrome_version: '116',
  },
});
