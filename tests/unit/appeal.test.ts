import { describe, expect, it } from 'vitest';
import { draftAppeal } from '../../lib/appeal/draft';
import { calmText, truncateWithEllipsis } from '../../lib/appeal/text';
import { AppealDraft, AppealRules, type AppealDraftInput } from '../../lib/appeal/types';
import type { Category, Classification, MatchedPhrase } from '../../lib/schemas/classification';
import type { ReviewSnapshot } from '../../lib/schemas/review';
import { pinduoduoProfile } from '../../lib/platforms/pinduoduo';

// The real Pinduoduo rules: the draft must fit the rules the product uses.
const PDD_RULES: AppealRules = AppealRules.parse(pinduoduoProfile.appealRules);

const SHA_A = 'ab12cd34'.padEnd(64, '0');
const SHA_B = 'ef56ab78'.padEnd(64, '1');

function review(overrides: Partial<ReviewSnapshot> = {}): ReviewSnapshot {
  return {
    key: 'pinduoduo:260410-662259689903207',
    platform: 'pinduoduo',
    text: '不给我返现20元我就一直给差评，东西一般。',
    stars: 1,
    reviewedAt: '2026-10-12T14:33:20+08:00',
    orderSn: '260410-662259689903207',
    buyerNick: '阿***',
    goodsName: '加厚保温杯 500ml',
    pictureCount: 0,
    sellerReply: null,
    missing: [],
    ...overrides,
  };
}

/** A classification whose deciding phrases are found in the review text. */
function classified(category: Category, text: string, phrases: string[]): Classification {
  const matched: MatchedPhrase[] = phrases.map((p) => {
    const start = text.indexOf(p);
    if (start < 0) throw new Error(`phrase not in text: ${p}`);
    return { start, end: start + p.length, text: p, category, reason: 'test' };
  });
  return { category, confidence: 0.9, also: [], phrases: matched, reasons: [], version: 'test' };
}

function input(
  category: Category,
  phrases: string[],
  reviewOverrides: Partial<ReviewSnapshot> = {},
  extra: Partial<AppealDraftInput> = {},
): AppealDraftInput {
  const r = review(reviewOverrides);
  return {
    review: r,
    classification: classified(category, r.text, phrases),
    evidence: [
      { capturedAtMs: Date.parse('2026-11-20T21:14:03.120+08:00'), kind: 'review', sha256: SHA_A },
      { capturedAtMs: Date.parse('2026-11-20T21:10:00.000+08:00'), kind: 'negotiation', sha256: SHA_B },
    ],
    ...extra,
  };
}

const EXTORTION = input('extortion', ['不给我返现20元我就一直给差评']);

describe('appeal draft for extortion (PDD code 7)', () => {
  const draft = draftAppeal(EXTORTION, PDD_RULES);

  it('is an appeal with reason 7 利用评价要挟 and a valid draft shape', () => {
    expect(draft.route).toBe('appeal');
    expect(draft.reason).toEqual({ code: '7', label: '利用评价要挟' });
    expect(AppealDraft.parse(draft)).toEqual(draft);
  });

  it('states the case facts objectively: who, when, which order, what was written', () => {
    expect(draft.text).toContain(
      '买家“阿***”于2026年10月12日对订单260410-662259689903207发表评价，评价内容为：“不给我返现20元我就一直给差评，东西一般。”。',
    );
    expect(draft.text).toContain('评价中“不给我返现20元我就一直给差评”等表述，以差评为条件向商家索取额外利益');
    expect(draft.text).toMatch(/此行为属于利用评价要挟商家、索取不当利益的情形，请平台核实处理。$/);
  });

  it('refers to the evidence in time order with capture time and SHA-256 prefix', () => {
    expect(draft.text).toContain(
      '（见证据1：协商记录，采集于2026年11月20日 21:10，SHA-256 前缀 ef56ab78；证据2：评价截图，采集于2026年11月20日 21:14，SHA-256 前缀 ab12cd34）',
    );
    expect(draft.evidenceList).toEqual([
      `证据1：协商记录，采集于2026-11-20 21:10:00，SHA-256 ${SHA_B}`,
      `证据2：评价截图，采集于2026-11-20 21:14:03，SHA-256 ${SHA_A}`,
    ]);
  });

  it('is at least 20 characters and reports no problems', () => {
    expect(draft.charCount).toBe(draft.text.length);
    expect(draft.charCount).toBeGreaterThanOrEqual(20);
    expect(draft.problems).toEqual([]);
  });

  it('tells the seller what to pick, upload and prepare, and that they submit it themselves', () => {
    expect(draft.checklist).toEqual([
      '申诉理由选择“利用评价要挟”（代码 7）',
      '上传证据图片：证据1至证据2（1–6 张，jpg/jpeg/png，每张不超过 3 MB）',
      '准备：聊天记录截图（买家以差评相要挟、索要钱物的原话）',
      '准备：订单详情截图（订单号、签收时间）',
      '核对申诉说明中的昵称、日期和订单号与后台一致',
      '把申诉说明粘贴到平台表单，由您本人提交（差评卫士不会自动提交）',
      `以上规则来自：${pinduoduoProfile.appealRules.source}，未在平台后台核实，以平台页面显示为准`,
    ]);
  });
});

