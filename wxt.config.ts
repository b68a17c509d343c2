import { defineConfig } from 'wxt';

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: '差评卫士 ReviewGuard',
    description: '帮助电商卖家识别恶意差评、一键采集证据、起草申诉并按工作日提醒。所有数据只保存在本机。',
    // dom: chrome.dom.openOrClosedShadowRoot, for chat pages built inside closed shadow roots (Meituan).
    permissions: ['unlimitedStorage', 'alarms', 'notifications', 'sidePanel', 'dom'],
    action: { default_title: '差评卫士' },
    minimum_chrome_version: '116',
  },
});
