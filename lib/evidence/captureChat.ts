/**
 * One chat-thread capture as the content script performs it: the WHOLE thread rendered (html2canvas-pro on an
 * isolated clone whose scroll container is expanded: height auto, overflow visible, max-height none), the
 * 差评要挟 messages and the classifier's deciding phrases boxed in red on an annotated copy with the capture strip,
 * the buyer's personal data located for the masked copy, and the stored format picked by measurement.
 *
 * Threads taller than one canvas can hold (Chromium refuses canvases over 16,384 px a side) keep the most recent
 * messages that fit; the record says how many earlier messages (and which times) the image leaves out, and their
 * text is still in the record. Chats inside a closed shadow root (美团) are rendered by letting the renderer see
 * that root (only in the extension's isolated world); when rendering fails the capture fails with the reason —
 * never a picture drawn from the extracted text.
 */
import html2canvas from 'html2canvas-pro';
import { classifyReview } from '../classify';
import { findPersonalData } from '../export/privacy';
import type { ChatSender } from '../platforms/types';
import type { ChatThreadSeen, MessageRequest, PixelBox, PlatformId } from '../schemas';
import { CHAT_PAGE_JSON_NOTE, MAX_CHAT_CAPTURE_MESSAGES, PLATFORM_LABEL } from '../schemas';
import { formatShanghai } from '../time/shanghai';
import type { CaptureEnvironment, CorsProbe } from './captureReview';
import { probeWithImage, unrenderableParts } from './captureReview';
import { evidenceRenderOptions, evidenceScale } from './captureElement';
import { encodeCapture, toPixelBox } from './encodeCapture';
import { decidingPhraseTexts } from './decidingPhrases';
import { measureText } from './textBoxes';

/** Largest side of one image (Chromium's canvas limit), minus room for the annotation strip. */
export const MAX_CANVAS_PX = 16_384;
const STRIP_RESERVE_CSS_PX = 140;

export interface ThreadMessage {
  element: Element;
  key: string;
  sender: ChatSender;
  timeMs: number | null;
  text: string;
  flag: 'extortion' | null;
}

export interface ThreadToCapture {
  platform: PlatformId;
  conversationKey: string;
  buyerId: string | null;
  buyerNick: string | null;
  orderSn: string | null;
  /** The element rendered (the scroll container or its ancestor). */
  threadRoot: HTMLElement;
  /** Every message of the thread on the page, in order. */
  messages: ThreadMessage[];
}

type ChatCapturePayload = Omit<MessageRequest<'capture-chat'>, never> & { renderMs: number };

/** Which messages fit in one image: the most recent ones whose content fits under `maxCssHeight`. */
export function messagesThatFit(
  offsets: readonly { top: number; bottom: number }[],
  contentHeight: number,
  maxCssHeight: number,
): { firstKept: number } {
  if (contentHeight <= maxCssHeight) return { firstKept: 0 };
  const limitTop = contentHeight - maxCssHeight;
  let first = offsets.findIndex((o) => o.top >= limitTop);
  if (first < 0) first = offsets.length - 1;
  return { firstKept: Math.max(0, first) };
}

/** The note written into the record when earlier messages are not in the image. */
export function omittedNote(messages: readonly Pick<ThreadMessage, 'timeMs'>[], firstKept: number, maxPx: number): string | null {
  if (firstKept <= 0) return null;
  const left = messages.slice(0, firstKept);
  const times = left.map((m) => m.timeMs).filter((t): t is number => t !== null);
  const span = times.length
    ? `（${formatShanghai(Math.min(...times), 'YYYY-MM-DD HH:mm')} 至 ${formatShanghai(Math.max(...times), 'YYYY-MM-DD HH:mm')}）`
    : '';
  return `聊天记录过长，超出单张图片上限（${maxPx} 像素）：截图只含最近 ${messages.length - firstKept} 条消息，较早的 ${firstKept} 条${span}未画入截图，其文字仍完整记录在采集记录中`;
}

/**
 * Lets the renderer (running in this isolated world) see closed shadow roots on the way up from `el`. The page's
 * own world does not see the property. Returns the undo.
 */
