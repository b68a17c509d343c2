// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createToolbar, findToolbar, placeToolbar, rekeyToolbar } from '../../lib/detection/captureToolbar';
import { ReviewScanner, type ScanStats } from '../../lib/detection/reviewScanner';
import { pddReviewList } from '../../lib/platforms/pinduoduo';
import type { ReviewPageAdapter } from '../../lib/platforms/types';
import { renderReviewRowsHtml, type PddReviewFixture } from '../fixtures/pinduoduo/evaluation-view.js';

const reviews = JSON.parse(
  readFileSync(path.resolve(__dirname, '../fixtures/pinduoduo/reviews.json'), 'utf8'),
) as PddReviewFixture[];

const page1 = reviews.slice(0, 10);
const page2 = reviews.slice(10, 20);

function tbody() {
  return document.querySelector('tbody')!;
}

function startScanner(adapter: ReviewPageAdapter = pddReviewList, onError = vi.fn()) {
  const scans: ScanStats[] = [];
  const captures: string[] = [];
  const scanner = new ReviewScanner({
    adapter,
    document,
    batchDelayMs: 5,
    mountToolbar: (review) => {
      const existing = findToolbar(review.toolbarHost);
      if (existing) return rekeyToolbar(existing, review.key);
      placeToolbar(review, createToolbar(document, review.key, (b) => captures.push(b.getAttribute('data-rg-for')!)));
    },
    onScan: (s) => scans.push(s),
    onError,
  });
  scanner.start();
  return { scanner, scans, captures, onError };
}

const settle = () => new Promise((r) => setTimeout(r, 30));
const buttons = () => [...document.querySelectorAll('[data-rg-action="capture"]')];
const keys = () => [...document.querySelectorAll('[data-rg-review]')].map((e) => e.getAttribute('data-rg-review'));

let active: ReviewScanner | undefined;
afterEach(() => {
  active?.stop();
  document.body.textContent = '';
});

