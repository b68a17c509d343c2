// @vitest-environment jsdom
/** The 校验 tab with a timestamped package: 时间戳与清单一致 / 不一致, the TSA's time and policy, 未验证签名. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VerifyView } from '../../components/VerifyView';
import { buildEvidencePackage, type BuiltPackage } from '../../lib/export/buildPackage';
import { requestTimestamp } from '../../lib/timestamp/rfc3161';
import { startLocalTsa, type LocalTsa } from '../harness/localTsa';

let tsa: LocalTsa;
let built: BuiltPackage;
beforeAll(async () => {
  tsa = await startLocalTsa();
  built = await buildEvidencePackage({
    cases: [], evidence: [], audit: [], nowMs: Date.now(), generator: 'test', privacyMasking: true,
    // jsdom's fetch is not Node's: ask the TSA with Node's own.
    timestamp: async (sha) => requestTimestamp(tsa.url, sha),
  });
}, 30_000);
afterAll(async () => {
  await tsa?.close();
});
afterEach(cleanup);

async function check(zip: Uint8Array) {
  render(<VerifyView />);
  const file = new File([zip as Uint8Array<ArrayBuffer>], 'package.zip', { type: 'application/zip' });
  // jsdom's File has no arrayBuffer(); the browser's does.
  Object.defineProperty(file, 'arrayBuffer', { value: async () => zip.slice().buffer });
  fireEvent.change(screen.getByTestId('verify-file'), { target: { files: [file] } });
  await waitFor(() => expect(screen.getByTestId('verify-result')).toBeTruthy());
  return screen.getByTestId('verify-result');
}

describe('校验 tab: trusted timestamp', () => {
  it('a file that cannot be read gives a message, not a silent failure', async () => {
    render(<VerifyView />);
    const file = new File(['x'], 'broken.zip');
    Object.defineProperty(file, 'arrayBuffer', { value: async () => Promise.reject(new Error('读取被中断')) });
    fireEvent.change(screen.getByTestId('verify-file'), { target: { files: [file] } });
    await waitFor(() => expect(screen.getByTestId('verify-error').textContent).toBe('无法读取 broken.zip：读取被中断'));
  });

  it('shows 时间戳与清单一致 with the TSA time and policy, and says the signature was not verified', async () => {
    expect(built.timestamp).not.toBeNull();
    const result = await check(built.zip);
    expect(result.getAttribute('data-ok')).toBe('true');
    const stamp = screen.getByTestId('verify-timestamp');
    expect(stamp.getAttribute('data-verdict')).toBe('matches');
    expect(stamp.textContent).toContain('时间戳与清单一致');
    expect(stamp.textContent).toContain(`时间戳机构时间 ${built.timestamp!.genTime}`);
    expect(stamp.textContent).toContain('策略 1.2.3.4.1');
    expect(stamp.textContent).toContain('未验证签名');
  });

  it('a tampered token: 时间戳与清单不一致, and the package fails', async () => {
    const files = unzipSync(built.zip);
    const tsr = files['manifest.tsr']!.slice();
    const at = Buffer.from(tsr).indexOf(Buffer.from(built.manifestSha256, 'hex'));
    tsr[at]! ^= 0xff;
    const result = await check(zipSync({ ...files, 'manifest.tsr': tsr }));
    expect(result.getAttribute('data-ok')).toBe('false');
    expect(screen.getByTestId('verify-timestamp').getAttribute('data-verdict')).toBe('mismatch');
    expect(screen.getByTestId('verify-summary').textContent).toContain('时间戳与清单不一致');
  });
});
