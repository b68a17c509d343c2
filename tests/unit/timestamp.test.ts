import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/evidence/bytes';
import { readTimeStampReply, requestTimestamp, timeStampRequest } from '../../lib/timestamp/rfc3161';
import { startLocalTsa, type LocalTsa } from '../harness/localTsa';

let tsa: LocalTsa;
beforeAll(async () => {
  tsa = await startLocalTsa();
}, 30_000);
afterAll(async () => {
  await tsa?.close();
});

describe('RFC 3161 trusted timestamp against a real local TSA (openssl ts)', () => {
  it('gets a token for the manifest hash that openssl verifies, with the TSA time and our hash and nonce', async () => {
    const manifest = new TextEncoder().encode('{"format":"reviewguard.evidence-package/1"}\n');
    const sha = await sha256Hex(manifest);
    const before = Date.now();
    const stamp = await requestTimestamp(tsa.url, sha);
    expect(stamp.sha256).toBe(sha);
    expect(Math.abs(Date.parse(stamp.genTime) - before)).toBeLessThan(10_000);
    expect(stamp.policy).toBe('1.2.3.4.1');

    const data = path.join(tsa.dir, 'manifest.json');
    const tsr = path.join(tsa.dir, 'manifest.tsr');
    writeFileSync(data, manifest);
    writeFileSync(tsr, stamp.reply);
    const verified = tsa.verify(data, tsr);
    expect(verified.output).toContain('Verification: OK');
    expect(readTimeStampReply(stamp.reply).sha256).toBe(sha);

    // The same token does not verify for a changed manifest.
    writeFileSync(data, new TextEncoder().encode('{"format":"reviewguard.evidence-package/1","x":1}\n'));
    expect(tsa.verify(data, tsr).ok).toBe(false);
  });

  it('refuses a reply that is not for our hash', async () => {
    const sha = 'ab'.repeat(32);
    const wrongFetch: typeof fetch = async (url, init) =>
      fetch(url, { ...init, body: timeStampRequest('cd'.repeat(32), new Uint8Array([1, 2, 3])) as Uint8Array<ArrayBuffer> });
    await expect(requestTimestamp(tsa.url, sha, wrongFetch)).rejects.toThrow('哈希');
  });
});

