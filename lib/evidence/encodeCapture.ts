/**
 * The content script's last step of a rendered capture, shared by review and chat captures: the stored format
 * chosen by measurement, the annotated copy (red boxes + capture strip) and, when there is personal data, the masked
 * copy — all as data URLs for the capture message.
 */
import type { PixelBox } from '../schemas';
import { documentCanvas, drawAnnotated, drawMaskedCopy, stripLines, type StripFacts } from './annotate';
import { decodeImageDataUrl, sha256Hex } from './bytes';
import { chooseLosslessFormat, type FormatChoice } from './chooseFormat';

/** CSS-pixel boxes measured in the render's clone → image pixels at the render scale. */
export function toPixelBox(scale: number) {
  return (b: { x: number; y: number; width: number; height: number; label: string }): PixelBox => ({
    x: Math.round(b.x * scale),
    y: Math.round(b.y * scale),
    width: Math.round(b.width * scale),
    height: Math.round(b.height * scale),
    label: b.label.slice(0, 500),
  });
}

interface ImagePayload {
  dataUrl: string;
  width: number;
  height: number;
}

export interface EncodedCapture {
  image: ImagePayload;
  annotated: ImagePayload;
  annotatedMasked?: ImagePayload;
  formats: FormatChoice['measurements'];
}

export async function encodeCapture(
  canvas: HTMLCanvasElement,
  pngDataUrl: string,
  opts: {
    /** The image's size as reported in the record. */
    size: { width: number; height: number };
    scale: number;
    phraseBoxes: readonly PixelBox[];
    privacyBoxes: readonly PixelBox[];
    strip: Omit<StripFacts, 'originalSha256'>;
    /** Lines added under the standard strip. */
    extraLines?: readonly string[];
  },
): Promise<EncodedCapture> {
  const chosen = await chooseLosslessFormat(canvas, pngDataUrl);
  const originalSha256 = await sha256Hex(decodeImageDataUrl(chosen.dataUrl).bytes);
  const lines = [...stripLines({ ...opts.strip, originalSha256 }), ...(opts.extraLines ?? [])];
  const createCanvas = documentCanvas(canvas.ownerDocument) as (w: number, h: number) => HTMLCanvasElement;
  const annotatedCanvas = drawAnnotated(createCanvas, canvas, [...opts.phraseBoxes], lines, opts.scale);
  const maskedCanvas = opts.privacyBoxes.length > 0 ? drawMaskedCopy(createCanvas, annotatedCanvas, [...opts.privacyBoxes]) : null;
  return {
    image: { dataUrl: chosen.dataUrl, ...opts.size },
    annotated: { dataUrl: annotatedCanvas.toDataURL('image/png'), width: annotatedCanvas.width, height: annotatedCanvas.height },
    ...(maskedCanvas ? { annotatedMasked: { dataUrl: maskedCanvas.toDataURL('image/png'), width: maskedCanvas.width, height: maskedCanvas.height } } : {}),
    formats: chosen.measurements,
  };
}
