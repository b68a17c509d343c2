/**
 * Wires the 采集聊天证据 controls of a chat page: after each scan, one control per visible conversation (where the
 * adapter's capture entry says); a click reads the thread again, renders it whole, and sends it to the worker.
 */
import { isExtortionMessage } from '../../lib/classify';
import { conversationKeyFor } from '../../lib/chat/conversationKey';
import { CHAT_ATTR, type ChatScopeSeen } from '../../lib/detection/chatScanner';
import { mountChatCaptureControls, setChatCaptureState, type ChatThread } from '../../lib/detection/chatCaptureControl';
import { captureChatThread, type ThreadMessage } from '../../lib/evidence/captureChat';
import { sendMessage, type RuntimePort } from '../../lib/messaging/channel';
import type { ChatPageAdapter } from '../../lib/platforms/types';
import { formatShanghai } from '../../lib/time/shanghai';

/** The scope (document or shadow root) an element lives in. */
function scopeOf(el: Element): ParentNode {
  return el.getRootNode() as unknown as ParentNode;
}

function readThread(adapter: ChatPageAdapter, thread: ChatThread) {
  const scope = scopeOf(thread.threadRoot);
  const elements = adapter.findMessages(scope).filter((m) => thread.threadRoot.contains(m));
  const reads = adapter.readMessages(scope, elements);
  const conversation = adapter.readConversation(scope);
  const conversationKey = conversationKeyFor(adapter.platform, conversation);
  const messages: ThreadMessage[] = [];
  elements.forEach((element, i) => {
    const read = reads[i];
    if (!read) return;
    messages.push({
      element,
      key: element.getAttribute(CHAT_ATTR) || `${adapter.platform}:${conversation.buyerId ?? conversation.buyerNick ?? 'unknown'}:${read.platformId ?? i}`,
      sender: read.sender,
      timeMs: read.timeMs,
      text: read.text,
      flag: read.sender === 'buyer' && read.text && isExtortionMessage(read.text) ? 'extortion' : null,
    });
  });
  if (messages.length === 0) throw new Error('这段聊天已从页面上消失或无法读取，请刷新后重试');
  return { ...conversation, conversationKey, platform: adapter.platform, threadRoot: thread.threadRoot as HTMLElement, messages };
}

async function capture(adapter: ChatPageAdapter, thread: ChatThread, button: HTMLButtonElement, pageUrl: () => string): Promise<void> {
  setChatCaptureState(button, 'saving');
  try {
    const url = pageUrl();
    const toCapture = readThread(adapter, thread);
    const { renderMs, ...payload } = await captureChatThread(toCapture, {
      pageUrl: url,
      pageTitle: document.title || safeTopTitle() || '',
      extensionVersion: browser.runtime.getManifest().version,
      userAgent: navigator.userAgent,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      nowMs: () => Date.now(),
    });
    const saved = await sendMessage(browser.runtime as unknown as RuntimePort, 'capture-chat', payload);
    button.setAttribute('data-rg-sha256', saved.sha256);
    button.setAttribute('data-rg-evidence', saved.evidenceId);
    button.setAttribute('data-rg-linked', saved.linkedCaseKeys.join(' '));
    button.setAttribute('data-rg-render-ms', renderMs.toFixed(1));
    const where = saved.linkedCaseKeys.length ? `已关联 ${saved.linkedCaseKeys.length} 个案件` : '暂无对应评价案件，已保存为未关联的聊天证据';
    const cut = payload.thread.omitted ? ` · ${payload.thread.omitted}` : '';
    setChatCaptureState(button, 'saved', `${formatShanghai(Date.now(), 'HH:mm:ss')} 聊天已存证（${payload.thread.messages.length} 条）· SHA-256 ${saved.sha256.slice(0, 8)}… · ${where}${cut}`);
  } catch (error) {
    setChatCaptureState(button, 'error', error instanceof Error ? error.message : String(error));
  }
}

function safeTopTitle(): string | null {
  try {
    return window.top?.document.title ?? null;
  } catch {
    return null;
  }
}

/** Call after every scan with what it saw (every scope, also those without messages: stale controls go). */
export function chatCaptureControls(adapter: ChatPageAdapter, pageUrl: () => string) {
  return {
    afterScan(seen: readonly ChatScopeSeen[]): void {
      for (const { scope, messages } of seen) {
        try {
          mountChatCaptureControls(scope, adapter.capture, messages, (thread, button) => void capture(adapter, thread, button, pageUrl));
        } catch (error) {
          console.debug('[差评卫士] 聊天采集按钮挂载失败', error);
        }
      }
    },
  };
}
