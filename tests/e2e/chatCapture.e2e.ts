/**
 * 采集聊天证据 in real Chromium with the built extension: the whole chat thread (also the part scrolled out of view)
 * rendered and stored as evidence of kind negotiation, the 差评要挟 lines boxed, joined to the case of the same
 * order's review (captured afterwards), shown in the case timeline and exported; 千牛's iframe chat and 美团's chat
 * inside an about:blank iframe + closed shadow root.
 */
import { strFromU8, unzipSync } from 'fflate';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../harness/browser';
import { installPinduoduoRoutes, loadPinduoduoFixtureReviews, PDD_EVALUATION_URL } from '../harness/consoleRoutes';
import { JD_DONGDONG_URL, JD_KF_URL, MEITUAN_CHAT_URL, PDD_CHAT_URL, TAOBAO_CHAT_TOOL_URL } from '../harness/consoleUrls';
import { countColourInEvidence, evidenceFileBase64, readStore, sha256OfBytes } from '../harness/idb';
import { installChatRoutes } from '../harness/platformRoutes';
import { describeVerification, verifyEvidencePackage } from '../../lib/verify/verifyPackage';
import { captureReview, clickCaptureChat, openSidePanel, waitForCaptureButtons, wholePageScreenshot, type ChatCaptureResult } from '../harness/walkthrough';

const shots = path.resolve('.output/e2e-screenshots');
const ORDER = '261012-662259689903207'; // the order the PDD chat fixture's order card shows
let session: Awaited<ReturnType<typeof launchWithExtension>>;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  session = await launchWithExtension({ headless: true });
  await installChatRoutes(session.context);
  // The review list gets that order's review (the committed review fixture has no review for it).
  const reviews = await loadPinduoduoFixtureReviews();
  const template = reviews[1]!;
  reviews.unshift({
    ...template,
    reviewId: '5643328131486799999',
    orderSn: ORDER,
    goodsName: '陶瓷马克杯 带盖',
    comment: '杯子收到是坏的，商家不给返现，差评！',
    score: 1,
    descScore: 1,
    createTime: 1791435000,
    userName: '拼***友',
    reportStatus: 99,
    reportDesc: '未被举报',
  } as (typeof reviews)[number]);
  await installPinduoduoRoutes(session.context, { reviews });
});
afterAll(async () => {
  await session?.close();
});

interface StoredChatEvidence {
  id: string;
  kind: string;
  caseKey: string;
  sha256: string;
  width: number;
  height: number;
  mime: string;
  context: { notRendered: string[]; phraseBoxes: { x: number; y: number; width: number; height: number; label: string }[]; chatSeen: { messages: { text: string; flag: string | null; inImage: boolean }[]; scrollHeight: number; visibleHeight: number; omitted: string | null; orderSn: string | null; buyerNick: string | null } };
  captureManifest: string;
}

/**
 * The stored record and its red pixels, read in the worker; checks the record's SHA-256 against an independent one of
 * the stored bytes and saves both images as `name`-original / -annotated.
 */
async function loadChatEvidence(id: string, name: string): Promise<{ record: StoredChatEvidence; redPixels: { original: number; annotated: number; pageMarksInOriginal: number } }> {
  const sw = session.serviceWorker;
  const evidence = { id };
  const record = (await readStore(sw, 'evidence', id))[0] as unknown as StoredChatEvidence;
  expect(await sha256OfBytes(sw, evidence)).toBe(record.sha256);
  for (const which of ['original', 'annotated'] as const) {
    const file = await evidenceFileBase64(sw, evidence, which);
    writeFileSync(path.join(shots, `${name}-${which}.${file.mime.split('/')[1]}`), Buffer.from(file.base64, 'base64'));
  }
  // Pure red: our annotation boxes. #e02e24: the page highlight and label the scanner draws (not evidence).
  const pureRed = (file: 'original' | 'annotated') => countColourInEvidence(sw, evidence, [255, 0, 0], { file, tolerance: 10 });
  return {
    record,
    redPixels: {
      original: await pureRed('original'),
      annotated: await pureRed('annotated'),
      pageMarksInOriginal: await countColourInEvidence(sw, evidence, [224, 46, 36], { tolerance: 6 }),
    },
  };
}

