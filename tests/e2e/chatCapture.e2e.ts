/**
 * 采集聊天证据 in real Chromium with the built extension: the whole chat thread (also the part scrolled out of view)
 * rendered and stored as evidence of kind negotiation, the 差评要挟 lines boxed, joined to the case of the same
 * order's review (captured afterwards), shown in the case timeline and exported; 千牛's iframe chat and 美团's chat
 * inside an about:blank iframe + closed shadow root.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../harness/browser';
import { installPinduoduoRoutes, loadPinduoduoFixtureReviews, PDD_EVALUATION_URL } from '../harness/consoleRoutes';
import { JD_DONGDONG_URL, JD_KF_URL, MEITUAN_CHAT_URL, PDD_CHAT_URL, TAOBAO_CHAT_TOOL_URL } from '../harness/consoleUrls';
import { readStore } from '../harness/idb';
import { installChatRoutes } from '../harness/platformRoutes';
import { captureReview, openSidePanel, waitForCaptureButtons } from '../harness/walkthrough';

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

/** The record, plus an independent SHA-256 of the stored bytes and both images as base64 (computed in the worker). */
async function evidenceById(id: string): Promise<{ record: StoredChatEvidence; recomputed: string; original: string; annotated: string; redPixels: { original: number; annotated: number; pageMarksInOriginal: number } }> {
  const raw = await session.serviceWorker.evaluate(
    (evidenceId) =>
      new Promise<{ recomputed: string; original: string; annotated: string; redOriginal: { boxes: number; marks: number }; redAnnotated: { boxes: number; marks: number } }>((resolve, reject) => {
        const open = indexedDB.open('reviewguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('evidence').objectStore('evidence').get(evidenceId);
          request.onsuccess = async () => {
            const row = request.result as { bytes: Uint8Array<ArrayBuffer>; mime: string; annotated: { bytes: Uint8Array<ArrayBuffer>; mime: string } } | undefined;
            if (!row) return reject(new Error('no evidence'));
            const hex = (d: ArrayBuffer) => Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join('');
            const b64 = (bytes: Uint8Array) => {
              let s = '';
              for (const b of bytes) s += String.fromCharCode(b);
              return btoa(s);
            };
            const red = async (bytes: Uint8Array<ArrayBuffer>, mime: string) => {
              const bitmap = await createImageBitmap(new Blob([bytes], { type: mime }));
              const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
              const ctx = canvas.getContext('2d')!;
              ctx.drawImage(bitmap, 0, 0);
              const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
              // Pure red: our annotation boxes. #e02e24: the page highlight and label the scanner draws (not evidence).
              let boxes = 0;
              let marks = 0;
              for (let i = 0; i < data.length; i += 4) {
                if (data[i]! > 245 && data[i + 1]! < 10 && data[i + 2]! < 10) boxes++;
                if (Math.abs(data[i]! - 224) < 6 && Math.abs(data[i + 1]! - 46) < 6 && Math.abs(data[i + 2]! - 36) < 6) marks++;
              }
              return { boxes, marks };
            };
            // The original as PNG for looking at (it may be stored as lossless WebP).
            const bitmap = await createImageBitmap(new Blob([row.bytes], { type: row.mime }));
            const png = new OffscreenCanvas(bitmap.width, bitmap.height);
            png.getContext('2d')!.drawImage(bitmap, 0, 0);
            resolve({
              recomputed: hex(await crypto.subtle.digest('SHA-256', row.bytes)),
              original: b64(new Uint8Array(await (await png.convertToBlob({ type: 'image/png' })).arrayBuffer())),
              annotated: b64(row.annotated.bytes),
              redOriginal: await red(row.bytes, row.mime),
              redAnnotated: await red(row.annotated.bytes, row.annotated.mime),
            });
          };
        };
      }),
    id,
  );
  const record = (await readStore(session.serviceWorker, 'evidence')).find((e) => e.id === id) as unknown as StoredChatEvidence;
  return { record, recomputed: raw.recomputed, original: raw.original, annotated: raw.annotated, redPixels: {
      original: raw.redOriginal.boxes,
      annotated: raw.redAnnotated.boxes,
      pageMarksInOriginal: raw.redOriginal.marks,
    },
  };
}

