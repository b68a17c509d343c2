import { coverBoxes } from '../lib/evidence/annotate';
import type { ImageMasker } from '../lib/export/buildPackage';

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
