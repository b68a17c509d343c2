import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditForCases, deleteEvidence } from '../../lib/audit/auditLog';
import { recordReviewCapture, type Clock } from '../../lib/cases/recordCapture';
import { ReviewGuardDatabase } from '../../lib/db/database';
import { sha256Hex } from '../../lib/evidence/bytes';
import { buildEvidencePackage, type ImageMasker } from '../../lib/export/buildPackage';
import { exhibitBaseName } from '../../lib/export/fileNames';
import { escapeHtml } from '../../lib/export/report';
import type { MessageRequest } from '../../lib/schemas';
import { PackageManifest } from '../../lib/schemas';
import { describeVerification, verifyEvidencePackage } from '../../lib/verify/verifyPackage';
import { captureContext, reviewRequest } from './captureRequests';

const PNG2_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const KEY = 'pinduoduo:261012-662259689903207';

function captureRequest(overrides: Partial<MessageRequest<'capture-review'>> = {}): MessageRequest<'capture-review'> {
  return {
    ...reviewRequest({
      text: '垃圾店家，不给我退50元就天天差评，有事打我电话13812345678',
      reviewedAt: '2026-03-05T20:01:00.000+08:00',
      buyerNick: '张大伟',
      goodsName: '保温杯',
    }),
    annotated: { dataUrl: `data:image/png;base64,${PNG2_BASE64}`, width: 1, height: 1 },
    pageTitle: '评价管理 <script>',
    context: captureContext({
      extensionVersion: '0.1.0',
      browser: 'Mozilla/5.0 Chrome/156',
      phraseBoxes: [{ x: 10, y: 10, width: 40, height: 16, label: '不给我退50元就天天差评' }],
      privacyBoxes: [{ x: 0, y: 0, width: 1, height: 1, label: 'buyerNick' }],
      formats: [{ mime: 'image/png', bytes: 68, lossless: true }],
    }),
    ...overrides,
  };
}

// 2026-03-05 21:14:03 and 21:20:00 Beijing time.
const T1 = Date.parse('2026-03-05T21:14:03.120+08:00');
const T2 = Date.parse('2026-03-05T21:20:00.000+08:00');
let ids = 0;
const clockAt = (ms: number): Clock => ({ nowMs: () => ms, newId: () => `id-${String(++ids).padStart(4, '0')}` });

/** Replaces one pixel colour marker: the fake masker returns different bytes so masking is visible in hashes. */
const fakeMasker: ImageMasker = async (image) => ({ mime: image.mime, bytes: new Uint8Array([...image.bytes, 0xff]) });

