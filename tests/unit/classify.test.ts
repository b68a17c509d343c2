import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyReview, classifyReviews } from '../../lib/classify';
import {
  APPEALABLE,
  CATEGORY_PRIORITY,
  Classification,
  type Category,
  type ClassifyInput,
} from '../../lib/schemas/classification';

const SIGNED = { status: 'signed' as const, signedAt: '2026-03-01T10:00:00+08:00' };
const LATER = '2026-03-05T10:00:00+08:00';

function review(text: string, rating: number | null = 1, extra: Partial<ClassifyInput> = {}): ClassifyInput {
  return { text, rating, platform: 'taobao', reviewedAt: LATER, order: SIGNED, chat: [], ...extra };
}

function category(input: ClassifyInput): Category {
  return classifyReview(input).category;
}

describe('classifyReview: categories', () => {
  it('harsh words about the product are subjective, not abusive', () => {
    for (const text of [
      '这锅质量垃圾，用了两次就糊底了',
      '这牛排狗都不吃，又老又柴',
      '头发剪得跟狗啃的一样，说了只修一点',
      '什么破玩意儿，垃圾中的战斗机，插上就松',
      '这个usb接口接触不良，三天就坏了',
    ]) {
      const out = classifyReview(review(text));
      expect(out.category, text).toBe('subjective');
      expect(out.also, text).not.toContain('abusive');
    }
  });

  it('insults aimed at the seller or staff are abusive, including disguised forms', () => {
    for (const text of [
      '卖家 s b，发错货还不认',
      '客服是个傻*逼',
      '老板ｎｍｓｌ',
      '店主草泥马🦙',
      '老板娘是🐷吧，尺码都标错',
      '客服脑子进水了吧',
      '前台那个瘸子态度真差',
    ]) {
      expect(category(review(text)), text).toBe('abusive');
    }
  });

  it('a buyer quoting an insult they received is not abusive', () => {
    expect(category(review('客服骂我是sb，什么态度'))).toBe('subjective');
  });

  it('defamation, threats and leaks of private details are abusive', () => {
    expect(category(review('这家老板吸毒被抓过，大家小心'))).toBe('abusive');
    expect(category(review('你们给我等着，明天就带人去店里'))).toBe('abusive');
    expect(category(review('老板私人手机13912345678，大家一起打电话问问他'))).toBe('abusive');
    expect(category(review('客服叫王芳，住在翠苑小区5栋，去找她'))).toBe('abusive');
  });

  it('an order signed before a "not received" review is not_received_or_unused', () => {
    const out = classifyReview(review('根本没收到货，显示签收了，谁签的？'));
    expect(out.category).toBe('not_received_or_unused');
    expect(out.reasons.join('\n')).toMatch(/已签收/);
  });

  it('"not received" while the order is really in transit is a true, subjective complaint', () => {
    const out = classifyReview(review('下单五天了还没收到，卖家也不催一下', 1, { order: { status: 'in_transit', signedAt: null } }));
    expect(out.category).toBe('subjective');
  });

  it('judging the goods before they arrive is not_received_or_unused', () => {
    const input = review('还没到，估计又是便宜没好货，先差评', 1, { order: { status: 'in_transit', signedAt: null } });
    expect(category(input)).toBe('not_received_or_unused');
  });

  it('not opened or not used yet is not_received_or_unused, unless a real problem was seen', () => {
    expect(category(review('还没拆封，等有空再试，先给一星'))).toBe('not_received_or_unused');
    expect(category(review('鞋子还没穿过，就是不想给好评'))).toBe('not_received_or_unused');
    expect(category(review('拆开一看颜色和图片差太多，还没穿就退了', 2))).toBe('subjective');
  });

  it('extortion found only in chat', () => {
    const input = review('一般吧', 3, {
      chat: [
        { from: 'buyer', text: '给我返30块，我就改成五星', at: null },
        { from: 'seller', text: '亲，平台不允许返现哦', at: null },
      ],
    });
    const out = classifyReview(input);
    expect(out.category).toBe('extortion');
    expect(out.reasons.some((r) => r.startsWith('聊天记录：买家称“给我返30块'))).toBe(true);
    // Phrase offsets only ever point into the review text.
    for (const p of out.phrases) expect(input.text.slice(p.start, p.end)).toBe(p.text);
  });

  it('a seller saying "no refund" in chat is not extortion by the buyer', () => {
    const input = review('质量一般', 2, { chat: [{ from: 'seller', text: '不退款的话就给差评吧，随便你', at: null }] });
    expect(category(input)).toBe('subjective');
  });

  it('a conditional demand in the review itself is extortion', () => {
    expect(category(review('店家赔我200，否则我每天来追评'))).toBe('extortion');
    expect(category(review('不给我仅退款就一直差评'))).toBe('extortion');
  });

  it('announcing a bad review or asking for a normal refund is subjective', () => {
    expect(category(review('质量太差，给个差评，希望卖家改进', 2))).toBe('subjective');
    expect(category(review('再不发货就给差评', 1, { order: { status: 'not_shipped' } }))).toBe('subjective');
    expect(category(review('申请了退货退款，实物和描述完全不符'))).toBe('subjective');
  });

  it('promoting another shop, a link or a "我们店" slip is competitor; a plain comparison is subjective', () => {
    expect(category(review('别买了，去搜「木木优选店」，同款便宜一半'))).toBe('competitor');
    expect(category(review('做工差，正品看这里 https://m.tb.cn/h.Ab12Cd'))).toBe('competitor');
    expect(category(review('我们店同款才29，这家卖59'))).toBe('competitor');
    expect(category(review('质量差！同款找我，加V：abc_shop88'))).toBe('competitor');
    expect(category(review('早知道买华为了，这个续航太差', 2))).toBe('subjective');
    expect(category(review('味道不如对面那家，分量也少', 2, { platform: 'dianping', order: { status: 'consumed' } }))).toBe(
      'subjective',
    );
  });

  it('the buyer revealing the same trade in chat is competitor', () => {
    const input = review('做工一般', 2, { chat: [{ from: 'buyer', text: '你们出厂价多少？我也是做这行的', at: null }] });
    expect(category(input)).toBe('competitor');
  });

  it('claiming weeks of use minutes after signing points to a competitor', () => {
    const input = review('用了一个月就不行了，大家别买', 1, {
      order: { status: 'signed', signedAt: '2026-03-05T09:40:00+08:00' },
      reviewedAt: '2026-03-05T10:00:00+08:00',
    });
    const out = classifyReview(input);
    expect(out.category).toBe('competitor');
    expect(out.reasons.join('\n')).toMatch(/签收后仅20分钟/);
    // The same words a month after delivery are an ordinary complaint.
    expect(category(review('用了一个月就不行了，大家别买'))).toBe('subjective');
  });

  it('courier-only complaints are irrelevant; damage from thin packaging is subjective', () => {
    expect(category(review('中通快递员从来不送上门，打电话也不接'))).toBe('irrelevant');
    expect(category(review('物流在转运中心卡了三天'))).toBe('irrelevant');
    expect(category(review('快递把箱子摔了，里面的杯子碎了两个，包装就一层纸'))).toBe('subjective');
    expect(category(review('快递很快，但衣服线头太多'))).toBe('subjective');
  });

  it('padding, gibberish, platform gripes and unrelated ads are irrelevant', () => {
    for (const text of [
      '凑字数凑字数凑字数凑字数',
      '哈哈哈哈哈哈哈哈哈哈',
      '。。。。。。',
      '拼多多天天弹窗让我砍一刀，烦死了',
      '招聘兼职打字员，日结，加vx：job_2026',
      '今天下暴雨，心情不好，随便打个分',
    ]) {
      expect(category(review(text)), text).toBe('irrelevant');
    }
  });

  it('enthusiastic profanity, literal 垃圾 and a misclicked 1★ are positive', () => {
    expect(category(review('卧槽太好吃了，绝绝子', 5))).toBe('positive');
    expect(category(review('垃圾袋很结实，装满也不漏', 5))).toBe('positive');
    expect(category(review('不小心点成一星了，东西很好用', 1))).toBe('positive');
    expect(category(review('总体不错，就是物流慢了一天', 4))).toBe('positive');
    expect(category(review('中规中矩，没什么毛病', 3))).toBe('positive');
  });

  it('a sarcastic 5★ complaint is subjective', () => {
    expect(category(review('好评！穿一次就开线，真是太“结实”了呢', 5))).toBe('subjective');
  });
});

