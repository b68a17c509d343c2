// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { isPddReviewList, pddReviewList, pddTestUrls } from '../../lib/platforms/pinduoduo';
import { toShanghaiIso } from '../../lib/time/shanghai';
import { generateReviews, renderReviewRowsHtml, type PddReviewFixture } from '../fixtures/pinduoduo/evaluation-view.js';

const reviews = JSON.parse(
  readFileSync(path.resolve(__dirname, '../fixtures/pinduoduo/reviews.json'), 'utf8'),
) as PddReviewFixture[];

function renderPage(items: readonly PddReviewFixture[], suffix?: string) {
  document.body.innerHTML = `<table><tbody>${renderReviewRowsHtml(items, suffix ? { suffix } : {})}</tbody></table>`;
}

describe('Pinduoduo review-list URL check', () => {
  it('accepts the review list, with or without query and hash', () => {
    for (const url of pddTestUrls.reviewList) expect(isPddReviewList(url), url).toBe(true);
  });
  it('rejects other pages, look-alike hosts and plain http', () => {
    for (const url of pddTestUrls.notReviewList) expect(isPddReviewList(url), url).toBe(false);
    expect(isPddReviewList('not a url')).toBe(false);
  });
});

describe('Pinduoduo review extraction on the demo console', () => {
  beforeEach(() => renderPage(reviews));

  it('finds every review on the page', () => {
    expect(pddReviewList.findReviewRoots(document)).toHaveLength(reviews.length);
  });

  it.each(['5-188-0', '5-201-0'])('reads every field as the page shows it (class suffix %s)', (suffix) => {
    renderPage(reviews, suffix);
    const roots = pddReviewList.findReviewRoots(document);
    expect(roots).toHaveLength(reviews.length);
    roots.forEach((root, i) => {
      const item = reviews[i]!;
      const found = pddReviewList.extract(root, location.href);
      expect(found, item.orderSn).not.toBeNull();
      const s = found!.snapshot;
      expect(s.key).toBe(`pinduoduo:${item.orderSn}`);
      expect(s.orderSn).toBe(item.orderSn);
      expect(s.stars).toBe(item.descScore);
      expect(s.text).toBe(item.comment);
      expect(s.reviewedAt).toBe(toShanghaiIso(item.createTime * 1000));
      expect(s.buyerNick).toBe(item.userName);
      expect(s.goodsName).toBe(item.goodsName);
      expect(s.pictureCount).toBe(item.pictureUrls.length);
      expect(s.sellerReply).toBe(item.reply || null);
      expect(s.missing).toEqual([]);
      // The report column, verbatim: the case follows it (lib/cases/pageOutcome.ts).
      expect(s.platformStatus).toBe(item.reportDesc);
      expect(found!.parts).toHaveLength(2);
    });
  });

  it('shows review text containing markup as text, and reads it back literally', () => {
    const probe = reviews.find((r) => r.comment.includes('onerror'))!;
    expect(document.querySelector('img[src="x"]')).toBeNull();
    const root = pddReviewList.findReviewRoots(document).find((r) => r.nextElementSibling?.textContent?.includes('onerror'))!;
    expect(pddReviewList.extract(root, location.href)!.snapshot.text).toBe(probe.comment);
  });

  it('maps any node inside a review back to its root', () => {
    const [first, second] = pddReviewList.findReviewRoots(document);
    const bodyCell = second!.previousElementSibling!.querySelector('td')!;
    expect(pddReviewList.closestRoot(bodyCell)).toBe(first);
    expect(pddReviewList.closestRoot(document.body)).toBeNull();
  });

  it('reports what it could not read instead of guessing', () => {
    const root = pddReviewList.findReviewRoots(document)[0]!;
    root.querySelectorAll('svg').forEach((s) => s.remove());
    root.querySelector('[class*="buyerName"]')!.remove();
    const s = pddReviewList.extract(root, location.href)!.snapshot;
    expect(s.stars).toBeNull();
    expect(s.buyerNick).toBeNull();
    expect(s.missing).toEqual(expect.arrayContaining(['stars', 'buyerNick']));
  });

  it('a header row without an order number in its body is not a readable review', () => {
    document.body.innerHTML =
      '<table><tbody><tr class="TB_bodyGroupHeader_9-9-9"><td>??</td></tr><tr><td>x</td><td>no order</td></tr></tbody></table>';
    const [root] = pddReviewList.findReviewRoots(document);
    expect(pddReviewList.extract(root!, location.href)).toBeNull();
  });

  it('reads 300 generated reviews with unique keys', () => {
    const many = generateReviews(300, 7);
    renderPage(many);
    const keys = pddReviewList.findReviewRoots(document).map((r) => pddReviewList.extract(r, location.href)?.snapshot.key);
    expect(new Set(keys).size).toBe(300);
  });
});

describe('Pinduoduo cheap identification (used by the page scan)', () => {
  it('gives the same key as the full read, for every review', () => {
    renderPage(reviews);
    for (const root of pddReviewList.findReviewRoots(document)) {
      expect(pddReviewList.identify(root, location.href)?.key).toBe(pddReviewList.extract(root, location.href)?.snapshot.key);
    }
  });
  it('a review without an order number on screen is reported unreadable, not keyed by a guess', () => {
    renderPage(reviews.slice(0, 1));
    const root = pddReviewList.findReviewRoots(document)[0]!;
    [...document.querySelectorAll('div')].find((d) => d.textContent?.startsWith('订单编号'))!.remove();
    expect(pddReviewList.identify(root, location.href)).toBeNull();
    expect(pddReviewList.extract(root, location.href)).toBeNull();
  });
  it('puts the toolbar at the end of the header row wrapper (no float), else first in the header cell', () => {
    renderPage(reviews.slice(0, 2));
    const [plain, unwrapped] = pddReviewList.findReviewRoots(document);
    const slot = pddReviewList.identify(plain!, location.href)!;
    const wrapper = plain!.querySelector('td > div')!;
    expect(slot.toolbarHost).toBe(wrapper);
    expect(slot.toolbarAtEnd).toBe(true);
    // once there, it stays there when the page adds an element to the cell (no second toolbar elsewhere)
    const bar = document.createElement('span');
    bar.setAttribute('data-rg-ui', 'toolbar');
    wrapper.append(bar);
    plain!.querySelector('td')!.prepend(document.createElement('span'));
    expect(pddReviewList.identify(plain!, location.href)!.toolbarHost).toBe(wrapper);
    // a toolbar floated in the cell (an older build) stays in the cell
    plain!.querySelector('td')!.prepend(bar);
    expect(pddReviewList.identify(plain!, location.href)!.toolbarHost).toBe(plain!.querySelector('td'));
    // a page whose header cell holds loose elements: the cell itself, toolbar first and floated
    const cell = unwrapped!.querySelector('td')!;
    cell.replaceChildren(...cell.firstElementChild!.childNodes);
    const fallback = pddReviewList.extract(unwrapped!, location.href)!;
    expect(fallback.toolbarHost).toBe(cell);
    expect(fallback.toolbarAtEnd).toBeFalsy();
  });
});
