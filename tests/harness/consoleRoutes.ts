/**
 * Serves the local "demo consoles" at the platforms' real URLs through Playwright route interception, so content
 * scripts inject exactly as on the live hosts (stack-notes §8). Nothing leaves the machine: every request that no
 * fixture route answers is aborted.
 *
 *   installPinduoduoRoutes(context)   拼多多 评价管理 at https://mms.pinduoduo.com/goods/evaluation/index
 *   installDemoConsoles(context)      every entry of DEMO_CONSOLES, plus the index page (DEMO_INDEX_URL)
 *
 * Adding a platform: write its install function (page + API + fixture files) and add one DEMO_CONSOLES entry.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Route } from 'playwright-core';
import { generateReviews } from '../fixtures/pinduoduo/evaluation-view.js';
import type { PddReviewFixture, PddReviewItem } from '../fixtures/pinduoduo/evaluation-view.js';
import { placeholderPng } from './placeholderImages';
import {
  JD_DONGDONG_URL,
  JD_KF_URL,
  JD_REVIEW_URL,
  MEITUAN_CHAT_URL,
  MEITUAN_INNER_REVIEW_URL,
  MEITUAN_SHELL_URL,
  PDD_CHAT_URL,
  TAOBAO_CHAT_TOOL_URL,
  TAOBAO_REVIEW_URL,
} from './consoleUrls';
import { installChatRoutes, installJdRoutes, installMeituanRoutes, installTaobaoRoutes } from './platformRoutes';
import type { PlaceholderKind } from './placeholderImages';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

export const PDD_ORIGIN = 'https://mms.pinduoduo.com';
export const PDD_EVALUATION_URL = `${PDD_ORIGIN}/goods/evaluation/index`;
export const DEMO_INDEX_URL = `${PDD_ORIGIN}/__rg_fixture__/index.html`;

/** Fixture-only query parameter: `?rgGenerate=1000` makes the list API serve generateReviews(1000) for that page. */
export const GENERATE_QUERY_PARAM = 'rgGenerate';

/* ------------------------------------------------------------------------------------------------------------ */
/* The demo-console table                                                                                       */
/* ------------------------------------------------------------------------------------------------------------ */

export interface DemoPage {
  label: string;
  url: string;
  note?: string;
}

export interface DemoConsole {
  id: string;
  /** Platform name as sellers say it. */
  platform: string;
  /** Which back-office surface. */
  surface: string;
  description: string;
  pages: readonly DemoPage[];
  /** Installs this console's routes with its default data. */
  install: (context: BrowserContext) => Promise<unknown>;
}