/** 采集聊天证据 on the page (or frame), expected to be saved, and what it stored. */
async function captureChat(scope: Page | Frame, name: string): Promise<{ result: ChatCaptureResult; ev: Awaited<ReturnType<typeof loadChatEvidence>> }> {
  const result = await clickCaptureChat(scope);
  expect(result.state, result.detail).toBe('saved');
  return { result, ev: await loadChatEvidence(result.evidenceId!, name) };
}

/** Every phrase box sits inside a boxed 差评要挟 line (the seller's lines are never boxed). */
function phraseBoxesInsideFlaggedLines(boxes: readonly { x: number; y: number; width: number; height: number; label: string }[]): boolean {
  const lines = boxes.filter((b) => b.label === '疑似差评要挟');
  return boxes
    .filter((b) => b.label !== '疑似差评要挟')
    .every((b) => lines.some((l) => b.x >= l.x - 1 && b.y >= l.y - 1 && b.x + b.width <= l.x + l.width + 1 && b.y + b.height <= l.y + l.height + 1));
}

describe('拼多多 聊天工作台: 采集聊天证据', () => {
  it('captures the whole scrolling thread as negotiation evidence, boxes the threats, and joins the case of that order’s review', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 1280, height: 520 }); // the list scrolls: its content is taller than its box
    await page.goto(PDD_CHAT_URL);
    await page.waitForFunction(() => document.querySelectorAll('[data-rg-chat]').length >= 7, undefined, { timeout: 15_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-rg-flag="extortion"]').length === 2);
    const list = await page.evaluate(() => {
      const c = document.getElementById('msgListContainer')!;
      // Our own in-page labels are left out of the evidence: the image holds the page's content without them.
      const ours = [...c.querySelectorAll('[data-rg-ui]')].reduce((h, e) => h + e.getBoundingClientRect().height, 0);
      return { scrollHeight: c.scrollHeight, clientHeight: c.clientHeight, contentWithoutOurs: c.scrollHeight - ours };
    });
    expect(list.scrollHeight).toBeGreaterThan(list.clientHeight + 50);
    await page.screenshot({ path: path.join(shots, 'chat-capture-pdd-page.png') });
    const background = () => page.locator('[data-rg-action="capture-chat"]').evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(await background()).toBe('rgb(224, 46, 36)'); // the same red button as on review pages

    const { result, ev } = await captureChat(page, 'chat-capture-pdd');
    expect(await background()).toBe('rgb(56, 158, 13)'); // 已保存 in green
    expect(result.detail).toContain('暂无对应评价案件'); // the review is not captured yet: kept, not lost
    expect(result.linked).toBe('');
    expect(ev.record.kind).toBe('negotiation');
    expect(ev.record.caseKey).toBe(`chat:pinduoduo:${ORDER}`);
    expect(JSON.parse(ev.record.captureManifest).files[0].sha256).toBe(ev.record.sha256);
    const seen = ev.record.context.chatSeen;
    expect(seen.orderSn).toBe(ORDER);
    expect(seen.buyerNick).toBe('拼***友');
    expect(seen.messages).toHaveLength(7);
    expect(seen.messages.every((m) => m.inImage)).toBe(true);
    expect(seen.omitted).toBeNull();
    expect(seen.messages.filter((m) => m.flag === 'extortion').map((m) => m.text.slice(0, 8))).toEqual(['补发没用，给我返', '再送我两张券我就']);
    // The whole thread: the image is as tall as the list's content, not the visible box.
    expect(seen.scrollHeight).toBeGreaterThan(seen.visibleHeight + 50);
    const scale = ev.record.width / (await page.evaluate(() => document.getElementById('msgListContainer')!.getBoundingClientRect().width));
    expect(ev.record.height).toBeGreaterThanOrEqual(Math.floor((list.contentWithoutOurs - 8) * scale));
    expect(ev.record.height).toBeGreaterThan(list.clientHeight * scale + 50);
    // Both threats boxed in red on the annotated copy, none on the original; untrusted text stayed text.
    expect(ev.record.context.phraseBoxes.filter((b) => b.label === '疑似差评要挟')).toHaveLength(2);
    expect(phraseBoxesInsideFlaggedLines(ev.record.context.phraseBoxes)).toBe(true);
    expect(ev.redPixels.original).toBe(0);
    expect(ev.redPixels.pageMarksInOriginal).toBe(0); // our page highlight and 差评卫士 label are not in the evidence
    expect(ev.redPixels.annotated).toBeGreaterThan(200);
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);

    // Side panel: listed as 未关联案件的聊天证据 until the review is captured.
    const panel = await openSidePanel(session.context, session.extensionId);
    const unlinked = panel.getByTestId('unlinked-chat');
    await unlinked.first().waitFor({ timeout: 10_000 });
    expect(await unlinked.getAttribute('data-conversation-key')).toBe(`chat:pinduoduo:${ORDER}`);
    await wholePageScreenshot(panel, path.join(shots, 'chat-capture-unlinked-panel.png'));
    // With no case yet, the chat evidence can still be exported, and the package verifies with its stored hash.
    const download = panel.waitForEvent('download');
    await panel.getByRole('button', { name: '导出 1 份未关联案件的聊天证据' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/_0案1件\.zip$/);
    const zip = new Uint8Array(readFileSync((await file.path())!));
    const verified = await verifyEvidencePackage(zip);
    expect(verified.ok, describeVerification(verified).join('\n')).toBe(true);
    const manifest = JSON.parse(strFromU8(unzipSync(zip)['manifest.json']!)) as { files: { path: string; role: string; evidenceId: string | null }[] };
    const original = manifest.files.find((f) => f.evidenceId === result.evidenceId && f.role === 'original')!;
    const [stored] = await readStore(session.serviceWorker, 'evidence', result.evidenceId!);
    expect(verified.files.find((f) => f.path === original.path)?.actualSha256).toBe(stored!.sha256);

    // Now the review of the same order: the chat evidence joins its case; the timeline shows review + chat in time order.
    const reviews = await session.context.newPage();
    await reviews.goto(PDD_EVALUATION_URL);
    await waitForCaptureButtons(reviews);
    const captured = await captureReview(reviews, `pinduoduo:${ORDER}`);
    expect(captured.state, captured.detail).toBe('saved');
    const caseKey = `pinduoduo:${ORDER}`;
    await expect.poll(async () => (await readStore(session.serviceWorker, 'evidenceLinks')).map((l) => `${l.caseKey}|${l.evidenceId}`)).toEqual([`${caseKey}|${result.evidenceId}`]);
    await panel.reload();
    await panel.locator(`[data-case-key="${caseKey}"]`).waitFor();
    const timeline = panel.locator(`[data-case-key="${caseKey}"] [data-testid="evidence"]`);
    await expect.poll(() => timeline.count()).toBe(2);
    expect(await timeline.evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')))).toEqual(['negotiation', 'review']);
    expect(await panel.getByTestId('unlinked-chat').count()).toBe(0);
    expect(await panel.locator(`[data-case-key="${caseKey}"] [data-testid="chat-seen"]`).textContent()).toContain('2 条疑似差评要挟');
    await panel.locator(`[data-case-key="${caseKey}"]`).scrollIntoViewIfNeeded();
    await wholePageScreenshot(panel, path.join(shots, 'chat-capture-case-timeline.png'));

    // A second chat capture after the review exists joins the case at once.
    const again = await clickCaptureChat(page);
    expect(again.state, again.detail).toBe('saved');
    expect(again.linked).toBe(caseKey);
    expect(again.detail).toContain('已关联 1 个案件');
    await panel.close();
    await reviews.close();
    await page.close();
  });
});

