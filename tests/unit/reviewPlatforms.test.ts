// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { jdReviewList } from '../../lib/platforms/jd';
import { meituanReviewList } from '../../lib/platforms/meituan';
import { taobaoReviewList } from '../../lib/platforms/taobao';
import { parseConsoleTime, toShanghaiIso } from '../../lib/time/shanghai';
import { generateJdComments } from '../fixtures/jd/comment-view.js';
import { formatMeituanTime, generateFeedbacks } from '../fixtures/meituan/evaluation-view.js';
import { formatTaobaoTime, generateTaobaoReviews } from '../fixtures/taobao/rate-view.js';
import { jdComments, jdTableHtml, meituanFeedbacks, meituanListHtml, taobaoReviews, taobaoTableHtml } from './fixturePages';

const PLACEHOLDERS = ['此用户没有填写评价', '系统默认好评'];
const iso = (consoleTime: string) => toShanghaiIso(parseConsoleTime(consoleTime)!);

describe('Taobao/Tmall 来自买家的评价 (Fusion table)', () => {
  it.each(['next-', 'qn-'])('reads every field as the page shows it (class prefix %s)', (prefix) => {
    document.body.innerHTML = taobaoTableHtml(taobaoReviews, prefix);
    const roots = taobaoReviewList.findReviewRoots(document);
    expect(roots).toHaveLength(taobaoReviews.length);
    roots.forEach((root, i) => {
      const item = taobaoReviews[i]!;
      const found = taobaoReviewList.extract(root, location.href)!;
      const s = found.snapshot;
      expect(s.key).toBe(`taobao:${item.rateContent.mainRate.feedId}`);
      expect(taobaoReviewList.identify(root, location.href)?.key).toBe(s.key);
      expect(s.orderSn).toBe(item.itemInfo.orderId);
      const main = item.rateContent.mainRate.content;
      expect(s.text).toBe(PLACEHOLDERS.includes(main) ? '' : main);
      expect(s.stars).toBeNull();
      expect(s.reviewedAt).toBe(iso(formatTaobaoTime(item.rateContent.mainRate.date)));
      expect(s.buyerNick).toBe(item.userInfo.userName);
      expect(s.goodsName).toBe(item.itemInfo.title);
      expect(s.pictureCount).toBe(item.rateContent.mainRate.mediaList?.length ?? 0);
      expect(s.missing).toEqual(PLACEHOLDERS.includes(main) ? ['text'] : []);
      // The follow-up row belongs to its review (captured with it).
      expect(found.parts).toHaveLength(item.rateContent.appendRate ? 2 : 1);
    });
  });

  it('the follow-up (追评) row maps back to its review, and its text is not the main text', () => {
    document.body.innerHTML = taobaoTableHtml(taobaoReviews);
    const expanded = document.querySelector('tr.next-table-expanded-row')!;
    const root = taobaoReviewList.closestRoot(expanded.querySelector('span')!)!;
    expect(root).toBe(expanded.previousElementSibling);
    expect(taobaoReviewList.extract(root, '')!.snapshot.text).not.toContain('追评');
  });

  it('markup in a review is read back literally, never parsed', () => {
    document.body.innerHTML = taobaoTableHtml(taobaoReviews);
    expect(document.querySelector('img[src="x"]')).toBeNull();
    const texts = taobaoReviewList.findReviewRoots(document).map((r) => taobaoReviewList.extract(r, '')!.snapshot.text);
    expect(texts).toContain(taobaoReviews[4]!.rateContent.mainRate.content);
  });

  it('a row without 主评ID falls back to the order number; a row with neither is not keyed', () => {
    document.body.innerHTML = taobaoTableHtml(taobaoReviews.slice(0, 2));
    const [a, b] = taobaoReviewList.findReviewRoots(document);
    a!.querySelector('.rate-meta span')!.textContent = '';
    expect(taobaoReviewList.identify(a!, '')?.key).toBe(`taobao:order:${taobaoReviews[0]!.itemInfo.orderId}`);
    for (const meta of b!.querySelectorAll('.rate-meta')) meta.remove();
    expect(taobaoReviewList.identify(b!, '')).toBeNull();
    expect(taobaoReviewList.extract(b!, '')).toBeNull();
  });

  it('300 generated reviews get 300 distinct keys', () => {
    document.body.innerHTML = taobaoTableHtml(generateTaobaoReviews(300, 3));
    const keys = taobaoReviewList.findReviewRoots(document).map((r) => taobaoReviewList.identify(r, '')?.key);
    expect(new Set(keys).size).toBe(300);
  });
});