describe('appeal drafts meet PDD’s 20-character minimum for codes 7 and 8', () => {
  const bare: Partial<ReviewSnapshot> = { text: '', buyerNick: null, reviewedAt: null, orderSn: null, goodsName: null, stars: null };

  it.each([
    ['extortion', '7'],
    ['competitor', '8'],
  ] as const)('%s with almost no facts still reaches 20 characters', (category, code) => {
    const draft = draftAppeal(input(category, [], bare), PDD_RULES);
    expect(draft.reason?.code).toBe(code);
    expect(draft.charCount).toBeGreaterThanOrEqual(20);
    expect(draft.problems.some((p) => p.includes('不少于'))).toBe(false);
  });

  it('adds factual sentences to reach a higher minimum, and reports what still does not fit', () => {
    const strict = { ...PDD_RULES, minChars: 0, reasons: { ...PDD_RULES.reasons, competitor: { ...PDD_RULES.reasons.competitor!, minChars: 400 } } };
    const r = review({ text: '别买了，去隔壁XX旗舰店买更好', pictureCount: 2 });
    const draft = draftAppeal({ ...input('competitor', []), review: r, classification: classified('competitor', r.text, ['去隔壁XX旗舰店买更好']) }, strict);
    expect(draft.text).toContain('该评价为1星。');
    expect(draft.text).toContain('该订单商品为“加厚保温杯 500ml”。');
    expect(draft.text).toContain('评价附有2张图片。');
    expect(draft.text).toContain('上述2份证据均为商家后台页面截图，已记录采集时间和 SHA-256 校验值，可供平台核验。');
    expect(draft.charCount).toBeLessThan(400);
    expect(draft.problems).toEqual([`申诉说明需不少于 400 字（当前 ${draft.charCount} 字），请补充事实说明`]);
  });

  it('adds only as many factual sentences as the minimum needs', () => {
    const strict = { ...PDD_RULES, reasons: { ...PDD_RULES.reasons, extortion: { ...PDD_RULES.reasons.extortion!, minChars: 0 } }, minChars: 0 };
    const base = draftAppeal(EXTORTION, strict);
    const needOne = { ...strict, reasons: { ...strict.reasons, extortion: { ...strict.reasons.extortion!, minChars: base.charCount + 1 } } };
    const padded = draftAppeal(EXTORTION, needOne);
    expect(padded.text).toContain('该评价为1星。');
    expect(padded.text).not.toContain('该订单商品为');
    expect(padded.problems).toEqual([]);
  });

  it('does not pad when the minimum is already met', () => {
    const draft = draftAppeal(EXTORTION, PDD_RULES);
    expect(draft.text).not.toContain('该评价为1星');
  });
});

describe('length limits', () => {
  const limited: AppealRules = { ...PDD_RULES, maxChars: 500 };
  const longText = `${'这个杯子保温效果一般，'.repeat(150)}不给我返现20元我就一直给差评`;

  it('respects a 500-character limit with a very long review by shortening the quote', () => {
    const draft = draftAppeal(input('extortion', ['不给我返现20元我就一直给差评'], { text: longText }), limited);
    expect(longText.length).toBeGreaterThan(1500);
    expect(draft.charCount).toBeLessThanOrEqual(500);
    expect(draft.text).toContain('…”');
    expect(draft.text).toContain('“不给我返现20元我就一直给差评”等表述');
    expect(draft.text).toContain('请平台核实处理。');
    expect(draft.problems).toEqual([]);
  });

  it('never splits an emoji when shortening', () => {
    expect(truncateWithEllipsis('好😀😀😀', 4)).toBe('好😀…');
    expect(truncateWithEllipsis('短', 4)).toBe('短');
  });

  it('reports a limit it cannot meet instead of cutting the facts', () => {
    const tiny: AppealRules = { ...PDD_RULES, maxChars: 60 };
    const draft = draftAppeal(input('extortion', ['不给我返现20元我就一直给差评'], { text: longText }), tiny);
    expect(draft.charCount).toBeGreaterThan(60);
    expect(draft.problems).toContain(`申诉说明超出 60 字上限（当前 ${draft.charCount} 字），请删减`);
  });
});

