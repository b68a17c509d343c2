/**
 * Stops a message to the buyer that trips the guard before the platform sends it: Enter in the chat input and
 * clicks on the send button are seen in the capture phase, ahead of the page's own handlers. Clean text passes
 * untouched; the seller's text is never rewritten and nothing is ever sent on our own. 仍然发送 lets exactly that
 * text through once, by replaying the seller's own action (Enter or the send button).
 */
import { guardBuyerMessage, type GuardWarning } from '../appeal/buyerMessages';
import { matchesRule } from '../platforms/selectors';
import type { ComposerSelectors } from '../platforms/types';
import { findComposerInput, readComposerText } from './composers';
import { hideGuardPanel, showGuardPanel } from './guardPanel';

export interface SendGuardOptions {
  document: Document;
  composer: ComposerSelectors;
  /** Where the input may live (document, shadow roots); default the document. */
  scopes?: () => ParentNode[];
  guard?: (text: string) => GuardWarning[];
}

export interface SendGuard {
  /** Also listen inside shadow roots that appeared since (closed roots hide their events from the window). */
  refreshScopes(): void;
  stop(): void;
}

type Via = { kind: 'enter'; input: HTMLElement } | { kind: 'click'; button: HTMLElement };

function isSendEnter(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.isComposing && event.keyCode !== 229;
}

function enterEvent(type: string, view: Window): KeyboardEvent {
  const Ctor = (view as unknown as typeof globalThis).KeyboardEvent;
  const event = new Ctor(type, { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true, composed: true });
  // Older handlers compare keyCode/which, which the constructor cannot set.
  for (const prop of ['keyCode', 'which']) Object.defineProperty(event, prop, { get: () => 13 });
  return event;
}

export function installSendGuard(opts: SendGuardOptions): SendGuard {
  const doc = opts.document;
  const view = doc.defaultView;
  const scopes = opts.scopes ?? (() => [doc]);
  const guard = opts.guard ?? guardBuyerMessage;
  const seen = new WeakSet<Event>();
  const listened = new Set<EventTarget>();
  let allowance: string | null = null;
  /** The Enter whose keypress/keyup must not reach the page either. */
  let blockedEnter = false;

  const elementsOf = (event: Event): Element[] =>
    event.composedPath().filter((n): n is Element => (n as Node).nodeType === 1);

  const inputOf = (event: Event): HTMLElement | null =>
    (elementsOf(event).find((el) => matchesRule(el, opts.composer.input)) as HTMLElement | undefined) ?? null;

  const sendButtonOf = (event: Event): HTMLElement | null =>
    (elementsOf(event).find((el) => matchesRule(el, opts.composer.send)) as HTMLElement | undefined) ?? null;

  /** True when the action may go ahead. */
  const check = (event: Event, input: HTMLElement, via: Via): boolean => {
    const text = readComposerText(input);
    blockedEnter = false;
    if (allowance !== null && allowance === text) {
      allowance = null;
      return true;
    }
    allowance = null;
    const warnings = text.trim() ? guard(text) : [];
    if (warnings.length === 0) {
      hideGuardPanel(doc);
      return true;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    blockedEnter = via.kind === 'enter';
    showGuardPanel(input, warnings, {
      onEdit: () => {
        hideGuardPanel(doc);
        input.focus();
      },
      onSendAnyway: () => {
        hideGuardPanel(doc);
        allowance = text;
        replay(via);
      },
    });
    return false;
  };

  const replay = (via: Via) => {
    if (via.kind === 'click') {
      via.button.click();
      return;
    }
    if (!view) return;
    via.input.focus();
    for (const type of ['keydown', 'keypress', 'keyup']) via.input.dispatchEvent(enterEvent(type, view));
  };

  // An event is handled by the first listener that can see our input in its path: the window's for the page and
  // open shadow roots, the root's own for closed ones (their insides are hidden from the window's composedPath).
  const onKeydown = (event: Event) => {
    if (seen.has(event) || !isSendEnter(event as KeyboardEvent)) return;
    const input = inputOf(event);
    if (!input) return;
    seen.add(event);
    check(event, input, { kind: 'enter', input });
  };
  // Some editors send on keypress or keyup: those of a blocked Enter must not reach the page either.
  const onLaterKey = (event: Event) => {
    if (seen.has(event) || !blockedEnter || !isSendEnter(event as KeyboardEvent) || !inputOf(event)) return;
    seen.add(event);
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  const onClick = (event: Event) => {
    if (seen.has(event)) return;
    const button = sendButtonOf(event);
    if (!button) return;
    seen.add(event);
    const input = findComposerInput(scopes(), opts.composer);
    if (input) check(event, input, { kind: 'click', button });
  };

  const listen = (target: EventTarget) => {
    if (listened.has(target)) return;
    listened.add(target);
    target.addEventListener('keydown', onKeydown, true);
    target.addEventListener('keypress', onLaterKey, true);
    target.addEventListener('keyup', onLaterKey, true);
    target.addEventListener('click', onClick, true);
  };

  const refreshScopes = () => {
    for (const scope of scopes()) if (scope !== doc) listen(scope as unknown as EventTarget);
  };
  listen(view ?? doc);
  refreshScopes();

  return {
    refreshScopes,
    stop: () => {
      for (const target of listened) {
        target.removeEventListener('keydown', onKeydown, true);
        target.removeEventListener('keypress', onLaterKey, true);
        target.removeEventListener('keyup', onLaterKey, true);
        target.removeEventListener('click', onClick, true);
      }
      listened.clear();
      hideGuardPanel(doc);
    },
  };
}

