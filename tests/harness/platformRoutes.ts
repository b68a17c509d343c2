/**
 * Demo consoles for Taobao/Tmall, JD and Meituan/Dianping, served at their real URLs (see consoleRoutes.ts for the
 * plumbing and the DEMO_CONSOLES table). Each install function answers the page, its fixture files and the page's own
 * list API with fixture data; everything else stays blocked.
 *
 *   installTaobaoRoutes    千牛 rateWait4PC page + mtop.rm.sellercenter.list.data.pc (h5api.m.taobao.com)
 *   installJdRoutes        京麦 评价管理 (assumed page) + /jdm/comment/api/getVenderComments
 *   installMeituanRoutes   开店宝 shell + inner review page + TFeedbackListNewService/query(MT|DP)FeedbackPCNew
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';
import { generateJdComments, type JdCommentItem } from '../fixtures/jd/comment-view.js';
import type { PddChatFixture } from '../fixtures/pinduoduo/chat-view.js';
import { generateFeedbacks, type MeituanFeedback } from '../fixtures/meituan/evaluation-view.js';
import { generateTaobaoReviews, type TaobaoRateItem } from '../fixtures/taobao/rate-view.js';
import {
  blockUnroutedRequests,
  FIXTURES_DIR,
  fulfillJson,
  generateParamOf,
  serveFixtureFiles,
  servePlaceholderImages,
  sleep,
} from './consoleRoutes';
import { JD_ORIGIN, MEITUAN_CHAT_ORIGIN, MEITUAN_ORIGIN, TAOBAO_CHAT_FRAME_ORIGIN, TAOBAO_ORIGIN } from './consoleUrls';

export * from './consoleUrls';


async function fixtureJson<T>(rel: string): Promise<T> {
  return JSON.parse(await readFile(path.join(FIXTURES_DIR, rel), 'utf8')) as T;
}

async function servePage(context: BrowserContext, match: (url: URL) => boolean, rel: string): Promise<void> {
  await context.route(match, async (route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
      body: await readFile(path.join(FIXTURES_DIR, rel)),
    }),
  );
}

/** The data for the page that made the request: `?rgGenerate=N` pages get N synthetic items. */
function dataset<T>(fixed: T[], generate: (n: number) => T[]): (route: Route) => T[] {
  const cache = new Map<number, T[]>();
  return (route) => {
    const n = generateParamOf(route);
    if (n === undefined) return fixed;
    let set = cache.get(n);
    if (!set) cache.set(n, (set = generate(n)));
    return set;
  };
}

