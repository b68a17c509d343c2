import { isExtortionMessage } from '../../lib/classify';
import { ChatScanner, type ChatFinding, type ChatPass } from '../../lib/detection/chatScanner';
import { sendMessage, type RuntimePort } from '../../lib/messaging/channel';
import type { ChatPageAdapter } from '../../lib/platforms/types';
import type { FindingsReporter } from './findings';
import { chatCaptureControls } from './chatCapture';

interface ChromeDom {
  dom?: { openOrClosedShadowRoot?(element: Element): ShadowRoot | null };
}

/** Closed shadow roots (Meituan chat) need chrome.dom and the "dom" permission; open ones work without. */
function openShadowRoot(host: Element): ShadowRoot | null {
  try {
    const api = (globalThis as unknown as { chrome?: ChromeDom }).chrome?.dom;
    return api?.openOrClosedShadowRoot?.(host) ?? null;
  } catch {
    return null;
  }
}

export function startChatScanner(
  adapter: ChatPageAdapter,
  reporter: FindingsReporter,
  pageUrl: () => string,
  afterScan: (pass: ChatPass) => void = () => {},
): ChatScanner {
  const root = { setAttribute: (n: string, v: string) => document.documentElement.setAttribute(n, v) };
  const pending: ChatFinding[] = [];
  const controls = chatCaptureControls(adapter, pageUrl);
  let sending = false;
  const flush = async () => {
    if (sending || pending.length === 0) return;
    sending = true;
    const batch = pending.splice(0, 500);
    try {
      await sendMessage(browser.runtime as unknown as RuntimePort, 'chat-messages', { pageUrl: pageUrl().slice(0, 4_000), messages: batch });
    } catch (error) {
      console.debug('[差评卫士] 聊天记录保存失败', error);
    } finally {
      sending = false;
      if (pending.length) void flush();
    }
  };
  const scanner = new ChatScanner({
    adapter,
    document,
    openShadowRoot,
    isExtortion: isExtortionMessage,
    onMessages: (found) => {
      pending.push(...found);
      void flush();
    },
    onScan: (stats, pass) => {
      root.setAttribute('data-rg-chat-count', String(stats.messages));
      root.setAttribute('data-rg-flagged', String(stats.flagged));
      root.setAttribute('data-rg-scopes', String(stats.scopes));
      reporter.update({
        adapter: adapter.id,
        platform: adapter.platform,
        surface: 'chat',
        selectors: Object.values(adapter.selectors),
        domCount: stats.messages,
        keyed: stats.messages - stats.unreadable,
        unreadable: stats.unreadable,
        flagged: stats.flagged,
        scanMs: stats.ms,
        countOrderNumbers: false,
        scopes: () => pass.scopes,
      });
      controls.afterScan(pass.seen);
      afterScan(pass);
    },
    onError: (error) => console.debug('[差评卫士] 聊天识别出错（已忽略，不影响页面）', error),
  });
  scanner.start();
  return scanner;
}