export function exposeClosedShadowRoots(el: Element): () => void {
  const undo: (() => void)[] = [];
  let node: Node = el;
  for (let depth = 0; depth < 8; depth++) {
    const root = node.getRootNode();
    if (!(root instanceof (root.ownerDocument?.defaultView ?? globalThis).ShadowRoot)) break;
    const shadow = root as ShadowRoot;
    const host = shadow.host;
    if (host.shadowRoot !== shadow) {
      Object.defineProperty(host, 'shadowRoot', { configurable: true, get: () => shadow });
      undo.push(() => delete (host as unknown as Record<string, unknown>)['shadowRoot']);
    }
    node = host;
  }
  return () => undo.reverse().forEach((u) => u());
}

/** Expands a scroll container in the clone so the whole content lays out (and renders). */
function expand(el: HTMLElement): void {
  const view = el.ownerDocument.defaultView;
  const style = view?.getComputedStyle(el);
  el.style.setProperty('height', 'auto', 'important');
  el.style.setProperty('max-height', 'none', 'important');
  el.style.setProperty('overflow', 'visible', 'important');
  el.style.setProperty('flex', 'none', 'important');
  if (style && (style.position === 'fixed' || style.position === 'absolute')) {
    el.style.setProperty('bottom', 'auto', 'important');
    el.style.setProperty('position', 'absolute', 'important');
  }
}

function isScroller(el: Element): boolean {
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  const s = view.getComputedStyle(el);
  return /(auto|scroll|hidden)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
}

