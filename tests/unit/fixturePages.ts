/**
 * The committed review-page fixtures as HTML fragments, by the names the selector tables use in `expected`
 * (e.g. `taobao/reviews?prefix=qn-`). Built with the same renderers the fixture pages run in the browser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderCommentRowsHtml, type JdCommentItem } from '../fixtures/jd/comment-view.js';
import { renderFeedbacksHtml, type MeituanFeedback } from '../fixtures/meituan/evaluation-view.js';
import { renderReviewRowsHtml, type PddReviewFixture } from '../fixtures/pinduoduo/evaluation-view.js';
import { renderRateRowsHtml, type TaobaoRateItem } from '../fixtures/taobao/rate-view.js';

const fixtures = path.resolve(__dirname, '../fixtures');
const json = <T>(rel: string): T => JSON.parse(readFileSync(path.join(fixtures, rel), 'utf8')) as T;

export const pddReviews = json<PddReviewFixture[]>('pinduoduo/reviews.json');
export const taobaoReviews = json<TaobaoRateItem[]>('taobao/reviews.json');
export const jdComments = json<JdCommentItem[]>('jd/comments.json');
export const meituanFeedbacks = json<{ mt: MeituanFeedback[]; dp: MeituanFeedback[] }>('meituan/feedbacks.json');

export function taobaoTableHtml(items: readonly TaobaoRateItem[], prefix = 'next-'): string {
  return `<div class="${prefix}table ${prefix}table-medium"><table role="table"><thead><tr><th>情感分类</th><th>评价内容</th><th>商品信息</th><th>买家信息</th><th>操作</th></tr></thead><tbody class="${prefix}table-body">${renderRateRowsHtml(items, { prefix })}</tbody></table></div>`;
}

export function jdTableHtml(items: readonly JdCommentItem[], prefix = 'jm-'): string {
  return `<table><tbody class="${prefix}table-tbody">${renderCommentRowsHtml(items, { prefix })}</tbody></table>`;
}

export function meituanListHtml(items: readonly MeituanFeedback[], cardClass?: string): string {
  return `<div class="list">${renderFeedbacksHtml(items, cardClass ? { cardClass } : {})}</div>`;
}

export const FIXTURE_PAGES: Record<string, () => string> = {
  'pinduoduo/reviews': () => `<table><tbody>${renderReviewRowsHtml(pddReviews)}</tbody></table>`,
  'pinduoduo/reviews?suffix=5-201-0': () => `<table><tbody>${renderReviewRowsHtml(pddReviews, { suffix: '5-201-0' })}</tbody></table>`,
  'taobao/reviews': () => taobaoTableHtml(taobaoReviews),
  'taobao/reviews?prefix=qn-': () => taobaoTableHtml(taobaoReviews, 'qn-'),
  'jd/comments': () => jdTableHtml(jdComments),
  'jd/comments?prefix=jm2-': () => jdTableHtml(jdComments, 'jm2-'),
  'meituan/feedbacks#mt': () => meituanListHtml(meituanFeedbacks.mt),
  'meituan/feedbacks#dp': () => meituanListHtml(meituanFeedbacks.dp),
  'meituan/feedbacks#mt?card=comment-card': () => meituanListHtml(meituanFeedbacks.mt, 'comment-card'),
};
