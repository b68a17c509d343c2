import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evidenceCatalogue, legalRoute, merchantReplyDraft, noticeLetterDraft, secondAppealDraft } from '../../lib/appeal/afterRejection';
import { BUYER_MESSAGE_TEMPLATES, guardBuyerMessage } from '../../lib/appeal/buyerMessages';
import { appealRulesFor } from '../../lib/appeal/rulesFor';
import { draftAppeal } from '../../lib/appeal/draft';
import { checkTone } from '../../lib/appeal/toneCheck';
import type { AppealDraftInput } from '../../lib/appeal/types';
import { classifyReview } from '../../lib/classify';
import { PlatformId, type Category } from '../../lib/schemas';
import { CATEGORY_LABEL } from '../../lib/schemas';

const SHA_OLD = 'aa11'.padEnd(64, '0');
const SHA_NEW = 'bb22'.padEnd(64, '1');

function input(text = '不给我返现20元我就一直给差评', category?: Category): AppealDraftInput {
  const classification = classifyReview({ text, rating: 1 });
  return {
    review: {
      key: 'pinduoduo:261012-662259689903207',
      platform: 'pinduoduo',
      text,
      stars: 1,
      reviewedAt: '2026-10-12T14:33:20.000+08:00',
      orderSn: '261012-662259689903207',
      buyerNick: '阿***',
      goodsName: '保温杯',
      pictureCount: 0,
      sellerReply: null,
      missing: [],
    },
    classification: category ? { ...classification, category } : classification,
    evidence: [
      { capturedAtMs: Date.parse('2026-11-20T21:14:00+08:00'), kind: 'review', sha256: SHA_NEW },
      { capturedAtMs: Date.parse('2026-11-20T20:00:00+08:00'), kind: 'negotiation', sha256: SHA_OLD },
    ],
  };
}

describe('tone check', () => {
  it('flags emotional words, insults, exclamation runs and absolute claims, each with a calmer suggestion', () => {
    const findings = checkTone('买家太过分了！！！这个骗子绝对是同行');
    expect(findings.map((f) => [f.kind, f.text])).toEqual([
      ['emotional', '太过分'],
      ['exclamation', '！！！'],
      ['insult', '骗子'],
      ['absolute', '绝对'],
    ]);
    expect(findings[1]!.suggestion).toContain('连续 3 个感叹号');
    expect(findings.every((f) => f.suggestion.length > 5)).toBe(true);
  });

  it('does not count the buyer’s quoted words against the seller', () => {
    expect(checkTone('买家于10月12日发表评价，评价内容为：“骗子店铺！！垃圾”。请平台核实处理。')).toEqual([]);
  });

  it('skips quotes inside quotes: a quoted review that itself quotes someone is quoted to its last mark', () => {
    expect(checkTone('评价内容为：“回了就一句“亲亲稍等”，sb客服，这服务真的恶心”。请平台核实处理。')).toEqual([]);
    expect(checkTone('评价内容为：「他说“骗子”，太过分」。')).toEqual([]);
    // The seller's own words after the quote still count, and an opening quote never closed covers nothing.
    expect(checkTone('评价为：“他说“好”，然后差评”。买家是骗子').map((f) => f.text)).toEqual(['骗子']);
    expect(checkTone('评价为：“亲 这个骗子').map((f) => f.text)).toEqual(['骗子']);
  });

  it('finds nothing in the first appeal drafted for a review that quotes someone (the demo’s 拼多多 review)', () => {
    const text = '什么辣鸡店铺，问客服什么时候发货半天不回，回了就一句“亲亲稍等”，sb客服，手机壳本身还凑合，这服务真的恶心';
    const draft = draftAppeal(input(text, 'abusive'), appealRulesFor('pinduoduo'));
    expect(draft.text).toContain('回了就一句‘亲亲稍等’，sb客服'); // nested quotes set as Chinese typesetting does
    expect(checkTone(draft.text)).toEqual([]);
  });

  const devCorpus = path.resolve(__dirname, '../../../shared/corpus/reviews-dev.jsonl');
  it.skipIf(!existsSync(devCorpus))('finds nothing in the first appeal drafted for any of the 350 dev cases, on every platform', () => {
    const cases = readFileSync(devCorpus, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { id: string; text: string; label: Category });
    expect(cases.length).toBeGreaterThan(300);
    for (const platform of PlatformId.options) {
      const rules = appealRulesFor(platform);
      for (const c of cases) {
        const draft = draftAppeal(input(c.text, c.label), rules);
        expect(checkTone(draft.text), `${platform} ${c.id}: ${draft.text}`).toEqual([]);
      }
    }
  });

  it('finds nothing in the drafts ReviewGuard writes', () => {
    const rules = appealRulesFor('pinduoduo');
    for (const category of ['extortion', 'competitor', 'abusive', 'irrelevant', 'not_received_or_unused'] as const) {
      expect(checkTone(secondAppealDraft(input(undefined, category), rules).text), category).toEqual([]);
      expect(checkTone(merchantReplyDraft(category, null, rules).text), category).toEqual([]);
    }
  });
});

