/**
 * The one typed message channel. Every request and reply is validated against lib/schemas/messages.ts on both sides,
 * so a malformed message from any context is refused with a clear error instead of reaching a handler.
 */
import {
  MessageSchemas,
  WireMessage,
  WireReply,
  type MessageRequest,
  type MessageResponse,
  type MessageType,
} from '../schemas/messages';

/** The part of `browser.runtime` we use; lets tests pass WXT's fake browser. */
export interface RuntimePort {
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(
      listener: (message: unknown, sender: unknown, sendResponse: (response: unknown) => void) => boolean | void,
    ): void;
  };
}

export class MessageError extends Error {}

function describeZodError(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(根)'}: ${i.message}`)
    .join('; ');
}

export async function sendMessage<T extends MessageType>(
  runtime: RuntimePort,
  type: T,
  payload: MessageRequest<T>,
): Promise<MessageResponse<T>> {
  const schemas = MessageSchemas[type];
  const request = schemas.request.safeParse(payload);
  if (!request.success) throw new MessageError(`消息格式错误（${type}）：${describeZodError(request.error)}`);
  let raw: unknown;
  try {
    raw = await runtime.sendMessage({ channel: 'reviewguard', type, payload: request.data });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/Extension context invalidated/i.test(text)) throw new MessageError('扩展已更新或重新加载，请刷新本页面后重试');
    if (/Receiving end does not exist|Could not establish connection/i.test(text))
      throw new MessageError('差评卫士后台未响应，请稍后重试');
    throw new MessageError(`发送失败：${text}`);
  }
  const reply = WireReply.safeParse(raw);
  if (!reply.success) throw new MessageError('后台回复格式错误');
  if (!reply.data.ok) throw new MessageError(reply.data.error);
  const data = schemas.response.safeParse(reply.data.data);
  if (!data.success) throw new MessageError(`后台回复格式错误（${type}）：${describeZodError(data.error)}`);
  return data.data as MessageResponse<T>;
}

export type MessageHandlers = {
  [T in MessageType]: (payload: MessageRequest<T>, sender: unknown) => Promise<MessageResponse<T>>;
};

/**
 * Registers the handlers synchronously (MV3 workers must register listeners on their first turn). Each background
 * concern may register its own subset; a known type this registration does not handle is left to the others.
 */
export function registerMessageHandlers(runtime: RuntimePort, handlers: Partial<MessageHandlers>): void {
  runtime.onMessage.addListener((message, sender, sendResponse) => {
    const wire = WireMessage.safeParse(message);
    if (!wire.success) return false; // not ours
    const type = wire.data.type as MessageType;
    if (!(type in MessageSchemas)) {
      sendResponse({ ok: false, error: `未知的消息类型：${wire.data.type}` });
      return true;
    }
    if (!handlers[type]) return false;
    const request = MessageSchemas[type].request.safeParse(wire.data.payload);
    if (!request.success) {
      sendResponse({ ok: false, error: `消息格式错误（${type}）：${describeZodError(request.error)}` });
      return true;
    }
    const handler = handlers[type] as (payload: unknown, sender: unknown) => Promise<unknown>;
    handler(request.data, sender).then(
      (data) => sendResponse({ ok: true, data }),
      (error: unknown) => sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
    return true;
  });
}
