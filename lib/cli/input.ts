/**
 * Reading review files for the classify CLI: JSON Lines in the corpus schema (one case a line) or a CSV / TSV
 * exported from a seller console. Every record becomes either a `ClassifyInput` or a per-line error; nothing
 * here throws on bad data, so one bad line never stops a batch.
 */
import type { ChatLine, ClassifyInput, OrderFacts } from '../schemas/classification';
import { parseConsoleTime, parseIsoWithOffset, toShanghaiIso } from '../time/shanghai';

/** A line longer than this is not a review (the review text itself is limited to MAX_TEXT_CHARS). */
export const MAX_LINE_BYTES = 1024 * 1024;
/** Review forms take a few hundred characters; anything this long is not a review. */
export const MAX_TEXT_CHARS = 5000;

export interface ParsedRecord {
  /** 1-based line where the record starts. */
  line: number;
  id: string | null;
  input?: ClassifyInput;
  error?: string;
  /** Optional fields that were present but unusable and were ignored (reported in `reasons`). */
  notes: string[];
}

export type InputFormat = 'jsonl' | 'csv';

// ───────────────────────────── decoding ─────────────────────────────

export interface Decoded {
  text: string;
  encoding: string;
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (what Excel writes for Chinese CSV). */
export function decode(bytes: Uint8Array, allowLegacy: boolean): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // not UTF-8
  }
  if (allowLegacy && !body.includes(0)) {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(body), encoding: 'gb18030' };
    } catch {
      // not GB18030 either
    }
  }
  // Keep going line by line: lines with invalid bytes become U+FFFD and are reported as errors.
  return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8 (invalid bytes)' };
}

/** NUL, replacement characters or other control characters: binary data, not text. */
export function looksBinary(s: string): boolean {
  let bad = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0 || c === 0xfffd) return true;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) bad++;
  }
  return bad > 0 && bad >= s.length * 0.01;
}

// ───────────────────────────── format detection ─────────────────────────────

const CSV_HEADER_HINT = /评价内容|评论内容|评价时间|订单号|订单编号|星级|评分|买家|商品|text|content|rating/iu;

export function detectFormat(filename: string, text: string): InputFormat {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json')) return 'jsonl';
  const firstLine = text.split('\n').find((l) => l.trim().length > 0)?.trim() ?? '';
  if (firstLine.startsWith('{') || firstLine.startsWith('[')) return 'jsonl';
  if (CSV_HEADER_HINT.test(firstLine) && /[,\t]/u.test(firstLine)) return 'csv';
  return 'jsonl';
}

// ───────────────────────────── field checks ─────────────────────────────

const STATUSES = new Set(['not_shipped', 'in_transit', 'signed', 'consumed', 'none']);

function textError(text: unknown): string | null {
  if (text === undefined || text === null) return '缺少 text 字段（评价内容）';
  if (typeof text !== 'string') return 'text 字段应为字符串';
  if (text.trim().length === 0) return '评价内容为空，无法分类';
  if (text.length > MAX_TEXT_CHARS) return `评价内容过长（${text.length} 字，上限 ${MAX_TEXT_CHARS} 字），不像一条评价`;
  if (looksBinary(text)) return '评价内容含二进制或非 UTF-8 字符';
  return null;
}

function toRating(v: unknown, notes: string[]): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  let n: number | null = null;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') n = ratingFromText(v);
  if (n === null || !Number.isFinite(n) || n < 1 || n > 5) {
    notes.push(`输入提示：星级“${String(v).slice(0, 20)}”无效，已按缺失处理`);
    return undefined;
  }
  return Math.round(n);
}

