/**
 * Pixel-exact capture: what the seller's screen shows (`tabs.captureVisibleTab`), cropped to the review. Runs in
 * the background worker; the content script says where the review is, the browser takes the picture.
 */
import { sendTabMessage, type TabSender } from '../messaging/tabChannel';
import type { MessageRequest, MessageResponse, PixelBox } from '../schemas';
import { PLATFORM_LABEL } from '../schemas';
import { drawAnnotated, drawMaskedCopy, offscreenCanvas, stripLines } from './annotate';
import { decodeImageDataUrl, sha256Hex } from './bytes';

export const PIXEL_METHOD = 'tabs.captureVisibleTab';
/** The whole visible page, uncropped: the review in its context, as the seller sees it. */
export const VIEWPORT_METHOD = 'tabs.captureVisibleTab (整屏)';

export type PixelMode = 'element' | 'viewport';

export interface PixelCapturePorts {
  sendToTab: TabSender;
  /** Throttled `tabs.captureVisibleTab` of the tab's window, PNG data URL. */
  captureVisibleTab: () => Promise<string>;
  record: (request: MessageRequest<'capture-review'>) => Promise<MessageResponse<'capture-review'>>;
  nowMs: () => number;
}

export function bytesToDataUrl(bytes: Uint8Array, mime: string): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${mime};base64,${btoa(binary)}`;
}

async function encodePng(canvas: OffscreenCanvas): Promise<{ dataUrl: string; bytes: Uint8Array; width: number; height: number }> {
  const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
  return { dataUrl: bytesToDataUrl(bytes, 'image/png'), bytes, width: canvas.width, height: canvas.height };
}

/** Crop in image pixels: the element's rect × the screenshot's pixels per CSS pixel, clamped to the screenshot. */
export function cropRect(rect: { x: number; y: number; width: number; height: number }, k: number, image: { width: number; height: number }) {
  const x = Math.max(0, Math.round(rect.x * k));
  const y = Math.max(0, Math.round(rect.y * k));
  const right = Math.min(image.width, Math.round((rect.x + rect.width) * k));
  const bottom = Math.min(image.height, Math.round((rect.y + rect.height) * k));
  return { x, y, width: Math.max(0, right - x), height: Math.max(0, bottom - y) };
}

/** Where the time of one pixel-exact capture goes (ms), for the benchmark. */
export interface PixelCaptureTimings {
  prepareMs: number;
  screenshotMs: number;
  cropAndEncodeMs: number;
  annotateMs: number;
  storeMs: number;
}

export async function pixelExactCapture(
  ports: PixelCapturePorts,
  trigger: 'context-menu' | 'shortcut' | 'test',
  mode: PixelMode = 'element',
): Promise<MessageResponse<'capture-review'> & { timings: PixelCaptureTimings }> {
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - mark;
    mark = now;
    return ms;
  };
  const target = await sendTabMessage(ports.sendToTab, 'pixel-capture-prepare', { trigger, scope: mode });
  const prepareMs = lap();
  const finish = (ok: boolean, message: string, sha256: string | null) =>
    sendTabMessage(ports.sendToTab, 'pixel-capture-finish', { reviewKey: target.review.key, ok, message, sha256 }).catch(() => undefined);
  try {
    const capturedAtMs = ports.nowMs();
    const shot = decodeImageDataUrl(await ports.captureVisibleTab());
    const screenshotMs = lap();
    const bitmap = await createImageBitmap(new Blob([shot.bytes], { type: shot.mime }));
    const k = bitmap.width / target.viewport.width;
    const crop = mode === 'element' ? cropRect(target.rect, k, bitmap) : { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
    if (crop.width < 2 || crop.height < 2) throw new Error('评价不在可见区域内，无法截图');
    const canvas = new OffscreenCanvas(crop.width, crop.height);
    canvas.getContext('2d')!.drawImage(bitmap, crop.x, crop.y, crop.width, crop.height, 0, 0, crop.width, crop.height);
    const original = await encodePng(canvas);
    const sha = await sha256Hex(original.bytes);
    const cropAndEncodeMs = lap();

    // Boxes came relative to the element in CSS px; the crop may have lost a clamped top/left edge.
    // In viewport mode the image starts at the viewport's corner, so boxes move by the element's position.
    const dx = mode === 'element' ? crop.x - Math.round(target.rect.x * k) : -Math.round(target.rect.x * k);
    const dy = mode === 'element' ? crop.y - Math.round(target.rect.y * k) : -Math.round(target.rect.y * k);
    const toPixels = (b: PixelBox): PixelBox => ({ ...b, x: Math.round(b.x * k) - dx, y: Math.round(b.y * k) - dy, width: Math.round(b.width * k), height: Math.round(b.height * k) });
    const phraseBoxes = target.phraseBoxes.map(toPixels);
    // In the whole-screen copy, the review itself is outlined too, so a reader finds it in its context.
    const outlined =
      mode === 'viewport' ? [...phraseBoxes, toPixels({ x: 0, y: 0, width: target.rect.width, height: target.rect.height, label: '该评价' })] : phraseBoxes;
    const privacyBoxes = target.privacyBoxes.map(toPixels);
    const lines = stripLines({ capturedAtMs, url: target.pageUrl, platformLabel: PLATFORM_LABEL[target.review.platform], reviewKey: target.review.key, originalSha256: sha });
    const annotatedCanvas = drawAnnotated(offscreenCanvas as (w: number, h: number) => OffscreenCanvas, canvas, outlined, lines, k);
    const annotated = await encodePng(annotatedCanvas);
    const masked = privacyBoxes.length ? await encodePng(drawMaskedCopy(offscreenCanvas as (w: number, h: number) => OffscreenCanvas, annotatedCanvas, privacyBoxes)) : null;

    const annotateMs = lap();
    const notRendered = [...target.notRendered];
    if (target.clipped && mode === 'element') notRendered.push(target.clipped);
    const saved = await ports.record({
      review: target.review,
      image: { dataUrl: original.dataUrl, width: original.width, height: original.height },
      annotated: { dataUrl: annotated.dataUrl, width: annotated.width, height: annotated.height },
      ...(masked ? { annotatedMasked: { dataUrl: masked.dataUrl, width: masked.width, height: masked.height } } : {}),
      pageUrl: target.pageUrl,
      pageTitle: target.pageTitle,
      method: mode === 'element' ? PIXEL_METHOD : VIEWPORT_METHOD,
      capturedAtMs,
      context: {
        extensionVersion: target.extensionVersion,
        browser: target.userAgent,
        timeZone: target.timeZone,
        pageJson: null,
        notRendered,
        phraseBoxes,
        privacyBoxes,
        formats: [{ mime: 'image/png', bytes: original.bytes.byteLength, lossless: true }],
      },
    });
    const storeMs = lap();
    await finish(true, `${mode === 'element' ? '像素级截图' : '整屏截图'}已存证 · SHA-256 ${saved.sha256.slice(0, 8)}…`, saved.sha256);
    return { ...saved, timings: { prepareMs, screenshotMs, cropAndEncodeMs, annotateMs, storeMs } };
  } catch (error) {
    await finish(false, error instanceof Error ? error.message : String(error), null);
    throw error;
  }
}
