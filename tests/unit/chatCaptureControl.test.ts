// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_CAPTURE_ACTION, findChatThreads, mountChatCaptureControls } from '../../lib/detection/chatCaptureControl';
import { CHAT_PAGE_ADAPTERS } from '../../lib/platforms';
import { matchRule } from '../../lib/platforms/selectors';
import type { ChatPageAdapter } from '../../lib/platforms/types';
import { CHAT_PAGES } from './chatFixturePages';

afterEach(() => {
  document.body.textContent = '';
});

const tableCases = CHAT_PAGE_ADAPTERS.flatMap((adapter) =>
  [adapter.capture.threadRoot, adapter.capture.captureHost].flatMap((rule) =>
    Object.entries(rule.expected ?? {}).map(([page, n]) => ({ id: adapter.id, rule, page, n })),
  ),
);

describe('chat capture table (one entry per chat adapter)', () => {
  it('every chat adapter has a thread root and a capture host with recorded fixture counts', () => {
    for (const adapter of CHAT_PAGE_ADAPTERS) {
      expect(Object.keys(adapter.capture.threadRoot.expected ?? {}).length, adapter.id).toBeGreaterThan(0);
      expect(Object.keys(adapter.capture.captureHost.expected ?? {}).length, adapter.id).toBeGreaterThan(0);
    }
  });

  it.each(tableCases)('$id › $rule.name on $page matches $n', ({ rule, page, n }) => {
    document.body.innerHTML = CHAT_PAGES[page]!();
    expect(matchRule(document, rule).elements).toHaveLength(n);
  });

  const pages = CHAT_PAGE_ADAPTERS.flatMap((adapter) =>
    Object.keys(adapter.capture.threadRoot.expected ?? {}).map((page) => ({ id: adapter.id, adapter, page })),
  );
  it.each(pages)('$id on $page: exactly one capture control for the one conversation, holding every message', ({ adapter, page }) => {
    document.body.innerHTML = CHAT_PAGES[page]!();
    const messages = adapter.findMessages(document);
    expect(messages.length).toBeGreaterThan(0);
    const threads = findChatThreads(document, adapter.capture, messages);
    expect(threads).toHaveLength(1);
    expect(messages.every((m) => threads[0]!.threadRoot.contains(m))).toBe(true);
    const clicks: string[] = [];
    for (let scan = 0; scan < 3; scan++) mountChatCaptureControls(document, adapter.capture, adapter.findMessages(document), (t) => clicks.push(t.threadRoot.tagName));
    const buttons = document.querySelectorAll<HTMLButtonElement>(`button[data-rg-action="${CHAT_CAPTURE_ACTION}"]`);
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.textContent).toBe('采集聊天证据');
    expect(document.querySelectorAll('button[data-rg-action="capture"]')).toHaveLength(0);
    buttons[0]!.click();
    expect(clicks).toHaveLength(1);
    // The control is our UI: the adapter still reads the same messages and conversation with it mounted.
    expect(adapter.findMessages(document)).toHaveLength(messages.length);
    document.body.innerHTML = CHAT_PAGES[page]!();
    const before = adapter.readConversation(document);
    mountChatCaptureControls(document, adapter.capture, adapter.findMessages(document), () => {});
    expect(adapter.readConversation(document)).toEqual(before);
    expect(adapter.readMessages(document, adapter.findMessages(document)).map((m) => m?.text)).toEqual(
      adapter.readMessages(document, messages).map((m) => m?.text),
    );
  });
});

describe('capture controls follow the page', () => {
  const pdd = CHAT_PAGE_ADAPTERS.find((a) => a.id === 'pinduoduo-chat')!;

  it('removes the control when the conversation is gone, and re-mounts it when a new one shows', () => {
    document.body.innerHTML = CHAT_PAGES['pinduoduo/chat']!();
    mountChatCaptureControls(document, pdd.capture, pdd.findMessages(document), () => {});
    expect(document.querySelectorAll(`[data-rg-action="${CHAT_CAPTURE_ACTION}"]`)).toHaveLength(1);
    // Styled by our shared stylesheet (no inline styles on the button), which covers the chat button's states too.
    const sheet = document.querySelector('style[data-rg-style]')?.textContent ?? '';
    expect(sheet).toContain(`>button[data-rg-action="${CHAT_CAPTURE_ACTION}"][data-rg-state="saved"]`);
    document.querySelector('ul.msg-list')!.textContent = '';
    mountChatCaptureControls(document, pdd.capture, pdd.findMessages(document), () => {});
    expect(document.querySelectorAll(`[data-rg-action="${CHAT_CAPTURE_ACTION}"]`)).toHaveLength(0);
    document.body.innerHTML = CHAT_PAGES['pinduoduo/chat']!();
    mountChatCaptureControls(document, pdd.capture, pdd.findMessages(document), () => {});
    expect(document.querySelectorAll(`[data-rg-action="${CHAT_CAPTURE_ACTION}"]`)).toHaveLength(1);
  });

  it('a click captures the conversation shown at click time (handler re-pointed each scan)', () => {
    document.body.innerHTML = CHAT_PAGES['pinduoduo/chat']!();
    const seen: Element[] = [];
    mountChatCaptureControls(document, pdd.capture, pdd.findMessages(document), (t) => seen.push(t.threadRoot));
    const fresh = document.createElement('div');
    fresh.id = 'msgListContainer';
    fresh.append(document.querySelector('ul.msg-list')!);
    document.getElementById('msgListContainer')!.replaceWith(fresh);
    mountChatCaptureControls(document, pdd.capture, pdd.findMessages(document), (t) => seen.push(t.threadRoot));
    document.querySelector<HTMLButtonElement>(`[data-rg-action="${CHAT_CAPTURE_ACTION}"]`)!.click();
    expect(seen).toEqual([fresh]);
  });

  it('works inside a closed shadow root (美团), scoped to the root', () => {
    const meituan: ChatPageAdapter = CHAT_PAGE_ADAPTERS.find((a) => a.id === 'meituan-chat')!;
    const host = document.createElement('dzim-chat-app');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'closed' });
    const wrap = document.createElement('div');
    wrap.innerHTML = CHAT_PAGES['meituan/chat']!();
    root.append(wrap);
    mountChatCaptureControls(root, meituan.capture, meituan.findMessages(root), () => {});
    expect(root.querySelectorAll(`[data-rg-action="${CHAT_CAPTURE_ACTION}"]`)).toHaveLength(1);
    expect(root.querySelector('.user-center')!.firstElementChild!.getAttribute('data-rg-ui')).toBe('chat-capture');
    // The page's stylesheets do not reach into the shadow root: ours is put inside it.
    expect(root.querySelector('style[data-rg-style]')?.textContent).toContain(`button[data-rg-action="${CHAT_CAPTURE_ACTION}"]`);
    expect(document.querySelectorAll(`[data-rg-action="${CHAT_CAPTURE_ACTION}"]`)).toHaveLength(0);
  });

  it('uses the messages’ common parent when no thread-root candidate matches (千牛 without #records)', () => {
    const tb = CHAT_PAGE_ADAPTERS.find((a) => a.id === 'taobao-chat-records')!;
    document.body.innerHTML = `<section class="x">${CHAT_PAGES['taobao/chat']!().replace('<div id="records">', '<div class="other">')}</section>`;
    const threads = findChatThreads(document, tb.capture, tb.findMessages(document));
    expect(threads).toHaveLength(1);
    expect(threads[0]!.threadRoot.className).toBe('other');
  });
});