/** `5`, `5星`, `4.0分`, `★★★`, `好评/中评/差评`. */
export function ratingFromText(raw: string): number | null {
  const s = raw.trim();
  if (!s) return null;
  const stars = (s.match(/★/gu) ?? []).length;
  if (stars > 0) return stars;
  const num = /^(\d+(?:\.\d+)?)\s*(?:星|分|stars?)?$/iu.exec(s);
  if (num) return Number(num[1]);
  if (/差评|负面/u.test(s)) return 1;
  if (/中评|中性/u.test(s)) return 3;
  if (/好评|正面/u.test(s)) return 5;
  const cn: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
  const c = /^([一二两三四五])星$/u.exec(s);
  if (c) return cn[c[1] ?? ''] ?? null;
  return null;
}

function toTime(v: unknown, field: string, notes: string[]): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') {
    notes.push(`输入提示：${field} 不是时间字符串，已忽略`);
    return undefined;
  }
  const ms = parseIsoWithOffset(v) ?? parseConsoleTime(v) ?? (Number.isNaN(Date.parse(v)) ? null : Date.parse(v));
  if (ms === null) {
    notes.push(`输入提示：${field}“${v.slice(0, 30)}”无法识别，已忽略`);
    return undefined;
  }
  return toShanghaiIso(ms);
}

function toOrder(v: unknown, notes: string[]): OrderFacts | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) {
    notes.push('输入提示：order 应为对象，已忽略');
    return undefined;
  }
  const o = v as Record<string, unknown>;
  const out: OrderFacts = {};
  if (o.status !== undefined && o.status !== null) {
    if (typeof o.status === 'string' && STATUSES.has(o.status)) out.status = o.status as OrderFacts['status'];
    else notes.push(`输入提示：订单状态“${String(o.status).slice(0, 20)}”无法识别，已忽略`);
  }
  const signedAt = toTime(o.signedAt, '签收时间', notes);
  if (signedAt) out.signedAt = signedAt;
  return out.status ? out : undefined;
}

function toChat(v: unknown, notes: string[]): ChatLine[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) {
    notes.push('输入提示：chat 应为数组，已忽略');
    return undefined;
  }
  const out: ChatLine[] = [];
  let dropped = 0;
  for (const item of v) {
    if (!item || typeof item !== 'object') {
      dropped++;
      continue;
    }
    const c = item as Record<string, unknown>;
    if (typeof c.text !== 'string' || (c.from !== 'buyer' && c.from !== 'seller' && c.from !== 'system')) {
      dropped++;
      continue;
    }
    out.push({ from: c.from, text: c.text, at: typeof c.at === 'string' ? c.at : null });
  }
  if (dropped > 0) notes.push(`输入提示：${dropped} 条聊天记录格式不对（需要 from 与 text），已忽略`);
  return out;
}

