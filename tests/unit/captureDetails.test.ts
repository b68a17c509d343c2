// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { stripLines } from '../../lib/evidence/annotate';
import { unrenderableParts } from '../../lib/evidence/captureReview';
import { assessStorage, describeStorage } from '../../lib/evidence/storage';
import { locateText } from '../../lib/evidence/textBoxes';
import { findPersonalData, maskPersonalData } from '../../lib/export/privacy';

function html(markup: string): HTMLElement {
  const div = document.createElement('div');
  const template = document.createElement('template');
  template.innerHTML = markup; // test fixture only
  div.append(template.content);
  return div;
}

describe('locating the deciding phrases on the page', () => {
  it('finds a phrase split across highlight spans and ignores our own buttons', () => {
    const root = html('<p>什么<b>辣</b>鸡店铺 <span data-rg-ui>辣鸡</span></p>');
    const [hit, ...rest] = locateText(root, ['辣鸡']);
    expect(rest).toEqual([]);
    expect(hit!.ranges.map((r) => [r.node.data, r.start, r.end])).toEqual([
      ['辣', 0, 1],
      ['鸡店铺 ', 0, 1],
    ]);
  });

  it('finds every occurrence and nothing for an empty needle', () => {
    const root = html('<p>sb 客服 sb</p>');
    expect(locateText(root, ['sb', ' ']).map((h) => h.label)).toEqual(['sb', 'sb']);
  });
});

describe('what could not be rendered is said', () => {
  it('names iframes and cross-origin pictures the other site refuses to share; allowed and same-origin ones pass', async () => {
    const root = html(
      '<img src="https://mms.pinduoduo.com/a.png"><img src="https://img.pddpic.com/ok.png"><img src="https://evil.example/no.png"><iframe src="https://x.example"></iframe>',
    );
    const probed: string[] = [];
    const notes = await unrenderableParts([root], 'https://mms.pinduoduo.com', async (src) => {
      probed.push(src);
      return !src.includes('evil');
    });
    expect(probed.sort()).toEqual(['https://evil.example/no.png', 'https://img.pddpic.com/ok.png']);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain('iframe');
    expect(notes[1]).toContain('1 张');
    expect(notes[1]).toContain('https://evil.example/no.png');
  });

  it('says nothing when everything renders', async () => {
    expect(await unrenderableParts([html('<p>好评</p>')], 'https://mms.pinduoduo.com', async () => true)).toEqual([]);
  });
});

describe('the annotation strip', () => {
  it('states capture time in Beijing time and UTC, URL, platform, review key and hash prefix', () => {
    const lines = stripLines({
      capturedAtMs: Date.parse('2026-03-05T21:14:03+08:00'),
      url: 'https://mms.pinduoduo.com/goods/evaluation/index',
      platformLabel: '拼多多',
      reviewKey: 'pinduoduo:261012-662259689903207',
      originalSha256: 'ab'.repeat(32),
    });
    expect(lines.join('\n')).toContain('2026-03-05 21:14:03（北京时间 UTC+8）');
    expect(lines.join('\n')).toContain('2026-03-05T13:14:03.000Z（UTC）');
    expect(lines.join('\n')).toContain('拼多多 · 评价 pinduoduo:261012-662259689903207');
    expect(lines.join('\n')).toContain(`SHA-256 ${'ab'.repeat(8)}…`);
  });
});

describe('privacy masking of exported text', () => {
  it('masks phone numbers, ID numbers, addresses and labelled or known names', () => {
    const text = '收货人：王小明，电话13812345678，座机010-88886666，身份证110101199003071234，地址浙江省杭州市西湖区文三路100号3栋2单元501室，昵称张大伟';
    const masked = maskPersonalData(text, { names: ['张大伟', 't**8', '王'] });
    expect(masked).toContain('138****5678');
    expect(masked).toContain('010-****6666');
    expect(masked).toContain('110101********1234');
    expect(masked).toContain('收货人：王**');
    expect(masked).toContain('浙江省杭州市西湖区');
    expect(masked).not.toContain('文三路');
    expect(masked).toContain('张**');
    for (const secret of ['13812345678', '88886666', '199003071', '王小明', '501室', '张大伟']) expect(masked).not.toContain(secret);
  });

  it('leaves ordinary review text alone', () => {
    const text = '垃圾店家，sb客服，等了15天才发货，订单261012-662259689903207';
    expect(maskPersonalData(text)).toBe(text);
    expect(findPersonalData(text)).toEqual([]);
    expect(findPersonalData('打我电话13812345678')).toEqual(['13812345678']);
  });
});

describe('storage', () => {
  it('warns before quota trouble and says when the browser refused persistent storage', async () => {
    expect(assessStorage(true, 10 * 2 ** 20, 10 * 2 ** 30).level).toBe('ok');
    expect(assessStorage(true, 8.5 * 2 ** 30, 10 * 2 ** 30)).toMatchObject({ level: 'warn', warning: true });
    expect(assessStorage(true, 980 * 2 ** 20, 1000 * 2 ** 20).level).toBe('critical');
    const facts = await describeStorage({ persisted: async () => false, persist: async () => false, estimate: async () => ({ usage: 5 * 2 ** 20, quota: 2 ** 30 }) });
    expect(facts.text).toContain('已用 5.0 MB');
    expect(facts.text).toContain('未同意持久保存');
    let asked = false;
    const granted = await describeStorage({ persisted: async () => false, persist: async () => (asked = true), estimate: async () => ({}) });
    expect(asked).toBe(true);
    expect(granted.persisted).toBe(true);
  });
});
