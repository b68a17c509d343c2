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
