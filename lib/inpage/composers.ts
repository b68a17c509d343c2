/**
 * Where the seller types and sends on each chat page (seller-consoles.md §1.4, §3, §4), as data keyed by chat
 * adapter id. Record-only pages (千牛 聊天记录, 京东 咨询记录) have no composer and are not listed.
 */
import { queryByRule } from '../platforms/selectors';
import type { SelectorRule } from '../platforms/types';

export interface ComposerSelectors {
  input: SelectorRule;
  send: SelectorRule;
}

export const CHAT_COMPOSERS: Readonly<Record<string, ComposerSelectors>> = {
  'pinduoduo-chat': {
    input: { name: 'replyInput', candidates: ['#replyTextarea'], note: 'H (pdd-ai-button.ts)' },
    send: { name: 'sendButton', candidates: ['.send-btn', '[class*="send-btn"]', '[class*="sendBtn"]'], note: 'inferred (L): Enter sends' },
  },
  'meituan-chat': {
    input: { name: 'replyInput', candidates: ['pre.dzim-chat-input-container[contenteditable]'], note: 'M' },
    send: { name: 'sendButton', candidates: ['.dzim-chat-input-send > button.dzim-button-primary', 'button.send-button'], note: 'M' },
  },
  'jd-dongdong': {
    input: { name: 'replyInput', candidates: ['.EditorContent[contenteditable="true"]', '.EditorContent'], note: 'M' },
    send: { name: 'sendButton', candidates: ['.SendButtonGroup > .send-button', '.send-button'], note: 'M' },
  },
};

export function composerFor(adapterId: string): ComposerSelectors | undefined {
  return CHAT_COMPOSERS[adapterId];
}

/** The first input matching the rule in any of the scopes (document, open or closed shadow roots). */
export function findComposerInput(scopes: readonly ParentNode[], composer: ComposerSelectors): HTMLElement | null {
  for (const scope of scopes) {
    const el = queryByRule(scope, composer.input);
    if (el) return el as HTMLElement;
  }
  return null;
}

function isTextField(el: Element): el is HTMLTextAreaElement | HTMLInputElement {
  return el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
}

/** What the seller typed, as it would be sent. */
export function readComposerText(input: HTMLElement): string {
  if (isTextField(input)) return input.value;
  return input.innerText ?? input.textContent ?? '';
}

/**
 * Puts `text` at the caret (or at the end). Framework-controlled fields (React, Vue) only notice a value set
 * through the native setter followed by an `input` event; contenteditable editors listen for `insertText`.
 */
export function insertIntoComposer(input: HTMLElement, text: string): void {
  input.focus();
  if (isTextField(input)) {
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    const next = input.value.slice(0, start) + text + input.value.slice(end);
    const proto = Object.getPrototypeOf(input) as object;
    const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
    if (setter) setter.call(input, next);
    else input.value = next;
    input.setSelectionRange(start + text.length, start + text.length);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return;
  }
  const doc = input.ownerDocument;
  const inserted = typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text);
  if (!inserted) {
    input.append(doc.createTextNode(text));
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  }
}
