/**
 * RFC 3161 trusted timestamps for an evidence package: a request for the SHA-256 of manifest.json, sent only to the
 * TSA URL the seller configures, and a reader for the reply that checks it is for our hash (and our nonce) and reads
 * the TSA's time. Verifying the TSA's signature needs its certificate chain: `openssl ts -verify` (see report.html).
 */
import { children, decodeOid, derBoolean, derNull, expectTag, hex, integer, octetString, oid, readWhole, sequence, type DerNode } from './der';

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
  /** The messageImprint: the SHA-256 the TSA stamped. */
  sha256: string;
  nonce: string | null;
  /** The TSA policy OID under which the token was issued. */
  policy: string;
  serial: string;
  /** The DER TSTInfo (the signed content) and what the signer says its digest is (signed attribute messageDigest). */
  tstInfo: Uint8Array;
  signer: { digestAlgorithm: string; messageDigest: string | null; certificates: number };
}

const STATUS_TEXT: Record<number, string> = { 0: '已授予', 1: '已授予（有修改）', 2: '拒绝', 3: '等待中', 4: '即将吊销', 5: '已吊销' };

const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
/** Digest algorithms a TSA may sign with, by OID, as WebCrypto names them. */
export const DIGEST_ALGORITHMS: Record<string, { name: string; webCrypto: AlgorithmIdentifier }> = {
  '1.3.14.3.2.26': { name: 'SHA-1', webCrypto: 'SHA-1' },
  '2.16.840.1.101.3.4.2.1': { name: 'SHA-256', webCrypto: 'SHA-256' },
  '2.16.840.1.101.3.4.2.2': { name: 'SHA-384', webCrypto: 'SHA-384' },
  '2.16.840.1.101.3.4.2.3': { name: 'SHA-512', webCrypto: 'SHA-512' },
};