let db: ReviewGuardDatabase;
beforeEach(() => {
  db = new ReviewGuardDatabase(`test-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

async function exportAll(privacyMasking: boolean) {
  const cases = await db.cases.toArray();
  const evidence = await db.evidence.toArray();
  const audit = await auditForCases(db, cases.map((c) => c.key));
  return buildEvidencePackage({ cases, evidence, audit, nowMs: T2 + 60_000, generator: '差评卫士 0.1.0', privacyMasking, maskImage: fakeMasker });
}

function flipByteOf(zip: Uint8Array, content: Uint8Array): Uint8Array {
  const copy = zip.slice();
  outer: for (let i = 0; i <= copy.length - content.length; i++) {
    for (let j = 0; j < content.length; j++) if (copy[i + j] !== content[j]) continue outer;
    const at = i + Math.floor(content.length / 2);
    copy[at] = copy[at]! ^ 0x01;
    return copy;
  }
  throw new Error('content not found stored in the zip');
}

describe('capture records', () => {
  it('keep the original and the annotated copy, each hashed, and one capture manifest that hashes both with the context', async () => {
    await recordReviewCapture(db, captureRequest({ capturedAtMs: T1 }), clockAt(T1 + 40));
    const [item] = await db.evidence.toArray();
    expect(item!.sha256).toBe(await sha256Hex(item!.bytes));
    expect(item!.annotated!.sha256).toBe(await sha256Hex(item!.annotated!.bytes));
    expect(item!.annotated!.sha256).not.toBe(item!.sha256);
    expect(item!.capturedAtMs).toBe(T1); // the tab's render time, not the worker's
    const manifest = JSON.parse(item!.captureManifest!) as Record<string, unknown>;
    expect(item!.captureManifestSha256).toBe(await sha256Hex(strToU8(item!.captureManifest!)));
    expect(manifest).toMatchObject({
      capturedAt: '2026-03-05T21:14:03.120+08:00',
      capturedAtUtc: '2026-03-05T13:14:03.120Z',
      timeZone: 'Asia/Shanghai',
      extensionVersion: '0.1.0',
      pageUrl: 'https://mms.pinduoduo.com/goods/evaluation/index',
      files: [
        { role: 'original', sha256: item!.sha256 },
        { role: 'annotated', sha256: item!.annotated!.sha256 },
      ],
    });
    expect((manifest.reviewSeen as { orderSn: string }).orderSn).toBe('261012-662259689903207');
  });

  it('a capture and its audit entry are written together; a deletion needs a reason and leaves who/when/why', async () => {
    await recordReviewCapture(db, captureRequest(), clockAt(T1));
    const [item] = await db.evidence.toArray();
    await expect(deleteEvidence(db, item!.id, ' ', clockAt(T2))).rejects.toThrow('原因');
    expect(await db.evidence.count()).toBe(1);
    await deleteEvidence(db, item!.id, '截错了评价', clockAt(T2));
    expect(await db.evidence.count()).toBe(0);
    const log = await auditForCases(db, [KEY]);
    expect(log.map((e) => e.action)).toEqual(['capture', 'delete-evidence']);
    expect(log[1]).toMatchObject({ who: '店主', why: '截错了评价', sha256: item!.sha256, at: '2026-03-05T21:20:00.000+08:00' });
  });
});

describe('a failed write', () => {
  it('leaves nothing half-stored: no evidence, no case, no audit entry', async () => {
    let n = 0;
    // The audit entry reuses the evidence id of an existing entry: its add fails inside the transaction.
    await db.audit.add({ id: 'dup', atMs: 0, at: '', action: 'capture', who: 'x', why: '', caseKey: null, evidenceId: null, sha256: null, detail: '' });
    const clock: Clock = { nowMs: () => T1, newId: () => (++n === 1 ? 'evidence-1' : 'dup') };
    await expect(recordReviewCapture(db, captureRequest(), clock)).rejects.toThrow();
    expect(await db.evidence.count()).toBe(0);
    expect(await db.cases.count()).toBe(0);
    expect(await db.audit.count()).toBe(1);
  });
});

describe('evidence package', () => {
  it('numbers files in time order with readable names and lists every file with its hash in manifest.json', async () => {
    await recordReviewCapture(db, captureRequest(), clockAt(T2));
    await recordReviewCapture(db, captureRequest(), clockAt(T1));
    const built = await exportAll(false);
    const files = unzipSync(built.zip);
    const manifest = PackageManifest.parse(JSON.parse(new TextDecoder().decode(files['manifest.json'])));
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toEqual([
      '01_评价截图_2026-03-05_2114.png',
      '01_评价截图_2026-03-05_2114_标注.png',
      '01_评价截图_2026-03-05_2114_采集记录.json',
      '02_评价截图_2026-03-05_2120.png',
      '02_评价截图_2026-03-05_2120_标注.png',
      '02_评价截图_2026-03-05_2120_采集记录.json',
      'audit-log.json',
      'report.html',
    ]);
    for (const f of manifest.files) {
      expect(files[f.path], f.path).toBeDefined();
      expect(await sha256Hex(files[f.path]!)).toBe(f.sha256);
      expect(files[f.path]!.byteLength).toBe(f.bytes);
    }
    const [first] = manifest.files;
    const stored = (await db.evidence.orderBy('capturedAtMs').first())!;
    expect(first).toMatchObject({ kind: 'review', sha256: stored.sha256, capturedAt: stored.capturedAt, url: stored.pageUrl, exhibit: 1 });
    expect(manifest.cases[0]).toMatchObject({ key: KEY, orderSn: '261012-662259689903207', categoryLabel: expect.any(String) });
    // Without masking the capture record is the stored one, byte for byte.
    expect(manifest.files[2]!.sha256).toBe(stored.captureManifestSha256);
    // Every entry says "made on Unix", so Info-ZIP unzip keeps the UTF-8 Chinese names instead of re-coding them.
    const madeBy: number[] = [];
    for (let i = 0; i < built.zip.length - 4; i++)
      if (built.zip[i] === 0x50 && built.zip[i + 1] === 0x4b && built.zip[i + 2] === 0x01 && built.zip[i + 3] === 0x02) madeBy.push(built.zip[i + 5]!);
    expect(madeBy).toEqual(new Array(paths.length + 1).fill(3));
    expect(built.fileName).toMatch(/^差评卫士证据包_\d{4}-\d{2}-\d{2}_\d{4}_1案2件\.zip$/);
  });

  it('report.html is an evidence list with purpose, time, source and hash, showing page text escaped', async () => {
    await recordReviewCapture(db, captureRequest(), clockAt(T1));
    const built = await exportAll(false);
    const html = new TextDecoder().decode(unzipSync(built.zip)['report.html']);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('证据目录');
    expect(html).toContain('证明目的');
    expect(html).toContain('2026-03-05 21:14:03（北京时间）');
    expect(html).toContain('2026-03-05T13:14:03.120Z（UTC）');
    expect(html).toContain(built.manifest.files[0]!.sha256);
    expect(html).toContain('WenQuanYi Zen Hei');
    expect(html).toContain('评价管理 &lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(escapeHtml(`<img src=x onerror="a">'`)).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;&#39;');
  });

  it('masks buyer personal data in exported text and annotated images, and leaves originals and the database untouched', async () => {
    await recordReviewCapture(db, captureRequest(), clockAt(T1));
    const built = await exportAll(true);
    const files = unzipSync(built.zip);
    const text = new TextDecoder();
    const report = text.decode(files['report.html']);
    const record = text.decode(files['01_评价截图_2026-03-05_2114_采集记录.json']);
    const manifestText = text.decode(files['manifest.json']);
    for (const doc of [report, record, manifestText]) {
      expect(doc).not.toContain('13812345678');
      expect(doc).not.toContain('张大伟');
      expect(doc).toContain('138****5678');
    }
    const stored = (await db.evidence.toArray())[0]!;
    const original = built.manifest.files.find((f) => f.role === 'original')!;
    const annotated = built.manifest.files.find((f) => f.role === 'annotated')!;
    expect(original).toMatchObject({ sha256: stored.sha256, masked: false });
    expect(annotated.masked).toBe(true);
    expect(annotated.sha256).not.toBe(stored.annotated!.sha256);
    expect(JSON.parse(record)).toMatchObject({ masked: true, originalSha256: stored.captureManifestSha256 });
    expect((await db.cases.get(KEY))!.review.text).toContain('13812345678');
  });
});

