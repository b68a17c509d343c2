import { launchWithExtension } from '/work/issue3/tests/harness/browser';
import { installChatRoutes, installTaobaoRoutes } from '/work/issue3/tests/harness/platformRoutes';
import { PDD_CHAT_URL, TAOBAO_CHAT_TOOL_URL, JD_DONGDONG_URL, MEITUAN_CHAT_URL, TAOBAO_REVIEW_URL } from '/work/issue3/tests/harness/consoleUrls';
const s = await launchWithExtension({ headless: true });
await installChatRoutes(s.context);
await installTaobaoRoutes(s.context);
const p = await s.context.newPage();
for (const url of [PDD_CHAT_URL, TAOBAO_CHAT_TOOL_URL, JD_DONGDONG_URL, MEITUAN_CHAT_URL, TAOBAO_REVIEW_URL]) {
  await p.goto(url);
  await p.waitForTimeout(4500);
  for (const f of p.frames()) console.log(url.slice(8, 40), f.url().slice(0, 60), await f.evaluate(() => { const r = document.documentElement; return ['data-rg-adapter','data-rg-chat-count','data-rg-flagged','data-rg-scopes','data-rg-net-count','data-rg-warnings','data-rg-found'].map((a) => r.getAttribute(a)).join(' | ') + ' :: ' + [...document.querySelectorAll('[data-rg-chat]')].map((e) => e.getAttribute('data-rg-sender')![0] + (e.getAttribute('data-rg-flag') ? '!' : '')).join(''); }));
  const fx = await p.evaluate(() => (window as any).__rgFixture?.chatKeys?.());
  if (fx) console.log(JSON.stringify(fx));
}
await p.screenshot({ path: '/tmp/last.png' });
await s.close();