describe('review scanner', () => {
  it('marks every review with its key and one 采集证据 button', () => {
    document.body.innerHTML = `<table><tbody>${renderReviewRowsHtml(page1)}</tbody></table>`;
    const { scanner, scans } = startScanner();
    active = scanner;
    expect(scans.at(-1)).toMatchObject({ found: 10, extracted: 10, unreadable: 0 });
    expect(buttons()).toHaveLength(10);
    expect(buttons().every((b) => b.textContent === '采集证据')).toBe(true);
    expect(keys()).toEqual(page1.map((r) => `pinduoduo:${r.orderSn}`));
  });

  it('picks up reviews that arrive later (SPA mount) and pagination, without duplicate buttons', async () => {
    document.body.innerHTML = '<table><tbody><tr><td>加载中</td></tr></tbody></table>';
    const { scanner } = startScanner();
    active = scanner;
    expect(buttons()).toHaveLength(0);
    // Pagination the React way: the whole tbody content is replaced.
    tbody().innerHTML = renderReviewRowsHtml(page1);
    await vi.waitFor(() => expect(buttons()).toHaveLength(10));
    tbody().innerHTML = renderReviewRowsHtml(page2);
    await vi.waitFor(() => expect(keys()).toEqual(page2.map((r) => `pinduoduo:${r.orderSn}`)));
    expect(buttons()).toHaveLength(10);
  });

  it('re-scanning and re-rendering never adds a second button', async () => {
    document.body.innerHTML = `<table><tbody>${renderReviewRowsHtml(page1)}</tbody></table>`;
    const { scanner } = startScanner();
    active = scanner;
    scanner.scanNow();
    scanner.scanNow();
    tbody().innerHTML = renderReviewRowsHtml(page1);
    await settle();
    expect(buttons()).toHaveLength(10);
  });

  it('a recycled row (same element, new review) gets the new key', async () => {
    document.body.innerHTML = `<table><tbody>${renderReviewRowsHtml(page1.slice(0, 1))}</tbody></table>`;
    const { scanner } = startScanner();
    active = scanner;
    const body = tbody().rows[1]!;
    const order = [...body.querySelectorAll('div')].find((d) => d.textContent?.startsWith('订单编号'))!;
    order.textContent = '订单编号：261231-000000000000001';
    await vi.waitFor(() => expect(keys()).toEqual(['pinduoduo:261231-000000000000001']));
    expect(buttons()).toHaveLength(1);
    expect(buttons()[0]!.getAttribute('data-rg-for')).toBe('pinduoduo:261231-000000000000001');
  });

  it('rows re-parented into a new container are checked again: still reviews when they still match, dropped when not', async () => {
    document.body.innerHTML = `<table><tbody>${renderReviewRowsHtml(page1)}</tbody></table>`;
    const { scanner, scans } = startScanner();
    active = scanner;
    expect(scans.at(-1)!.found).toBe(10);
    // Moved as they are (same classes): still ten reviews, no second button.
    const table = document.querySelector('table')!;
    const copy = document.createElement('table');
    const body = document.createElement('tbody');
    body.append(...tbody().children);
    copy.append(body);
    table.replaceWith(copy);
    await settle();
    await vi.waitFor(() => expect(scans.at(-1)!.found).toBe(10));
    expect(buttons()).toHaveLength(10);
    // Moved after losing every class the tables know (a redesign): the page no longer shows reviews we can read.
    for (const tr of document.querySelectorAll('tbody tr')) {
      tr.removeAttribute('class');
      tr.removeAttribute('data-testid');
    }
    const div = document.createElement('div');
    div.append(...tbody().children);
    copy.replaceWith(div);
    await vi.waitFor(() => expect(scans.at(-1)!.found).toBe(0));
  });

  it('batches many mutations into one pass', async () => {
    document.body.innerHTML = `<table><tbody>${renderReviewRowsHtml(page1)}</tbody></table>`;
    const { scanner, scans } = startScanner();
    active = scanner;
    const before = scans.length;
    for (let i = 0; i < 50; i++) tbody().appendChild(document.createElement('tr'));
    await vi.waitFor(() => expect(scans.length).toBeGreaterThan(before));
    await settle();
    expect(scans.length - before).toBe(1);
  });

  it('never throws into the page when a detector fails', async () => {
    document.body.innerHTML = `<table><tbody>${renderReviewRowsHtml(page1)}</tbody></table>`;
    const broken: ReviewPageAdapter = {
      ...pddReviewList,
      identify: () => {
        throw new Error('boom');
      },
    };
    const onError = vi.fn();
    const { scanner, scans } = startScanner(broken, onError);
    active = scanner;
    expect(onError).toHaveBeenCalled();
    expect(scans.at(-1)).toMatchObject({ found: 10, extracted: 0, unreadable: 10 });
    expect(() => tbody().appendChild(document.createElement('tr'))).not.toThrow();
    await settle();
  });

  it('forgets the reviews inside a removed container, marked and unreadable ones alike', async () => {
    document.body.innerHTML = `<table><tbody>${renderReviewRowsHtml(page1)}</tbody></table><table><tbody>${renderReviewRowsHtml(page2)}</tbody></table>`;
    const { scanner, scans } = startScanner();
    active = scanner;
    expect(scans.at(-1)).toMatchObject({ found: 20, unreadable: 0 });
    document.querySelectorAll('table')[1]!.remove();
    await vi.waitFor(() => expect(scans.at(-1)).toMatchObject({ found: 10, unreadable: 0 }));
    // an unreadable review (no order number on screen) carries no mark: found by the adapter's own search instead
    const orderLine = [...document.querySelectorAll('div')].find((d) => d.textContent?.startsWith('订单编号'))!;
    orderLine.remove();
    await vi.waitFor(() => expect(scans.at(-1)).toMatchObject({ found: 10, unreadable: 1 }));
    document.querySelector('table')!.remove();
    await vi.waitFor(() => expect(scans.at(-1)).toMatchObject({ found: 0, unreadable: 0 }));
  });

  it('a page that keeps changing gets fewer, later passes; a lone change is handled at once', async () => {
    document.body.innerHTML = `<table><tbody>${renderReviewRowsHtml(page1)}</tbody></table>`;
    const scans: ScanStats[] = [];
    const scanner = new ReviewScanner({
      adapter: pddReviewList,
      document,
      batchDelayMs: 5,
      busyBatchDelayMs: 150,
      mountToolbar: (review) => void (findToolbar(review.toolbarHost) ?? placeToolbar(review, createToolbar(document, review.key, () => {}))),
      onScan: (s) => scans.push(s),
    });
    active = scanner;
    scanner.start();
    await new Promise((r) => setTimeout(r, 1_100)); // the initial scan is not a batched pass: the page is quiet
    const quiet = scans.length;
    tbody().appendChild(document.createElement('tr'));
    await settle();
    expect(scans.length).toBe(quiet + 1); // within the short delay
    tbody().appendChild(document.createElement('tr'));
    await settle();
    expect(scans.length).toBe(quiet + 1); // busy: waits longer
    await vi.waitFor(() => expect(scans.length).toBe(quiet + 2), { timeout: 1_000 });
  });

  it('ignores its own injected buttons (no feedback loop)', async () => {
    document.body.innerHTML = `<table><tbody>${renderReviewRowsHtml(page1)}</tbody></table>`;
    const { scanner, scans } = startScanner();
    active = scanner;
    const before = scans.length;
    buttons()[0]!.textContent = '采集中…';
    await settle();
    expect(scans.length).toBe(before);
  });
});