export async function captureChatThread(
  thread: ThreadToCapture,
  env: CaptureEnvironment,
  probe: CorsProbe = probeWithImage,
): Promise<ChatCapturePayload> {
  const started = performance.now();
  const { threadRoot, messages } = thread;
  if (messages.length === 0) throw new Error('没有读到这段聊天的任何消息');
  const rect = threadRoot.getBoundingClientRect();
  if (rect.width === 0 && rect.height === 0) throw new Error('聊天区域不可见（宽高为 0），无法截图');
  const scale = evidenceScale(threadRoot);

  // The scroll containers: the root itself and any scrolling element inside it (marked to find their clones).
  const scrollers = [threadRoot, ...Array.from(threadRoot.querySelectorAll('*'))].filter(isScroller);
  const scrollHeight = Math.max(threadRoot.scrollHeight, ...scrollers.map((s) => s.scrollHeight));
  const visibleHeight = Math.min(rect.height, ...scrollers.map((s) => s.clientHeight));
  const contentTop = (el: Element) => {
    let top = el.getBoundingClientRect().top - rect.top + threadRoot.scrollTop;
    for (const s of scrollers) if (s !== threadRoot && s.contains(el)) top += s.scrollTop;
    return top;
  };
  const offsets = messages.map((m) => ({ top: contentTop(m.element), bottom: contentTop(m.element) + m.element.getBoundingClientRect().height }));
  const maxCss = Math.floor(MAX_CANVAS_PX / scale) - STRIP_RESERVE_CSS_PX;
  const { firstKept } = messagesThatFit(offsets, scrollHeight, maxCss);
  const skipped = new Set(messages.slice(0, firstKept).map((m) => m.element));
  const omitted = omittedNote(messages, firstKept, MAX_CANVAS_PX);

  const flaggedTexts = messages.filter((m, i) => m.flag && i >= firstKept).map((m) => m.text);
  const phraseNeedles = [
    ...new Set(flaggedTexts.flatMap((text) => decidingPhraseTexts(classifyReview({ text, rating: null, platform: thread.platform })))),
  ];
  const privacyNeedles = [thread.buyerNick ?? '', ...messages.flatMap((m) => findPersonalData(m.text))];
  const unrenderable = unrenderableParts([threadRoot], new URL(env.pageUrl).origin, probe);
  let phraseBoxes: PixelBox[] = [];
  let privacyBoxes: PixelBox[] = [];
  let flaggedInClone = 0;
  const capturedAtMs = env.nowMs();

  scrollers.forEach((s, i) => s.setAttribute('data-rg-scroller', String(i)));
  const restoreShadow = exposeClosedShadowRoots(threadRoot);
  let canvas: HTMLCanvasElement;
  try {
    canvas = await html2canvas(threadRoot, {
      ...evidenceRenderOptions(scale, skipped),
      onclone: (_doc, clone) => {
        const cloned = [clone, ...Array.from(clone.querySelectorAll('[data-rg-scroller]'))].filter((e) => e.hasAttribute('data-rg-scroller'));
        for (const el of cloned) expand(el as HTMLElement);
        if (!cloned.includes(clone)) expand(clone);
        // The page highlight the scanner drew around 差评要挟 lines is ours, not the platform's: not in the original.
        for (const el of Array.from(clone.querySelectorAll<HTMLElement>('[data-rg-flag]'))) {
          el.style.removeProperty('outline');
          el.style.removeProperty('outline-offset');
        }
        const origin = clone.getBoundingClientRect();
        const px = toPixelBox(scale);
        const flagged = Array.from(clone.querySelectorAll('[data-rg-flag="extortion"]'));
        flaggedInClone = flagged.length;
        const messageBoxes = flagged.map((el) => {
          const r = el.getBoundingClientRect();
          return px({ x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height, label: '疑似差评要挟' });
        });
        // Deciding phrases are boxed inside the flagged lines only (the seller quoting 补偿 is no threat).
        const phraseInFlagged = flagged.flatMap((el) => {
          const r = el.getBoundingClientRect();
          return measureText(el, phraseNeedles).map((b) => px({ ...b, x: b.x + r.left - origin.left, y: b.y + r.top - origin.top }));
        });
        phraseBoxes = [...messageBoxes, ...phraseInFlagged];
        privacyBoxes = measureText(clone, privacyNeedles).map(px);
      },
    });
  } catch (error) {
    const inShadow = threadRoot.getRootNode() !== threadRoot.ownerDocument;
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(inShadow ? `聊天位于页面的封闭 Shadow DOM 中，截图渲染失败（${why}），未保存；请用系统截图保存这段聊天` : `聊天截图渲染失败：${why}`, {
      cause: error,
    });
  } finally {
    restoreShadow();
    scrollers.forEach((s) => s.removeAttribute('data-rg-scroller'));
  }
  if (canvas.width === 0 || canvas.height === 0) throw new Error('截图结果为空白');
  let dataUrl: string;
  try {
    dataUrl = canvas.toDataURL('image/png');
  } catch {
    throw new Error('聊天中有跨域图片，浏览器禁止导出截图');
  }

  const notRendered = await unrenderable;
  if (omitted) notRendered.push(omitted);
  const flaggedKept = messages.filter((m, i) => m.flag && i >= firstKept).length;
  if (flaggedKept > 0 && flaggedInClone === 0) notRendered.push('疑似差评要挟的消息未能在截图中定位，标注图中没有红框');

  const { formats, ...images } = await encodeCapture(canvas, dataUrl, {
    size: { width: canvas.width, height: canvas.height },
    scale,
    phraseBoxes,
    privacyBoxes,
    strip: { capturedAtMs, url: env.pageUrl, platformLabel: PLATFORM_LABEL[thread.platform], reviewKey: thread.conversationKey, keyLabel: '会话' },
    extraLines: omitted ? [`截图只含最近 ${messages.length - firstKept} 条消息，较早的 ${firstKept} 条见采集记录`] : [],
  });

  const seen: ChatThreadSeen = {
    platform: thread.platform,
    conversationKey: thread.conversationKey,
    buyerId: thread.buyerId,
    buyerNick: thread.buyerNick,
    orderSn: thread.orderSn,
    // Over the record's cap the most recent messages are kept (the image keeps the most recent too).
    messages: messages.slice(-MAX_CHAT_CAPTURE_MESSAGES).map((m) => ({
      key: m.key,
      sender: m.sender,
      timeMs: m.timeMs,
      text: m.text,
      flag: m.flag,
      inImage: !skipped.has(m.element),
    })),
    totalMessages: messages.length,
    scrollHeight: Math.round(scrollHeight),
    visibleHeight: Math.round(visibleHeight),
    omitted:
      [omitted, messages.length > MAX_CHAT_CAPTURE_MESSAGES ? `采集记录只保存最近 ${MAX_CHAT_CAPTURE_MESSAGES} 条消息的文字` : null]
        .filter(Boolean)
        .join('；') || null,
  };

  return {
    thread: seen,
    ...images,
    pageUrl: env.pageUrl,
    pageTitle: env.pageTitle.slice(0, 1000),
    method: 'html2canvas-pro（整段聊天，滚动区域展开）',
    capturedAtMs,
    context: {
      extensionVersion: env.extensionVersion,
      browser: env.userAgent.slice(0, 1000),
      timeZone: env.timeZone,
      pageJson: null,
      pageJsonNote: CHAT_PAGE_JSON_NOTE,
      notRendered,
      phraseBoxes,
      privacyBoxes,
      formats,
    },
    renderMs: performance.now() - started,
  };
}
