import { describe, expect, it } from 'vitest';
import { REVIEW_PAGE_ADAPTERS } from '../../lib/platforms';
import { isJdReviewPage, jdTestUrls } from '../../lib/platforms/jd';
import { isMeituanReviewPage, isMeituanShell, meituanTestUrls } from '../../lib/platforms/meituan';
import { isPddReviewList, pddTestUrls } from '../../lib/platforms/pinduoduo';
import { isTaobaoReviewList, taobaoTestUrls } from '../../lib/platforms/taobao';

/** Every URL check with the URLs it must accept and the ones it must reject. */
const CHECKS = [
  { name: 'isPddReviewList', check: isPddReviewList, own: pddTestUrls.reviewList, not: pddTestUrls.notReviewList },
  { name: 'isTaobaoReviewList', check: isTaobaoReviewList, own: taobaoTestUrls.reviewList, not: taobaoTestUrls.notReviewList },
  { name: 'isJdReviewPage', check: (u: string) => isJdReviewPage(u), own: jdTestUrls.reviewList, not: jdTestUrls.notReviewList },
  { name: 'isMeituanReviewPage', check: isMeituanReviewPage, own: meituanTestUrls.reviewList, not: meituanTestUrls.notReviewList },
];

const ALL_URLS = CHECKS.flatMap((c) => [...c.own, ...c.not]);

describe('URL checks', () => {
  it.each(CHECKS)('$name accepts its own pages', ({ check, own }) => {
    for (const url of own) expect(check(url), url).toBe(true);
  });

  it.each(CHECKS)('$name rejects its negatives, garbage and plain http', ({ check, not }) => {
    for (const url of not) expect(check(url), url).toBe(false);
    for (const junk of ['', 'not a url', 'javascript:alert(1)', 'about:blank', 'chrome-extension://abc/sidepanel.html']) {
      expect(check(junk), junk).toBe(false);
    }
  });

  it.each(CHECKS)('$name rejects every other platform’s URLs (cross-negative matrix)', ({ name, check, own }) => {
    const others = CHECKS.filter((c) => c.name !== name).flatMap((c) => [...c.own, ...c.not]);
    for (const url of others) {
      if (own.includes(url)) continue;
      expect(check(url), `${name}(${url})`).toBe(false);
    }
  });

  it('each URL is claimed by at most one review adapter', () => {
    for (const url of ALL_URLS) {
      const claimed = REVIEW_PAGE_ADAPTERS.filter((a) => a.matchesUrl(url)).map((a) => a.id);
      expect(claimed.length, `${url} → ${claimed.join(', ')}`).toBeLessThanOrEqual(1);
    }
  });

  it('every review URL is covered by its adapter’s content-script match patterns', () => {
    const toRegExp = (pattern: string) =>
      new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    for (const adapter of REVIEW_PAGE_ADAPTERS) {
      const own = CHECKS.flatMap((c) => c.own).filter((u) => adapter.matchesUrl(u));
      expect(own.length, adapter.id).toBeGreaterThan(0);
      for (const url of own) expect(adapter.matchPatterns.some((p) => toRegExp(p).test(url)), `${adapter.id} ${url}`).toBe(true);
    }
  });

  it('the Meituan shell is recognised but shows no reviews itself (they are in its iframe)', () => {
    expect(isMeituanShell(meituanTestUrls.notReviewList[0]!)).toBe(true);
    expect(isMeituanReviewPage(meituanTestUrls.notReviewList[0]!)).toBe(false);
  });
});