describe('evidence package with a trusted timestamp', () => {
  it('carries manifest.tsr, which openssl verifies against manifest.json and the verifier checks', async () => {
    const { buildEvidencePackage } = await import('../../lib/export/buildPackage');
    const { verifyEvidencePackage } = await import('../../lib/verify/verifyPackage');
    const { unzipSync, zipSync } = await import('fflate');
    const built = await buildEvidencePackage({
      cases: [],
      evidence: [],
      audit: [],
      nowMs: Date.now(),
      generator: 'test',
      privacyMasking: true,
      timestamp: async (sha) => requestTimestamp(tsa.url, sha),
    });
    expect(built.timestampError).toBeNull();
    const files = unzipSync(built.zip);
    writeFileSync(path.join(tsa.dir, 'pkg-manifest.json'), files['manifest.json']!);
    writeFileSync(path.join(tsa.dir, 'pkg-manifest.tsr'), files['manifest.tsr']!);
    expect(tsa.verify(path.join(tsa.dir, 'pkg-manifest.json'), path.join(tsa.dir, 'pkg-manifest.tsr')).ok).toBe(true);
    const result = await verifyEvidencePackage(built.zip);
    expect(result.ok).toBe(true);
    expect(result.timestamp).toMatchObject({ matchesManifest: true, genTime: built.timestamp!.genTime });

    // A rewritten manifest (say, to hide a file) no longer matches its timestamp.
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    manifest.exportedAt = '2020-01-01T00:00:00.000+08:00';
    const forged = zipSync({ ...files, 'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)) });
    const forgedResult = await verifyEvidencePackage(forged);
    expect(forgedResult.ok).toBe(false);
    expect(forgedResult.timestamp!.matchesManifest).toBe(false);
  });

  it('a TSA that is down does not stop the export; the reason is reported', async () => {
    const { buildEvidencePackage } = await import('../../lib/export/buildPackage');
    const built = await buildEvidencePackage({
      cases: [], evidence: [], audit: [], nowMs: Date.now(), generator: 'test', privacyMasking: true,
      timestamp: async (sha) => requestTimestamp('http://127.0.0.1:9/tsa', sha),
    });
    expect(built.timestamp).toBeNull();
    expect(built.timestampError).toBeTruthy();
  });
});

describe('the verifier checks manifest.tsr', () => {
  async function stampedPackage() {
    const { buildEvidencePackage } = await import('../../lib/export/buildPackage');
    const { unzipSync } = await import('fflate');
    const built = await buildEvidencePackage({
      cases: [], evidence: [], audit: [], nowMs: Date.now(), generator: 'test', privacyMasking: true,
      timestamp: async (sha) => requestTimestamp(tsa.url, sha),
    });
    expect(built.timestampError).toBeNull();
    return { built, files: unzipSync(built.zip) };
  }
  /** Where the stamped SHA-256 (messageImprint) sits in the DER reply. */
  const imprintOffset = (tsr: Uint8Array, sha: string) => Buffer.from(tsr).indexOf(Buffer.from(sha, 'hex'));

  it('a real token: 时间戳与清单一致, with the TSA time and policy; the signature is 未验证 without a CA', async () => {
    const { verifyEvidencePackage, describeVerification } = await import('../../lib/verify/verifyPackage');
    const { built } = await stampedPackage();
    const result = await verifyEvidencePackage(built.zip);
    expect(result.ok).toBe(true);
    expect(result.timestamp).toMatchObject({
      verdict: 'matches',
      matchesManifest: true,
      contentIntact: true,
      genTime: built.timestamp!.genTime,
      policy: '1.2.3.4.1',
      imprintSha256: built.manifestSha256,
      signature: 'not-checked',
    });
    const text = describeVerification(result).join('\n');
    expect(text).toContain('时间戳与清单一致');
    expect(text).toContain('策略 1.2.3.4.1');
    expect(text).toContain('未验证签名');
  });

  it('with the TSA CA the signature is verified by openssl ts -verify; with another CA it fails', async () => {
    const { verifyEvidencePackage } = await import('../../lib/verify/verifyPackage');
    const { opensslTimestampChecker } = await import('../../lib/verify/opensslTimestamp');
    const { built } = await stampedPackage();
    const good = await verifyEvidencePackage(built.zip, { checkTimestampSignature: opensslTimestampChecker(path.join(tsa.dir, 'ca.pem')) });
    expect(good.timestamp!.signature, good.timestamp!.signatureDetail).toBe('verified');
    expect(good.ok).toBe(true);

    const other = await startLocalTsa();
    try {
      const bad = await verifyEvidencePackage(built.zip, { checkTimestampSignature: opensslTimestampChecker(path.join(other.dir, 'ca.pem')) });
      expect(bad.timestamp!.verdict).toBe('matches');
      expect(bad.timestamp!.signature).toBe('failed');
      expect(bad.timestamp!.signatureDetail).toContain('openssl ts -verify 未通过');
      expect(bad.ok).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('a tampered token (one byte of the stamped hash changed) is 不一致, and openssl refuses it too', async () => {
    const { verifyEvidencePackage, describeVerification } = await import('../../lib/verify/verifyPackage');
    const { opensslTimestampChecker } = await import('../../lib/verify/opensslTimestamp');
    const { zipSync } = await import('fflate');
    const { built, files } = await stampedPackage();
    const tsr = files['manifest.tsr']!.slice();
    const at = imprintOffset(tsr, built.manifestSha256);
    expect(at).toBeGreaterThan(0);
    tsr[at + 5]! ^= 0x01;
    const tampered = zipSync({ ...files, 'manifest.tsr': tsr });
    const result = await verifyEvidencePackage(tampered, { checkTimestampSignature: opensslTimestampChecker(path.join(tsa.dir, 'ca.pem')) });
    expect(result.files.every((f) => f.verdict === 'intact')).toBe(true);
    expect(result.timestamp!.verdict).toBe('mismatch');
    expect(result.timestamp!.signature).toBe('failed');
    expect(result.ok).toBe(false);
    expect(describeVerification(result).at(-1)).toBe('✗ 校验未通过：时间戳与清单不一致（时间戳内容被改动）；签名验证失败');
  });

  it('a token re-pointed at a rewritten manifest matches it by hash, but its content no longer matches what the TSA signed', async () => {
    const { verifyEvidencePackage } = await import('../../lib/verify/verifyPackage');
    const { zipSync } = await import('fflate');
    const { built, files } = await stampedPackage();
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    manifest.exportedAt = '2020-01-01T00:00:00.000+08:00';
    const forgedManifest = new TextEncoder().encode(JSON.stringify(manifest));
    const tsr = files['manifest.tsr']!.slice();
    tsr.set(Buffer.from(await sha256Hex(forgedManifest), 'hex'), imprintOffset(tsr, built.manifestSha256));
    const result = await verifyEvidencePackage(zipSync({ ...files, 'manifest.json': forgedManifest, 'manifest.tsr': tsr }));
    expect(result.timestamp!.verdict).toBe('matches');
    expect(result.timestamp!.contentIntact).toBe(false);
    expect(result.timestamp!.matchesManifest).toBe(false);
    expect(result.timestamp!.detail).toContain('签发后被改动');
    expect(result.ok).toBe(false);
  });

  it('a manifest.tsr that is not a timestamp is reported as unreadable, with the reason', async () => {
    const { verifyEvidencePackage } = await import('../../lib/verify/verifyPackage');
    const { zipSync } = await import('fflate');
    const { files } = await stampedPackage();
    for (const junk of [new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]), new TextEncoder().encode('not DER'), files['manifest.tsr']!.slice(0, 40)]) {
      const result = await verifyEvidencePackage(zipSync({ ...files, 'manifest.tsr': junk }));
      expect(result.timestamp!.verdict).toBe('unreadable');
      expect(result.timestamp!.detail).toMatch(/无法读取：\S/);
      expect(result.ok).toBe(false);
    }
  });
});

describe('verify CLI with --tsa-ca', () => {
  const cli = (args: string[]) => spawnSync('npx', ['tsx', 'lib/cli/verify.ts', ...args], { encoding: 'utf8' });

  it('parses its options and refuses unknown ones', async () => {
    const { parseArgs } = await import('../../lib/cli/verify');
    expect(parseArgs(['--tsa-ca', 'ca.pem', 'a.zip'])).toEqual({ paths: ['a.zip'], tsaCa: 'ca.pem', tsaUntrusted: null });
    expect(parseArgs(['a.zip', '--tsa-ca=ca.pem', 'b.zip'])).toEqual({ paths: ['a.zip', 'b.zip'], tsaCa: 'ca.pem', tsaUntrusted: null });
    expect(() => parseArgs(['--tsa-ca'])).toThrow('需要一个证书文件');
    expect(() => parseArgs(['--tsa', 'x', 'a.zip'])).toThrow('不认识的选项 --tsa');
    expect(() => parseArgs(['--tsa-untrusted', 't.pem', 'a.zip'])).toThrow('只能与 --tsa-ca');
  });

  it('exit 0 and 签名已验证 for a real package; 1 for a tampered token; 2 for a CA file it cannot read', async () => {
    const { buildEvidencePackage } = await import('../../lib/export/buildPackage');
    const { unzipSync, zipSync } = await import('fflate');
    const built = await buildEvidencePackage({
      cases: [], evidence: [], audit: [], nowMs: Date.now(), generator: 'test', privacyMasking: true,
      timestamp: async (sha) => requestTimestamp(tsa.url, sha),
    });
    const zip = path.join(tsa.dir, 'cli-package.zip');
    writeFileSync(zip, built.zip);
    const ca = path.join(tsa.dir, 'ca.pem');
    const ok = cli(['--tsa-ca', ca, zip]);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('✓ 签名已验证');
    expect(ok.stdout).toContain('时间戳与清单一致');
    expect(ok.stdout).toContain(`时间戳机构时间 ${built.timestamp!.genTime}`);

    const files = unzipSync(built.zip);
    const tsr = files['manifest.tsr']!.slice();
    tsr[Buffer.from(tsr).indexOf(Buffer.from(built.manifestSha256, 'hex'))]! ^= 0x80;
    const tamperedZip = path.join(tsa.dir, 'cli-tampered.zip');
    writeFileSync(tamperedZip, zipSync({ ...files, 'manifest.tsr': tsr }));
    const bad = cli(['--tsa-ca', ca, tamperedZip]);
    expect(bad.status, bad.stdout).toBe(1);
    expect(bad.stdout).toContain('时间戳与清单不一致');

    const noCa = cli(['--tsa-ca', path.join(tsa.dir, 'no-such.pem'), zip]);
    expect(noCa.status).toBe(2);
    expect(noCa.stderr).toContain('无法读取证书文件');
  }, 60_000);
});
