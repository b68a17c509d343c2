/**
 * Node only (the CLI): the full check of a trusted timestamp's signature, by `openssl ts -verify` against the CA
 * certificate the user names (`--tsa-ca FILE`). The extension itself cannot run openssl; its 校验 tab reports the
 * signature as not verified.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TimestampSignatureChecker } from './verifyPackage';

/** openssl's version line, or null when there is no usable openssl on PATH. */
export function opensslVersion(openssl = 'openssl'): string | null {
  const r = spawnSync(openssl, ['version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * `openssl ts -verify -data manifest.json -in manifest.tsr -CAfile CA [-untrusted TSA-CERTS]`: checks the TSA's
 * signature, its certificate chain up to the CA, and the imprint against the data. `untrusted` supplies the TSA's
 * own certificate when the token does not carry it.
 */
export function opensslTimestampChecker(caFile: string, options: { untrusted?: string; openssl?: string } = {}): TimestampSignatureChecker {
  return async (manifestJson, tsr) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-verify-'));
    try {
      const data = path.join(dir, 'manifest.json');
      const reply = path.join(dir, 'manifest.tsr');
      writeFileSync(data, manifestJson);
      writeFileSync(reply, tsr);
      const args = ['ts', '-verify', '-data', data, '-in', reply, '-CAfile', path.resolve(caFile)];
      if (options.untrusted) args.push('-untrusted', path.resolve(options.untrusted));
      const r = spawnSync(options.openssl ?? 'openssl', args, { encoding: 'utf8' });
      if (r.error) throw new Error(`无法运行 openssl：${r.error.message}`);
      const output = `${r.stdout}${r.stderr}`.trim();
      const ok = r.status === 0 && /Verification: OK/.test(output);
      const reason = output.split('\n').filter((l) => l && !/^Using configuration/.test(l)).slice(0, 4).join(' / ');
      return {
        ok,
        detail: ok
          ? `openssl ts -verify 通过：时间戳机构签名有效，证书链可追溯到 ${path.basename(caFile)}`
          : `openssl ts -verify 未通过（${reason || `退出码 ${r.status}`}）`,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
