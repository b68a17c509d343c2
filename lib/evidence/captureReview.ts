/**
 * One review capture as the content script performs it: render the review (html2canvas-pro), measure where the
 * deciding phrases and the buyer's personal data sit in the image, pick the stored format by measurement, and
 * draw the annotated copy. Returns the JSON-safe part of the `capture-review` message.
 */
import { classifyReview } from '../classify';
import { findPersonalData } from '../export/privacy';
import type { ExtractedReview } from '../platforms/types';
import type { MessageRequest, ObservedPageJson, PixelBox } from '../schemas';
import { PLATFORM_LABEL } from '../schemas';
import { captureElements } from './captureElement';
import { measureText } from './textBoxes';
import { encodeCapture, toPixelBox } from './encodeCapture';
import { decidingPhraseTexts } from './decidingPhrases';

export interface CaptureEnvironment {
  pageUrl: string;
  pageTitle: string;
  extensionVersion: string;
  userAgent: string;
  timeZone: string;
  nowMs: () => number;
  /** The page's own JSON for this review, when the network tap observed it; else null and why. */
  pageJson?: ObservedPageJson | null;
  pageJsonNote?: string | null;
}

type CapturePayload = Omit<MessageRequest<'capture-review'>, 'review'> & { renderMs: number };

/** Loads an image the way the renderer will (anonymous CORS); false when the other site refuses to share it. */
export type CorsProbe = (src: string) => Promise<boolean>;

export const probeWithImage: CorsProbe = (src) =>
  new Promise((resolve) => {
    const img = new Image();
    const timer = setTimeout(() => resolve(false), 3000);
    img.crossOrigin = 'anonymous';
    img.onload = () => {
      clearTimeout(timer);
      resolve(true);
    };
    img.onerror = () => {
      clearTimeout(timer);
      resolve(false);
    };
    img.src = src;
  });

/** What the renderer cannot draw faithfully: said in the record, never silently dropped. */
export async function unrenderableParts(parts: readonly Element[], pageOrigin: string, probe: CorsProbe): Promise<string[]> {
  const notes: string[] = [];
  const all = (selector: string) => parts.flatMap((p) => [...(p.matches(selector) ? [p] : []), ...Array.from(p.querySelectorAll(selector))]);
  const iframes = all('iframe');
  if (iframes.length) notes.push(`${iframes.length} 个内嵌框架（iframe）的内容无法画入截图`);
  const foreign = new Set<string>();
  for (const img of all('img') as HTMLImageElement[]) {
    const src = img.currentSrc || img.src;
    try {
      if (src && !src.startsWith('data:') && new URL(src, pageOrigin).origin !== pageOrigin) foreign.add(src);
    } catch {
      /* unparsable src: nothing to load */
    }
  }
  const refused = (await Promise.all([...foreign].map(async (src) => ((await probe(src)) ? null : src)))).filter((s) => s !== null);
  if (refused.length)
    notes.push(`${refused.length} 张来自其他网站的图片不允许跨域读取，截图中此处为空白（请用系统截图补充）：${refused.slice(0, 3).join('、')}`);
  const media = all('video, canvas:not([data-rg-ui])');
  if (media.length) notes.push(`${media.length} 个视频/画布元素可能只画出当前画面或空白`);
  return notes;
}

export async function captureReviewEvidence(
  review: ExtractedReview,
  env: CaptureEnvironment,
  probe: CorsProbe = probeWithImage,
): Promise<CapturePayload> {
  const { snapshot } = review;
  const classification = classifyReview({ text: snapshot.text, rating: snapshot.stars, platform: snapshot.platform, reviewedAt: snapshot.reviewedAt });
  const phraseNeedles = decidingPhraseTexts(classification);
  const privacyNeedles = [snapshot.buyerNick ?? '', ...findPersonalData(snapshot.text)];
  let phraseBoxes: PixelBox[] = [];
  let privacyBoxes: PixelBox[] = [];
  const unrenderable = unrenderableParts(review.parts, new URL(env.pageUrl).origin, probe);
  let scaleSeen = 1;
  const capturedAtMs = env.nowMs();

  const image = await captureElements(review.parts, undefined, {
    onLaidOutClone: (clone) => {
      scaleSeen = Math.min(2, Math.max(1, clone.ownerDocument.defaultView?.devicePixelRatio ?? 1));
      const toPixels = toPixelBox(scaleSeen);
      phraseBoxes = measureText(clone, phraseNeedles).map(toPixels);
      privacyBoxes = measureText(clone, privacyNeedles).map(toPixels);
    },
  });
  // The clone's devicePixelRatio can differ from the render scale: rescale if so.
  if (scaleSeen !== image.scale) {
    const k = image.scale / scaleSeen;
    const rescale = (b: PixelBox): PixelBox => ({ ...b, x: b.x * k, y: b.y * k, width: b.width * k, height: b.height * k });
    phraseBoxes = phraseBoxes.map(rescale);
    privacyBoxes = privacyBoxes.map(rescale);
  }
  const notRendered = await unrenderable;
  if (phraseNeedles.length > 0 && phraseBoxes.length === 0) notRendered.push('判定词句未能在截图中定位，标注图中没有红框');

  const { formats, ...images } = await encodeCapture(image.canvas, image.dataUrl, {
    size: { width: image.width, height: image.height },
    scale: image.scale,
    phraseBoxes,
    privacyBoxes,
    strip: { capturedAtMs, url: env.pageUrl, platformLabel: PLATFORM_LABEL[snapshot.platform], reviewKey: snapshot.key },
  });

  return {
    ...images,
    pageUrl: env.pageUrl,
    pageTitle: env.pageTitle.slice(0, 1000),
    method: image.method,
    capturedAtMs,
    context: {
      extensionVersion: env.extensionVersion,
      browser: env.userAgent.slice(0, 1000),
      timeZone: env.timeZone,
      pageJson: env.pageJson ?? null,
      pageJsonNote: env.pageJson ? null : (env.pageJsonNote ?? '未观察到该评价的页面接口数据，未记录'),
      notRendered,
      phraseBoxes,
      privacyBoxes,
      formats,
    },
    renderMs: image.renderMs,
  };
}