function toId(v: unknown): string | null {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** Builds an input from a loose object (a JSON line or a CSV row mapped to corpus fields). */
export function recordFromObject(obj: Record<string, unknown>, line: number, fallbackId: string | null): ParsedRecord {
  const notes: string[] = [];
  const id = toId(obj.id) ?? fallbackId;
  if (id === null) return { line, id: null, error: '缺少 id 字段', notes };
  const err = textError(obj.text);
  if (err) return { line, id, error: err, notes };
  const input: ClassifyInput = { text: obj.text as string };
  const rating = toRating(obj.rating, notes);
  if (rating !== undefined) input.rating = rating;
  if (typeof obj.platform === 'string' && obj.platform) input.platform = obj.platform;
  const reviewedAt = toTime(obj.reviewedAt, '评价时间', notes);
  if (reviewedAt) input.reviewedAt = reviewedAt;
  const order = toOrder(obj.order, notes);
  if (order) input.order = order;
  const chat = toChat(obj.chat, notes);
  if (chat) input.chat = chat;
  return { line, id, input, notes };
}

// ───────────────────────────── JSON Lines ─────────────────────────────

export function parseJsonl(text: string): ParsedRecord[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop(); // the newline that ends the file
  if (lines.length === 0 || lines.every((l) => l.trim() === '')) {
    return [{ line: 1, id: null, error: '文件为空：没有评价数据', notes: [] }];
  }
  const out: ParsedRecord[] = [];
  lines.forEach((raw, k) => {
    const line = k + 1;
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (l.trim() === '') {
      out.push({ line, id: null, error: '空行', notes: [] });
      return;
    }
    const bytes = Buffer.byteLength(l, 'utf8');
    if (bytes > MAX_LINE_BYTES) {
      out.push({ line, id: null, error: `行过长（${Math.round(bytes / 1024)} KB，上限 ${MAX_LINE_BYTES / 1024} KB），未解析`, notes: [] });
      return;
    }
    if (looksBinary(l)) {
      out.push({ line, id: null, error: '二进制或非 UTF-8 内容，不是 JSON', notes: [] });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(l);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      out.push({ line, id: null, error: `不是合法的 JSON：${msg.slice(0, 120)}`, notes: [] });
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      out.push({ line, id: null, error: '每行应为一个 JSON 对象（含 id 与 text）', notes: [] });
      return;
    }
    out.push(recordFromObject(value as Record<string, unknown>, line, null));
  });
  return out;
}

// ───────────────────────────── CSV ─────────────────────────────

/** RFC 4180 rows with the 1-based line each starts on; quotes may hold delimiters and newlines. */
export function csvRows(text: string, delimiter: string): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const n = text.length;
  const endRow = (): void => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i++;
      continue;
    }
    if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      i++;
      continue;
    }
    if (ch === '\r' && text[i + 1] === '\n') {
      i++;
      continue;
    }
    if (ch === '\n') {
      endRow();
      line++;
      start = line;
      i++;
      continue;
    }
    cell += ch;
    i++;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

type Field = 'id' | 'text' | 'followUp' | 'rating' | 'sentiment' | 'reviewedAt' | 'platform' | 'status' | 'signedAt';

/** Header names seen in seller-console exports (and the corpus field names), normalised: no spaces or brackets. */
const HEADERS: Record<Field, readonly string[]> = {
  id: ['id', '订单号', '订单编号', '子订单号', '子订单编号', '主订单号', '订单id', '评价id', '主评id', 'orderid', 'ordersn', '评价编号'],
  text: ['text', '评价内容', '评论内容', '初评内容', '首评内容', '买家评价', '评价详情', '评价', '评论', '内容', 'content', 'comment', 'review'],
  followUp: ['追评', '追评内容', '追加评价', '追加评论'],
  rating: ['rating', '星级', '评分', '评价星级', '商品评分', '综合评分', '描述相符', '分数', '打分', 'stars', 'score'],
  sentiment: ['评价等级', '评价类型', '情感分类', '好中差评', '评价结果'],
  reviewedAt: ['reviewedat', '评价时间', '评论时间', '初次评价时间', '首评时间', '初评时间', '评价日期', '时间', '日期', '创建时间'],
  platform: ['platform', '平台', '来源平台'],
  status: ['status', '订单状态', '物流状态', '交易状态'],
  signedAt: ['signedat', '签收时间', '核销时间'],
};

function normHeader(h: string): string {
  return h
    .replace(/^\uFEFF/u, '')
    .replace(/[\s()（）[\]【】:：]/gu, '')
    .toLowerCase();
}

function mapHeaders(header: readonly string[]): Partial<Record<Field, number>> {
  const map: Partial<Record<Field, number>> = {};
  const norm = header.map(normHeader);
  for (const field of Object.keys(HEADERS) as Field[]) {
    for (const name of HEADERS[field]) {
      const k = norm.indexOf(name);
      if (k >= 0 && !Object.values(map).includes(k)) {
        map[field] = k;
        break;
      }
    }
  }
  return map;
}

const PLATFORM_NAMES: Array<[RegExp, string]> = [
  [/淘宝|天猫|taobao|tmall/iu, 'taobao'],
  [/拼多多|pinduoduo|pdd/iu, 'pinduoduo'],
  [/京东|jd/iu, 'jd'],
  [/点评|美团|dianping|meituan/iu, 'dianping'],
];