function generalizedTime(content: Uint8Array): string {
  const s = new TextDecoder().decode(content); // YYYYMMDDHHMMSS[.fff]Z
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(s);
  if (!m) throw new Error(`时间戳时间格式无法识别：${s}`);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${(m[7] ?? '.000').padEnd(4, '0').slice(0, 4)}Z`;
}

const TAG = { INTEGER: 0x02, OCTET_STRING: 0x04, OID: 0x06, GENERALIZED_TIME: 0x18, SEQUENCE: 0x30, SET: 0x31, CTX0: 0xa0, CTX1: 0xa1 } as const;

/** The signer's messageDigest attribute and digest algorithm (RFC 5652 SignerInfo). */
function readSigner(signerInfos: DerNode): TimeStampToken['signer'] & { certificates: number } {
  const infos = children(expectTag(signerInfos, TAG.SET, '签名者信息（SignerInfos）'));
  if (infos.length !== 1) throw new Error(`时间戳应有一个签名者，实有 ${infos.length} 个`);
  const fields = children(expectTag(infos[0], TAG.SEQUENCE, '签名者信息'));
  // version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature, [1] unsignedAttrs
  const digestAlgorithm = decodeOid(expectTag(children(expectTag(fields[2], TAG.SEQUENCE, '签名摘要算法'))[0], TAG.OID, '签名摘要算法').content);
  const signedAttrs = fields[3]?.tag === TAG.CTX0 ? children(fields[3]) : [];
  let messageDigest: string | null = null;
  for (const attr of signedAttrs) {
    const [type, values] = children(expectTag(attr, TAG.SEQUENCE, '签名属性'));
    if (decodeOid(expectTag(type, TAG.OID, '签名属性类型').content) !== ID_MESSAGE_DIGEST) continue;
    messageDigest = hex(expectTag(children(expectTag(values, TAG.SET, '签名属性值'))[0], TAG.OCTET_STRING, 'messageDigest').content);
  }
  return { digestAlgorithm, messageDigest, certificates: 0 };
}

/** Reads a TimeStampToken (ContentInfo with SignedData around TSTInfo), checking each field's type on the way. */
export function readToken(token: Uint8Array): TimeStampToken {
  const contentInfo = children(expectTag(readWhole(token), TAG.SEQUENCE, '时间戳（ContentInfo）'));
  if (decodeOid(expectTag(contentInfo[0], TAG.OID, '内容类型').content) !== ID_SIGNED_DATA) throw new Error('不是 CMS SignedData');
  const signedData = children(expectTag(children(expectTag(contentInfo[1], TAG.CTX0, '签名数据'))[0], TAG.SEQUENCE, '签名数据（SignedData）'));
  expectTag(signedData[0], TAG.INTEGER, 'SignedData 版本');
  expectTag(signedData[1], TAG.SET, '摘要算法集合');
  const encap = children(expectTag(signedData[2], TAG.SEQUENCE, '封装内容'));
  if (decodeOid(expectTag(encap[0], TAG.OID, '封装内容类型').content) !== ID_CT_TSTINFO) throw new Error('不是时间戳（TSTInfo）');
  const tstInfoBytes = expectTag(children(expectTag(encap[1], TAG.CTX0, '时间戳内容'))[0], TAG.OCTET_STRING, '时间戳内容（TSTInfo）').content;
  const tstInfo = children(expectTag(readWhole(tstInfoBytes), TAG.SEQUENCE, 'TSTInfo'));
  const [version, policy, imprint, serial, genTime, ...rest] = tstInfo;
  if (hex(expectTag(version, TAG.INTEGER, 'TSTInfo 版本').content) !== '01') throw new Error('TSTInfo 版本不是 1');
  const [algorithm, hashed] = children(expectTag(imprint, TAG.SEQUENCE, '消息摘要（messageImprint）'));
  if (decodeOid(expectTag(children(expectTag(algorithm, TAG.SEQUENCE, '摘要算法'))[0], TAG.OID, '摘要算法').content) !== SHA256)
    throw new Error('时间戳不是对 SHA-256 的签发');
  const digest = expectTag(hashed, TAG.OCTET_STRING, '摘要值').content;
  if (digest.length !== 32) throw new Error(`SHA-256 摘要应为 32 字节，实为 ${digest.length} 字节`);
  const nonce = rest.find((n) => n.tag === TAG.INTEGER);
  // certificates [0] and crls [1] are optional; SignerInfos is the SET after them.
  let at = 3;
  let certificates = 0;
  if (signedData[at]?.tag === TAG.CTX0) certificates = children(signedData[at++]!).length;
  if (signedData[at]?.tag === TAG.CTX1) at++;
  const signer = readSigner(signedData[at]!);
  return {
    token,
    genTime: generalizedTime(expectTag(genTime, TAG.GENERALIZED_TIME, '签发时间（genTime）').content),
    sha256: hex(digest),
    nonce: nonce ? hex(nonce.content).replace(/^(00)+(?=..)/, '') : null,
    policy: decodeOid(expectTag(policy, TAG.OID, '策略（policy）').content),
    serial: hex(expectTag(serial, TAG.INTEGER, '序列号').content),
    tstInfo: tstInfoBytes,
    signer: { ...signer, certificates },
  };
}

/**
 * Whether the token is internally consistent: the digest the signer signed (messageDigest) is the digest of the
 * TSTInfo it carries. A TSTInfo edited after signing (say, to stamp another hash) fails here even without the
 * TSA's certificate; the signature itself needs the certificate chain (`openssl ts -verify`).
 */
export async function tokenContentMatchesSignedDigest(token: TimeStampToken): Promise<{ ok: boolean; detail: string }> {
  const algorithm = DIGEST_ALGORITHMS[token.signer.digestAlgorithm];
  if (!algorithm) return { ok: false, detail: `签名摘要算法 ${token.signer.digestAlgorithm} 不支持` };
  if (!token.signer.messageDigest) return { ok: false, detail: '签名者信息中没有 messageDigest 属性' };
  const actual = hex(new Uint8Array(await crypto.subtle.digest(algorithm.webCrypto, token.tstInfo as Uint8Array<ArrayBuffer>)));
  return actual === token.signer.messageDigest
    ? { ok: true, detail: `时间戳内容与签名摘要一致（${algorithm.name}）` }
    : { ok: false, detail: '时间戳内容与签名时的摘要不符：时间戳在签发后被改动过' };
}

/** The TimeStampToken inside a TimeStampResp, after checking the PKIStatus says it was granted. */
function grantedToken(response: Uint8Array): TimeStampToken {
  const parts = children(expectTag(readWhole(response), TAG.SEQUENCE, '时间戳回复（TimeStampResp）'));
  const status = children(expectTag(parts[0], TAG.SEQUENCE, '回复状态（PKIStatusInfo）'));
  const code = expectTag(status[0], TAG.INTEGER, '回复状态').content[0] ?? 255;
  if (code > 1) throw new Error(`时间戳服务拒绝了请求（${STATUS_TEXT[code] ?? code}）`);
  if (!parts[1]) throw new Error('时间戳服务的回复中没有时间戳');
  return readToken(parts[1].raw.slice());
}

/** Reads a TimeStampResp (`.tsr`, what `openssl ts -verify -in` takes) without checking whom it answers. */
export function readTimeStampReply(response: Uint8Array): TimeStampToken {
  return grantedToken(response);
}

/** Reads a TimeStampResp and checks it answers our request. */
export function readTimeStampResponse(response: Uint8Array, expected: { sha256: string; nonce: Uint8Array }): TimeStampToken {
  const token = grantedToken(response);
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
