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
import { MEITUAN_CHAT_URL, PDD_CHAT_URL, TAOBAO_CHAT_TOOL_URL } from '../harness/consoleUrls';
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
  context: { notRendered: string[]; phraseBoxes: { label: string }[]; chatSeen: { messages: { text: string; flag: string | null; inImage: boolean }[]; scrollHeight: number; visibleHeight: number; omitted: string | null; orderSn: string | null; buyerNick: string | null } };
  captureManifest: string;
}

/** The record, plus an independent SHA-256 of the stored bytes and both images as base64 (computed in the worker). */
async function evidenceById(id: string): Promise<{ record: StoredChatEvidence; recomputed: string; original: string; annotated: string; redPixels: { original: number; annotated: number; pageMarksInOriginal: number } }> {
  const raw = await session.serviceWorker.evaluate(
    (evidenceId) =>
      new Promise<{ recomputed: string; original: string; annotated: string; redOriginal: number; redAnnotated: number }>((resolve, reject) => {
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
              let n = 0;
              let marks = 0;
              for (let i = 0; i < data.length; i += 4) {
                if (data[i]! > 245 && data[i + 1]! < 10 && data[i + 2]! < 10) n++;
                if (Math.abs(data[i]! - 224) < 6 && Math.abs(data[i + 1]! - 46) < 6 && Math.abs(data[i + 2]! - 36) < 6) marks++;
              }
              return n + marks * 1_000_000;
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
      original: raw.redOriginal % 1_000_000,
      annotated: raw.redAnnotated % 1_000_000,
      pageMarksInOriginal: Math.floor(raw.redOriginal / 1_000_000),
    },
  };
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

    const result = await clickCaptureChat(page);
    expect(result.state, result.detail).toBe('saved');
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
