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
/** The whole scrollable page, top to bottom, scrolled and stitched. */
export const PAGE_METHOD = 'tabs.captureVisibleTab (整页)';

export type PixelMode = 'element' | 'viewport' | 'page';

/** Most screens one whole-page capture may take (2 shots per second: about 10 s). */
export const MAX_PAGE_SCREENS = 20;
/** Tallest stitched image, in image pixels (Chrome's canvas side limit is larger; decoders and viewers are not). */
export const MAX_CANVAS_PX = 16_384;

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

/** Most segments one element may take (2 shots per second): a longer element is cut, and the record says so. */
export const MAX_SEGMENTS = 12;

type Rect = { x: number; y: number; width: number; height: number };

/**
 * The element's pixels, scrolled and stitched when it is taller than the window below the page's fixed bars.
 * Each segment copies only the rows not yet covered, from below the fixed bars, to their place in the element.
 */
export async function stitchElement(
  first: ImageBitmap,
  k: number,
  target: { rect: Rect; topInset: number; viewport: { width: number; height: number } },
  shoot: () => Promise<ImageBitmap>,
  scrollBy: (by: number) => Promise<Rect>,
): Promise<{ canvas: OffscreenCanvas; x: number; notes: string[] }> {
  const notes: string[] = [];
  let rect = target.rect;
  const horizontal = cropRect({ ...rect, y: 0, height: 1 }, k, first);
  if (horizontal.width < 2) throw new Error('评价不在可见区域内，无法截图');
  const total = Math.round(rect.height * k);
  const canvas = new OffscreenCanvas(horizontal.width, total);
  const ctx = canvas.getContext('2d')!;
  const hiddenTop = Math.max(0, Math.round((target.topInset - rect.y) * k));
  let covered = 0; // element rows (image px) already drawn
  let shot = first;
  for (let segment = 0; ; segment++) {
    const visibleTop = Math.max(rect.y, target.topInset);
    const visibleBottom = Math.min(rect.y + rect.height, target.viewport.height);
    const from = Math.max(Math.round((visibleTop - rect.y) * k), covered);
    const to = Math.min(Math.round((visibleBottom - rect.y) * k), total);
    if (to > from) {
      const srcY = Math.round(rect.y * k) + from;
      ctx.drawImage(shot, horizontal.x, srcY, horizontal.width, to - from, 0, from, horizontal.width, to - from);
      covered = to;
    }
    if (covered >= total - 1) break;
    if (segment + 1 >= MAX_SEGMENTS) {
      notes.push(`评价过长，像素级截图只拼接了前 ${Math.round(covered / k)}/${Math.round(total / k)} 像素（完整内容请用「采集证据」按钮）`);
      break;
    }
    const moved = await scrollBy(rect.y + covered / k - target.topInset);
    if (Math.abs(moved.y - rect.y) < 1) {
      notes.push(`页面无法继续滚动，像素级截图只包含前 ${Math.round(covered / k)}/${Math.round(total / k)} 像素`);
      break;
    }
    rect = moved;
    shot = await shoot();
  }
  if (hiddenTop > 0) notes.push('评价顶部被页面固定栏遮住，这部分未能截取（图中为空白）');
  if (covered < total - 1) {
    // Rows never shown on screen are not invented: the image ends where the screen did.
    const cut = new OffscreenCanvas(horizontal.width, Math.max(1, covered));
    cut.getContext('2d')!.drawImage(canvas, 0, 0);
    return { canvas: cut, x: horizontal.x, notes };
  }
  return { canvas, x: horizontal.x, notes };
}

/** Where the page is after a scroll, and how much of the window its own fixed/sticky bars cover there (CSS px). */
export interface PagePosition {
  scrollY: number;
  topInset: number;
  bottomInset: number;
}

/** Where the stitched rows go; `draw` copies `height` image rows of `shot` from `srcY` to `destY`. */
export interface PageSurface<S> {
  draw(shot: S, srcY: number, height: number, destY: number): void;
}

/**
 * The whole scrollable page, from the top: one shot per window height, each adding only the rows not yet drawn and
 * not under the page's own fixed or sticky bars, which are thus drawn once (from the first shot, where the top bar
 * sits at the top of the page, and from the last, for bars at the bottom). Capped at MAX_PAGE_SCREENS shots and
 * MAX_CANVAS_PX image rows; the notes say what was left out. Rows never shown on screen are not invented.
 */
