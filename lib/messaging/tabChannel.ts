/**
 * Background → content-script messages (`tabs.sendMessage`), validated on both sides like the main channel
 * (lib/messaging/channel.ts), under their own channel name so neither side mistakes the other's messages.
 */
import { z } from 'zod';
import { WireReply } from '../schemas/messages';
import { TabMessageSchemas, type TabMessageRequest, type TabMessageResponse, type TabMessageType } from '../schemas/tabMessages';
import { MessageError } from './channel';

const TabWire = z.object({ channel: z.literal('reviewguard-tab'), type: z.string(), payload: z.unknown() });

export type TabSender = (message: unknown) => Promise<unknown>;

export async function sendTabMessage<T extends TabMessageType>(send: TabSender, type: T, payload: TabMessageRequest<T>): Promise<TabMessageResponse<T>> {
  const request = TabMessageSchemas[type].request.parse(payload);
  let raw: unknown;
  try {
    raw = await send({ channel: 'reviewguard-tab', type, payload: request });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/Receiving end does not exist|Could not establish connection/i.test(text))
      throw new MessageError('此页面上的差评卫士未就绪：请打开商家后台的评价页并刷新后重试');
    throw new MessageError(`发送失败：${text}`);
  }
  const reply = WireReply.safeParse(raw);
  if (!reply.success) throw new MessageError('页面回复格式错误');
  if (!reply.data.ok) throw new MessageError(reply.data.error);
  return TabMessageSchemas[type].response.parse(reply.data.data) as TabMessageResponse<T>;
}

export type TabHandlers = Partial<{ [T in TabMessageType]: (payload: TabMessageRequest<T>) => Promise<TabMessageResponse<T>> }>;

interface OnMessage {
  addListener(listener: (message: unknown, sender: unknown, sendResponse: (response: unknown) => void) => boolean | void): void;
}

export function registerTabHandlers(onMessage: OnMessage, handlers: TabHandlers): void {
  onMessage.addListener((message, _sender, sendResponse) => {
    const wire = TabWire.safeParse(message);
    if (!wire.success) return false;
    const type = wire.data.type as TabMessageType;
    const handler = handlers[type] as ((p: unknown) => Promise<unknown>) | undefined;
    if (!(type in TabMessageSchemas) || !handler) return false; // another frame's script may handle it
    const request = TabMessageSchemas[type].request.safeParse(wire.data.payload);
    if (!request.success) {
      sendResponse({ ok: false, error: `消息格式错误（${type}）` });
      return true;
    }
    handler(request.data).then(
      (data) => sendResponse({ ok: true, data }),
      (error: unknown) => sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
    return true;
  });
}