describe('masked copies made at capture', () => {
  it('are hashed into the capture record and exported as they are, without re-encoding', async () => {
    const PNG3 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNgYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    await recordReviewCapture(
      db,
      captureRequest({ annotatedMasked: { dataUrl: `data:image/png;base64,${PNG3}`, width: 1, height: 1 } }),
      clockAt(T1),
    );
    const stored = (await db.evidence.toArray())[0]!;
    expect(JSON.parse(stored.captureManifest!).files.map((f: { role: string; sha256: string }) => [f.role, f.sha256])).toEqual([
      ['original', stored.sha256],
      ['annotated', stored.annotated!.sha256],
      ['annotated-masked', stored.annotatedMasked!.sha256],
    ]);
    let maskerCalls = 0;
    const built = await buildEvidencePackage({
      cases: await db.cases.toArray(),
      evidence: [stored],
      audit: [],
      nowMs: T2,
      generator: 'test',
      privacyMasking: true,
      maskImage: async (image) => {
        maskerCalls++;
        return image;
      },
    });
    expect(maskerCalls).toBe(0);
    expect(built.manifest.files.find((f) => f.role === 'annotated')).toMatchObject({ sha256: stored.annotatedMasked!.sha256, masked: true });
    const unmasked = await exportAll(false);
    expect(unmasked.manifest.files.find((f) => f.role === 'annotated')).toMatchObject({ sha256: stored.annotated!.sha256, masked: false });
  });
});