describe('JD 评价管理 (assumed page, configured in jd.ts)', () => {
  it.each(['jm-', 'jm2-'])('reads every field (class prefix %s)', (prefix) => {
    document.body.innerHTML = jdTableHtml(jdComments, prefix);
    const roots = jdReviewList.findReviewRoots(document);
    expect(roots).toHaveLength(jdComments.length);
    roots.forEach((root, i) => {
      const c = jdComments[i]!;
      const s = jdReviewList.extract(root, '')!.snapshot;
      expect(s.key).toBe(`jd:${c.commentId}`);
      expect(jdReviewList.identify(root, '')?.key).toBe(s.key);
      expect(s.stars).toBe(c.score);
      expect(s.text).toBe(c.content);
      expect(s.orderSn).toBe(c.orderId);
      expect(s.reviewedAt).toBe(iso(c.creationTime));
      expect(s.buyerNick).toBe(c.nickName);
      expect(s.goodsName).toBe(c.skuName);
      expect(s.pictureCount).toBe(c.images.length);
      expect(s.sellerReply).toBe(c.replies[0]?.content ?? null);
      expect(s.missing).toEqual(c.content ? [] : ['text']);
    });
  });

  it('without data-row-key the order number keys the review', () => {
    document.body.innerHTML = jdTableHtml(jdComments.slice(0, 1));
    const row = jdReviewList.findReviewRoots(document)[0]!;
    row.setAttribute('data-row-key', 'undefined');
    expect(jdReviewList.identify(row, '')?.key).toBe(`jd:order:${jdComments[0]!.orderId}`);
  });

  it('300 generated comments get 300 distinct keys', () => {
    document.body.innerHTML = jdTableHtml(generateJdComments(300));
    expect(new Set(jdReviewList.findReviewRoots(document).map((r) => jdReviewList.identify(r, '')?.key)).size).toBe(300);
  });
});

describe('Meituan/Dianping 评价管理 (inner page)', () => {
  it.each([undefined, 'comment-card'])('reads every field (card class %s)', (cardClass) => {
    for (const list of [meituanFeedbacks.mt, meituanFeedbacks.dp]) {
      document.body.innerHTML = meituanListHtml(list, cardClass);
      const roots = meituanReviewList.findReviewRoots(document);
      expect(roots).toHaveLength(list.length);
      roots.forEach((root, i) => {
        const f = list[i]!;
        const s = meituanReviewList.extract(root, '')!.snapshot;
        expect(s.key).toMatch(/^dianping:h[0-9a-f]{8}$/);
        expect(meituanReviewList.identify(root, '')?.key).toBe(s.key);
        expect(s.platform).toBe('dianping');
        expect(s.stars).toBe(f.star);
        expect(s.text).toBe(f.content);
        expect(s.reviewedAt).toBe(iso(formatMeituanTime(f.addTime)));
        expect(s.buyerNick).toBe(f.userName);
        expect(s.pictureCount).toBe(f.pictures.length);
        expect(s.sellerReply).toBe(f.reply || null);
        expect(s.orderSn).toBeNull();
        expect(s.missing).toEqual(f.content ? [] : ['text']);
      });
    }
  });

  it('keys are stable across re-renders and distinct across reviews', () => {
    document.body.innerHTML = meituanListHtml(generateFeedbacks(200));
    const first = meituanReviewList.findReviewRoots(document).map((r) => meituanReviewList.identify(r, '')!.key);
    document.body.innerHTML = meituanListHtml(generateFeedbacks(200));
    const again = meituanReviewList.findReviewRoots(document).map((r) => meituanReviewList.identify(r, '')!.key);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(200);
  });

  it('a card without a time is reported unreadable rather than keyed by a guess', () => {
    document.body.innerHTML = meituanListHtml(meituanFeedbacks.mt.slice(0, 1));
    const card = meituanReviewList.findReviewRoots(document)[0]!;
    card.querySelector('.comment-time')!.remove();
    expect(meituanReviewList.identify(card, '')).toBeNull();
  });

  it('any node inside a card maps to the card', () => {
    document.body.innerHTML = meituanListHtml(meituanFeedbacks.mt);
    const [first] = meituanReviewList.findReviewRoots(document);
    expect(meituanReviewList.closestRoot(first!.querySelector('.comment-text')!.firstChild!)).toBe(first);
    expect(meituanReviewList.closestRoot(document.body)).toBeNull();
  });
});
