/**
 * The per-conversation 采集聊天证据 control on chat pages. Same look as the review toolbar (its exports are reused),
 * its own action (`data-rg-action="capture-chat"`) so the review capture's listener never sees it. Where it goes is
 * data: each chat adapter's `capture` entry (thread root + capture host), one control per visible conversation.
 * Marked `data-rg-ui` so the scanners, the text reader and the capture ignore it.
 */
import { ensureUiStyles, setCaptureButtonState, type CaptureButtonState } from './captureToolbar';
import { UI_ATTR } from './reviewScanner';
import { queryAllByRule, queryByRule } from '../platforms/selectors';
import type { ChatCaptureRules } from '../platforms/types';

export const CHAT_CAPTURE_ACTION = 'capture-chat';
export const CHAT_CAPTURE_UI = 'chat-capture';
export const CHAT_CAPTURE_LABEL = '采集聊天证据';

/** One visible conversation: the element rendered and the element the control goes on. */
export interface ChatThread {
  threadRoot: Element;
  captureHost: Element;
}

/** Nearest common ancestor of the messages (when no thread-root candidate matches). */
function commonParent(messages: readonly Element[]): Element | null {
  let candidate = messages[0]?.parentElement ?? null;
  while (candidate && !messages.every((m) => candidate!.contains(m))) candidate = candidate.parentElement;
  return candidate;
}

/**
 * The conversations of one scope (document or shadow root): one per matched thread root that holds messages.
 * The host is the first capture-host match in the scope that is not inside another thread's root; when the rule
 * matches nothing, the thread root itself.
 */
export function findChatThreads(scope: ParentNode, rules: ChatCaptureRules, messages: readonly Element[]): ChatThread[] {
  if (messages.length === 0) return [];
  let roots = queryAllByRule(scope, rules.threadRoot).filter((r) => messages.some((m) => r.contains(m)));
  // Nested matches (a drawer and its detail list): keep the outermost.
  roots = roots.filter((r) => !roots.some((o) => o !== r && o.contains(r)));
  if (roots.length === 0) {
    const parent = commonParent(messages);
    if (parent) roots = [parent];
  }
  if (roots.length === 1) return [{ threadRoot: roots[0]!, captureHost: queryByRule(scope, rules.captureHost) ?? roots[0]! }];
  // Several conversations side by side: each gets the host inside it, else itself.
  return roots.map((root) => ({ threadRoot: root, captureHost: queryByRule(root, rules.captureHost) ?? root }));
}

/** The control a host carries (a direct child). */
export function findChatControl(host: Element): HTMLElement | null {
  for (let child = host.firstElementChild; child; child = child.nextElementSibling) {
    if (child.getAttribute(UI_ATTR) === CHAT_CAPTURE_UI) return child as HTMLElement;
  }
  return null;
}

/** Like the review toolbar's state, with the chat label when idle. `detail` is plain text (textContent only). */
export function setChatCaptureState(button: HTMLButtonElement, state: CaptureButtonState, detail = ''): void {
  setCaptureButtonState(button, state, detail);
  if (state === 'idle') button.textContent = CHAT_CAPTURE_LABEL;
}

const handlers = new WeakMap<HTMLButtonElement, () => void>();

function buildControl(doc: Document, onCapture: (button: HTMLButtonElement) => void): HTMLElement {
  // Our own tag: the adapters' selectors (e.g. 咚咚's `.chat-head-name > span` for the buyer) never match it.
  const bar = doc.createElement('rg-chat-capture');
  // Bar, status and button are styled by the shared stylesheet (captureToolbar.ts), as on review pages.
  bar.setAttribute(UI_ATTR, CHAT_CAPTURE_UI);
  const status = doc.createElement('span');
  status.setAttribute('data-rg-status', '');
  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute('data-rg-action', CHAT_CAPTURE_ACTION);
  button.title = '差评卫士：截取整段聊天（页面上已加载的全部消息，含滚动区域外的部分）并保存为带时间和哈希的协商证据';
  bar.append(status, button);
  setChatCaptureState(button, 'idle');
  handlers.set(button, () => onCapture(button));
  // Listener on the button itself: inside a shadow root a document listener would only see the host.
  button.addEventListener(
    'click',
    (event) => {
      event.preventDefault();
      event.stopPropagation();
      if (button.getAttribute('data-rg-state') === 'saving') return;
      handlers.get(button)?.();
    },
    true,
  );
  return bar;
}

/**
 * Ensures exactly one control per conversation of `scope`: mounts missing ones, re-points existing ones at the
 * current conversation (so a click captures what is shown then), and removes controls whose host no longer holds a
 * conversation. Returns the threads found.
 */
export function mountChatCaptureControls(
  scope: ParentNode,
  rules: ChatCaptureRules,
  messages: readonly Element[],
  onCapture: (thread: ChatThread, button: HTMLButtonElement) => void,
): ChatThread[] {
  const threads = findChatThreads(scope, rules, messages);
  const hosts = new Set(threads.map((t) => t.captureHost));
  for (const stale of Array.from(scope.querySelectorAll(`[${UI_ATTR}="${CHAT_CAPTURE_UI}"]`))) {
    if (!stale.parentElement || !hosts.has(stale.parentElement)) stale.remove();
  }
  for (const thread of threads) {
    // The button's look comes from our shared stylesheet, in the document or shadow root the control lives in.
    ensureUiStyles(thread.captureHost);
    const existing = findChatControl(thread.captureHost);
    const button = existing?.querySelector<HTMLButtonElement>(`button[data-rg-action="${CHAT_CAPTURE_ACTION}"]`);
    if (existing && button) {
      handlers.set(button, () => onCapture(thread, button));
      continue;
    }
    const doc = thread.captureHost.ownerDocument;
    const bar = buildControl(doc, (b) => onCapture(thread, b));
    thread.captureHost.prepend(bar);
  }
  return threads;
}
