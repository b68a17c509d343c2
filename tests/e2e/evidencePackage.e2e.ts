/**
 * Evidence that holds up, in real Chromium with the built extension: a capture stores the original, an annotated
 * copy with the deciding phrases boxed in red, and a capture manifest; the side panel exports the case as a ZIP;
 * `npm run verify` and the 校验 tab pass it, and name the file when one byte of the ZIP is changed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../harness/browser';
import { installPinduoduoRoutes } from '../harness/consoleRoutes';
import { captureReview, findReviewKey, openSidePanel, wholePageScreenshot } from '../harness/walkthrough';
import { readStore } from '../harness/idb';

const REVIEW_PAGE = 'https://mms.pinduoduo.com/goods/evaluation/index?msfrom=mms_sidenav';
const out = path.resolve('.output/e2e-evidence');

let session: Awaited<ReturnType<typeof launchWithExtension>>;
let page: Page;
let key: string;
let zipPath: string;
let tamperedPath: string;
let tamperedFile: string;

interface StoredEvidence {
  sha256: string;
  mime: string;
  annotated: { sha256: string };
  annotatedMasked: { sha256: string };
  context: { phraseBoxes: unknown[]; timeZone: string; extensionVersion: string; formats: { mime: string; lossless: boolean; bytes: number }[]; notRendered: string[] };
  captureManifest: string;
}

/** Writes a stored image of the review's evidence to disk (to look at) and counts pure-red pixels in it. */
async function exportStoredImage(sw: Worker, reviewKey: string, which: 'bytes' | 'annotated' | 'annotatedMasked') {
  return sw.evaluate(
    ([k, field]) =>
      new Promise<{ base64: string; red: number; width: number; height: number }>((resolve, reject) => {
        const open = indexedDB.open('reviewguard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('evidence').objectStore('evidence').index('reviewKey').getAll(k);
          request.onsuccess = async () => {
            type Img = { bytes: Uint8Array<ArrayBuffer>; mime: string };
            const row = (request.result as Record<string, unknown>[])[0] as Img & { annotated: Img; annotatedMasked: Img };
            const img = field === 'bytes' ? { bytes: row.bytes, mime: row.mime } : row[field];
            const bitmap = await createImageBitmap(new Blob([img.bytes], { type: img.mime }));
            const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
            const ctx = canvas.getContext('2d')!;
            ctx.drawImage(bitmap, 0, 0);
            const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
            let red = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i]! > 240 && data[i + 1]! < 20 && data[i + 2]! < 20) red++;
            let binary = '';
            for (const b of img.bytes) binary += String.fromCharCode(b);
            resolve({ base64: btoa(binary), red, width: bitmap.width, height: bitmap.height });
          };
        };
      }),
    [reviewKey, which] as const,
  );
}

function runVerify(file: string) {
  const result = spawnSync('npx', ['tsx', 'lib/cli/verify.ts', file], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Offset of a stored (uncompressed) entry's data in the ZIP, from its local header. */
function dataOffsetOf(zip: Buffer, name: string): { offset: number; size: number } {
  const wanted = Buffer.from(name, 'utf8');
  for (let i = 0; i < zip.length - 30; i++) {
    if (zip.readUInt32LE(i) !== 0x04034b50) continue;
    const n = zip.readUInt16LE(i + 26);
    if (n === wanted.length && zip.subarray(i + 30, i + 30 + n).equals(wanted))
      return { offset: i + 30 + n + zip.readUInt16LE(i + 28), size: zip.readUInt32LE(i + 18) };
  }
  throw new Error(`${name} not in zip`);
}

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  session = await launchWithExtension({ headless: true });
  await installPinduoduoRoutes(session.context);
  page = await session.context.newPage();
  await page.goto(REVIEW_PAGE);
});

afterAll(async () => {
  await session?.close();
});

