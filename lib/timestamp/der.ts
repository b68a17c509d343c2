/** The little DER (ASN.1) we need for RFC 3161: encode a request, walk a response. */

export interface DerNode {
  tag: number;
  /** Content bytes (without tag and length). */
  content: Uint8Array;
  /** The whole element (tag, length and content). */
  raw: Uint8Array;
}

function encodeLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

export function der(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const head = [tag, ...encodeLength(length)];
  const out = new Uint8Array(head.length + length);
  out.set(head, 0);
  let at = head.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const sequence = (...parts: Uint8Array[]) => der(0x30, ...parts);
export const octetString = (bytes: Uint8Array) => der(0x04, bytes);
export const derNull = () => der(0x05);
export const derBoolean = (value: boolean) => der(0x01, new Uint8Array([value ? 0xff : 0x00]));

/** A non-negative INTEGER from big-endian bytes (a leading 0x00 keeps it positive). */
export function integer(bytes: Uint8Array | number): Uint8Array {
  let b = typeof bytes === 'number' ? new Uint8Array([bytes]) : bytes;
  let start = 0;
  while (start < b.length - 1 && b[start] === 0) start++;
  b = b.subarray(start);
  return der(0x02, (b[0] ?? 0) & 0x80 ? new Uint8Array([0, ...b]) : b);
}

export function oid(dotted: string): Uint8Array {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a! + b!];
  for (const n of rest) {
    const chunk: number[] = [];
    let v = n;
    do {
      chunk.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    out.push(...chunk);
  }
  return der(0x06, new Uint8Array(out));
}

export function readNode(bytes: Uint8Array, at = 0): DerNode & { end: number } {
  if (at + 2 > bytes.length) throw new Error('DER 数据不完整');
  const tag = bytes[at]!;
  if ((tag & 0x1f) === 0x1f) throw new Error('DER 多字节标签不支持');
  let length = bytes[at + 1]!;
  let head = 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    // n === 0 is BER's indefinite length: not DER, refused.
    if (n === 0 || n > 4) throw new Error('DER 长度格式不支持');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[at + 2 + i]!;
    head += n;
  }
  const end = at + head + length;
  if (end > bytes.length) throw new Error('DER 数据不完整');
  return { tag, content: bytes.subarray(at + head, end), raw: bytes.subarray(at, end), end };
}

/** The element, checked to carry the expected tag (a clear message instead of reading the wrong field). */
export function expectTag<T extends DerNode>(node: T | undefined, tag: number, what: string): T {
  if (!node) throw new Error(`时间戳结构不完整：缺少${what}`);
  if (node.tag !== tag) throw new Error(`时间戳结构不符：${what}的类型应为 0x${tag.toString(16)}，实为 0x${node.tag.toString(16)}`);
  return node;
}

/** Reads exactly one element filling `bytes` (trailing bytes are refused). */
export function readWhole(bytes: Uint8Array): DerNode {
  const node = readNode(bytes);
  if (node.end !== bytes.length) throw new Error('DER 数据后有多余字节');
  return node;
}

/** The children of a constructed element. */
export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  for (let at = 0; at < node.content.length; ) {
    const child = readNode(node.content, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

export function decodeOid(content: Uint8Array): string {
  const first = content[0] ?? 0;
  const parts = [Math.floor(first / 40), first % 40];
  let v = 0;
  for (const b of content.subarray(1)) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
