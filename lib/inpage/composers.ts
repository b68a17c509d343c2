/**
 * Reading from and writing into a chat page's reply input. Where the input and the send button are is data in each
 * platform's chat adapter (`composer`, seller-consoles.md §1.4, §3, §4); record-only pages have none.
 */
import { queryByRule } from '../platforms/selectors';
import type { ComposerSelectors } from '../platforms/types';


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