export async function stitchPage<S>(options: {
  pageHeight: number;
  viewportWidth: number;
  viewportHeight: number;
  shoot: () => Promise<S>;
  /** Image width of a shot: with the viewport width it gives the image pixels per CSS pixel. */
  widthOf: (shot: S) => number;
  scrollTo: (y: number) => Promise<PagePosition>;
  /** Creates the image surface, `widthPx` × `heightPx`. */
  surface: (widthPx: number, heightPx: number) => PageSurface<S>;
}): Promise<{ k: number; coveredCss: number; heightPx: number; shots: number; notes: string[] }> {
  const { pageHeight: H, viewportHeight: V } = options;
  const notes: string[] = [];
  let pos = await options.scrollTo(0);
  let shot = await options.shoot();
  const k = options.widthOf(shot) / options.viewportWidth;
  const limitCss = Math.min(H, Math.floor(MAX_CANVAS_PX / k));
  const surface = options.surface(options.widthOf(shot), Math.max(1, Math.round(limitCss * k)));
  let covered = 0;
  let shots = 1;
  for (;;) {
    const s = pos.scrollY;
    const atBottom = s + V >= H - 0.5;
    const from = shots === 1 ? 0 : Math.max(covered, s + pos.topInset);
    const to = Math.min(limitCss, atBottom ? s + V : s + V - pos.bottomInset);
    const fromPx = Math.round(from * k);
    const toPx = Math.round(to * k);
    if (toPx > fromPx) {
      surface.draw(shot, fromPx - Math.round(s * k), toPx - fromPx, fromPx);
      covered = to;
    }
    if (covered >= limitCss - 0.5) break;
    if (shots >= MAX_PAGE_SCREENS) break;
    let next = await options.scrollTo(covered - pos.topInset);
    // A sticky bar that only sticks once scrolled covers more than predicted: step back so no row is skipped.
    if (next.scrollY > s + 0.5 && next.scrollY + next.topInset > covered + 0.5) next = await options.scrollTo(covered - next.topInset);
    if (next.scrollY <= s + 0.5) {
      notes.push(`页面无法继续滚动，整页截图只包含顶部 ${Math.round(covered)}/${Math.round(H)} 像素`);
      break;
    }
    pos = next;
    shot = await options.shoot();
    shots++;
  }
  if (covered < H - 0.5 && notes.length === 0)
    notes.push(
      `页面高 ${Math.round(H)} 像素，超过整页截图上限（最多 ${MAX_PAGE_SCREENS} 屏、图像高 ${MAX_CANVAS_PX} 像素），只截取了顶部 ${Math.round(covered)} 像素；下面的内容请滚动到该处后另行采集`,
    );
  return { k, coveredCss: covered, heightPx: Math.round(covered * k), shots, notes };
}

