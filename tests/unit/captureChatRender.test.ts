// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';

const render = vi.hoisted(() => ({ impl: null as null | ((el: Element) => Promise<HTMLCanvasElement>) }));
vi.mock('html2canvas-pro', () => ({ default: (el: Element) => render.impl!(el) }));

import { captureChatThread, exposeClosedShadowRoots, type ThreadToCapture } from '../../lib/evidence/captureChat';

afterEach(() => {
  document.body.textContent = '';
  render.impl = null;
});

function closedChat(): { host: HTMLElement; root: ShadowRoot; list: HTMLElement; thread: ThreadToCapture } {
  const host = document.createElement('dzim-chat-app');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'closed' });
  const list = document.createElement('div');
  list.className = 'list';
  const msg = document.createElement('div');
  msg.className = 'message-cell-container';
  msg.textContent = '给我返现50元我就改好评';
  list.append(msg);
  root.append(list);
  list.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, right: 400, bottom: 300, width: 400, height: 300, toJSON: () => ({}) });
  const thread: ThreadToCapture = {
    platform: 'dianping',
    conversationKey: 'chat:dianping:4012345678901234',
    buyerId: '990011',
    buyerNick: '美团用户Xy***',
    orderSn: '4012345678901234',
    threadRoot: list,
    messages: [{ element: msg, key: 'dianping:990011:h1', sender: 'buyer', timeMs: null, text: msg.textContent, flag: 'extortion' }],
  };
  return { host, root, list, thread };
}

const env = {
  pageUrl: 'https://g.dianping.com/dzim-main-pc/index.html#/',
  pageTitle: '经营宝',
  extensionVersion: '0.0.0',
  userAgent: 'test',
  timeZone: 'Asia/Shanghai',
  nowMs: () => Date.parse('2026-11-20T10:00:00+08:00'),
};

describe('closed shadow roots (美团 chat)', () => {
  it('lets the renderer see the closed root only while rendering, then restores the host', () => {
    const { host, root, list } = closedChat();
    expect(host.shadowRoot).toBeNull();
    const undo = exposeClosedShadowRoots(list);
    expect(host.shadowRoot).toBe(root);
    undo();
    expect(host.shadowRoot).toBeNull();
  });

  it('renders with the root visible to the renderer', async () => {
    const { host, root, thread } = closedChat();
    let seenRoot: ShadowRoot | null = null;
    render.impl = async () => {
      seenRoot = host.shadowRoot;
      throw new Error('stop after the check');
    };
    await expect(captureChatThread(thread, env, async () => true)).rejects.toThrow();
    expect(seenRoot).toBe(root);
  });

  it('when the render fails, says so (closed Shadow DOM, not saved) and leaves the page as it was — no picture from the extracted text', async () => {
    const { host, list, thread } = closedChat();
    render.impl = async () => {
      throw new Error('Unable to find element in cloned iframe');
    };
    await expect(captureChatThread(thread, env, async () => true)).rejects.toThrow(
      /聊天位于页面的封闭 Shadow DOM 中，截图渲染失败（Unable to find element in cloned iframe），未保存；请用系统截图保存这段聊天/,
    );
    expect(host.shadowRoot).toBeNull();
    expect(list.hasAttribute('data-rg-scroller')).toBe(false);
  });

  it('refuses an empty or invisible thread with a clear message', async () => {
    const { thread, list } = closedChat();
    await expect(captureChatThread({ ...thread, messages: [] }, env)).rejects.toThrow('没有读到这段聊天的任何消息');
    list.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, right: 0, bottom: 0, width: 0, height: 0, toJSON: () => ({}) });
    await expect(captureChatThread(thread, env)).rejects.toThrow('聊天区域不可见');
  });
});