describe('a thread taller than one image can hold', () => {
  it('keeps the most recent messages that fit under the canvas limit and says in the record what was left out', async () => {
    const page = await session.context.newPage();
    // 900 messages (about 40,000 px of list): served for this page only, same conversation and order.
    const base = Number('1791434417');
    const messages = Array.from({ length: 900 }, (_, i) => ({
      msg_id: String(1790000100000 + i),
      from: i % 3 === 1 ? { role: 'mall_cs', uid: 'cs_01' } : { role: 'user', uid: '8812345601' },
      type: 0,
      content: i === 899 ? '最后一条：不给返现我就给差评' : `第 ${i + 1} 条消息`,
      ts: String(base + i * 240),
    }));
    await page.route('https://mms.pinduoduo.com/plateau/chat/list', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ success: true, result: { conversation: { uid: '8812345601', nick: '拼***友', orderSn: ORDER }, messages } }),
      }),
    );
    await page.goto(PDD_CHAT_URL);
    await page.waitForFunction(() => document.querySelectorAll('[data-rg-chat]').length >= 900, undefined, { timeout: 30_000 });
    const listHeight = await page.evaluate(() => document.getElementById('msgListContainer')!.scrollHeight);
    expect(listHeight).toBeGreaterThan(16_384);
    const { result, ev } = await captureChat(page, 'chat-capture-giant');
    expect(result.detail).toContain('聊天记录过长');
    expect(ev.record.height).toBeLessThanOrEqual(16_384);
    expect(ev.record.height).toBeGreaterThan(10_000);
    const seen = ev.record.context.chatSeen;
    expect(seen.messages).toHaveLength(900); // every message's text is in the record
    const inImage = seen.messages.filter((m) => m.inImage);
    expect(inImage.length).toBeGreaterThan(100);
    expect(inImage.length).toBeLessThan(900);
    expect(seen.messages.at(-1)!.inImage).toBe(true); // the newest ones are kept
    expect(seen.messages[0]!.inImage).toBe(false);
    expect(seen.omitted).toMatch(new RegExp(`截图只含最近 ${inImage.length} 条消息，较早的 ${900 - inImage.length} 条`));
    expect(ev.record.context.notRendered.join('；')).toContain('聊天记录过长');
    expect(ev.record.context.phraseBoxes.filter((b) => b.label === '疑似差评要挟')).toHaveLength(1);
    await page.close();
  });
});

