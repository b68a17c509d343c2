/**
 * "The page's own JSON for that item when it was observed": the bounded cache of observed list items, matching by
 * the review's ids, the capture record that hashes it, and report.html that says whether it was recorded.
 */
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordReviewCapture } from '../../lib/cases/recordCapture';
import { ReviewGuardDatabase } from '../../lib/db/database';
import { idsOfItem, ObservedItemCache, pageJsonIdLabel, readObservedItems, reviewIds } from '../../lib/detection/observedItems';
import { sha256Hex } from '../../lib/evidence/bytes';
import { buildEvidencePackage } from '../../lib/export/buildPackage';
import { MAX_PAGE_JSON_BYTES, MessageSchemas, ObservedPageJson, type MessageRequest } from '../../lib/schemas';
import { captureContext, reviewRequest } from './captureRequests';

const PDD_LIST = 'https://mms.pinduoduo.com/saturn/reviews/list?pageNo=1';

const pddReviews = JSON.parse(readFileSync('tests/fixtures/pinduoduo/reviews.json', 'utf8')) as Record<string, unknown>[];
const apiItem = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('_')));
const pddResponse = (items: readonly Record<string, unknown>[]) => ({ success: true, errorCode: 1000000, result: { totalRows: items.length, data: items.map(apiItem) } });

const snapshotFor = (orderSn: string) => ({ key: `pinduoduo:${orderSn}`, platform: 'pinduoduo' as const, orderSn });

describe('observed list items', () => {
  it('reads every item of a known endpoint with its ids, and nothing from unknown endpoints', () => {
    const items = readObservedItems(PDD_LIST, 'xhr', pddResponse(pddReviews.slice(0, 3)), 1000);
    expect(items).toHaveLength(3);
    expect(items[0]!.ids).toEqual([
      { field: 'reviewId', value: '5348710594747202596' },
      { field: 'orderSn', value: '261114-856625958168149' },
    ]);
    expect(items[0]!.endpoint).toBe('https://mms.pinduoduo.com/saturn/reviews/list');
    expect(JSON.parse(items[0]!.json!)).toEqual(apiItem(pddReviews[0]!));
    expect(readObservedItems('https://mms.pinduoduo.com/other/list', 'xhr', pddResponse(pddReviews), 1000)).toEqual([]);
    expect(readObservedItems(PDD_LIST, 'xhr', { result: 'not a list' }, 1000)).toEqual([]);
  });

  it('finds nested ids (Taobao keeps them under rateContent.mainRate and orderInfo), never objects or long values as ids', () => {
    const taobao = { rateContent: { mainRate: { feedId: '1290001100000000001', content: 'x' } }, orderInfo: { mainOrderId: '4502224694062011129' } };
    expect(idsOfItem(taobao, { idKeys: ['feedId'] })).toEqual([
      { field: 'feedId', value: '1290001100000000001' },
      { field: 'mainOrderId', value: '4502224694062011129' },
    ]);
    expect(idsOfItem({ orderSn: { toString: 'x' }, orderId: 'a'.repeat(200), reviewId: '<img src=x>' }, { idKeys: ['reviewId'] })).toEqual([]);
  });

  it('the review ids come from the adapter: the key own id first, then the order number', () => {
    expect(reviewIds(snapshotFor('261114-856625958168149'))).toEqual(['261114-856625958168149']);
    expect(reviewIds({ key: 'taobao:1290001100000000001', platform: 'taobao', orderSn: '4502224694062011129' })).toEqual([
      '1290001100000000001',
      '4502224694062011129',
    ]);
    expect(reviewIds({ key: 'jd:order:298765432101', platform: 'jd', orderSn: null })).toEqual(['298765432101']);
  });

  it('names the matching id as a seller would: 订单号 for any order field, else the review or message number', () => {
    for (const field of ['orderSn', 'order_sn', 'bizOrderId']) expect(pageJsonIdLabel(field, 'review')).toBe('订单号');
    expect(pageJsonIdLabel('orderId', 'negotiation')).toBe('订单号');
    expect(pageJsonIdLabel('feedId', 'review')).toBe('评价编号');
    expect(pageJsonIdLabel('commentId', 'review')).toBe('评价编号');
    expect(pageJsonIdLabel('msg_id', 'negotiation')).toBe('消息编号');
  });
});

