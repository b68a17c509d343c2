import { coverBoxes } from '../lib/evidence/annotate';
import type { ImageMasker } from '../lib/export/buildPackage';
import type { ImageCodec } from '../lib/export/uploadFit';

/** Covers boxes of an image with solid grey in an OffscreenCanvas and re-encodes it (extension pages only). */
export const maskImageWithCanvas: ImageMasker = async (image, boxes) => {
  const source = new Blob([image.bytes.slice().buffer as ArrayBuffer], { type: image.mime });
  const bitmap = await createImageBitmap(source);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('无法创建画布，不能打码');
  ctx.drawImage(bitmap, 0, 0);
  coverBoxes(ctx, boxes);
  const mime = image.mime === 'image/jpeg' || image.mime === 'image/webp' ? image.mime : 'image/png';
  const blob = await canvas.convertToBlob({ type: mime, quality: 1 });
  return { mime: blob.type || mime, bytes: new Uint8Array(await blob.arrayBuffer()) };
};

/** Saves bytes as a file through an ordinary download link (no downloads permission needed). */
export function saveFile(fileName: string, bytes: Uint8Array, mime = 'application/zip'): void {
  const url = URL.createObjectURL(new Blob([bytes.slice().buffer as ArrayBuffer], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Stacks images one below the other on an OffscreenCanvas and encodes them (upload fitting). */
export const canvasCodec: ImageCodec = {
  async render(sources, scale, mime, quality) {
    const bitmaps = await Promise.all(sources.map((s) => createImageBitmap(new Blob([s.bytes.slice().buffer as ArrayBuffer], { type: s.mime }))));
    const width = Math.round(Math.max(...bitmaps.map((b) => b.width)) * scale);
    const height = bitmaps.reduce((h, b) => h + Math.round(b.height * scale), 0);
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('无法创建画布');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    let y = 0;
    for (const b of bitmaps) {
      const h = Math.round(b.height * scale);
      ctx.drawImage(b, 0, y, Math.round(b.width * scale), h);
      y += h;
    }
    const blob = await canvas.convertToBlob({ type: mime, quality });
    return { mime: blob.type || mime, bytes: new Uint8Array(await blob.arrayBuffer()), width, height };
  },
};
