/**
 * One test per signal of the classifier (v1): what each signal promises, and the cases it must leave alone.
 * The reviews here are written for these tests; none is copied from the real-text samples.
 */
import { describe, expect, it } from 'vitest';
import { classifyReview, classifyReviews, normalize } from '../../lib/classify';
import { Classification, type Category, type ClassifyInput } from '../../lib/schemas/classification';

const SIGNED = { status: 'signed' as const, signedAt: '2026-03-01T10:00:00+08:00' };
const LATER = '2026-03-05T10:00:00+08:00';

function review(text: string, rating: number | null = 1, extra: Partial<ClassifyInput> = {}): ClassifyInput {
  return { text, rating, platform: 'taobao', reviewedAt: LATER, order: SIGNED, chat: [], ...extra };
}

const cat = (input: ClassifyInput): Category => classifyReview(input).category;
const buyer = (text: string) => ({ from: 'buyer' as const, text, at: null });
const seller = (text: string) => ({ from: 'seller' as const, text, at: null });

describe('normalisation', () => {
  it('folds full-width letters and case, and keeps one UTF-16 unit per unit in `lite`', () => {
    const n = normalize('ＳＢ卖家Ａｂｃ');
    expect(n.lite).toBe('sb卖家abc');
    expect(n.lite.length).toBe('ＳＢ卖家Ａｂｃ'.length);
  });

  it('turns traditional characters into simplified ones without moving offsets', () => {
    const text = '賣家是個傻逼，質量太差';
    const n = normalize(text);
    expect(n.lite).toBe('卖家是个傻逼,质量太差'); // full-width punctuation folds too
    const out = classifyReview(review(text));
    expect(out.category).toBe('abusive');
    for (const p of out.phrases) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('drops separators, zero-width characters and emoji variation selectors between letters', () => {
    expect(normalize('傻 * 逼').compact).toBe('傻逼');
    expect(normalize('s\u200bb').compact).toBe('sb');
    expect(normalize('c-n-m').compact).toBe('cnm');
    expect(normalize('👍\ufe0f好').compact).toBe('👍好');
  });

  it('keeps clause punctuation, so separate clauses do not merge into a word', () => {
    expect(normalize('还行，sb').compact).toBe('还行,sb');
  });
});

describe('abusive: insults aimed at people, in any disguise', () => {
  it('flags homophones, pinyin, initials, spacing, full-width and traditional forms', () => {
    for (const text of ['卖家煞笔', '客服 s b', '老板ｎｍｓｌ', '店家草泥马', '卖家shabi', '客服 c n m', '老闆是白癡', '什么勾八店主']) {
      expect(cat(review(text)), text).toBe('abusive');
    }
  });

  it('flags an insulting emoji only when it points at a person', () => {
    expect(cat(review('老板就是个🐷'))).toBe('abusive');
    expect(cat(review('猪肉脯不新鲜🐷', 2))).toBe('subjective');
  });

  it('reads 辣鸡 / laji as 垃圾, and a dish called 辣鸡翅 as food', () => {
    expect(cat(review('辣鸡，穿一次就破'))).toBe('subjective');
    expect(classifyReview(review('辣鸡，穿一次就破')).phrases.some((p) => p.text === '辣鸡')).toBe(true);
    expect(cat(review('辣鸡客服，sb一个'))).toBe('abusive');
    expect(cat(review('辣鸡翅很好吃', 5))).toBe('positive');
  });

  it('leaves harsh words about the product to subjective', () => {
    for (const text of ['垃圾质量，穿一次就破', '这设计脑残，按钮在背面', '什么破玩意，狗都不用', '垃圾商家，发的货是坏的']) {
      expect(cat(review(text)), text).toBe('subjective');
    }
  });

  it('treats profanity as an insult only when it is aimed at someone', () => {
    expect(cat(review('这饭尼玛是隔夜的吧，硬得咬不动'))).toBe('subjective');
    expect(cat(review('客服tmd就知道让我等'))).toBe('abusive');
    const out = classifyReview(review('这饭尼玛是隔夜的吧，硬得咬不动'));
    expect(out.reasons.join('\n')).toMatch(/粗口但未针对具体人员/);
  });

  it('does not call self-mockery, "whoever buys it" or quoted insults abuse', () => {
    expect(cat(review('我真是个傻逼才买这个'))).toBe('subjective');
    expect(cat(review('谁买谁傻逼，质量太差'))).toBe('subjective');
    expect(cat(review('客服骂我是sb，态度太差'))).toBe('subjective');
  });

  it('flags a review that is nothing but an insult word', () => {
    expect(cat(review('脑残'))).toBe('abusive');
    expect(cat(review('滚'))).toBe('abusive');
  });

  it('flags threats and curses, not everyday "搞死了" or "出门被堵"', () => {
    expect(cat(review('你们等着，我知道你家住哪'))).toBe('abusive');
    expect(cat(review('祝你们早日倒闭'))).toBe('abusive');
    expect(cat(review('装系统装了一晚上，搞死了，还是不行'))).toBe('subjective');
    expect(cat(review('出门被堵着要求再付一次钱，服务太差'))).toBe('subjective');
  });

  it('flags defamation about the seller, not crime words in general talk', () => {
    expect(cat(review('这家老板以前坐过牢，大家小心'))).toBe('abusive');
    expect(cat(review('包装上印着“远离毒品”，质量一般', 2))).toBe('subjective');
  });
});

describe('abusive: private information', () => {
  it('flags a private phone number, an ID number and a home address', () => {
    expect(cat(review('店主私人手机13912345678，天天打给他'))).toBe('abusive');
    expect(cat(review('卖家身份证号330106199001011234'))).toBe('abusive');
    expect(cat(review('老板娘住在翠湖花园3栋，去找她'))).toBe('abusive');
  });

  it('does not treat a shop hotline as private, and reads an ad number as an ad', () => {
    expect(cat(review('客服电话13800138000打了没人接，差评'))).toBe('subjective');
    expect(cat(review('招兼职，在家就能做，日结，电话13800138000'))).toBe('irrelevant');
  });
});

describe('competitor', () => {
  it('flags links, "我们店" slips, named rival shops and contact details for leads', () => {
    expect(cat(review('差，买正品去 https://item.example.com/123'))).toBe('competitor');
    expect(cat(review('我们店同款才49，这家卖89'))).toBe('competitor');
    expect(cat(review('别买了，去「阿花家居旗舰店」看看，便宜一半'))).toBe('competitor');
    expect(cat(review('质量差，同款找我，加V：abc_shop01'))).toBe('competitor');
  });

  it('does not take a quoted sentence, a book title or a plain comparison for a rival', () => {
    expect(cat(review('服务员说“你们自己去拿吧”，态度太差'))).toBe('subjective');
    expect(cat(review('《活着》印刷太差，字都糊了'))).toBe('subjective');
    expect(cat(review('不如我之前买的那个牌子，噪音大'))).toBe('subjective');
  });

  it('does not read a buyer saying 本店 (this shop) as a rival', () => {
    expect(cat(review('本店的售后太慢了，等了一周'))).toBe('subjective');
  });

  it('flags a buyer who reveals the same trade in chat, and only suspects one who merely asks the cost', () => {
    expect(cat(review('一般', 2, { chat: [buyer('我也开店卖这个，你们从哪进的货？')] }))).toBe('competitor');
    const probe = classifyReview(review('一般', 2, { chat: [buyer('你们出厂价多少？')] }));
    expect(probe.category).toBe('subjective');
    expect(probe.reasons.join('\n')).toMatch(/同行恶意的迹象但证据不足/);
  });

  it('flags claims of long use made minutes after signing, and states the gap', () => {
    const out = classifyReview(
      review('穿了半个月就起球', 1, { order: { status: 'signed', signedAt: '2026-03-05T09:30:00+08:00' }, reviewedAt: '2026-03-05T10:00:00+08:00' }),
    );
    expect(out.category).toBe('competitor');
    expect(out.also).toContain('not_received_or_unused');
    expect(out.evidence?.facts.some((f) => f.fact === 'order.timing' && f.effect === 'supports' && /30分钟/.test(f.finding))).toBe(true);
  });

  it('reads a link in a review that is not negative as nothing to act on', () => {
    expect(cat({ text: '很好用，安装教程参考 https://blog.example.com/a 很方便', rating: 5 })).toBe('positive');
  });
});

describe('extortion: the conditional-threat structure', () => {
  it('finds a demand and a review lever in one chat line while the review itself is mild', () => {
    const input = review('一般', 3, { chat: [buyer('返我20块我就改成五星'), seller('平台不允许返现')] });
    const out = classifyReview(input);
    expect(out.category).toBe('extortion');
    expect(out.evidence?.chat).toEqual([expect.objectContaining({ index: 0, from: 'buyer', category: 'extortion' })]);
  });

  it('joins a demand and a threat sent as separate messages', () => {
    const input = review('不好', 1, {
      chat: [buyer('赔我200元精神损失费'), seller('亲，这个不行'), buyer('不给是吧，那等着吃差评吧')],
    });
    const out = classifyReview(input);
    expect(out.category).toBe('extortion');
    expect(out.evidence?.chat.map((c) => c.index)).toEqual([0, 2]);
  });

  it('recognises "pay to make it go away", bare sums with 删, and refunds without returning the goods', () => {
    expect(cat(review('一般', 2, { chat: [buyer('要么花钱消灾，要么等着更多差评')] }))).toBe('extortion');
    expect(cat(review('一般', 2, { chat: [buyer('800全删')] }))).toBe('extortion');
    expect(cat(review('差', 1, { chat: [buyer('我不退货，你直接退款给我，不然差评')] }))).toBe('extortion');
  });

  it('ignores the seller’s words and a normal return request with an announced review', () => {
    expect(cat(review('一般', 2, { chat: [seller('不退款的话你就给差评吧')] }))).toBe('subjective');
    expect(cat(review('坏了', 1, { chat: [buyer('东西坏了能退吗？不行我就给差评')] }))).toBe('subjective');
  });

  it('treats chasing a cashback the seller promised as weak, not as extortion', () => {
    const out = classifyReview(review('说好的好评返现一直不给，那我就给差评', 1));
    expect(out.category).toBe('subjective');
  });

  it('finds extortion written in the review itself', () => {
    expect(cat(review('卖家给我返现五十元，我就把这条差评删掉'))).toBe('extortion');
  });
});

describe('not received / not used: order facts decide', () => {
  it('flags "not received" when the order was signed, and records the contradiction as a fact', () => {
    const out = classifyReview(review('压根没收到货'));
    expect(out.category).toBe('not_received_or_unused');
    expect(out.evidence?.facts.some((f) => f.effect === 'supports' && /已签收/.test(f.finding))).toBe(true);
  });

  it('keeps a true "not received" (still in transit) subjective', () => {
    expect(cat(review('一周了还没收到，客服也不回', 1, { order: { status: 'in_transit', signedAt: null } }))).toBe('subjective');
  });

  it('flags judging the goods while the order is still in transit or not shipped', () => {
    expect(cat(review('质量太差，做工粗糙', 1, { order: { status: 'in_transit', signedAt: null } }))).toBe('not_received_or_unused');
    expect(cat(review('发货太慢了，催了三次', 1, { order: { status: 'not_shipped', signedAt: null } }))).toBe('subjective');
  });

  it('flags a review posted before the signing time that judges the goods', () => {
    const input = review('质量太差，线头多', 1, { order: { status: 'signed', signedAt: '2026-03-06T10:00:00+08:00' } });
    expect(cat(input)).toBe('not_received_or_unused');
  });

  it('flags "not used yet" in a bad review, unless something real was seen or the review is not bad', () => {
    expect(cat(review('还没拆，先给个一星'))).toBe('not_received_or_unused');
    expect(cat(review('还没用，但是盖子是坏的', 2))).toBe('subjective');
    expect(cat({ text: '刚收到，还没安装' })).toBe('positive');
  });

  it('without an order status, never decides "not received" and says the status is missing', () => {
    const out = classifyReview({ text: '没收到货', rating: 1 });
    expect(out.category).toBe('subjective');
    expect(out.evidence?.missing).toContain('order');
    expect(out.evidence?.facts.some((f) => f.fact === 'order.status' && f.effect === 'missing')).toBe(true);
  });

  it('flags a Dianping review with no consumption record that describes a meal', () => {
    expect(cat(review('菜太咸，服务差', 1, { platform: 'dianping', order: { status: 'none', signedAt: null } }))).toBe('not_received_or_unused');
  });
});

describe('irrelevant', () => {
  it('flags complaints only about the courier, platform, weather or private life', () => {
    for (const text of ['快递员把东西扔门口就走了', '拼多多天天弹窗，烦死了', '今天下大雪路上堵死了', '刚失恋，心情不好，一星']) {
      expect(cat(review(text)), text).toBe('irrelevant');
    }
  });

  it('keeps the review subjective when any clause is about the goods or the shop', () => {
    expect(cat(review('快递很慢，衣服还有一股怪味'))).toBe('subjective');
    expect(cat(review('垃圾，配送员更垃圾'))).toBe('subjective');
    expect(cat(review('快递员态度差，收货后发现屏幕不灵敏'))).toBe('subjective');
  });

  it('flags padding, meaningless characters, keyboard mashing and repeated filler', () => {
    for (const text of ['凑够字数拿积分', '🙂🙂🙂🙂', '1234567890', 'asdfgh jkl', '嗯嗯嗯嗯嗯嗯嗯嗯']) {
      expect(cat(review(text)), text).toBe('irrelevant');
    }
  });

  it('needs a way to answer before calling money-making words an ad', () => {
    expect(cat(review('招聘兼职打字员，日结，加微信 job_1234'))).toBe('irrelevant');
    expect(cat(review('这店就靠刷单刷的好评，东西很差'))).toBe('subjective');
  });

  it('flags requests to other users, not a reviewer giving a thumbs-up', () => {
    expect(cat(review('求好心人帮我点个赞'))).toBe('irrelevant');
    expect(cat(review('给客服点个赞，态度很好', 5))).toBe('positive');
  });
});

describe('rating and text', () => {
  it('calls a 1★ review with praise and a misclick note positive, and routes it to a reply', () => {
    const out = classifyReview(review('手滑点成一星了，东西很好用'));
    expect(out.category).toBe('positive');
    expect(out.route?.action).toBe('reply');
    expect(out.evidence?.facts.some((f) => f.fact === 'rating' && /星级与内容矛盾/.test(f.finding))).toBe(true);
  });

  it('notes a 5★ review with an insult as a rating/content contradiction', () => {
    const out = classifyReview(review('卖家傻逼', 5));
    expect(out.category).toBe('abusive');
    expect(out.evidence?.facts.some((f) => f.fact === 'rating' && f.effect === 'supports')).toBe(true);
  });

  it('reads a 5★ review that only complains as a genuine complaint', () => {
    expect(cat(review('穿一次就开线，真是太“结实”了呢', 5))).toBe('subjective');
  });
});

describe('batch: coordinated reviews', () => {
  const at = (m: number) => `2026-04-01T20:${String(m).padStart(2, '0')}:00+08:00`;

  it('groups identical and near-identical negative texts posted within a day, and lists the peers', () => {
    const inputs = [
      review('收到就漏液，客服也不理人，千万别买这家的！', 1, { reviewedAt: at(1) }),
      review('收到就漏液了，客服不理人，千万别买这家！！', 1, { reviewedAt: at(7) }),
      review('收到就漏液，客服也不理人，千万别买这家的！', 1, { reviewedAt: at(15) }),
      review('收到就漏液，客服也不理人，千万别买这家的！', 1, { reviewedAt: '2026-09-01T10:00:00+08:00' }),
      review('收到就漏液，客服也不理人，千万别买这家的！', 1, { reviewedAt: at(20), platform: 'jd' }),
    ];
    const out = classifyReviews(inputs);
    expect(out.slice(0, 3).map((o) => o.category)).toEqual(['competitor', 'competitor', 'competitor']);
    expect(out[0]?.evidence?.peers).toEqual([1, 2]);
    expect(out[0]?.evidence?.facts[0]).toMatchObject({ fact: 'batch', effect: 'supports', category: 'competitor' });
    expect(out[3]?.category).toBe('subjective'); // months later
    expect(out[4]?.category).toBe('subjective'); // another platform
  });

  it('groups untimed reviews only when they are identical and long', () => {
    const long = '做工粗糙，线头很多，洗一次就变形，大家千万不要买';
    const out = classifyReviews([{ text: long, rating: 1 }, { text: long, rating: 1 }, { text: '质量差', rating: 1 }, { text: '质量差', rating: 1 }]);
    expect(out.map((o) => o.category)).toEqual(['competitor', 'competitor', 'subjective', 'subjective']);
  });

  it('classifies 10,000 reviews in one batch in well under two CPU seconds', () => {
    const texts = ['质量太差了，穿一次就开线', '很好，下次还来', '快递太慢', '卖家sb', '还没拆，先一星'];
    const inputs = Array.from({ length: 10_000 }, (_, k) => ({
      text: `${texts[k % texts.length]}${k}`,
      rating: (k % 5) + 1,
      reviewedAt: `2026-04-${String((k % 28) + 1).padStart(2, '0')}T10:00:00+08:00`,
      platform: 'taobao',
    }));
    // CPU time, not wall time: other processes on a shared machine must not fail this test.
    const t0 = process.cpuUsage();
    const out = classifyReviews(inputs);
    expect(out).toHaveLength(10_000);
    const used = process.cpuUsage(t0);
    expect((used.user + used.system) / 1000).toBeLessThan(2000);
  });
});

describe('output: evidence and route', () => {
  it('routes Pinduoduo extortion to its registered reason with the evidence it needs', () => {
    const out = classifyReview(review('一般', 3, { platform: 'pinduoduo', chat: [buyer('给我返30我就改五星')] }));
    expect(out.route).toMatchObject({ action: 'appeal', platform: 'pinduoduo', reason: { code: '7', label: '利用评价要挟' }, pickOnForm: false });
    expect(out.route?.checklist.join('\n')).toMatch(/聊天记录截图/);
    expect(out.route?.summary).toMatch(/利用评价要挟/);
  });

  it('routes Pinduoduo "not received" to a reply, since it has no report reason for it', () => {
    const out = classifyReview(review('没收到货', 1, { platform: 'pinduoduo' }));
    expect(out.category).toBe('not_received_or_unused');
    expect(out.route?.action).toBe('reply');
    expect(out.route?.checklist.join('\n')).toMatch(/签收/);
  });

  it('marks evidence Pinduoduo does not take as images as "keep for your records"', () => {
    const out = classifyReview(review('卖家傻逼', 1, { platform: 'pinduoduo' }));
    expect(out.route?.reason?.label).toBe('辱骂');
    expect(out.route?.checklist.some((c) => c.includes('留存备查'))).toBe(true);
  });

  it('uses the platform profile where one is registered (Taobao: the complaint type by its label, unverified)', () => {
    const tb = classifyReview(review('老板私人电话13912345678，大家去骂他', 1, { platform: 'taobao' }));
    expect(tb.route).toMatchObject({ action: 'appeal', reason: { code: null, label: '辱骂侮辱的评论' }, verified: false });
    expect(tb.route?.checklist.join('')).toContain('评论泄露隐私');
  });

  it('tells the seller to pick the reason on the live form where no profile is registered', () => {
    const other = classifyReview(review('卖家傻逼', 1, { platform: 'kuaishou' }));
    expect(other.route).toMatchObject({ action: 'appeal', reason: null, pickOnForm: true, suggestedLabels: [] });
    expect(other.route?.summary).toMatch(/表单上选择/);
  });

  it('says "reply, don\'t appeal" for genuine complaints and nothing to do for praise', () => {
    expect(classifyReview(review('质量太差了')).route).toMatchObject({ action: 'reply', reason: null, summary: '真实的不满：回复，不申诉' });
    expect(classifyReview(review('很好用', 5)).route?.action).toBe('none');
  });

  it('returns a valid Classification with offsets into the original text, for odd inputs too', () => {
    for (const input of [
      review('ＳＢ卖家😡😡', 1),
      { text: '' },
      { text: '差'.repeat(100_000), rating: 1 },
      { text: '\u0000\u0001\ufffd乱码', rating: 2 },
      { text: '质量差', rating: 9 as unknown as number },
    ]) {
      const out = classifyReview(input);
      expect(Classification.safeParse(out).success).toBe(true);
      for (const p of out.phrases) expect(input.text.slice(p.start, p.end)).toBe(p.text);
    }
  });

  it('classifies a 100 KB review quickly (it reads the first 5,000 characters)', () => {
    const t0 = performance.now();
    classifyReview({ text: '卖家sb，质量太差'.repeat(12_000), rating: 1 });
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('lowers confidence for every missing fact that could have changed the call', () => {
    const full = classifyReview(review('质量太差了，用了两天就坏了'));
    const bare = classifyReview({ text: '质量太差了，用了两天就坏了' });
    expect(bare.confidence).toBeLessThan(full.confidence);
    expect(bare.evidence?.missing).toEqual(['rating', 'order', 'chat', 'reviewedAt', 'platform']);
  });
});