describe('classifyReview: output', () => {
  it('offsets point into the original text even with full-width and spaced letters', () => {
    const text = '卖家Ｓ　Ｂ！客服s.b，全家傻 * 逼';
    const out = classifyReview(review(text));
    expect(out.category).toBe('abusive');
    const abusive = out.phrases.filter((p) => p.category === 'abusive');
    expect(abusive.map((p) => p.text)).toEqual(['Ｓ　Ｂ', 's.b', '傻 * 逼']);
    for (const p of out.phrases) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('offsets are UTF-16 indices, also after emoji', () => {
    const text = '😡😡😡店主就是个🤡';
    const out = classifyReview(review(text));
    const clown = out.phrases.find((p) => p.text === '🤡');
    expect(clown).toBeDefined();
    expect(clown?.start).toBe(text.indexOf('🤡'));
    expect(clown?.end).toBe(text.indexOf('🤡') + 2);
  });

  it('returns a valid Classification: priority order, no positive in also, sorted unique phrases, v1', () => {
    const out = classifyReview(review('卖家sb，质量太差了，还没拆就知道不行，我们店的才是正品'));
    expect(Classification.safeParse(out).success).toBe(true);
    expect(out.version).toBe('v1');
    expect(out.category).toBe('competitor');
    expect(out.also).not.toContain(out.category);
    expect(out.also).not.toContain('positive');
    const idx = out.also.map((c) => CATEGORY_PRIORITY.indexOf(c));
    expect(idx).toEqual([...idx].sort((a, b) => a - b));
    expect(idx.every((i) => i > CATEGORY_PRIORITY.indexOf(out.category))).toBe(true);
    expect(out.also).toContain('abusive');
    const keys = out.phrases.map((p) => `${p.start}:${p.end}:${p.category}`);
    expect(new Set(keys).size).toBe(keys.length);
    const starts = out.phrases.map((p) => p.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(out.reasons.length).toBeGreaterThan(0);
    for (const r of out.reasons) expect(r).toMatch(/[\u4e00-\u9fff]/u);
  });

  it('confidence is lower when the rating and order facts are missing', () => {
    const text = '质量太差了，用了两天就坏了';
    const full = classifyReview(review(text));
    const bare = classifyReview({ text });
    expect(bare.category).toBe('subjective');
    expect(bare.confidence).toBeLessThan(full.confidence);
    // "Not received" without any order status stays a (low-confidence) subjective complaint.
    const nr = classifyReview({ text: '没收到货' });
    expect(nr.category).toBe('subjective');
    expect(nr.confidence).toBeLessThan(0.5);
  });

  it('handles empty and placeholder texts', () => {
    expect(classifyReview({ text: '' }).category).toBe('positive');
    expect(classifyReview({ text: '此用户没有填写评价。', rating: 5 }).category).toBe('positive');
  });
});

describe('classifyReviews (batch)', () => {
  it('flags near-identical negative reviews posted minutes apart as coordinated', () => {
    const t = (m: number): string => `2026-04-01T21:${String(m).padStart(2, '0')}:00+08:00`;
    const inputs: ClassifyInput[] = [
      review('收到就漏液，客服也不理人，千万别买这家的！', 1, { reviewedAt: t(1) }),
      review('收到就漏液了，客服不理人，千万别买这家！！', 1, { reviewedAt: t(9) }),
      review('收到就漏液，客服也不理人，千万别买这家的！', 1, { reviewedAt: t(20) }),
      review('收到就漏液，客服也不理人，千万别买这家的！', 1, { reviewedAt: '2026-09-01T10:00:00+08:00' }),
      review('包装很好，味道也不错，下次还来', 5, { reviewedAt: t(5) }),
    ];
    const out = classifyReviews(inputs);
    expect(out.slice(0, 3).map((o) => o.category)).toEqual(['competitor', 'competitor', 'competitor']);
    expect(out[0]?.also).toContain('subjective');
    expect(out[3]?.category).toBe('subjective'); // same text, months later: not part of the burst
    expect(out[4]?.category).toBe('positive');
  });
});

// ───────────────────────────── dev corpus ─────────────────────────────

interface CorpusCase extends ClassifyInput {
  id: string;
  label: Category;
  also: Category[];
}

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/reviews-dev.jsonl');
const haveCorpus = existsSync(CORPUS);
if (!haveCorpus) console.warn(`[classify.test] dev corpus not found at ${CORPUS}: skipping the corpus metrics test`);

function metrics(cases: readonly CorpusCase[], predicted: readonly Category[]) {
  const perCategory = {} as Record<Category, { precision: number; recall: number; f1: number }>;
  let macro = 0;
  for (const c of CATEGORY_PRIORITY) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    cases.forEach((k, i) => {
      const p = predicted[i];
      if (p === c && k.label === c) tp++;
      else if (p === c) fp++;
      else if (k.label === c) fn++;
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perCategory[c] = { precision, recall, f1 };
    macro += f1 / CATEGORY_PRIORITY.length;
  }
  return { perCategory, macro };
}

describe.skipIf(!haveCorpus)('dev corpus (shared/corpus/reviews-dev.jsonl)', () => {
  const cases: CorpusCase[] = haveCorpus
    ? readFileSync(CORPUS, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as CorpusCase)
    : [];

  it('reaches the macro-F1 floor review by review and never calls >5% of genuine complaints malicious', () => {
    const results = cases.map((k) => classifyReview(k));
    const { perCategory, macro } = metrics(
      cases,
      results.map((r) => r.category),
    );
    console.info(
      `[classify v1] dev macro-F1 ${macro.toFixed(3)}\n` +
        CATEGORY_PRIORITY.map(
          (c) =>
            `  ${c.padEnd(24)} P ${perCategory[c].precision.toFixed(2)}  R ${perCategory[c].recall.toFixed(2)}  F1 ${perCategory[c].f1.toFixed(3)}`,
        ).join('\n'),
    );
    // Measured 0.983 (v1): the only misses are 6 of the 16 coordinated-group members, which need the batch.
    expect(macro).toBeGreaterThanOrEqual(0.97);

    const subjective = cases.map((k, i) => [k, results[i]] as const).filter(([k]) => k.label === 'subjective');
    const malicious = subjective.filter(([, r]) => r !== undefined && APPEALABLE.has(r.category));
    // Measured 0 of 50.
    expect(malicious.length / subjective.length).toBeLessThanOrEqual(0.05);
  });

  it('with the batch signal, coordinated groups are found as well', () => {
    const results = classifyReviews(cases);
    const { macro } = metrics(
      cases,
      results.map((r) => r.category),
    );
    // Measured 1.000 (v1).
    expect(macro).toBeGreaterThanOrEqual(0.99);
  });

  it('every phrase is an exact slice of the original text, across the whole corpus', () => {
    let phrases = 0;
    for (const k of cases) {
      const out = classifyReview(k);
      expect(Classification.safeParse(out).success).toBe(true);
      for (const p of out.phrases) {
        phrases++;
        expect(k.text.slice(p.start, p.end), k.id).toBe(p.text);
        expect(p.end).toBeGreaterThan(p.start);
      }
      expect(out.also).not.toContain('positive');
      expect(out.also).not.toContain(out.category);
    }
    expect(phrases).toBeGreaterThan(cases.length);
  });
});
