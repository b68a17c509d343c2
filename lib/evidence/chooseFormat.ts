/**
 * Chooses the stored format by measurement: the capture is encoded as PNG and WebP, and the smaller one whose
 * decoded pixels are identical to the render is kept. JPEG is measured for the record but never stored as the
 * original, because it changes pixels (text edges) — an original must be exactly what was rendered.
 */
import { decodeImageDataUrl } from './bytes';
import type { FormatMeasurement } from '../schemas';

export interface FormatChoice {
  dataUrl: string;
  mime: string;
  measurements: FormatMeasurement[];
}

async function samePixels(canvas: HTMLCanvasElement, dataUrl: string): Promise<boolean> {
  const { bytes, mime } = decodeImageDataUrl(dataUrl);
  const bitmap = await createImageBitmap(new Blob([bytes], { type: mime }));
  if (bitmap.width !== canvas.width || bitmap.height !== canvas.height) return false;
  const probe = canvas.ownerDocument.createElement('canvas');
  probe.width = bitmap.width;
  probe.height = bitmap.height;
  const pctx = probe.getContext('2d', { willReadFrequently: true });
  const sctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!pctx || !sctx) return false;
  pctx.drawImage(bitmap, 0, 0);
  const a = pctx.getImageData(0, 0, probe.width, probe.height).data;
  const b = sctx.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const base64Bytes = (dataUrl: string) => {
  const b64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  return Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
};

export async function chooseLosslessFormat(canvas: HTMLCanvasElement, pngDataUrl: string): Promise<FormatChoice> {
  const measurements: FormatMeasurement[] = [{ mime: 'image/png', bytes: base64Bytes(pngDataUrl), lossless: true }];
  let best = { dataUrl: pngDataUrl, mime: 'image/png', bytes: measurements[0]!.bytes };
  const webp = canvas.toDataURL('image/webp', 1);
  if (webp.startsWith('data:image/webp')) {
    const lossless = await samePixels(canvas, webp).catch(() => false);
    const bytes = base64Bytes(webp);
    measurements.push({ mime: 'image/webp', bytes, lossless });
    if (lossless && bytes < best.bytes) best = { dataUrl: webp, mime: 'image/webp', bytes };
  }
  const jpeg = canvas.toDataURL('image/jpeg', 0.92);
  if (jpeg.startsWith('data:image/jpeg')) measurements.push({ mime: 'image/jpeg', bytes: base64Bytes(jpeg), lossless: false });
  return { dataUrl: best.dataUrl, mime: best.mime, measurements };
}
