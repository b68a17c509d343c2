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
