// @vitest-environment jsdom
/**
 * Bad input on every review page: malformed markup, missing fields, giant texts, emoji and control characters.
 * Nothing throws into the page; what could not be read is reported (missing / unreadable), not guessed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReviewScanner, type ScanStats } from '../../lib/detection/reviewScanner';
import { cleanText } from '../../lib/platforms/heuristics';
import { jdReviewList } from '../../lib/platforms/jd';
import { meituanReviewList } from '../../lib/platforms/meituan';
import { taobaoReviewList } from '../../lib/platforms/taobao';
import type { ReviewPageAdapter } from '../../lib/platforms/types';
import { ReviewSnapshot } from '../../lib/schemas';
import type { JdCommentItem } from '../fixtures/jd/comment-view.js';
import type { MeituanFeedback } from '../fixtures/meituan/evaluation-view.js';
import type { TaobaoRateItem } from '../fixtures/taobao/rate-view.js';
import { jdComments, jdTableHtml, meituanFeedbacks, meituanListHtml, taobaoReviews, taobaoTableHtml } from './fixturePages';

const GIANT = '差'.repeat(300_000);
const NASTY = '好\u0000评\u0007👍🏽\u200b<script>alert(1)</script>\ud800';

function withText<T>(items: readonly T[], set: (item: T, text: string) => T, text: string): T[] {
  return items.map((item, i) => (i === 0 ? set(structuredClone(item), text) : item));
}
const setTaobao = (r: TaobaoRateItem, t: string) => ((r.rateContent.mainRate.content = t), r);
const setJd = (c: JdCommentItem, t: string) => ((c.content = t), c);
const setMt = (f: MeituanFeedback, t: string) => ((f.content = t), f);

const PAGES: { name: string; adapter: ReviewPageAdapter; render: (text: string) => string; garbage: string }[] = [
  {
    name: 'taobao',
    adapter: taobaoReviewList,
    render: (t) => taobaoTableHtml(withText(taobaoReviews, setTaobao, t)),
    garbage: '<table role="table"><tbody class="next-table-body"><tr class="next-table-row"><td>订单号：</td></tr><tr class="next-table-row"></tr><tr class="next-table-row"><td><td><div>主评ID：<b>12</b></div></table>',
  },
  {
    name: 'jd',
    adapter: jdReviewList,
    render: (t) => jdTableHtml(withText(jdComments, setJd, t)),
    garbage: '<table><tbody class="jm-table-tbody"><tr data-row-key=""><td>?</td></tr><tr data-row-key="<x>"></tr><tr data-row-key="12"><td><ul class="jm-rate"></ul></td></tr></tbody></table>',
  },
  {
    name: 'meituan',
    adapter: meituanReviewList,
    render: (t) => meituanListHtml(withText(meituanFeedbacks.mt, setMt, t)),
    garbage: '<div class="list"><div class="evaluation-item"></div><div class="evaluation-item"><div class="comment-time">昨天</div></div><div class="evaluation-item"><span class="user-name">a</span><div class="comment-time">2026-13-45 99:99</div></div></div>',
  },
];

let scanner: ReviewScanner | undefined;
afterEach(() => {
  scanner?.stop();
  document.body.textContent = '';
});

function scan(adapter: ReviewPageAdapter) {
  const stats: ScanStats[] = [];
  const onError = vi.fn();
  scanner = new ReviewScanner({ adapter, document, mountToolbar: () => undefined, onScan: (s) => stats.push(s), onError });
  scanner.start();
  return { stats, onError };
}

describe.each(PAGES)('$name review page with bad input', ({ adapter, render, garbage }) => {
  it('a giant review text is capped, the snapshot stays valid', () => {
    document.body.innerHTML = render(GIANT);
    const root = adapter.findReviewRoots(document)[0]!;
    const snapshot = adapter.extract(root, '')!.snapshot;
    expect(snapshot.text.length).toBe(20_000);
    expect(ReviewSnapshot.safeParse(snapshot).success).toBe(true);
  });

  it('emoji survive; control characters are dropped, a lone surrogate becomes U+FFFD; markup stays text', () => {
    document.body.innerHTML = render(NASTY);
    expect(document.querySelector('script')).toBeNull();
    const snapshot = adapter.extract(adapter.findReviewRoots(document)[0]!, '')!.snapshot;
    expect(snapshot.text).toBe('好评👍🏽\u200b<script>alert(1)</script>\ufffd');
    expect(ReviewSnapshot.safeParse(snapshot).success).toBe(true);
  });

  it('malformed rows are reported unreadable, never thrown into the page', () => {
    document.body.innerHTML = garbage;
    const { stats, onError } = scan(adapter);
    const last = stats.at(-1)!;
    expect(last.found).toBeGreaterThan(0);
    expect(last.extracted + last.unreadable).toBe(last.found);
    expect(onError).not.toHaveBeenCalled();
    for (const root of adapter.findReviewRoots(document)) {
      const read = adapter.extract(root, '');
      if (read) {
        expect(ReviewSnapshot.safeParse(read.snapshot).success).toBe(true);
        expect(read.snapshot.missing.length).toBeGreaterThan(0); // what was not there is named
      }
    }
  });
});

describe('cleanText', () => {
  it('never cuts a surrogate pair in half', () => {
    const s = `${'a'.repeat(9)}😀`;
    expect(cleanText(s, 10)).toBe('a'.repeat(9));
    expect(cleanText(s, 11)).toBe(s);
  });
});
