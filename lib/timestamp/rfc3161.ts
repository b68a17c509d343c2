/**
 * RFC 3161 trusted timestamps for an evidence package: a request for the SHA-256 of manifest.json, sent only to the
 * TSA URL the seller configures, and a reader for the reply that checks it is for our hash (and our nonce) and reads
 * the TSA's time. Verifying the TSA's signature needs its certificate chain: `openssl ts -verify` (see report.html).
 */
import { children, decodeOid, derBoolean, derNull, hex, integer, octetString, oid, readNode, sequence, type DerNode } from './der';

const SHA256 = '2.16.840.1.101.3.4.2.1';
const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const ID_CT_TSTINFO = '1.2.840.113549.1.9.16.1.4';

export function timeStampRequest(sha256Hex: string, nonce: Uint8Array): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(sha256Hex)) throw new Error('需要 SHA-256 十六进制值');
  const digest = new Uint8Array(sha256Hex.match(/../g)!.map((h) => parseInt(h, 16)));
  return sequence(integer(1), sequence(sequence(oid(SHA256), derNull()), octetString(digest)), integer(nonce), derBoolean(true));
}

export interface TimeStampToken {
  /** The TimeStampToken (CMS SignedData) exactly as received. */
  token: Uint8Array;
  /** GeneralizedTime from TSTInfo as ISO 8601 UTC. */
  genTime: string;
  sha256: string;
  nonce: string | null;
  policy: string;
  serial: string;
}

const STATUS_TEXT: Record<number, string> = { 0: '已授予', 1: '已授予（有修改）', 2: '拒绝', 3: '等待中', 4: '即将吊销', 5: '已吊销' };

function generalizedTime(content: Uint8Array): string {
  const s = new TextDecoder().decode(content); // YYYYMMDDHHMMSS[.fff]Z
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(s);
  if (!m) throw new Error(`时间戳时间格式无法识别：${s}`);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${(m[7] ?? '.000').padEnd(4, '0').slice(0, 4)}Z`;
}

/** Reads a TimeStampToken (ContentInfo with SignedData around TSTInfo). */
export function readToken(token: Uint8Array): TimeStampToken {
  const contentInfo = children(readNode(token));
  if (decodeOid(contentInfo[0]!.content) !== ID_SIGNED_DATA) throw new Error('不是 CMS SignedData');
  const signedData = children(children(contentInfo[1]!)[0]!);
  const encap = children(signedData[2]!);
  if (decodeOid(encap[0]!.content) !== ID_CT_TSTINFO) throw new Error('不是时间戳（TSTInfo）');
  const tstInfo = children(readNode(children(encap[1]!)[0]!.content));
  const [, policy, imprint, serial, genTime, ...rest] = tstInfo as [DerNode, DerNode, DerNode, DerNode, DerNode, ...DerNode[]];
  const [algorithm, hashed] = children(imprint);
  if (decodeOid(children(algorithm!)[0]!.content) !== SHA256) throw new Error('时间戳不是对 SHA-256 的签发');
  const nonce = rest.find((n) => n.tag === 0x02);
  return {
    token,
    genTime: generalizedTime(genTime.content),
    sha256: hex(hashed!.content),
    nonce: nonce ? hex(nonce.content).replace(/^(00)+(?=..)/, '') : null,
    policy: decodeOid(policy.content),
    serial: hex(serial.content),
  };
}

/** Reads a TimeStampResp (`.tsr`, what `openssl ts -verify -in` takes) without checking whom it answers. */
export function readTimeStampReply(response: Uint8Array): TimeStampToken {
  const parts = children(readNode(response));
  const code = children(parts[0]!)[0]!.content[0] ?? 255;
  if (code > 1) throw new Error(`时间戳服务拒绝了请求（${STATUS_TEXT[code] ?? code}）`);
  if (!parts[1]) throw new Error('时间戳服务的回复中没有时间戳');
  return readToken(parts[1].raw.slice());
}

/** Reads a TimeStampResp and checks it answers our request. */
export function readTimeStampResponse(response: Uint8Array, expected: { sha256: string; nonce: Uint8Array }): TimeStampToken {
  const parts = children(readNode(response));
  const status = children(parts[0]!);
  const code = status[0]!.content[0] ?? 255;
  if (code > 1) throw new Error(`时间戳服务拒绝了请求（${STATUS_TEXT[code] ?? code}）`);
  if (!parts[1]) throw new Error('时间戳服务的回复中没有时间戳');
  const token = readToken(parts[1].raw.slice());
  if (token.sha256 !== expected.sha256) throw new Error('时间戳对应的哈希与证据包清单不符');
  if (token.nonce !== hex(expected.nonce).replace(/^(00)+(?=..)/, '')) throw new Error('时间戳的随机数不符（回复不是针对本次请求）');
  return token;
}

/** POSTs the request to the configured TSA. The only network call ReviewGuard makes, and only when configured. */
export async function requestTimestamp(
  tsaUrl: string,
  sha256: string,
  fetchImpl: typeof fetch = fetch,
): Promise<TimeStampToken & { reply: Uint8Array }> {
  const nonce = crypto.getRandomValues(new Uint8Array(8));
  nonce[0] = nonce[0]! & 0x7f || 1;
  const response = await fetchImpl(tsaUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: timeStampRequest(sha256, nonce) as Uint8Array<ArrayBuffer>,
  });
  if (!response.ok) throw new Error(`时间戳服务返回 HTTP ${response.status}`);
  const reply = new Uint8Array(await response.arrayBuffer());
  return { ...readTimeStampResponse(reply, { sha256, nonce }), reply };
}