describe('千牛 聊天记录 (iframe): 采集聊天证据', () => {
  it('captures the thread inside the market.m.taobao.com iframe', async () => {
    const page = await session.context.newPage();
    await page.goto(TAOBAO_CHAT_TOOL_URL);
    await expect.poll(() => page.frames().some((f) => f.url().startsWith('https://market.m.taobao.com/'))).toBe(true);
    const frame = page.frames().find((f) => f.url().startsWith('https://market.m.taobao.com/'))!;
    await frame.waitForFunction(() => document.querySelectorAll('[data-rg-chat]').length >= 6, undefined, { timeout: 15_000 });
    const { ev } = await captureChat(frame, 'chat-capture-taobao');
    expect(ev.record.kind).toBe('negotiation');
    expect(ev.record.caseKey).toBe('chat:taobao:4502224694062011130');
    expect(ev.record.context.chatSeen.messages).toHaveLength(6);
    expect(ev.record.context.phraseBoxes.filter((b) => b.label === '疑似差评要挟')).toHaveLength(1);
    expect(ev.redPixels.annotated).toBeGreaterThan(100);
    await page.screenshot({ path: path.join(shots, 'chat-capture-taobao-page.png') });
    await page.close();
  });
});

describe('京东: 咚咚 and the 京麦 chat-log drawer', () => {
  it('captures the 咚咚 thread and the whole fixed-position drawer (expanded past the viewport)', async () => {
    const page = await session.context.newPage();
    await page.goto(JD_DONGDONG_URL);
    await page.waitForFunction(() => document.querySelectorAll('[data-rg-chat]').length >= 6, undefined, { timeout: 15_000 });
    const { ev: dd } = await captureChat(page, 'chat-capture-jd-dongdong');
    expect(dd.record.context.chatSeen.messages).toHaveLength(6);
    expect(dd.record.context.chatSeen.buyerNick).toBe('jd_buyer_熊**'); // the control in the header is not read as the buyer
    expect(dd.record.context.phraseBoxes.filter((b) => b.label === '疑似差评要挟')).toHaveLength(1);

    await page.setViewportSize({ width: 1280, height: 360 }); // the drawer (top:0; bottom:0) scrolls
    await page.goto(JD_KF_URL);
    await page.click('a.card');
    await page.click('button[data-i="0"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-rg-chat]').length >= 5, undefined, { timeout: 15_000 });
    const drawer = await page.evaluate(() => {
      const d = document.querySelector('.chat-log-drawer')!;
      return { scrollHeight: d.scrollHeight, clientHeight: d.clientHeight };
    });
    expect(drawer.scrollHeight).toBeGreaterThan(drawer.clientHeight);
    const { ev } = await captureChat(page, 'chat-capture-jd-chatlog');
    expect(ev.record.context.chatSeen.messages).toHaveLength(5);
    expect(ev.record.context.chatSeen.messages.every((m) => m.inImage)).toBe(true);
    expect(ev.record.height).toBeGreaterThan(drawer.clientHeight + 20);
    expect(ev.record.context.phraseBoxes.filter((b) => b.label === '疑似差评要挟')).toHaveLength(1);
    expect(ev.record.context.phraseBoxes.length).toBeGreaterThan(1); // the deciding phrases too
    expect(phraseBoxesInsideFlaggedLines(ev.record.context.phraseBoxes)).toBe(true);
    await page.close();
  });
});