describe('verification', () => {
  it('an untouched package verifies: every file intact', async () => {
    await recordReviewCapture(db, captureRequest(), clockAt(T1));
    const built = await exportAll(true);
    const result = await verifyEvidencePackage(built.zip);
    expect(result.ok).toBe(true);
    expect(result.counts.intact).toBe(built.manifest.files.length);
    expect(result.manifestSha256).toBe(built.manifestSha256);
    expect(describeVerification(result).at(-1)).toContain('校验通过');
  });

  it('one changed byte in a screenshot inside the ZIP names that file as modified', async () => {
    await recordReviewCapture(db, captureRequest(), clockAt(T1));
    const built = await exportAll(false);
    const original = (await db.evidence.toArray())[0]!.bytes;
    const result = await verifyEvidencePackage(flipByteOf(built.zip, original));
    expect(result.ok).toBe(false);
    const bad = result.files.filter((f) => f.verdict !== 'intact');
    expect(bad).toEqual([expect.objectContaining({ path: '01_评价截图_2026-03-05_2114.png', verdict: 'modified' })]);
    expect(describeVerification(result).join('\n')).toContain('✗ 已被修改  01_评价截图_2026-03-05_2114.png');
  });

  it('reports missing and unexpected files, and a package without a manifest', async () => {
    await recordReviewCapture(db, captureRequest(), clockAt(T1));
    const built = await exportAll(false);
    const files = unzipSync(built.zip);
    delete files['report.html'];
    files['extra.png'] = new Uint8Array([1, 2, 3]);
    const result = await verifyEvidencePackage(zipSync(files));
    expect(result.files.filter((f) => f.verdict !== 'intact').map((f) => [f.path, f.verdict])).toEqual([
      ['report.html', 'missing'],
      ['extra.png', 'unexpected'],
    ]);
    delete files['manifest.json'];
    expect((await verifyEvidencePackage(zipSync(files))).fatal).toContain('manifest.json');
    expect((await verifyEvidencePackage(strToU8('not a zip'))).fatal).toContain('ZIP');
  });

  it('a damaged compressed entry is reported as that file, while the others are still checked', async () => {
    await recordReviewCapture(db, captureRequest(), clockAt(T1));
    const built = await exportAll(false);
    const files = unzipSync(built.zip);
    const zip = zipSync({ ...files, 'report.html': [files['report.html']!, { level: 9 }] });
    // Corrupt the deflate stream of report.html: find its local header and overwrite the start of its data.
    const name = strToU8('report.html');
    const tampered = zip.slice();
    for (let i = 0; i < tampered.length - 30; i++) {
      if (tampered[i] === 0x50 && tampered[i + 1] === 0x4b && tampered[i + 2] === 0x03 && tampered[i + 3] === 0x04) {
        const n = tampered[i + 26]! | (tampered[i + 27]! << 8);
        if (n === name.length && new TextDecoder().decode(tampered.subarray(i + 30, i + 30 + n)) === 'report.html') {
          const start = i + 30 + n + (tampered[i + 28]! | (tampered[i + 29]! << 8));
          tampered.fill(0xff, start, start + 8);
          break;
        }
      }
    }
    const result = await verifyEvidencePackage(tampered);
    const report = result.files.find((f) => f.path === 'report.html')!;
    expect(['unreadable', 'modified']).toContain(report.verdict);
    expect(result.files.filter((f) => f.path !== 'report.html').every((f) => f.verdict === 'intact')).toBe(true);
  });
});

describe('file names', () => {
  it('pad exhibit numbers to the largest one and use Beijing time', () => {
    expect(exhibitBaseName(0, 9, 'review', T1)).toBe('01_评价截图_2026-03-05_2114');
    expect(exhibitBaseName(4, 120, 'negotiation', Date.parse('2026-03-05T16:00:00Z'))).toBe('005_协商记录_2026-03-06_0000');
  });
});