describe('capture toolbar', () => {
  it('a click on 采集证据 reaches our handler, not the page’s', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const host = document.getElementById('host')!;
    const pageHandler = vi.fn();
    host.addEventListener('click', pageHandler);
    const clicked: string[] = [];
    host.append(createToolbar(document, 'taobao:1', (b) => clicked.push(b.getAttribute('data-rg-for')!)));
    host.append(createToolbar(document, 'taobao:2', (b) => clicked.push(b.getAttribute('data-rg-for')!)));
    for (const b of host.querySelectorAll<HTMLButtonElement>('[data-rg-action="capture"]')) b.click();
    expect(clicked).toEqual(['taobao:1', 'taobao:2']);
    expect(pageHandler).not.toHaveBeenCalled();
    expect(findToolbar(host)?.querySelector('[data-rg-action="capture"]')?.getAttribute('data-rg-for')).toBe('taobao:1');
  });
});

describe('the shared stylesheet of our in-page UI', () => {
  it('is put once into the document the toolbar lives in, back if the page removes it, and into a shadow root of its own', async () => {
    const { ensureUiStyles } = await import('../../lib/detection/captureToolbar');
    document.head.innerHTML = '';
    document.body.innerHTML = '<div id="a"></div><div id="b"></div><div id="host"></div>';
    ensureUiStyles(document.getElementById('a')!);
    ensureUiStyles(document.getElementById('b')!);
    const styles = () => document.querySelectorAll('style[data-rg-style]');
    expect(styles()).toHaveLength(1);
    expect(styles()[0]!.getAttribute('data-rg-ui')).toBe('style'); // ignored by the scanner and by captures
    expect(styles()[0]!.textContent).toContain('[data-rg-action="capture"]');
    styles()[0]!.remove();
    ensureUiStyles(document.getElementById('a')!);
    expect(styles()).toHaveLength(1);

    const shadow = document.getElementById('host')!.attachShadow({ mode: 'closed' });
    const inside = document.createElement('div');
    shadow.append(inside);
    ensureUiStyles(inside);
    expect(shadow.querySelectorAll('style[data-rg-style]')).toHaveLength(1);
    expect(styles()).toHaveLength(1);

    const detached = document.createElement('div');
    expect(() => ensureUiStyles(detached)).not.toThrow();
    expect(detached.querySelector('style')).toBeNull();
  });

  it('buttons carry their state as an attribute (no inline styles to copy per review)', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const bar = createToolbar(document, 'taobao:1', () => {});
    document.getElementById('host')!.append(bar);
    const button = bar.querySelector('button')!;
    expect(button.getAttribute('style')).toBeNull();
    expect(bar.getAttribute('style')).toBeNull();
    expect(button.getAttribute('data-rg-state')).toBe('idle');
  });
});

describe('matchesRule on simple attribute selectors (compiled, without the selector engine)', () => {
  it('agrees with element.matches for every form it compiles, and falls back for the rest', async () => {
    const { matchesRule } = await import('../../lib/platforms/selectors');
    document.body.innerHTML = `<table><tbody>
      <tr id="a" class="TB_bodyGroupHeader_5-188-0 x" data-testid="beast-core-table-group-header"><td>1</td></tr>
      <tr id="b" class="TB_tr_5-188-0"><td><svg data-testid="beast-core-icon-star_filled"></svg></td></tr>
      <tr id="c"><td class=""></td></tr></tbody></table>`;
    const selectors = [
      'tr[class*="TB_bodyGroupHeader_"]',
      'tr[data-testid="beast-core-table-group-header"]',
      '[class^="TB_tr"]',
      '[class$="5-188-0"]',
      'svg[data-testid^="beast-core-icon-star"]',
      'div[class*="TB_"]',
      '[class*="bodyGroupHeader"]:not(.x)',
      '.x',
    ];
    for (const el of document.querySelectorAll('*')) {
      for (const selector of selectors) {
        expect(matchesRule(el, { name: 't', candidates: [selector] }), `${selector} on ${el.outerHTML.slice(0, 40)}`).toBe(el.matches(selector));
      }
    }
  });
});