function formField(route: Route, name: string): Record<string, unknown> {
  try {
    const raw = new URLSearchParams(route.request().postData() ?? '').get(name) ?? '{}';
    const outer = JSON.parse(raw) as { jsonBody?: string };
    return JSON.parse(outer.jsonBody ?? '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

export interface ReviewRoutes<T> {
  items: T[];
  requests: number;
}

export async function installTaobaoRoutes(context: BrowserContext, opts: { latencyMs?: number } = {}): Promise<ReviewRoutes<TaobaoRateItem>> {
  await blockUnroutedRequests(context);
  await servePlaceholderImages(context);
  await serveFixtureFiles(context, TAOBAO_ORIGIN);
  const items = await fixtureJson<TaobaoRateItem[]>('taobao/reviews.json');
  const state: ReviewRoutes<TaobaoRateItem> = { items, requests: 0 };
  const dataFor = dataset(items, (n) => generateTaobaoReviews(n));
  await servePage(context, (u) => u.origin === TAOBAO_ORIGIN && u.pathname.startsWith('/home.htm/comment-manage/list/rateWait4PC'), 'taobao/rateWait4PC.html');
  await context.route(
    (u) => u.hostname === 'h5api.m.taobao.com' && u.pathname.startsWith('/h5/mtop.rm.sellercenter.list.data.pc/'),
    async (route) => {
      state.requests++;
      const body = formField(route, 'data');
      const pagination = (body['pagination'] ?? {}) as { current?: number; pageSize?: number };
      const current = Math.max(1, Number(pagination.current) || 1);
      const pageSize = Math.min(5000, Math.max(1, Number(pagination.pageSize) || 20));
      const all = dataFor(route);
      await sleep(opts.latencyMs ?? 80);
      return route.fulfill({
        status: 200,
        headers: {
          'content-type': 'application/json;charset=UTF-8',
          'access-control-allow-origin': route.request().headers()['origin'] ?? TAOBAO_ORIGIN,
          'access-control-allow-credentials': 'true',
        },
        body: JSON.stringify({
          api: 'mtop.rm.sellercenter.list.data.pc',
          v: '1.0',
          ret: ['SUCCESS::调用成功'],
          data: { data: { dataSource: all.slice((current - 1) * pageSize, current * pageSize), pagination: { current, pageSize, total: all.length } } },
        }),
      });
    },
  );
  return state;
}

export async function installJdRoutes(context: BrowserContext, opts: { latencyMs?: number } = {}): Promise<ReviewRoutes<JdCommentItem>> {
  await blockUnroutedRequests(context);
  await servePlaceholderImages(context);
  await serveFixtureFiles(context, JD_ORIGIN);
  const items = await fixtureJson<JdCommentItem[]>('jd/comments.json');
  const state: ReviewRoutes<JdCommentItem> = { items, requests: 0 };
  const dataFor = dataset(items, (n) => generateJdComments(n));
  await servePage(context, (u) => u.origin === JD_ORIGIN && /^\/jdm\/comment\/list\/?$/.test(u.pathname), 'jd/comment-list.html');
  await context.route(
    (u) => u.origin === JD_ORIGIN && u.pathname === '/jdm/comment/api/getVenderComments',
    async (route) => {
      state.requests++;
      let body: { page?: number; pageSize?: number } = {};
      try {
        body = JSON.parse(route.request().postData() ?? '{}') as typeof body;
      } catch {
        /* defaults */
      }
      const page = Math.max(1, Number(body.page) || 1);
      const pageSize = Math.min(5000, Math.max(1, Number(body.pageSize) || 20));
      const all = dataFor(route);
      await sleep(opts.latencyMs ?? 80);
      return fulfillJson(route, { code: 0, data: { comments: all.slice((page - 1) * pageSize, page * pageSize), totalItem: all.length } });
    },
  );
  return state;
}

export async function installMeituanRoutes(
  context: BrowserContext,
  opts: { latencyMs?: number } = {},
): Promise<ReviewRoutes<MeituanFeedback> & { dp: MeituanFeedback[] }> {
  await blockUnroutedRequests(context);
  await servePlaceholderImages(context);
  await serveFixtureFiles(context, MEITUAN_ORIGIN);
  const { mt, dp } = await fixtureJson<{ mt: MeituanFeedback[]; dp: MeituanFeedback[] }>('meituan/feedbacks.json');
  const state = { items: mt, dp, requests: 0 };
  const mtFor = dataset(mt, (n) => generateFeedbacks(n));
  await servePage(context, (u) => u.origin === MEITUAN_ORIGIN && /^\/meishi\/?$/.test(u.pathname), 'meituan/shell.html');
  await servePage(context, (u) => u.origin === MEITUAN_ORIGIN && /^\/emis\/evaluation\/poi\/?$/.test(u.pathname), 'meituan/evaluation.html');
  await context.route(
    (u) => u.origin === MEITUAN_ORIGIN && /^\/emis\/gw\/rpc\/TFeedbackListNewService\/query(MT|DP)FeedbackPCNew$/.test(u.pathname),
    async (route) => {
      state.requests++;
      const list = route.request().url().includes('queryDP') ? dp : mtFor(route);
      let size = 20;
      try {
        size = Math.min(5000, Number((JSON.parse(route.request().postData() ?? '{}') as { pageSize?: number }).pageSize) || 20);
      } catch {
        /* default */
      }
      await sleep(opts.latencyMs ?? 80);
      return fulfillJson(route, { data: { code: 0, msg: 'success', data: { total: list.length, feedbacks: list.slice(0, size) } } });
    },
  );
  return state;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Chat pages                                                                                                   */
/* ------------------------------------------------------------------------------------------------------------ */

/**
 * The four chat surfaces:
 * - 拼多多 聊天工作台 (/chat-merchant/index.html) + XHR polling of /plateau/chat/list (the 2nd poll brings a new message)
 * - 千牛 客服工具页 + the chat-record iframe on market.m.taobao.com
 * - 京东咚咚 (dongdong.jd.com)
 * - 经营宝 IM (g.dianping.com/dzim-main-pc): about:blank iframe + closed shadow root
 */
export async function installChatRoutes(context: BrowserContext): Promise<{ pddPolls: number }> {
  await blockUnroutedRequests(context);
  await servePlaceholderImages(context);
  for (const origin of ['https://mms.pinduoduo.com', TAOBAO_CHAT_FRAME_ORIGIN, 'https://dongdong.jd.com', MEITUAN_CHAT_ORIGIN, TAOBAO_ORIGIN]) {
    await serveFixtureFiles(context, origin);
  }
  const state = { pddPolls: 0 };
  const pdd = await fixtureJson<PddChatFixture>('pinduoduo/chat.json');
  await servePage(context, (u) => u.origin === 'https://mms.pinduoduo.com' && /^\/chat-merchant\/(?:index\.html)?$/.test(u.pathname), 'pinduoduo/chat.html');
  await context.route(
    (u) => u.origin === 'https://mms.pinduoduo.com' && u.pathname === '/plateau/chat/list',
    async (route) => {
      state.pddPolls++;
      const messages = state.pddPolls >= 2 ? [...pdd.messages, ...pdd.later] : pdd.messages;
      return fulfillJson(route, { success: true, result: { conversation: pdd.conversation, messages } });
    },
  );
  await servePage(context, (u) => u.origin === TAOBAO_ORIGIN && u.pathname === '/home.htm/app-customer-service/toolpage/Message', 'taobao/message-tool.html');
  await servePage(context, (u) => u.origin === TAOBAO_CHAT_FRAME_ORIGIN && u.pathname.startsWith('/app/qn/im-history-search/'), 'taobao/chat-records.html');
  await servePage(context, (u) => u.origin === 'https://dongdong.jd.com' && (u.pathname === '/' || u.pathname === '/index.html'), 'jd/dongdong.html');
  await servePage(context, (u) => u.origin === MEITUAN_CHAT_ORIGIN && u.pathname.startsWith('/dzim-main-pc/'), 'meituan/chat.html');
  await serveFixtureFiles(context, JD_ORIGIN);
  await servePage(context, (u) => u.origin === JD_ORIGIN && /^\/jdm\/kefu\/kf-manage-lite\/(?:index\.html)?$/.test(u.pathname), 'jd/kf-manage-lite.html');
  const chatLog = await fixtureJson<{ chatLogMessageList: unknown[] }>('jd/chatlog.json');
  await context.route(
    (u) => u.origin === JD_ORIGIN && u.pathname === '/jdm/kefu/waiterSession/queryChatLog',
    (route) => fulfillJson(route, { code: 0, data: { chatLogMessageList: chatLog.chatLogMessageList } }),
  );
  return state;
}