export const DEMO_CONSOLES: readonly DemoConsole[] = [
  {
    id: 'pinduoduo-evaluation',
    platform: '拼多多',
    surface: '商家后台 › 商品管理 › 评价管理',
    description: '31 条手写评价，覆盖七类（辱骂、同行、要挟、未收货、无关、主观差评、好评），含 XSS 探针、追评、商家回复与举报状态。',
    pages: [
      { label: '评价管理', url: `${PDD_EVALUATION_URL}?msfrom=mms_sidenav` },
      { label: '换版本后缀 (5-201-0)', url: `${PDD_EVALUATION_URL}?suffix=5-201-0`, note: '类名后缀与哈希全部改变' },
      { label: '1,000 条压力页', url: `${PDD_EVALUATION_URL}?${GENERATE_QUERY_PARAM}=1000&pageSize=200`, note: '合成数据，每页 200 条' },
    ],
    install: (context) => installPinduoduoRoutes(context),
  },
  {
    id: 'taobao-rate',
    platform: '淘宝/天猫',
    surface: '千牛 › 评价管理 › 来自买家的评价',
    description: '10 条评价（Fusion Next 表格）：要挟返现、辱骂、同行引流、未收货、默认好评占位、XSS 探针、追评展开行。',
    pages: [
      { label: '来自买家的评价', url: `${TAOBAO_REVIEW_URL}?current=1&pageSize=20` },
      { label: '换类名前缀 (qn-)', url: `${TAOBAO_REVIEW_URL}?prefix=qn-`, note: 'Fusion 前缀 next- 改为 qn-' },
      { label: '1,000 条压力页', url: `${TAOBAO_REVIEW_URL}?rgGenerate=1000&pageSize=1000`, note: '合成数据' },
    ],
    install: (context) => installTaobaoRoutes(context),
  },
  {
    id: 'jd-comment',
    platform: '京东',
    surface: '京麦 › 评价管理（页面未知，按开放平台字段仿真）',
    description: '8 条评价，字段取自京东开放平台 PopCommentJosVo；真实页面的地址与结构尚无公开来源，规则写在 jd.ts 配置中。',
    pages: [
      { label: '评价管理（假设页面）', url: JD_REVIEW_URL },
      { label: '换类名前缀 (jm2-)', url: `${JD_REVIEW_URL.replace('#', '?prefix=jm2-#')}`, note: '表格类名前缀改变' },
      { label: '1,000 条压力页', url: JD_REVIEW_URL.replace('#', '?rgGenerate=1000&pageSize=1000#'), note: '合成数据' },
    ],
    install: (context) => installJdRoutes(context),
  },
  {
    id: 'meituan-evaluation',
    platform: '美团/大众点评',
    surface: '开店宝 › 评价管理（外壳页 + iframe）',
    description: '外壳页按 # 后的地址加载评价页 iframe；美团评价 5 条、点评评价 3 条，含要挟免单、辱骂、非真实消费。',
    pages: [
      { label: '开店宝外壳（评价页在 iframe 中）', url: MEITUAN_SHELL_URL },
      { label: '评价页（单独打开）', url: MEITUAN_INNER_REVIEW_URL },
      { label: '换卡片类名 (comment-card)', url: `${MEITUAN_SHELL_URL}%3Fcard%3Dcomment-card`, note: '评价卡片类名改变' },
      { label: '1,000 条压力页', url: `${MEITUAN_SHELL_URL}%3FrgGenerate%3D1000%26pageSize%3D1000`, note: '合成数据，iframe 内' },
    ],
    install: (context) => installMeituanRoutes(context),
  },
  {
    id: 'chats',
    platform: '四个平台',
    surface: '买家聊天（拼多多工作台 · 千牛聊天记录 · 京东咚咚 · 美团经营宝）',
    description: '每条消息标记发送方、时间与文字；买家“差评要挟”消息高亮并计入工具栏角标；聊天按买家与订单号保存，案件里与评价一起显示。',
    pages: [
      { label: '拼多多 聊天工作台（延迟挂载 + 轮询）', url: PDD_CHAT_URL },
      { label: '拼多多 聊天工作台：列表反复重新挂载', url: PDD_CHAT_URL.replace('#', '?remountEvery=1500#'), note: 'Vue 整体替换 ul.msg-list' },
      { label: '千牛 聊天记录（iframe）', url: TAOBAO_CHAT_TOOL_URL },
      { label: '千牛 聊天记录：CSS 模块哈希改变', url: `${TAOBAO_CHAT_TOOL_URL}?hash=z9` },
      { label: '京东咚咚', url: JD_DONGDONG_URL },
      { label: '京东咚咚：行节点复用（虚拟列表）', url: `${JD_DONGDONG_URL}?recycle=1`, note: '同一节点轮流显示不同消息' },
      { label: '京麦 聊天记录（哈希路由 + 抽屉）', url: JD_KF_URL, note: '点「聊天记录」→「查看」' },
      { label: '美团经营宝（about:blank iframe + 封闭 Shadow DOM）', url: MEITUAN_CHAT_URL },
      { label: '美团经营宝：开放 Shadow DOM', url: MEITUAN_CHAT_URL.replace('#', '?mode=open#') },
    ],
    install: (context) => installChatRoutes(context),
  },
];