function platformFrom(s: string): string | undefined {
  for (const [re, id] of PLATFORM_NAMES) if (re.test(s)) return id;
  return undefined;
}

function statusFrom(s: string): string | undefined {
  const t = s.trim();
  if (!t) return undefined;
  if (STATUSES.has(t)) return t;
  if (/已签收|签收|交易成功|已收货|妥投/u.test(t)) return 'signed';
  if (/运输|已发货|派送|在途/u.test(t)) return 'in_transit';
  if (/未发货|待发货|未核销|待使用/u.test(t)) return 'not_shipped';
  if (/已核销|已消费|已使用|已到店/u.test(t)) return 'consumed';
  if (/无订单|无消费/u.test(t)) return 'none';
  return undefined;
}

export function parseCsv(text: string, defaults: { platform?: string } = {}): ParsedRecord[] {
  const firstLine = text.split('\n', 1)[0] ?? '';
  const delimiter = (firstLine.match(/\t/gu) ?? []).length > (firstLine.match(/,/gu) ?? []).length ? '\t' : ',';
  const rows = csvRows(text, delimiter);
  if (rows.length === 0) return [{ line: 1, id: null, error: '文件为空：没有评价数据', notes: [] }];
  const [head, ...body] = rows;
  const map = mapHeaders(head?.cells ?? []);
  if (map.text === undefined) {
    return [{ line: head?.line ?? 1, id: null, error: `CSV 表头中找不到评价内容列（如“评价内容”）：${(head?.cells ?? []).join(' | ').slice(0, 120)}`, notes: [] }];
  }
  if (body.length === 0) return [{ line: (head?.line ?? 1) + 1, id: null, error: '文件只有表头，没有评价数据', notes: [] }];
  const get = (cells: readonly string[], f: Field): string => {
    const k = map[f];
    return k === undefined ? '' : (cells[k] ?? '').trim();
  };
  return body.map(({ line, cells }) => {
    if (cells.join('').trim() === '') return { line, id: null, error: '空行', notes: [] };
    const obj: Record<string, unknown> = {};
    obj.id = get(cells, 'id') || undefined;
    const main = get(cells, 'text');
    const follow = get(cells, 'followUp');
    obj.text = follow ? `${main}\n追评：${follow}` : main;
    obj.rating = get(cells, 'rating') || get(cells, 'sentiment') || undefined;
    const when = get(cells, 'reviewedAt');
    if (when) obj.reviewedAt = when;
    const platform = platformFrom(get(cells, 'platform')) ?? defaults.platform;
    if (platform) obj.platform = platform;
    const status = statusFrom(get(cells, 'status'));
    if (status) obj.order = { status, signedAt: get(cells, 'signedAt') || null };
    return recordFromObject(obj, line, `row-${line}`);
  });
}

/** Reads a whole file's bytes into records, whatever the format. */
export function parseInput(bytes: Uint8Array, filename: string, defaults: { platform?: string } = {}): { format: InputFormat; encoding: string; records: ParsedRecord[] } {
  if (bytes.length === 0) return { format: 'jsonl', encoding: 'utf-8', records: [{ line: 1, id: null, error: '文件为空：没有评价数据', notes: [] }] };
  const sniff = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096));
  const lower = filename.toLowerCase();
  const csvLike = lower.endsWith('.csv') || lower.endsWith('.tsv') || (!sniff.trimStart().startsWith('{') && CSV_HEADER_HINT.test(sniff.split('\n', 1)[0] ?? ''));
  const { text, encoding } = decode(bytes, csvLike);
  const format = detectFormat(filename, text);
  const records = format === 'csv' ? parseCsv(text, defaults) : parseJsonl(text);
  if (defaults.platform) for (const r of records) if (r.input && !r.input.platform) r.input.platform = defaults.platform;
  return { format, encoding, records };
}