describe('subjective and other reply-path reviews', () => {
  const subjective = input('subjective', ['感觉一般'], { text: '感觉一般，没有想象中好！！' });
  const draft = draftAppeal(subjective, PDD_RULES);

  it('subjective gives route reply with no reason, and says why no appeal is suggested', () => {
    expect(draft.route).toBe('reply');
    expect(draft.reason).toBeNull();
    expect(draft.problems[0]).toContain('平台不受理主观感受类评价');
  });

  it('the reply is calm, public, and carries no buyer personal data', () => {
    expect(draft.text).toContain('感谢您的购买和反馈');
    expect(draft.text).not.toContain('阿***');
    expect(draft.text).not.toContain('260410-662259689903207');
    expect(draft.text).toMatch(/平台消息/);
    expect(draft.text).not.toMatch(/返现|补偿|红包|退款|微信|电话|删除评价|修改评价/);
    expect(draft.checklist).toContain('不承诺返现、补偿或任何好处来换取修改或删除评价');
  });

  it('never appeals subjective even if a rules object wrongly maps it', () => {
    const wrong = { ...PDD_RULES, reasons: { ...PDD_RULES.reasons, subjective: { code: '99', label: 'x', evidenceHint: [] } } };
    expect(AppealRules.safeParse(wrong).success).toBe(false);
    expect(draftAppeal(subjective, wrong).route).toBe('reply');
  });

  it('not received on PDD has no reason, so it is a factual public reply', () => {
    const signedAtMs = Date.parse('2026-10-10T09:30:00+08:00');
    const d = draftAppeal(input('not_received_or_unused', [], { text: '还没收到货' }, { order: { signedAtMs } }), PDD_RULES);
    expect(d.route).toBe('reply');
    expect(d.text).toContain('物流信息显示已于10月10日签收');
    expect(d.problems).toEqual(['拼多多没有与“未收货·未使用”对应的申诉理由：建议公开回复说明情况']);
  });

  it('not received without a signing time does not invent one', () => {
    const d = draftAppeal(input('not_received_or_unused', [], { text: '还没收到货' }), PDD_RULES);
    expect(d.text).not.toMatch(/签收/);
    expect(d.text).toContain('正在核实该订单的物流情况');
  });

  it('a positive review needs no appeal', () => {
    const d = draftAppeal(input('positive', [], { text: '很好用', stars: 5 }), PDD_RULES);
    expect(d.route).toBe('reply');
    expect(d.problems).toEqual(['这条评价不是差评，无需申诉']);
  });
});

describe('drafts are plain, calm text', () => {
  it('quotes markup in a review as plain text, unchanged', () => {
    const markup = '<img src=x onerror=alert(1)>';
    const d = draftAppeal(input('abusive', [markup], { text: `${markup} 骗子店铺` }), PDD_RULES);
    expect(d.text).toContain(`评价内容为：“${markup} 骗子店铺”`);
    expect(d.text).toContain(`评价中含有“${markup}”等辱骂、侮辱性表述`);
    expect(d.text).not.toContain('&lt;');
  });

  it('has no exclamation marks, even when the buyer used them', () => {
    const loud = input('extortion', ['不返现就差评!!!'], { text: '不返现就差评!!! 垃圾店！！', buyerNick: '哈哈!' });
    const drafts = [draftAppeal(loud, PDD_RULES), draftAppeal({ ...loud, classification: { ...loud.classification, category: 'subjective' } }, PDD_RULES)];
    for (const d of drafts) {
      expect(d.text).not.toMatch(/[!！]/);
      expect(d.checklist.join('')).not.toMatch(/[!！]/);
      expect(d.problems.join('')).not.toMatch(/[!！]/);
    }
    expect(drafts[0]?.text).toContain('评价内容为：“不返现就差评，垃圾店”');
  });

  it('uses no emotional wording of its own', () => {
    const d = draftAppeal(EXTORTION, PDD_RULES);
    const ownWords = d.text.replace(/“[^”]*”/g, '');
    expect(ownWords).not.toMatch(/无耻|恶劣|气愤|愤怒|强烈|严惩|骗子|垃圾|极其|非常/);
  });

  it('calmText collapses whitespace and exclamation marks', () => {
    expect(calmText('太差了！！\n\n再也不买!')).toBe('太差了，再也不买');
    expect(calmText('真的吗！？')).toBe('真的吗？');
  });
});