/** Installs every demo console (each with default data) and the index page. */
export async function installDemoConsoles(context: BrowserContext): Promise<void> {
  for (const demo of DEMO_CONSOLES) await demo.install(context);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Shared plumbing                                                                                              */
/* ------------------------------------------------------------------------------------------------------------ */

const offlineGuards = new WeakMap<BrowserContext, string[]>();

/**
 * Registers (once per context) the catch-all that aborts every http(s)/ws request no fixture route handles.
 * Playwright runs the most recently registered matching route first, so this must be registered before the
 * fixture routes; every install function calls it first. Returns the list of blocked URLs (for debugging).
 */
export async function blockUnroutedRequests(context: BrowserContext): Promise<string[]> {
  const existing = offlineGuards.get(context);
  if (existing) return existing;
  const blocked: string[] = [];
  offlineGuards.set(context, blocked);
  await context.route(
    () => true,
    async (route) => {
      const url = route.request().url();
      if (!/^(https?|wss?):/i.test(url)) return route.continue(); // chrome-extension:, data:, blob: are local
      blocked.push(url);
      return route.abort('blockedbyclient');
    },
  );
  return blocked;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
};

function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Serves tests/fixtures/** at `<origin>/__rg_fixture__/**` (and the generated demo index at `index.html`). */
export async function serveFixtureFiles(context: BrowserContext, origin: string): Promise<void> {
  await context.route(
    (url) => url.origin === origin && url.pathname.startsWith('/__rg_fixture__/'),
    async (route) => {
      const { pathname } = new URL(route.request().url());
      const rel = decodeURIComponent(pathname.slice('/__rg_fixture__/'.length));
      if (rel === '' || rel === 'index.html') {
        return route.fulfill({ status: 200, contentType: CONTENT_TYPES['.html'], body: renderDemoIndexHtml() });
      }
      const file = path.resolve(FIXTURES_DIR, rel);
      if (!file.startsWith(FIXTURES_DIR)) return route.fulfill({ status: 403, body: 'forbidden' });
      try {
        const body = await readFile(file);
        return await route.fulfill({
          status: 200,
          headers: { 'content-type': contentTypeOf(file), 'cache-control': 'no-store' },
          body,
        });
      } catch {
        return route.fulfill({ status: 404, contentType: CONTENT_TYPES['.txt'], body: `fixture not found: ${rel}` });
      }
    },
  );
}

/** Image CDN hosts answered with generated placeholders; `kind` picks the picture style. */
const IMAGE_HOSTS: readonly { host: RegExp; kind: (url: URL) => PlaceholderKind }[] = [
  { host: /^review\.pddpic\.com$/, kind: () => 'photo' },
  { host: /^avatar\d*\.pddpic\.com$/, kind: () => 'avatar' },
  { host: /^avatar\.yangkeduo\.com$/, kind: () => 'avatar' },
  { host: /^(img|t\d+img|commimg)\.pddpic\.com$/, kind: () => 'goods' },
  { host: /^[\w-]+\.pddpic\.com$/, kind: () => 'photo' },
  { host: /^(img|gw)\.alicdn\.com$/, kind: (u) => (u.pathname.includes('/rate') ? 'photo' : 'goods') },
  { host: /^img\d*\.360buyimg\.com$/, kind: () => 'photo' },
  { host: /^p\d\.meituan\.net$/, kind: () => 'photo' },
];

export async function servePlaceholderImages(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => IMAGE_HOSTS.some((h) => h.host.test(url.hostname)),
    async (route) => {
      const url = new URL(route.request().url());
      const entry = IMAGE_HOSTS.find((h) => h.host.test(url.hostname));
      const kind = entry ? entry.kind(url) : 'photo';
      return route.fulfill({
        status: 200,
        headers: {
          'content-type': 'image/png',
          'cache-control': 'public, max-age=86400',
          // Lets evidence capture (html2canvas-pro, useCORS) draw the pictures without tainting the canvas.
          'access-control-allow-origin': '*',
        },
        body: placeholderPng(kind, url.pathname),
      });
    },
  );
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function fulfillJson(route: Route, body: unknown, status = 200): Promise<void> {
  return route.fulfill({
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  });
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Pinduoduo                                                                                                    */
/* ------------------------------------------------------------------------------------------------------------ */

export interface PinduoduoRouteOptions {
  /** Reviews to serve (PddReviewFixture shape). Default: tests/fixtures/pinduoduo/reviews.json. */
  reviews?: readonly object[];
  /** Serve generateReviews(generate, seed) instead of reviews.json (ignored when `reviews` is given). */
  generate?: number;
  seed?: number;
  /** Delay before each API answer, in ms (default 80), so loading states are observable. */
  latencyMs?: number;
  /** Serve the same console at another origin (default the real one); benches use a host the extension does not match. */
  origin?: string;
}

/** One `POST /saturn/reviews/list` the page made. */
export interface PddListRequest {
  pageNo: number;
  pageSize: number;
  body: Record<string, unknown>;
  at: number;
}

export interface PinduoduoRoutes {
  /** The data being served, newest first. Mutable: edit it, then click 刷新 on the page to see the change. */
  reviews: PddReviewFixture[];
  listRequests: PddListRequest[];
  /** Requests the offline guard aborted in this context. */
  blockedUrls: string[];
}

let defaultReviewsCache: PddReviewFixture[] | undefined;

/** The hand-written fixture reviews (fresh copy). */
export async function loadPinduoduoFixtureReviews(): Promise<PddReviewFixture[]> {
  if (!defaultReviewsCache) {
    const text = await readFile(path.join(FIXTURES_DIR, 'pinduoduo', 'reviews.json'), 'utf8');
    defaultReviewsCache = JSON.parse(text) as PddReviewFixture[];
  }
  return structuredClone(defaultReviewsCache);
}

/** The API item as the page receives it: every test-only `_*` field removed. */
export function toApiItem(review: object): PddReviewItem {
  return Object.fromEntries(Object.entries(review).filter(([key]) => !key.startsWith('_'))) as unknown as PddReviewItem;
}

function toInt(value: unknown, fallback: number, max: number): number {
  const n = typeof value === 'string' ? Number.parseInt(value, 10) : typeof value === 'number' ? Math.trunc(value) : NaN;
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : fallback;
}

export function parseBody(route: Route): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(route.request().postData() ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Filters the console supports: descScore[], replyStatus ("1" replied / "2" not), orderSn, reviewTag. */
function applyFilters(reviews: readonly PddReviewFixture[], body: Record<string, unknown>, withTag = true): PddReviewFixture[] {
  const scores = Array.isArray(body['descScore']) ? body['descScore'].map(String) : [];
  const reply = String(body['replyStatus'] ?? '');
  const orderSn = String(body['orderSn'] ?? '').trim();
  const tag = withTag ? String(body['reviewTag'] ?? '') : '';
  return reviews.filter(
    (r) =>
      (scores.length === 0 || scores.includes(String(r.descScore))) &&
      (reply !== '1' || Boolean(r.reply)) &&
      (reply !== '2' || !r.reply) &&
      (orderSn === '' || r.orderSn === orderSn) &&
      (tag === '' || matchesTag(r, tag)),
  );
}

function matchesTag(r: PddReviewFixture, tag: string): boolean {
  switch (tag) {
    case 'picture':
      return (r.pictureUrls?.length ?? 0) > 0 || (r.pictures?.length ?? 0) > 0;
    case 'video':
      return Boolean(r.hasVideo);
    case 'text':
      return String(r.comment ?? '').trim() !== '';
    case 'append':
      return Boolean(r.appendComment);
    case 'reported':
      return Number(r.reportStatus ?? 99) !== 99;
    default:
      return true;
  }
}

/** The `?rgGenerate=N` of the page that made the request, if any. */
export function generateParamOf(route: Route): number | undefined {
  const request = route.request();
  let pageUrl = request.headers()['referer'] ?? '';
  try {
    pageUrl = request.frame().url() || pageUrl;
  } catch {
    /* service-worker requests have no frame */
  }
  try {
    const n = Number.parseInt(new URL(pageUrl).searchParams.get(GENERATE_QUERY_PARAM) ?? '', 10);
    return Number.isFinite(n) && n > 0 ? Math.min(n, 20_000) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the 拼多多 评价管理 demo console in `context`:
 * - `GET  /goods/evaluation/index*` → evaluation.html
 * - `GET  /__rg_fixture__/**`       → tests/fixtures files (+ the demo index)
 * - `POST /saturn/reviews/list`     → `{success, errorCode:1000000, result:{totalRows, data}}` honouring
 *                                     pageNo/pageSize and the page's filters; `_label/_chat/_order` stripped
 * - `POST /saturn/reviews/type/agg` → tag counts for the filter chips
 * - `*.pddpic.com` images           → generated PNG placeholders
 * - anything else                   → aborted
 */
export async function installPinduoduoRoutes(
  context: BrowserContext,
  opts: PinduoduoRouteOptions = {},
): Promise<PinduoduoRoutes> {
  const blockedUrls = await blockUnroutedRequests(context);
  await servePlaceholderImages(context);
  const origin = opts.origin ?? PDD_ORIGIN;
  await serveFixtureFiles(context, origin);

  const reviews: PddReviewFixture[] = opts.reviews
    ? (structuredClone([...opts.reviews]) as PddReviewFixture[])
    : opts.generate
      ? generateReviews(opts.generate, opts.seed)
      : await loadPinduoduoFixtureReviews();
  const latencyMs = opts.latencyMs ?? 80;
  const listRequests: PddListRequest[] = [];
  const generated = new Map<number, PddReviewFixture[]>();
  const dataFor = (route: Route): PddReviewFixture[] => {
    const n = generateParamOf(route);
    if (n === undefined) return reviews;
    let set = generated.get(n);
    if (!set) {
      set = generateReviews(n, opts.seed);
      generated.set(n, set);
    }
    return set;
  };

  await context.route(
    (url) => url.origin === origin && /^\/goods\/evaluation\/index\/?$/.test(url.pathname),
    async (route) => {
      const body = await readFile(path.join(FIXTURES_DIR, 'pinduoduo', 'evaluation.html'));
      return route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
        body,
      });
    },
  );

  await context.route(
    (url) => url.origin === origin && url.pathname === '/saturn/reviews/list',
    async (route) => {
      if (route.request().method() !== 'POST') {
        return fulfillJson(route, { success: false, errorCode: 405, errorMsg: 'method not allowed' }, 405);
      }
      const body = parseBody(route);
      const pageNo = toInt(body['pageNo'], 1, 1_000_000);
      const pageSize = toInt(body['pageSize'], 10, 5_000);
      listRequests.push({ pageNo, pageSize, body, at: Date.now() });
      const matching = applyFilters(dataFor(route), body);
      const data = matching.slice((pageNo - 1) * pageSize, pageNo * pageSize).map(toApiItem);
      if (latencyMs > 0) await sleep(latencyMs);
      return fulfillJson(route, {
        success: true,
        errorCode: 1000000,
        errorMsg: null,
        result: { totalRows: matching.length, data },
      });
    },
  );

  await context.route(
    (url) => url.origin === origin && url.pathname === '/saturn/reviews/type/agg',
    async (route) => {
      const all = applyFilters(dataFor(route), parseBody(route), false);
      const count = (tag: string): number => all.filter((r) => matchesTag(r, tag)).length;
      if (latencyMs > 0) await sleep(latencyMs);
      return fulfillJson(route, {
        success: true,
        errorCode: 1000000,
        errorMsg: null,
        result: {
          total: all.length,
          picture: count('picture'),
          video: count('video'),
          text: count('text'),
          append: count('append'),
          reported: count('reported'),
        },
      });
    },
  );

  return { reviews, listRequests, blockedUrls };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Demo index page                                                                                              */
/* ------------------------------------------------------------------------------------------------------------ */

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderDemoIndexHtml(): string {
  const cards = DEMO_CONSOLES.map(
    (demo) => `
    <section class="card">
      <div class="platform">${escapeHtml(demo.platform)}</div>
      <h2>${escapeHtml(demo.surface)}</h2>
      <p>${escapeHtml(demo.description)}</p>
      <ul>${demo.pages
        .map(
          (p) =>
            `<li><a href="${escapeHtml(p.url)}">${escapeHtml(p.label)}</a>${p.note ? `<span>${escapeHtml(p.note)}</span>` : ''}<code>${escapeHtml(p.url)}</code></li>`,
        )
        .join('')}</ul>
    </section>`,
  ).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>差评卫士 · 演示控制台</title><link rel="icon" href="data:,">
<style>
  body { margin: 0; padding: 40px 56px; background: #f4f5f8; color: #151516;
    font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif; }
  h1 { margin: 0 0 6px; font-size: 22px; }
  .lead { margin: 0 0 28px; color: #58595b; font-size: 13px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 20px; }
  .card { background: #fff; border-radius: 8px; padding: 20px 24px; box-shadow: 0 1px 3px rgba(0,0,0,.06); }
  .platform { display: inline-block; padding: 2px 8px; border-radius: 4px; background: #fff1f0; color: #e02e24; font-size: 12px; }
  h2 { margin: 10px 0 6px; font-size: 16px; }
  p { margin: 0 0 12px; color: #58595b; font-size: 13px; line-height: 20px; }
  ul { margin: 0; padding: 0; list-style: none; }
  li { padding: 8px 0; border-top: 1px solid #f0f1f3; font-size: 13px; }
  a { color: #1f5bd8; text-decoration: none; font-weight: 500; }
  li span { margin-left: 8px; color: #9c9c9c; font-size: 12px; }
  code { display: block; margin-top: 2px; color: #9c9c9c; font-size: 11px; word-break: break-all; }
</style></head>
<body>
  <h1>差评卫士 · 演示控制台</h1>
  <p class="lead">本地仿真的商家后台页面，仅用于测试与演示；所有请求都在本机拦截，不会访问真实平台。</p>
  <div class="grid">${cards}</div>
</body></html>`;
}
