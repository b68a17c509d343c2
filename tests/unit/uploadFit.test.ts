import { describe, expect, it } from 'vitest';
import { fitForUpload, groupForLimit, type ImageCodec, type UploadSource } from '../../lib/export/uploadFit';
import { platformProfile } from '../../lib/platforms';

const MB = 2 ** 20;
const PDD = (() => {
  const r = platformProfile('pinduoduo').appealRules;
  return { maxImages: r.maxImages, imageTypes: r.imageTypes, maxImageBytes: r.maxImageBytes };
})();

const source = (label: string, mime: string, bytes: number, height = 500): UploadSource => ({ label, mime, bytes: new Uint8Array(bytes), width: 1000, height });

/** A codec whose output size follows pixels, format and quality like real encoders do (PNG ≈ 1 byte/px here). */
function fakeCodec(bytesPerPixel = { png: 1, jpeg: 0.3 }) {
  const calls: string[] = [];
  const codec: ImageCodec = {
    async render(sources, scale, mime, quality = 1) {
      const width = Math.round(Math.max(...sources.map((s) => s.width)) * scale);
      const height = sources.reduce((h, s) => h + Math.round(s.height * scale), 0);
      const perPx = mime === 'image/png' ? bytesPerPixel.png : bytesPerPixel.jpeg * quality;
      calls.push(`${sources.length}×${mime}@${scale}${mime === 'image/jpeg' ? `q${quality}` : ''}`);
      return { mime, bytes: new Uint8Array(Math.round(width * height * perPx)), width, height };
    },
  };
  return { codec, calls };
}

describe('fitting evidence to Pinduoduo’s upload limits (≤ 6 images, jpg/png, ≤ 3 MB)', () => {
  it('the limits come from the platform profile', () => {
    expect(PDD).toEqual({ maxImages: 6, imageTypes: expect.arrayContaining(['jpg', 'png']), maxImageBytes: 3 * MB });
  });

  it('keeps PNG/JPEG images that already fit, untouched', async () => {
    const { codec, calls } = fakeCodec();
    const a = source('01', 'image/png', 70_000);
    const set = await fitForUpload([a, source('02', 'image/jpeg', 50_000)], PDD, codec, '拼多多');
    expect(calls).toEqual([]);
    expect(set.problems).toEqual([]);
    expect(set.images.map((i) => [i.fileName, i.steps])).toEqual([
      ['上传图1.png', ['原样']],
      ['上传图2.jpg', ['原样']],
    ]);
    expect(set.images[0]!.bytes).toBe(a.bytes);
  });

  it('converts WebP to PNG, and compresses to JPEG what is over 3 MB', async () => {
    const { codec } = fakeCodec();
    const set = await fitForUpload([source('01', 'image/webp', 40_000), source('02', 'image/png', 4 * MB, 4000)], PDD, codec, '拼多多');
    expect(set.images.map((i) => [i.fileName, i.steps.join('，')])).toEqual([
      ['上传图1.png', '由 WEBP 转为 PNG'],
      ['上传图2.jpg', '压缩为 JPEG（质量 92%，有损，原图另在证据包中）'],
    ]);
    expect(set.images.every((i) => i.bytes.byteLength <= 3 * MB)).toBe(true);
  });

  it('combines eight captures into six long images in time order and says so', async () => {
    const { codec } = fakeCodec();
    const sources = Array.from({ length: 8 }, (_, i) => source(`0${i + 1}`, 'image/png', 60_000));
    const set = await fitForUpload(sources, PDD, codec, '拼多多');
    expect(set.images).toHaveLength(6);
    expect(set.images.map((i) => i.sources)).toEqual([['01', '02'], ['03', '04'], ['05'], ['06'], ['07'], ['08']]);
    expect(set.images[0]!.steps[0]).toBe('合并 2 张为长图');
    expect(set.images[0]!.height).toBe(1000);
    expect(set.problems[0]).toContain('超过拼多多每次最多 6 张');
  });

  it('says when something cannot fit instead of producing it', async () => {
    const { codec } = fakeCodec({ png: 10, jpeg: 10 });
    const set = await fitForUpload([source('01', 'image/png', 5 * MB, 3000)], PDD, codec, '拼多多');
    expect(set.images).toEqual([]);
    expect(set.problems).toEqual([expect.stringContaining('仍超过 3 MB，无法放入')]);
    const tall = Array.from({ length: 14 }, (_, i) => source(String(i), 'image/png', 1000, 6000));
    const tallSet = await fitForUpload(tall, PDD, fakeCodec().codec, '拼多多');
    expect(tallSet.problems.some((p) => p.includes('无法合成一张'))).toBe(true);
  });

  it('groups as evenly as possible', () => {
    expect(groupForLimit([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5], [6, 7]]);
    expect(groupForLimit([1, 2], 6)).toEqual([[1], [2]]);
  });
});