describe('evidence capture, export and verification', () => {
  it('a capture keeps the original, an annotated copy with red boxes, and a capture manifest with the context', async () => {
    key = await findReviewKey(page, '辣鸡');
    const result = await captureReview(page, key);
    expect(result.state, result.detail).toBe('saved');
    // This build has no pixel permission: the button renders with html2canvas and says why.
    const button = page.locator(`[data-rg-review="${key}"] [data-rg-action="capture"]`);
    expect(await button.getAttribute('data-rg-method')).toBe('html2canvas');
    expect(await button.getAttribute('data-rg-fallback')).toBe('未开启像素级截图，可在侧边栏「设置」中允许');
    expect(result.detail).toContain('已存证（渲染截图）');
    const [record] = (await readStore(session.serviceWorker, 'evidence')).filter((e) => e.reviewKey === key) as unknown as StoredEvidence[];
    expect(record).toBeTruthy();
    expect(record!.annotated.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record!.context.phraseBoxes.length).toBeGreaterThan(0);
    expect(record!.context.timeZone).toBe('Asia/Shanghai');
    expect(record!.context.extensionVersion).toBe('0.1.0');
    expect(record!.context.formats.map((f: { mime: string }) => f.mime)).toEqual(['image/png', 'image/webp', 'image/jpeg']);
    const manifest = JSON.parse(record!.captureManifest);
    expect(manifest.files.map((f: { sha256: string }) => f.sha256)).toEqual([record!.sha256, record!.annotated.sha256, record!.annotatedMasked.sha256]);
    expect(manifest.reviewSeen.key).toBe(key);
    // The fixture's product pictures are served with CORS, so they render and nothing is reported missing.
    expect(record!.context.notRendered).toEqual([]);

    const original = await exportStoredImage(session.serviceWorker, key, 'bytes');
    const annotated = await exportStoredImage(session.serviceWorker, key, 'annotated');
    writeFileSync(path.join(out, `original.${record!.mime === 'image/webp' ? 'webp' : 'png'}`), Buffer.from(original.base64, 'base64'));
    writeFileSync(path.join(out, 'annotated.png'), Buffer.from(annotated.base64, 'base64'));
    expect(original.red).toBe(0);
    expect(annotated.red).toBeGreaterThan(100); // the red box around the deciding phrase
    expect(annotated.width).toBe(original.width);
    expect(annotated.height).toBeGreaterThan(original.height); // plus the strip
    // The copy for masked exports covers the buyer's nick; it is hashed at capture like the others.
    expect(record!.annotatedMasked.sha256).not.toBe(record!.annotated.sha256);
    const masked = await exportStoredImage(session.serviceWorker, key, 'annotatedMasked');
    writeFileSync(path.join(out, 'annotated-masked.png'), Buffer.from(masked.base64, 'base64'));
  });

  it('the side panel shows the evidence timeline and exports the case as a ZIP that verifies', async () => {
    const panel = await openSidePanel(session.context, session.extensionId, key);
    const card = panel.locator(`[data-case-key="${key}"]`);
    await card.getByTestId('evidence-timeline').waitFor();
    await panel.waitForTimeout(300);
    await card.screenshot({ path: path.join(out, 'case-timeline.png') });
    await panel.evaluate(() => window.scrollTo(0, 0));
    await panel.screenshot({ path: path.join(out, 'sidepanel-top.png') });
    const download = panel.waitForEvent('download');
    await card.getByTestId('export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^差评卫士证据包_.*_1案1件\.zip$/);
    zipPath = path.join(out, 'package.zip');
    await file.saveAs(zipPath);
    await expect.poll(() => card.getByTestId('export-status').textContent()).toContain('已导出');

    const exported = JSON.parse(spawnSync('unzip', ['-p', zipPath, 'manifest.json'], { encoding: 'utf8' }).stdout);
    const [stored] = (await readStore(session.serviceWorker, 'evidence')).filter((e) => e.reviewKey === key) as unknown as StoredEvidence[];
    expect(exported.privacyMasking).toBe(true);
    expect(exported.files.map((f: { role: string; sha256: string }) => [f.role, f.sha256]).slice(0, 2)).toEqual([
      ['original', stored!.sha256],
      ['annotated', stored!.annotatedMasked.sha256],
    ]);

    const verified = runVerify(zipPath);
    expect(verified.stdout).toContain('校验通过');
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/✓ 完好 {2}01_评价截图_\d{4}-\d{2}-\d{2}_\d{4}\.(png|webp)/);
    expect(verified.stdout).toContain('report.html');

    const audit = (await readStore(session.serviceWorker, 'audit')).filter((a) => a.caseKey === key)
      .sort((a, b) => (a.atMs as number) - (b.atMs as number))
      .map((a) => a.action);
    expect(audit).toEqual(['capture', 'export']);
    await panel.close();
  });

  it('one changed byte in the ZIP: verify exits non-zero and names the file', async () => {
    const zip = readFileSync(zipPath);
    const manifest = JSON.parse(spawnSync('unzip', ['-p', zipPath, 'manifest.json'], { encoding: 'utf8' }).stdout || '{}');
    tamperedFile = (manifest.files as { path: string; role: string }[]).find((f) => f.role === 'original')!.path;
    const { offset, size } = dataOffsetOf(zip, tamperedFile);
    const tampered = Buffer.from(zip);
    const at = offset + Math.floor(size / 2);
    tampered[at] = tampered[at]! ^ 0x01;
    tamperedPath = path.join(out, 'package-tampered.zip');
    writeFileSync(tamperedPath, tampered);

    const verified = runVerify(tamperedPath);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(`✗ 已被修改  ${tamperedFile}`);
    expect(verified.stdout).toContain('校验未通过');
    expect(verified.stdout.match(/✗/g)).toHaveLength(2); // that file and the summary, nothing else
  });

  it('the 设置 tab offers the pixel permission, not granted in this build', async () => {
    const panel = await openSidePanel(session.context, session.extensionId);
    await panel.getByTestId('tab-settings').click();
    await expect.poll(() => panel.getByTestId('pixel-permission').getAttribute('data-status')).toBe('not-granted');
    expect(await panel.getByTestId('pixel-permission-button').textContent()).toBe('允许像素级截图（逐像素采集所见画面）');
    await panel.getByTestId('pixel-permission').screenshot({ path: path.join(out, 'pixel-permission-not-granted.png') });
    await panel.close();
  });

  it('a full backup from 设置, restored in a fresh browser, brings back the case and its evidence with the same hashes', async () => {
    const panel = await openSidePanel(session.context, session.extensionId);
    await panel.getByTestId('tab-settings').click();
    const download = panel.waitForEvent('download');
    await panel.getByTestId('backup-create').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^差评卫士完整备份_.*\.zip$/);
    const backupPath = path.join(out, 'full-backup.zip');
    await file.saveAs(backupPath);
    await expect.poll(() => panel.getByTestId('backup-status').textContent()).toContain('未打码');
    await panel.close();
    const original = (await readStore(session.serviceWorker, 'evidence')).map((e) => e.sha256).sort();

    // Another profile: a new computer, or the extension reinstalled.
    const fresh = await launchWithExtension({ headless: true });
    try {
      const restoredPanel = await openSidePanel(fresh.context, fresh.extensionId);
      await restoredPanel.getByTestId('tab-settings').click();
      await restoredPanel.getByTestId('backup-restore').setInputFiles(backupPath);
      await expect.poll(() => restoredPanel.getByTestId('backup-status').textContent(), { timeout: 20_000 }).toContain('新增 案件');
      expect(await restoredPanel.getByTestId('backup-status').getAttribute('class')).toBe('rg-ok');
      await restoredPanel.getByTestId('backup').screenshot({ path: path.join(out, 'backup-restored.png') });
      expect((await readStore(fresh.serviceWorker, 'evidence')).map((e) => e.sha256).sort()).toEqual(original);
      await restoredPanel.getByTestId('tab-cases').click();
      await restoredPanel.locator(`[data-case-key="${key}"]`).waitFor();
      // Restoring the same file again adds nothing.
      await restoredPanel.getByTestId('tab-settings').click();
      await restoredPanel.getByTestId('backup-restore').setInputFiles(backupPath);
      await expect.poll(() => restoredPanel.getByTestId('backup-status').textContent(), { timeout: 20_000 }).toContain('没有需要新增的记录');
    } finally {
      await fresh.close();
    }
  });

  it('the 校验 tab reports the same in the extension', async () => {
    const panel = await openSidePanel(session.context, session.extensionId);
    await panel.getByTestId('tab-verify').click();
    await panel.getByTestId('verify-file').setInputFiles(zipPath);
    await expect.poll(() => panel.getByTestId('verify-result').getAttribute('data-ok')).toBe('true');
    await wholePageScreenshot(panel, path.join(out, 'verify-intact.png'));

    await panel.getByTestId('verify-file').setInputFiles(tamperedPath);
    await expect.poll(() => panel.getByTestId('verify-result').getAttribute('data-ok')).toBe('false');
    const bad = await panel.locator('[data-testid="verify-file-row"]:not([data-verdict="intact"])').evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-path'), r.getAttribute('data-verdict')]),
    );
    expect(bad).toEqual([[tamperedFile, 'modified']]);
    expect(await panel.getByTestId('verify-summary').textContent()).toContain('已被修改 1 个');
    await wholePageScreenshot(panel, path.join(out, 'verify-tampered.png'));
    await panel.close();
  });

  it('seven captures of a case become six Pinduoduo upload images (png/jpg, ≤ 3 MB), and the panel says they were combined', async () => {
    await page.bringToFront();
    const count = async () => (await readStore(session.serviceWorker, 'evidence')).filter((e) => e.reviewKey === key).length;
    const button = page.locator(`[data-rg-review="${key}"] [data-rg-action="capture"]`);
    while ((await count()) < 7) {
      const before = await count();
      await button.click();
      await expect.poll(count, { timeout: 20_000 }).toBeGreaterThan(before);
      await page.waitForTimeout(100);
    }
    const panel = await openSidePanel(session.context, session.extensionId, key);
    const card = panel.locator(`[data-case-key="${key}"]`);
    await expect.poll(() => card.getByTestId('evidence').count()).toBe(7);
    const download = panel.waitForEvent('download');
    await card.getByTestId('upload-set').click();
    const file = await download;
    const uploadZip = path.join(out, 'pdd-upload.zip');
    await file.saveAs(uploadZip);
    const listing = spawnSync('unzip', ['-Z1', uploadZip], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
    expect(listing).toEqual(['上传图1.png', '上传图2.png', '上传图3.png', '上传图4.png', '上传图5.png', '上传图6.png', '说明.txt']);
    const sizes = spawnSync('unzip', ['-Zl', uploadZip], { encoding: 'utf8' }).stdout;
    for (const line of sizes.split('\n').filter((l) => l.includes('上传图'))) expect(Number(line.trim().split(/\s+/)[3])).toBeLessThanOrEqual(3 * 2 ** 20);
    expect(await card.getByTestId('upload-status').textContent()).toContain('超过拼多多每次最多 6 张');
    writeFileSync(path.join(out, 'upload-1.png'), spawnSync('unzip', ['-p', uploadZip, '上传图1.png']).stdout);
    await card.getByTestId('upload-status').scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(out, 'upload-status.png') });
    await panel.close();
  });
});
