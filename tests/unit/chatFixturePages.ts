/**
 * The committed chat-page fixtures as HTML fragments, by the names the chat selector tables use in `expected`
 * (e.g. `taobao/chat?hash=z9`). Built with the same renderers the fixture pages run in the browser, and wrapped as
 * the fixture pages wrap them (千牛's records sit in `#records`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderChatLogDrawerHtml } from '../fixtures/jd/chatlog-view.js';
import { renderDongdongMessagesHtml, type DongdongFixture } from '../fixtures/jd/dongdong-view.js';
import { renderDzimHeaderHtml, renderDzimMessagesHtml, type DzimChatFixture } from '../fixtures/meituan/chat-view.js';
import { renderPddMessagesHtml, type PddChatFixture } from '../fixtures/pinduoduo/chat-view.js';
import { renderChatRecordsHtml, type TaobaoChatRecords } from '../fixtures/taobao/chat-view.js';

const fixture = <T>(rel: string): T => JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures', rel), 'utf8')) as T;
export const pdd = fixture<PddChatFixture>('pinduoduo/chat.json');
export const tb = fixture<TaobaoChatRecords>('taobao/chat-records.json');
export const dd = fixture<DongdongFixture>('jd/dongdong.json');
export const mt = fixture<DzimChatFixture>('meituan/chat.json');
export const chatLog = fixture<{
  sessions: { customer: string; orderId: string }[];
  chatLogMessageList: { mid: string; created: string; waiterSend: boolean; content: string }[];
}>('jd/chatlog.json');

export const CHAT_PAGES: Record<string, () => string> = {
  'pinduoduo/chat': () =>
    `<div class="chat-header"><span class="nickname">${pdd.conversation.nick}</span></div><div id="msgListContainer"><ul class="msg-list">${renderPddMessagesHtml(pdd.messages)}</ul></div><div class="order-card">订单编号：${pdd.conversation.orderSn}</div>`,
  'taobao/chat': () => `<div id="records">${renderChatRecordsHtml(tb)}</div>`,
  'taobao/chat?hash=z9': () => `<div id="records">${renderChatRecordsHtml(tb, 'z9')}</div>`,
  'jd/dongdong': () => `<div class="chat-head-name"><span>${dd.customer.customerPin}</span></div><div>订单号：${dd.orderId}</div><div id="t-chat-scroll">${renderDongdongMessagesHtml(dd.messages)}</div>`,
  'jd/chatlog': () => renderChatLogDrawerHtml(chatLog.sessions[0]!, chatLog.chatLogMessageList),
  'meituan/chat': () => `${renderDzimHeaderHtml(mt)}<div class="list">${renderDzimMessagesHtml(mt.messages)}</div>`,
};
