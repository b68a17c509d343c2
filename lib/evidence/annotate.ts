/**
 * The annotated copy, as a careful seller makes it by hand: the deciding phrases boxed in red on the capture, and a
 * strip underneath with when (Beijing time and UTC), where (URL, platform), which review, and the original's hash.
 * The original capture is never drawn on; this is a separate image.
 */
import type { PixelBox } from '../schemas';
import { formatShanghai } from '../time/shanghai';

export interface StripFacts {
  capturedAtMs: number;
  url: string;
  platformLabel: string;
  reviewKey: string;
  /** What the key names (default 评价; chat captures say 会话). */
  keyLabel?: string;
  originalSha256: string;
}

export function stripLines(f: StripFacts): string[] {
  return [
    `采集时间 ${formatShanghai(f.capturedAtMs, 'YYYY-MM-DD HH:mm:ss')}（北京时间 UTC+8） · ${new Date(f.capturedAtMs).toISOString()}（UTC）`,
    `网址 ${f.url}`,
    `平台 ${f.platformLabel} · ${f.keyLabel ?? '评价'} ${f.reviewKey}`,
    `原图 SHA-256 ${f.originalSha256.slice(0, 16)}…  由差评卫士采集，红框为判定依据`,
  ];
}

const LINE_CSS_PX = 20;
const PAD_CSS_PX = 8;
export const RED = '#ff0000';
export const MASK_GREY = '#8c8c8c';

/** Covers boxes (image pixels) with solid grey, with a small margin so no glyph edge survives. */
export function coverBoxes(ctx: Context2D, boxes: readonly PixelBox[]): void {
  ctx.fillStyle = MASK_GREY;
  for (const b of boxes) ctx.fillRect(Math.floor(b.x) - 2, Math.floor(b.y) - 2, Math.ceil(b.width) + 4, Math.ceil(b.height) + 4);
}

/** The annotated copy with the buyer's personal data covered: what exports show when masking is on. */
export function drawMaskedCopy<C extends AnyCanvas>(createCanvas: (width: number, height: number) => C, annotated: AnyCanvas, boxes: readonly PixelBox[]): C {
  const canvas = createCanvas(annotated.width, annotated.height);
  const ctx = context2d(canvas);
  if (!ctx) throw new Error('无法创建画布，不能生成打码副本');
  ctx.drawImage(annotated, 0, 0);
  coverBoxes(ctx, boxes);
  return canvas;
}

/** A canvas in a page (HTMLCanvasElement) or in the worker (OffscreenCanvas). */
export type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;
export type CanvasFactory = (width: number, height: number) => AnyCanvas;
type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export const documentCanvas =
  (doc: Document): CanvasFactory =>
  (width, height) => {
    const canvas = doc.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    return canvas;
  };

export const offscreenCanvas: CanvasFactory = (width, height) => new OffscreenCanvas(width, height);

function context2d(canvas: AnyCanvas): Context2D | null {
  return canvas.getContext('2d') as Context2D | null;
}

/** Draws the annotated copy on a new canvas. Boxes are in image pixels. */
export function drawAnnotated<C extends AnyCanvas>(
  createCanvas: (width: number, height: number) => C,
  source: CanvasImageSource & { width: number; height: number },
  boxes: readonly PixelBox[],
  lines: readonly string[],
  scale: number,
): C {
  const stripHeight = Math.round((lines.length * LINE_CSS_PX + 2 * PAD_CSS_PX) * scale);
  const canvas = createCanvas(source.width, source.height + stripHeight);
  const ctx = context2d(canvas);
  if (!ctx) throw new Error('无法创建画布，不能生成标注图');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, 0);
  ctx.strokeStyle = RED;
  ctx.lineWidth = Math.max(2, Math.round(2 * scale));
  const pad = 2 * scale;
  for (const b of boxes) ctx.strokeRect(b.x - pad, b.y - pad, b.width + 2 * pad, b.height + 2 * pad);
  ctx.fillStyle = '#fafafa';
  ctx.fillRect(0, source.height, canvas.width, stripHeight);
  ctx.fillStyle = '#d9d9d9';
  ctx.fillRect(0, source.height, canvas.width, Math.max(1, scale));
  ctx.fillStyle = '#262626';
  ctx.font = `${Math.round(13 * scale)}px 'PingFang SC','Microsoft YaHei','WenQuanYi Zen Hei',sans-serif`;
  ctx.textBaseline = 'top';
  lines.forEach((line, i) => {
    ctx.fillText(line, PAD_CSS_PX * scale, source.height + (PAD_CSS_PX + i * LINE_CSS_PX) * scale + 3 * scale, canvas.width - 2 * PAD_CSS_PX * scale);
  });
  return canvas;
}