describe('the observed-item cache', () => {
  it('gives the matching item with where it came from, and null with a reason for a review it never saw', () => {
    const cache = new ObservedItemCache();
    cache.addResponse(readObservedItems(PDD_LIST, 'xhr', pddResponse(pddReviews.slice(0, 5)), 1_795_000_000_000));
    const found = cache.forReview(snapshotFor('261113-689445794547909'));
    expect(found.pageJsonNote).toBeNull();
    expect(found.pageJson).toMatchObject({
      endpoint: 'https://mms.pinduoduo.com/saturn/reviews/list',
      transport: 'xhr',
      observedAtMs: 1_795_000_000_000,
      matchedBy: { field: 'orderSn', value: '261113-689445794547909' },
    });
    expect((found.pageJson!.item as { orderSn: string; comment: string }).orderSn).toBe('261113-689445794547909');
    // The XSS probe stays data: a string inside the item, never markup.
    expect((found.pageJson!.item as { comment: string }).comment).toContain('<img src=x onerror=');
    expect(ObservedPageJson.safeParse(found.pageJson).success).toBe(true);

    const missing = cache.forReview(snapshotFor('260901-883669872743698'));
    expect(missing.pageJson).toBeNull();
    expect(missing.pageJsonNote).toContain('没有观察到');
    // Same id on another platform is not this review.
    expect(cache.lookup('taobao', 'review', ['261113-689445794547909']).status).toBe('not-observed');
  });

  it('a later response replaces an earlier one for the same item (刷新 after a reply)', () => {
    const cache = new ObservedItemCache();
    const first = apiItem(pddReviews[0]!);
    cache.addResponse(readObservedItems(PDD_LIST, 'xhr', pddResponse([first]), 1));
    cache.addResponse(readObservedItems(PDD_LIST, 'fetch', pddResponse([{ ...first, reply: '已回复' }]), 2));
    const found = cache.forReview(snapshotFor(String(first['orderSn'])));
    expect((found.pageJson!.item as { reply: string }).reply).toBe('已回复');
    expect(found.pageJson!.transport).toBe('fetch');
  });

  it('two different items with the same id in one response are not guessed between', () => {
    const cache = new ObservedItemCache();
    const a = apiItem(pddReviews[0]!);
    cache.addResponse(readObservedItems(PDD_LIST, 'xhr', pddResponse([a, { ...a, reviewId: '1', comment: '另一条' }]), 1));
    const result = cache.forReview(snapshotFor(String(a['orderSn'])));
    expect(result.pageJson).toBeNull();
    expect(result.pageJsonNote).toContain('2 条不同记录');
  });

  it('an item over the size cap is not kept, and the capture says how large it was', () => {
    const cache = new ObservedItemCache();
    const huge: Record<string, unknown> = { ...apiItem(pddReviews[0]!), comment: '长'.repeat(30_000) }; // 90 KB in UTF-8
    cache.addResponse(readObservedItems(PDD_LIST, 'xhr', pddResponse([huge]), 1));
    expect(cache.bytes).toBe(0);
    const result = cache.forReview(snapshotFor(String(huge['orderSn'])));
    expect(result.pageJson).toBeNull();
    expect(result.pageJsonNote).toMatch(/\d+ KB，超过 64 KB 上限/);
  });

  it('is bounded by item count and total bytes, dropping the oldest first', () => {
    const cache = new ObservedItemCache(10, 1_000_000);
    const many = Array.from({ length: 25 }, (_, i) => ({ orderSn: `261101-${String(i).padStart(15, '0')}`, comment: `第${i}条` }));
    cache.addResponse(readObservedItems(PDD_LIST, 'xhr', pddResponse(many), 1));
    expect(cache.size).toBe(10);
    expect(cache.forReview(snapshotFor(many[0]!.orderSn)).pageJson).toBeNull();
    expect(cache.forReview(snapshotFor(many[24]!.orderSn)).pageJson).not.toBeNull();

    // A page posting many responses of duplicated ids cannot grow the index without bound either.
    const spam = new ObservedItemCache(10, 1_000_000);
    for (let r = 0; r < 50; r++) {
      const dup = Array.from({ length: 20 }, (_, i) => ({ orderSn: `r${r}-${i}`, comment: 'a' }));
      spam.addResponse(readObservedItems(PDD_LIST, 'xhr', pddResponse([...dup, ...dup.map((d) => ({ ...d, comment: 'b' }))]), 1));
    }
    expect(spam.size).toBe(10);
    expect(spam.indexSize).toBeLessThanOrEqual(10 * 8 + 40);

    const small = new ObservedItemCache(1000, 200);
    small.addResponse(readObservedItems(PDD_LIST, 'xhr', pddResponse(many), 1));
    expect(small.bytes).toBeLessThanOrEqual(200);
    expect(small.size).toBeGreaterThan(0);
    expect(small.forReview(snapshotFor(many[24]!.orderSn)).pageJson).not.toBeNull();
  });
});