describe('buyer message guard', () => {
  it('passes every template', () => {
    for (const t of BUYER_MESSAGE_TEMPLATES) expect(guardBuyerMessage(t.text), t.id).toEqual([]);
  });

  it('names the words and the rule for a benefit offered for a changed review', () => {
    const [w] = guardBuyerMessage('亲，改成好评给你返现10元');
    expect(w!.kind).toBe('benefit-for-review');
    expect(w!.words.join('|')).toMatch(/返现.*\|好评/);
    expect(w!.rule).toContain('违反平台评价规则');
  });

  it('warns about threats, insults and moving off-platform, each separately', () => {
    const kinds = guardBuyerMessage('你等着，加我微信谈，傻逼').map((w) => w.kind);
    expect(kinds).toEqual(['threat', 'insult', 'off-platform']);
    expect(guardBuyerMessage('你等着')[0]!.rule).toContain('治安管理处罚法');
  });

  it('lets ordinary after-sales about money through, and a refusal to trade benefits for reviews', () => {
    expect(guardBuyerMessage('您好，退款已经处理，请注意查收')).toEqual([]);
    expect(guardBuyerMessage('我们不能以返现方式换取评价的修改')).toEqual([]);
  });
});

describe('after a rejection', () => {
  const rules = appealRulesFor('pinduoduo');

  it('the second appeal opens with the rejection and the platform’s reason, says what to add, keeps evidence in time order', () => {
    const draft = secondAppealDraft(input(), rules, '证据不足！');
    expect(draft.text.startsWith('此前就该评价提交的申诉未获支持（平台反馈：“证据不足”）')).toBe(true);
    expect(draft.text.indexOf('证据1：协商记录')).toBeGreaterThan(-1);
    expect(draft.text).toContain('请平台核实处理');
    expect(draft.toAdd[0]).toContain('聊天记录截图');
    expect(draft.charCount).toBeGreaterThanOrEqual(20);
  });

  it('the second appeal is cut to a platform’s maximum and says so', () => {
    const draft = secondAppealDraft(input(), { ...rules, maxChars: 60 }, null);
    expect(draft.charCount).toBeLessThanOrEqual(60);
    expect(draft.problems.join()).toContain('60 字上限');
  });

  it('the public reply carries no buyer personal data and fits Taobao’s 500 characters', () => {
    for (const category of ['extortion', 'competitor', 'abusive', 'irrelevant', 'not_received_or_unused', 'subjective'] as const) {
      const reply = merchantReplyDraft(category, null, appealRulesFor('taobao'));
      expect(reply.text).not.toContain('阿***');
      expect(reply.text).not.toMatch(/\d{6}-\d{15}|1\d{10}/);
      expect(reply.charCount).toBeLessThanOrEqual(500);
      expect(reply.text).not.toMatch(/[!！]/);
    }
    expect(merchantReplyDraft('extortion', null, { replyMaxChars: 20 }).charCount).toBeLessThanOrEqual(20);
  });

  it('the notice letter cites Civil Code arts. 1024, 1195 and 1197, lists the evidence, and leaves the seller’s identity to fill in', () => {
    const letter = noticeLetterDraft(input(), 'pinduoduo');
    expect(letter).toContain('第一千零二十四条');
    expect(letter).toContain('第一千一百九十五条');
    expect(letter).toContain('第一千一百九十七条');
    expect(letter).toContain('261012-662259689903207');
    expect(letter).toContain('【请填写：店铺名称】');
    expect(letter.indexOf(SHA_OLD)).toBeLessThan(letter.indexOf(SHA_NEW));
    expect(letter).toContain(CATEGORY_LABEL.extortion);
  });

  it('the legal route gives the evidence catalogue and, for extortion only, the police route', () => {
    const extortion = legalRoute(input());
    expect(extortion.steps.join()).toContain('第1024条');
    expect(extortion.policeSteps?.join()).toContain('报案');
    expect(extortion.catalogue.map((r) => r.sha256)).toEqual([SHA_OLD, SHA_NEW]);
    expect(legalRoute(input('垃圾店主sb', 'abusive')).policeSteps).toBeNull();
    expect(evidenceCatalogue([], 'abusive')).toEqual([]);
  });
});

describe('per-platform rules', () => {
  it('uses Pinduoduo’s registered profile, and cautious stand-ins elsewhere that leave the reason to the seller', () => {
    expect(appealRulesFor('pinduoduo').reasons.extortion?.code).toBe('7');
    const taobao = appealRulesFor('taobao');
    expect(taobao.replyMaxChars).toBe(500);
    expect(taobao.reasons.extortion).toMatchObject({ code: null, label: '利用中差评索取不当利益' });
    expect(taobao.verified).toBe(false);
    expect(appealRulesFor('jd').reasons.abusive?.code).toBeNull();
  });
});