describe('missing facts are left out, never invented', () => {
  it('without an order number the text names no order and the problem says so', () => {
    const d = draftAppeal(input('extortion', ['不给我返现20元我就一直给差评'], { orderSn: null }), PDD_RULES);
    expect(d.text).not.toContain('订单');
    expect(d.text).toContain('买家“阿***”于2026年10月12日发表评价');
    expect(d.problems).toEqual(['页面未读到订单号，申诉说明中没有写，请在平台页面核对后按需补充']);
  });

  it('without nick and time the opening keeps only what is known', () => {
    const d = draftAppeal(input('extortion', ['不给我返现20元我就一直给差评'], { buyerNick: null, reviewedAt: null }), PDD_RULES);
    expect(d.text.startsWith('买家对订单260410-662259689903207发表评价')).toBe(true);
    expect(d.problems[0]).toBe('页面未读到评价时间、买家昵称，申诉说明中没有写，请在平台页面核对后按需补充');
  });

  it('an unreadable review time is reported, not guessed', () => {
    const d = draftAppeal(input('extortion', [], { reviewedAt: '昨天' }), PDD_RULES);
    expect(d.text).not.toMatch(/\d+年\d+月\d+日发表/);
    expect(d.problems[0]).toContain('可识别的评价时间（“昨天”）');
  });

  it('reads a console-style review time too', () => {
    const d = draftAppeal(input('extortion', [], { reviewedAt: '2026-10-12 14:33:20' }), PDD_RULES);
    expect(d.text).toContain('于2026年10月12日');
  });
});

describe('evidence and image rules', () => {
  it('code 7 without any evidence asks for at least one image', () => {
    const d = draftAppeal({ ...EXTORTION, evidence: [] }, PDD_RULES);
    expect(d.text).not.toContain('证据');
    expect(d.problems).toContain('此理由需上传至少 1 张图片证据，目前还没有证据截图');
    expect(d.checklist).toContain('建议先用“采集证据”保存评价截图，留存备查');
  });

  it('reports more than 6 images, files too large and types PDD does not take', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({
      capturedAtMs: Date.parse('2026-11-20T21:00:00+08:00') + i * 60_000,
      kind: 'negotiation' as const,
      sha256: SHA_A,
      mime: i === 0 ? 'image/webp' : 'image/png',
      size: i === 1 ? 4 * 1024 * 1024 : 200_000,
    }));
    const d = draftAppeal({ ...EXTORTION, evidence: many }, PDD_RULES);
    expect(d.text).toContain('（见证据1至证据7）');
    expect(d.problems).toContain('此理由最多上传 6 张图片，目前有 7 份证据，请选出最关键的 6 张并相应修改说明中的证据编号');
    expect(d.problems).toContain('证据1的格式为 image/webp，平台只接受 jpg/jpeg/png');
    expect(d.problems).toContain('证据2大小为 4 MB，超过平台每张 3 MB 的上限，请压缩或裁剪后上传');
  });

  it('a reason whose form takes no images keeps the evidence out of the text but in the list', () => {
    const d = draftAppeal(input('abusive', ['骗子店铺'], { text: '骗子店铺' }), PDD_RULES);
    expect(d.reason).toEqual({ code: '2', label: '辱骂' });
    expect(d.text).not.toContain('证据');
    expect(d.evidenceList).toHaveLength(2);
    expect(d.checklist).toContain('此理由在表单中不上传图片；证据截图已保存在差评卫士中，平台要求补充材料时再提供');
  });

  it('irrelevant names the goods bought, when known', () => {
    const d = draftAppeal(input('irrelevant', ['我家猫很可爱'], { text: '我家猫很可爱' }), PDD_RULES);
    expect(d.reason).toEqual({ code: '10', label: '购买A商品评价B商品' });
    expect(d.text).toContain('该订单购买的商品为“加厚保温杯 500ml”，评价中“我家猫很可爱”等内容与该商品无关');
  });

  it('a platform reason without a code asks the seller to pick it on the live form', () => {
    const unknownCode: AppealRules = {
      ...PDD_RULES,
      platform: 'dianping',
      reasons: { ...PDD_RULES.reasons, competitor: { code: null, label: '恶意差评', evidenceHint: [] } },
    };
    const d = draftAppeal(input('competitor', []), unknownCode);
    expect(d.reason).toEqual({ code: null, label: '恶意差评' });
    expect(d.checklist[0]).toBe('申诉理由选择“恶意差评”');
  });
});