describe('page JSON in the capture record', () => {
  let db: ReviewGuardDatabase;
  beforeEach(() => {
    db = new ReviewGuardDatabase(`test-${Math.random()}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  function request(pageJson: ObservedPageJson | null, pageJsonNote: string | null): MessageRequest<'capture-review'> {
    const r = pddReviews[0]!;
    return {
      ...reviewRequest({ text: String(r['comment']), reviewedAt: null, orderSn: String(r['orderSn']), buyerNick: '木***', goodsName: null }),
      context: captureContext({ extensionVersion: '0.1.0', pageJson, pageJsonNote }),
    };
  }

  it('is hashed into the capture manifest, and report.html says it was recorded', async () => {
    const cache = new ObservedItemCache();
    cache.addResponse(readObservedItems(PDD_LIST, 'xhr', pddResponse(pddReviews.slice(0, 2)), Date.parse('2026-11-20T10:00:00+08:00')));
    const { pageJson } = cache.forReview(snapshotFor(String(pddReviews[0]!['orderSn'])));
    // The message schema accepts it (content script → worker).
    const req = MessageSchemas['capture-review'].request.parse(request(pageJson, null));
    const clock = { nowMs: () => Date.parse('2026-11-20T10:01:00+08:00'), newId: () => 'ev-1' };
    await recordReviewCapture(db, req, clock);
    const [stored] = await db.evidence.toArray();
    const expectedSha = await sha256Hex(strToU8(JSON.stringify(apiItem(pddReviews[0]!))));
    expect(stored!.context!.pageJson!.sha256).toBe(expectedSha);
    const manifest = JSON.parse(stored!.captureManifest!);
    expect(manifest.pageJson.item.orderSn).toBe('261114-856625958168149');
    expect(manifest.pageJson.sha256).toBe(expectedSha);
    expect(manifest.pageJsonNote).toBeNull();
    expect(stored!.captureManifestSha256).toBe(await sha256Hex(strToU8(stored!.captureManifest!)));

    const built = await buildEvidencePackage({
      cases: await db.cases.toArray(),
      evidence: await db.evidence.toArray(),
      audit: [],
      nowMs: clock.nowMs(),
      generator: 'test',
      privacyMasking: false,
    });
    const report = new TextDecoder().decode(unzipSync(built.zip)['report.html']);
    expect(report).toContain('页面自身数据：已记录');
    expect(report).toContain('https://mms.pinduoduo.com/saturn/reviews/list');
    expect(report).toContain(`SHA-256 ${expectedSha}`);
    expect(report).toContain('按订单号 261114-856625958168149 对应，页面数据字段 orderSn，');
  });

  it('a capture without it keeps null and the reason, and the report says it was not recorded', async () => {
    await recordReviewCapture(db, request(null, '本页打开后没有观察到包含这条评价的接口数据'), { nowMs: () => 1_795_000_000_000, newId: () => 'ev-2' });
    const [stored] = await db.evidence.toArray();
    expect(stored!.context!.pageJson).toBeNull();
    expect(JSON.parse(stored!.captureManifest!).pageJsonNote).toContain('没有观察到');
    const built = await buildEvidencePackage({ cases: await db.cases.toArray(), evidence: [stored!], audit: [], nowMs: 1_795_000_000_000, generator: 'test', privacyMasking: true });
    const report = new TextDecoder().decode(unzipSync(built.zip)['report.html']);
    expect(report).toContain('页面自身数据：未记录。本页打开后没有观察到');
  });

  it('the message schema refuses page JSON over the size cap', () => {
    const big: ObservedPageJson = {
      endpoint: 'https://mms.pinduoduo.com/saturn/reviews/list',
      transport: 'xhr',
      observedAtMs: 1,
      matchedBy: { field: 'orderSn', value: '1' },
      bytes: 10,
      item: { comment: 'x'.repeat(MAX_PAGE_JSON_BYTES) },
    };
    expect(MessageSchemas['capture-review'].request.safeParse(request(big, null)).success).toBe(false);
  });
});