export async function pixelExactCapture(
  ports: PixelCapturePorts,
  trigger: 'context-menu' | 'shortcut' | 'test' | 'button',
  mode: PixelMode = 'element',
  reviewKey?: string,
): Promise<MessageResponse<'capture-review'> & { timings: PixelCaptureTimings }> {
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - mark;
    mark = now;
    return ms;
  };
  const target = await sendTabMessage(ports.sendToTab, 'pixel-capture-prepare', { trigger, scope: mode, ...(reviewKey ? { reviewKey } : {}) });
  const prepareMs = lap();
  const finish = (ok: boolean, message: string, sha256: string | null) =>
    sendTabMessage(ports.sendToTab, 'pixel-capture-finish', { reviewKey: target.review.key, ok, message, sha256 }).catch(() => undefined);
  try {
    const capturedAtMs = ports.nowMs();
    const shoot = async () => {
      const shot = decodeImageDataUrl(await ports.captureVisibleTab());
      return createImageBitmap(new Blob([shot.bytes], { type: shot.mime }));
    };
    const notes: string[] = [];
    let canvas: OffscreenCanvas;
    let crop: { x: number; y: number; width: number; height: number };
    /** Where the review sits in the image (CSS px), for the outline and the boxes in the whole-screen/page copies. */
    let reviewAt = { x: target.rect.x, y: target.rect.y };
    // The whole page starts with a shot from the top; the other modes with the screen as it is.
    let k: number;
    if (mode === 'page') {
      const page = target.page;
      if (!page) throw new Error('页面没有报告整页高度，无法整页截图');
      let full: OffscreenCanvas | null = null;
      const stitched = await stitchPage<ImageBitmap>({
        pageHeight: page.height,
        viewportWidth: target.viewport.width,
        viewportHeight: target.viewport.height,
        shoot,
        widthOf: (shot) => shot.width,
        scrollTo: (y) => sendTabMessage(ports.sendToTab, 'pixel-capture-scroll-to', { reviewKey: target.review.key, y }),
        surface: (width, height) => {
          const surfaceCanvas = new OffscreenCanvas(width, height);
          full = surfaceCanvas;
          const ctx = surfaceCanvas.getContext('2d')!;
          return { draw: (shot, srcY, rows, destY) => ctx.drawImage(shot, 0, srcY, shot.width, rows, 0, destY, shot.width, rows) };
        },
      });
      k = stitched.k;
      const source = full as OffscreenCanvas | null;
      if (!source) throw new Error('没有得到截图');
      canvas = new OffscreenCanvas(source.width, Math.max(1, Math.min(source.height, stitched.heightPx)));
      canvas.getContext('2d')!.drawImage(source, 0, 0);
      crop = { x: 0, y: 0, width: canvas.width, height: canvas.height };
      reviewAt = { x: target.rect.x, y: target.rect.y + page.scrollY };
      notes.push(...stitched.notes);
      if (page.innerScroll) notes.push('评价所在的区域在页面内部滚动，整页截图只包含该区域当前可见的部分');
      if (page.fixedSideBar && stitched.shots > 1)
        notes.push(`页面侧边的固定栏（如导航菜单）随屏幕固定，整页图中只在第一屏画出，其余 ${stitched.shots - 1} 屏中该处留空，并非页面缺少内容`);
    } else if (mode === 'viewport') {
      const bitmap = await shoot();
      k = bitmap.width / target.viewport.width;
      crop = { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
      canvas = new OffscreenCanvas(crop.width, crop.height);
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    } else {
      const bitmap = await shoot();
      k = bitmap.width / target.viewport.width;
      const stitched = await stitchElement(bitmap, k, target, shoot, (by) =>
        sendTabMessage(ports.sendToTab, 'pixel-capture-scroll', { reviewKey: target.review.key, by }).then((r) => r.rect),
      );
      canvas = stitched.canvas;
      crop = { x: stitched.x, y: Math.round(target.rect.y * k), width: canvas.width, height: canvas.height };
      notes.push(...stitched.notes);
    }
    const screenshotMs = lap();
    const original = await encodePng(canvas);
    const sha = await sha256Hex(original.bytes);
    const cropAndEncodeMs = lap();

    // Boxes came relative to the element in CSS px; the crop may have lost a clamped top/left edge.
    // In viewport and page mode the image starts at the viewport's / page's corner: boxes move by the review's position.
    const dx = mode === 'element' ? crop.x - Math.round(target.rect.x * k) : -Math.round(reviewAt.x * k);
    const dy = mode === 'element' ? crop.y - Math.round(target.rect.y * k) : -Math.round(reviewAt.y * k);
    const toPixels = (b: PixelBox): PixelBox => ({ ...b, x: Math.round(b.x * k) - dx, y: Math.round(b.y * k) - dy, width: Math.round(b.width * k), height: Math.round(b.height * k) });
    const phraseBoxes = target.phraseBoxes.map(toPixels);
    // In the whole-screen copy, the review itself is outlined too, so a reader finds it in its context.
    const outlined =
      mode !== 'element' ? [...phraseBoxes, toPixels({ x: 0, y: 0, width: target.rect.width, height: target.rect.height, label: '该评价' })] : phraseBoxes;
    const privacyBoxes = target.privacyBoxes.map(toPixels);
    const lines = stripLines({ capturedAtMs, url: target.pageUrl, platformLabel: PLATFORM_LABEL[target.review.platform], reviewKey: target.review.key, originalSha256: sha });
    const annotatedCanvas = drawAnnotated(offscreenCanvas as (w: number, h: number) => OffscreenCanvas, canvas, outlined, lines, k);
    const annotated = await encodePng(annotatedCanvas);
    const masked = privacyBoxes.length ? await encodePng(drawMaskedCopy(offscreenCanvas as (w: number, h: number) => OffscreenCanvas, annotatedCanvas, privacyBoxes)) : null;

    const annotateMs = lap();
    const notRendered = [...target.notRendered, ...notes];
    const saved = await ports.record({
      review: target.review,
      image: { dataUrl: original.dataUrl, width: original.width, height: original.height },
      annotated: { dataUrl: annotated.dataUrl, width: annotated.width, height: annotated.height },
      ...(masked ? { annotatedMasked: { dataUrl: masked.dataUrl, width: masked.width, height: masked.height } } : {}),
      pageUrl: target.pageUrl,
      pageTitle: target.pageTitle,
      method: mode === 'element' ? PIXEL_METHOD : mode === 'viewport' ? VIEWPORT_METHOD : PAGE_METHOD,
      capturedAtMs,
      context: {
        extensionVersion: target.extensionVersion,
        browser: target.userAgent,
        timeZone: target.timeZone,
        pageJson: target.pageJson,
        pageJsonNote: target.pageJson ? null : target.pageJsonNote,
        notRendered,
        phraseBoxes,
        privacyBoxes,
        formats: [{ mime: 'image/png', bytes: original.bytes.byteLength, lossless: true }],
      },
    });
    const storeMs = lap();
    await finish(true, `${mode === 'element' ? '像素级截图' : mode === 'viewport' ? '整屏截图' : '整页截图'}已存证 · SHA-256 ${saved.sha256.slice(0, 8)}…`, saved.sha256);
    return { ...saved, timings: { prepareMs, screenshotMs, cropAndEncodeMs, annotateMs, storeMs } };
  } catch (error) {
    await finish(false, error instanceof Error ? error.message : String(error), null);
    throw error;
  }
}
