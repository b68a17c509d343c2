/**
 * npm run demo — opens Chromium with the built extension on the demo seller consoles (served at their real URLs).
 * With a display: a normal browser window to click around in, until you close it.
 * Without one (or with CI set): the same walk-through runs headless and saves screenshots to .output/demo/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchWithExtension, REPO_ROOT } from './browser';
import { DEMO_INDEX_URL, installDemoConsoles, PDD_EVALUATION_URL } from './consoleRoutes';
import { PDD_CHAT_URL } from './consoleUrls';
import { evidenceFileBase64 } from './idb';
import { captureReview, clickCaptureChat, findReviewKey, openSidePanel, setDemoReminderDelay, waitForCaptureButtons, wholePageScreenshot } from './walkthrough';

const OUT = path.join(REPO_ROOT, '.output/demo');
const headless = !process.env['DISPLAY'] || !!process.env['CI'] || process.argv.includes('--headless');

const say = (line: string) => console.log(`差评卫士演示 › ${line}`);

async function interactive() {
  const session = await launchWithExtension({ headless: false });
  await installDemoConsoles(session.context);
  const panel = await openSidePanel(session.context, session.extensionId);
  await setDemoReminderDelay(panel, 15);
  const page = await session.context.newPage();
  await page.goto(DEMO_INDEX_URL);
  say('浏览器已打开：演示商家后台的目录页、评价管理页，以及侧边栏页面（标签页形式）。');
  say('在评价旁点「采集证据」，在聊天页点「采集聊天证据」，再到侧边栏查看案件；演示模式下「我已提交申诉」15 秒后就会提醒。');
  say('关闭浏览器窗口即结束演示。');
  await new Promise<void>((resolve) => session.context.on('close', () => resolve()));
}

async function walkthrough() {
  mkdirSync(OUT, { recursive: true });
  const shot = (name: string) => path.join(OUT, name);
  const session = await launchWithExtension({ headless: true });
  try {
    await installDemoConsoles(session.context);
    const page = await session.context.newPage();

    await page.goto(DEMO_INDEX_URL);
    await wholePageScreenshot(page, shot('01-demo-index.png'));
    say('打开演示目录页');

    await page.goto(`${PDD_EVALUATION_URL}?msfrom=mms_sidenav`);
    const count = await waitForCaptureButtons(page);
    await page.screenshot({ path: shot('02-review-page.png') });
    say(`拼多多评价管理：识别出 ${count} 条评价，每条都有「采集证据」按钮`);

    const picks = [
      { needle: '辣鸡', what: '辱骂客服的差评' },
      { needle: 'onerror', what: '含 HTML 代码的主观差评（安全测试）' },
    ];
    const keys: string[] = [];
    for (const pick of picks) {
      const key = await findReviewKey(page, pick.needle);
      const result = await captureReview(page, key);
      if (result.state !== 'saved') throw new Error(`采集失败：${result.detail}`);
      keys.push(key);
      say(`采集证据：${pick.what} → 已保存，SHA-256 ${result.sha256?.slice(0, 16)}…`);
    }
    await page.goto(`${PDD_EVALUATION_URL}?msfrom=mms_sidenav`);
    await waitForCaptureButtons(page);
    await captureReview(page, keys[0]!);
    await page.locator(`[data-rg-review="${keys[0]}"]`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('03-review-page-after-capture.png') });

    const stored = await evidenceFileBase64(session.serviceWorker, keys[0]!, 'original');
    // Named by what the bytes are (WebP or PNG, whichever the capture chose), unchanged: these are the hashed bytes.
    const evidenceFile = `evidence-review.${stored.mime.split('/')[1]}`;
    writeFileSync(shot(evidenceFile), Buffer.from(stored.base64, 'base64'));
    say(`证据原图（存入数据库的字节）：${evidenceFile}`);

    const chat = await session.context.newPage();
    await chat.goto(PDD_CHAT_URL);
    await chat.waitForFunction(() => document.querySelectorAll('[data-rg-flag="extortion"]').length > 0, undefined, { timeout: 15_000 });
    const chatCapture = await clickCaptureChat(chat);
    if (chatCapture.state !== 'saved') throw new Error(`聊天采集失败：${chatCapture.detail}`);
    await chat.screenshot({ path: shot('03b-chat-page.png') });
    say(`拼多多聊天：标出疑似差评要挟的买家消息；采集聊天证据 → ${chatCapture.detail}`);
    await chat.close();

    const panel = await openSidePanel(session.context, session.extensionId);
    await panel.locator('[data-testid="case"]').first().waitFor();
    await wholePageScreenshot(panel, shot('04-side-panel.png'));
    say('侧边栏：案件列表、分类依据、证据缩略图与申诉草稿');

    await setDemoReminderDelay(panel, 3);
    const card = panel.locator(`[data-case-key="${keys[0]}"]`);
    await card.getByTestId('appeal-submitted').click();
    await card.getByTestId('appeal-status').waitFor();
    say(`记录申诉：${(await card.getByTestId('appeal-status').textContent())?.trim()}`);
    const deadline = Date.now() + 20_000;
    let shown: string[] = [];
    while (Date.now() < deadline && shown.length === 0) {
      await panel.waitForTimeout(500);
      shown = Object.keys(await session.serviceWorker.evaluate(() => chrome.notifications.getAll()));
    }
    if (shown.length === 0) throw new Error('提醒通知没有出现');
    say('到期提醒：系统通知已弹出（演示模式 3 秒）');
    await wholePageScreenshot(panel, shot('05-side-panel-after-appeal.png'));
    say(`截图已保存到 ${path.relative(process.cwd(), OUT) || OUT}/`);
  } finally {
    await session.close();
  }
}

declare const chrome: { notifications: { getAll(): Promise<Record<string, boolean>> } };

(headless ? walkthrough() : interactive()).catch((error: unknown) => {
  console.error(`差评卫士演示失败：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