/** Every phrase box sits inside a boxed 差评要挟 line (the seller's lines are never boxed). */
function phraseBoxesInsideFlaggedLines(boxes: readonly { x: number; y: number; width: number; height: number; label: string }[]): boolean {
  const lines = boxes.filter((b) => b.label === '疑似差评要挟');
  return boxes
    .filter((b) => b.label !== '疑似差评要挟')
    .every((b) => lines.some((l) => b.x >= l.x - 1 && b.y >= l.y - 1 && b.x + b.width <= l.x + l.width + 1 && b.y + b.height <= l.y + l.height + 1));
}

function saveImages(name: string, ev: { original: string; annotated: string }): void {
  writeFileSync(path.join(shots, `${name}-original.png`), Buffer.from(ev.original, 'base64'));
  writeFileSync(path.join(shots, `${name}-annotated.png`), Buffer.from(ev.annotated, 'base64'));
}

async function clickCaptureChat(scope: Page | Frame): Promise<{ state: string; detail: string; evidenceId: string | null; linked: string }> {
  const button = scope.locator('[data-rg-action="capture-chat"]');
  await button.waitFor({ timeout: 15_000 });
  expect(await button.count()).toBe(1);
  const before = await button.getAttribute('data-rg-evidence');
  if (!before) expect((await button.textContent())?.trim()).toBe('采集聊天证据');
  await button.click();
  await scope.waitForFunction(
    (previous) => {
      const b = document.querySelector('[data-rg-action="capture-chat"]');
      const state = b?.getAttribute('data-rg-state') ?? '';
      return state === 'error' || (state === 'saved' && b?.getAttribute('data-rg-evidence') !== previous);
    },
    before,
    { timeout: 30_000 },
  );
  return {
    state: (await button.getAttribute('data-rg-state')) ?? '',
    detail: (await scope.locator('[data-rg-ui="chat-capture"] [data-rg-status]').textContent()) ?? '',
    evidenceId: await button.getAttribute('data-rg-evidence'),
    linked: (await button.getAttribute('data-rg-linked')) ?? '',
  };
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

    const result = await clickCaptureChat(page);
    expect(result.state, result.detail).toBe('saved');
    expect(await background()).toBe('rgb(56, 158, 13)'); // 已保存 in green
    expect(result.detail).toContain('暂无对应评价案件'); // the review is not captured yet: kept, not lost
    expect(result.linked).toBe('');
    const ev = await evidenceById(result.evidenceId!);
    saveImages('chat-capture-pdd', ev);
    expect(ev.record.kind).toBe('negotiation');
    expect(ev.record.caseKey).toBe(`chat:pinduoduo:${ORDER}`);
    expect(ev.recomputed).toBe(ev.record.sha256);
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
    await panel.screenshot({ path: path.join(shots, 'chat-capture-unlinked-panel.png'), fullPage: true });

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
    await panel.screenshot({ path: path.join(shots, 'chat-capture-case-timeline.png'), fullPage: true });

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
    const result = await clickCaptureChat(page);
    expect(result.state, result.detail).toBe('saved');
    expect(result.detail).toContain('聊天记录过长');
    const ev = await evidenceById(result.evidenceId!);
    saveImages('chat-capture-giant', ev);
    expect(ev.recomputed).toBe(ev.record.sha256);
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
    const result = await clickCaptureChat(frame);
    expect(result.state, result.detail).toBe('saved');
    const ev = await evidenceById(result.evidenceId!);
    saveImages('chat-capture-taobao', ev);
    expect(ev.record.kind).toBe('negotiation');
    expect(ev.recomputed).toBe(ev.record.sha256);
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
    const dongdong = await clickCaptureChat(page);
    expect(dongdong.state, dongdong.detail).toBe('saved');
    const dd = await evidenceById(dongdong.evidenceId!);
    saveImages('chat-capture-jd-dongdong', dd);
    expect(dd.recomputed).toBe(dd.record.sha256);
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
    const log = await clickCaptureChat(page);
    expect(log.state, log.detail).toBe('saved');
    const ev = await evidenceById(log.evidenceId!);
    saveImages('chat-capture-jd-chatlog', ev);
    expect(ev.recomputed).toBe(ev.record.sha256);
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
    const ev = await evidenceById(stored.id as string);
    saveImages('chat-capture-meituan', ev);
    expect(ev.recomputed).toBe(ev.record.sha256);
    expect(ev.record.context.chatSeen.messages).toHaveLength(7);
    expect(ev.record.context.phraseBoxes.filter((b) => b.label === '疑似差评要挟')).toHaveLength(2);
    expect(ev.record.height).toBeGreaterThan(200);
    await page.screenshot({ path: path.join(shots, 'chat-capture-meituan-page.png') });
    await page.close();
  });
});
