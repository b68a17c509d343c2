// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { REVIEW_PAGE_ADAPTERS } from '../../lib/platforms';
import { matchRule } from '../../lib/platforms/selectors';
import { FIXTURE_PAGES } from './fixturePages';

const cases = REVIEW_PAGE_ADAPTERS.flatMap((adapter) =>
  Object.values(adapter.selectors).flatMap((rule) =>
    Object.entries(rule.expected ?? {}).map(([fixture, count]) => ({ adapter: adapter.id, rule: rule.name, fixture, count, candidates: rule.candidates })),
  ),
);

describe('selector tables match the committed fixtures as recorded', () => {
  it('every adapter records expected counts for its row rule', () => {
    for (const adapter of REVIEW_PAGE_ADAPTERS) {
      const withCounts = Object.values(adapter.selectors).filter((r) => r.expected);
      expect(withCounts.length, adapter.id).toBeGreaterThan(0);
    }
  });

  it.each(cases)('$adapter › $rule on $fixture matches $count', ({ fixture, count, candidates, rule }) => {
    const render = FIXTURE_PAGES[fixture];
    expect(render, `unknown fixture ${fixture}`).toBeDefined();
    document.body.innerHTML = render!();
    expect(matchRule(document, { name: rule, candidates }).elements).toHaveLength(count);
  });

  it('each adapter finds as many reviews as its row rule expects (roots are the rows)', () => {
    for (const adapter of REVIEW_PAGE_ADAPTERS) {
      const rowRule = Object.values(adapter.selectors)[0]!;
      for (const [fixture, count] of Object.entries(rowRule.expected ?? {})) {
        document.body.innerHTML = FIXTURE_PAGES[fixture]!();
        expect(adapter.findReviewRoots(document), `${adapter.id} on ${fixture}`).toHaveLength(count);
      }
    }
  });
});
