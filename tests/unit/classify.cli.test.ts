/**
 * The classify CLI, run as a separate process on temp files (JSON Lines, seller-console CSV, bad input).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvRows, parseCsv, parseJsonl, ratingFromText } from '../../lib/cli/input';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-classify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

function run(args: string[], input?: string): { lines: Array<Record<string, unknown>>; stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(tsx, ['lib/cli/classify.ts', ...args], { cwd: root, encoding: 'utf8', input, timeout: 60_000 });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { lines, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

const jsonl = (rows: unknown[]): string => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

describe('classify CLI', { timeout: 60_000 }, () => {
  it('prints exactly one {id, category, confidence, also, reasons} line per case, and nothing else', () => {
    const p = file(
      'cases.jsonl',
      jsonl([
        {
          id: 'c1',
          platform: 'pinduoduo',
          rating: 1,
          text: '一般',
          reviewedAt: '2026-05-01T10:00:00+08:00',
          order: { status: 'signed', signedAt: '2026-04-28T10:00:00+08:00' },
          chat: [{ from: 'buyer', text: '返我30块我就改五星', at: null }],
          label: 'extortion',
        },
        { id: 'c2', text: '卖家sb' },
        { id: 3, text: '很好用，下次还买', rating: 5 },
      ]),
    );
    const { lines, stdout, status } = run([p]);
    expect(status).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(Object.keys(l)).toEqual(['id', 'category', 'confidence', 'also', 'reasons']);
    expect(lines.map((l) => [l.id, l.category])).toEqual([
      ['c1', 'extortion'],
      ['c2', 'abusive'],
      ['3', 'positive'],
    ]);
    expect((lines[1]?.reasons as string[])[0]).toMatch(/sb/);
  });

  it('gives a bare {"id","text"} line a lower confidence than the same case with its facts', () => {
    const p = file(
      'bare.jsonl',
      jsonl([
        { id: 'full', text: '质量太差，用两天就坏了', rating: 1, platform: 'taobao', reviewedAt: '2026-05-01T10:00:00+08:00', order: { status: 'signed', signedAt: '2026-04-20T10:00:00+08:00' }, chat: [] },
        { id: 'bare', text: '质量太差，用两天就坏了' },
      ]),
    );
    const { lines } = run([p]);
    expect(lines[1]?.category).toBe('subjective');
    expect(lines[1]?.confidence as number).toBeLessThan(lines[0]?.confidence as number);
  });

  it('reports bad lines with their line number and goes on with the batch', () => {
    const p = file(
      'bad.jsonl',
      Buffer.concat([
        Buffer.from(
          [
            JSON.stringify({ id: 'ok1', text: '还行', rating: 4 }),
            '',
            '{not json',
            '[1,2,3]',
            JSON.stringify({ id: 'no-text' }),
            JSON.stringify({ text: '没有编号' }),
            JSON.stringify({ id: 'empty', text: '   ' }),
            JSON.stringify({ id: 'huge', text: '长'.repeat(100_000) }),
          ].join('\n') + '\n',
        ),
        Buffer.from([0x00, 0xff, 0xfe, 0x01, 0x0a]),
        Buffer.from(`${JSON.stringify({ id: 'ok2', text: '客服态度很差', rating: 1, chat: 'oops' })}\n`),
      ]),
    );
    const { lines, status } = run([p]);
    expect(status).toBe(0);
    expect(lines.map((l) => l.id)).toEqual(['ok1', null, null, null, 'no-text', null, 'empty', 'huge', null, 'ok2']);
    const errors = lines.filter((l) => 'error' in l);
    expect(errors.map((l) => l.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    for (const e of errors) {
      expect(Object.keys(e)).toEqual(['id', 'line', 'error']);
      expect(typeof e.error).toBe('string');
    }
    expect(errors.find((e) => e.id === 'huge')?.error).toMatch(/过长/);
    expect(errors.find((e) => e.line === 9)?.error).toMatch(/二进制|UTF-8/);
    expect(lines.at(-1)).toMatchObject({ id: 'ok2', category: 'subjective' });
    expect((lines.at(-1)?.reasons as string[]).join('\n')).toMatch(/聊天记录.*已忽略|chat 应为数组/);
  });

  it('answers an empty file and a binary file with an error line, not a crash', () => {
    expect(run([file('empty.jsonl', '')]).lines).toEqual([{ id: null, line: 1, error: expect.stringMatching(/文件为空/) }]);
    const bin = run([file('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]))]);
    expect(bin.status).toBe(0);
    expect(bin.lines.length).toBeGreaterThan(0);
    for (const l of bin.lines) expect(l).toMatchObject({ id: null, error: expect.any(String) });
  });

  it('reads a seller-console CSV with Chinese headers, quoted newlines and a BOM, and groups identical reviews', () => {
    const csv =
      '\ufeff订单号,评价内容,评价时间,星级,商品名称\n' +
      '4502224694062011129,"质量太差，线头很多，洗一次就变形，大家别买",2026-04-18 21:52,1星,T恤\n' +
      '4502224694062011130,"质量太差，线头很多，洗一次就变形，大家别买",2026-04-18 22:05,1星,T恤\n' +
      '4502224694062011131,"卖家是个傻逼，\n问什么都不回",2026-04-19 10:00,差评,T恤\n' +
      '4502224694062011132,,2026-04-19 11:00,1,T恤\n' +
      '4502224694062011133,很好，喜欢,2026-04-19 12:00,★★★★★,T恤\n';
    const { lines } = run([file('export.csv', csv), '--platform', 'taobao']);
    expect(lines.map((l) => [l.id, l.category ?? l.error])).toEqual([
      ['4502224694062011129', 'competitor'],
      ['4502224694062011130', 'competitor'],
      ['4502224694062011131', 'abusive'],
      ['4502224694062011132', expect.stringMatching(/为空/)],
      ['4502224694062011133', 'positive'],
    ]);
    expect(lines[3]?.line).toBe(6); // the quoted newline makes the previous record span lines 4–5
  });

  it('reads a GB18030-encoded CSV and a tab-separated export', () => {
    const text = '评价内容,星级\n质量太差了,1\n';
    const gbk = Buffer.from(new Uint8Array([...Buffer.from('\xc6\xc0\xbc\xdb\xc4\xda\xc8\xdd,\xd0\xc7\xbc\xb6\n', 'latin1'), ...Buffer.from('\xd6\xca\xc1\xbf\xcc\xab\xb2\xee\xc1\xcb,1\n', 'latin1')]));
    const fromGbk = run([file('gbk.csv', gbk)]).lines;
    expect(fromGbk).toEqual([expect.objectContaining({ id: 'row-2', category: 'subjective' })]);
    const tab = run([file('export.txt', text.replace(/,/g, '\t'))]).lines;
    expect(tab).toEqual([expect.objectContaining({ id: 'row-2', category: 'subjective' })]);
  });

  it('reads stdin with "-", adds phrases, evidence and route with --full, and explains usage on stderr', () => {
    const { lines } = run(['-', '--full'], jsonl([{ id: 's', text: '卖家sb', platform: 'pinduoduo' }]));
    expect(lines[0]).toMatchObject({ id: 's', category: 'abusive', route: { action: 'appeal', reason: { label: '辱骂' } } });
    expect(lines[0]).toHaveProperty('evidence.missing');
    const none = run([]);
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/用法/);
    const missing = run([path.join(dir, 'nope.jsonl')]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
  });
});

describe('input parsing', () => {
  it('maps star texts, sentiment words and numbers to ratings', () => {
    expect(['5', '4星', '3.0分', '★★', '差评', '中评', '好评', '五星', 'abc'].map(ratingFromText)).toEqual([5, 4, 3, 2, 1, 3, 5, 5, null]);
  });

  it('splits RFC 4180 CSV with escaped quotes and embedded newlines', () => {
    expect(csvRows('a,b\n"x ""y""","1\n2"\n', ',')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x "y"', '1\n2'] },
    ]);
  });

  it('reports a CSV without a review-text column instead of guessing', () => {
    expect(parseCsv('订单号,金额\n1,2\n')[0]?.error).toMatch(/找不到评价内容列/);
  });

  it('ignores only the newline that ends the file', () => {
    expect(parseJsonl('{"id":"a","text":"好"}\n').map((r) => r.error ?? 'ok')).toEqual(['ok']);
    expect(parseJsonl('{"id":"a","text":"好"}\n\n').map((r) => r.error ?? 'ok')).toEqual(['ok', '空行']);
  });
});
