import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerMessageHandlers, sendMessage, type MessageHandlers, type RuntimePort } from '../../lib/messaging/channel';
import { MessageSchemas } from '../../lib/schemas/messages';

/** Every handler refusing, so each test states only the ones it uses (and new message types need no edit here). */
const unused = Object.fromEntries(
  Object.keys(MessageSchemas).map((type) => [type, async () => Promise.reject(new Error('not used'))]),
) as unknown as MessageHandlers;

const runtime = fakeBrowser.runtime as unknown as RuntimePort;

describe('typed message channel', () => {
  it('delivers a valid request and validates the reply', async () => {
    fakeBrowser.reset();
    registerMessageHandlers(runtime, {
      ...unused,
      'capture-review': async () => {
        throw new Error('not used');
      },
      'appeal-submitted': async ({ caseKey }) => ({
        appeal: {
          submittedAt: '2026-11-20T10:00:00.000+08:00',
          submittedAtMs: 1,
          processingDays: 4,
          expectedDecisionAt: '2026-11-26T10:00:00.000+08:00',
          expectedDecisionAtMs: 2,
          warnings: [],
        },
        reminderId: `${caseKey}#r`,
      }),
    });
    const reply = await sendMessage(runtime, 'appeal-submitted', { caseKey: 'pinduoduo:1' });
    expect(reply.reminderId).toBe('pinduoduo:1#r');
  });

  it('refuses a malformed request before it is sent', async () => {
    await expect(
      sendMessage(runtime, 'appeal-submitted', { caseKey: 42 } as unknown as { caseKey: string }),
    ).rejects.toThrow(/消息格式错误/);
  });

  it('refuses a malformed request on the receiving side with a reason', async () => {
    fakeBrowser.reset();
    let called = false;
    registerMessageHandlers(runtime, {
      ...unused,
      'capture-review': async () => {
        called = true;
        throw new Error('unreachable');
      },
      'appeal-submitted': async () => {
        called = true;
        throw new Error('unreachable');
      },
    });
    const reply = await fakeBrowser.runtime.sendMessage({ channel: 'reviewguard', type: 'capture-review', payload: { review: {} } });
    expect(reply).toMatchObject({ ok: false });
    expect((reply as { error: string }).error).toMatch(/消息格式错误/);
    expect(called).toBe(false);
  });

  it('turns a handler error into a readable error for the sender', async () => {
    fakeBrowser.reset();
    registerMessageHandlers(runtime, {
      ...unused,
      'capture-review': async () => {
        throw new Error('存储空间已满');
      },
      'appeal-submitted': async () => {
        throw new Error('找不到该案件，可能已被删除');
      },
    });
    await expect(sendMessage(runtime, 'appeal-submitted', { caseKey: 'x' })).rejects.toThrow('找不到该案件');
  });
});