describe('经营宝 IM (about:blank iframe + closed shadow root): 采集聊天证据', () => {
  it('renders the chat from inside the closed shadow root', async () => {
    const page = await session.context.newPage();
    await page.goto(MEITUAN_CHAT_URL);
    type Fx = {
      __rgFixture: {
        count(): number;
        flagged(): number;
        captureControls(): number;
        captureState(): { state: string; detail: string; sha256: string | null } | null;
        clickCapture(): void;
      };
    };
    await expect.poll(() => page.evaluate(() => (window as unknown as Fx).__rgFixture?.flagged() ?? 0), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => page.evaluate(() => (window as unknown as Fx).__rgFixture.captureControls())).toBe(1);
    await page.evaluate(() => (window as unknown as Fx).__rgFixture.clickCapture());
    await expect
      .poll(() => page.evaluate(() => (window as unknown as Fx).__rgFixture.captureState()?.state), { timeout: 30_000 })
      .toMatch(/saved|error/);
    const state = (await page.evaluate(() => (window as unknown as Fx).__rgFixture.captureState()))!;
    expect(state.state, state.detail).toBe('saved');
    const stored = (await readStore(session.serviceWorker, 'evidence')).find((e) => e.sha256 === state.sha256)!;
    const ev = await loadChatEvidence(stored.id as string, 'chat-capture-meituan');
    expect(ev.record.context.chatSeen.messages).toHaveLength(7);
    expect(ev.record.context.phraseBoxes.filter((b) => b.label === '疑似差评要挟')).toHaveLength(2);
    expect(ev.record.height).toBeGreaterThan(200);
    await page.screenshot({ path: path.join(shots, 'chat-capture-meituan-page.png') });
    await page.close();
  });
});
