/**
 * npm run --silent verify -- [--tsa-ca CA.pem [--tsa-untrusted TSA.pem]] PACKAGE.zip [MORE.zip …]
 * Recomputes every hash of an exported evidence package and, when it has manifest.tsr, checks that the RFC 3161
 * timestamp is for this manifest.json (messageImprint = its SHA-256) and reports the TSA's time and policy. With
 * --tsa-ca (and openssl on PATH) the TSA's signature is verified too (`openssl ts -verify`); without it the
 * signature is reported as not verified.
 * Exit 0: all intact; 1: something modified, missing, unexpected or unreadable, or the timestamp does not match
 * or its signature fails; 2: a package could not be checked at all, bad arguments, or openssl/CA file unavailable.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { opensslTimestampChecker, opensslVersion } from '../verify/opensslTimestamp';
import { describeVerification, verifyEvidencePackage, type VerifyOptions } from '../verify/verifyPackage';

const USAGE = '用法：npm run --silent verify -- [--tsa-ca 时间戳机构根证书.pem [--tsa-untrusted 时间戳机构证书.pem]] 证据包.zip …';

export interface CliArgs {
  paths: string[];
  tsaCa: string | null;
  tsaUntrusted: string | null;
}

/** Parses the arguments; throws with a message for the user on anything it does not understand. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { paths: [], tsaCa: null, tsaUntrusted: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--tsa-ca' || flag === '--tsa-untrusted') {
      const value = inline ?? argv[++i];
      if (!value || value.startsWith('--')) throw new Error(`${flag} 需要一个证书文件`);
      if (flag === '--tsa-ca') args.tsaCa = value;
      else args.tsaUntrusted = value;
    } else if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    else if (flag.startsWith('--')) throw new Error(`不认识的选项 ${flag}\n${USAGE}`);
    else args.paths.push(arg);
  }
  if (args.tsaUntrusted && !args.tsaCa) throw new Error('--tsa-untrusted 只能与 --tsa-ca 一起使用');
  if (args.paths.length === 0) throw new Error(USAGE);
  return args;
}

async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const options: VerifyOptions = {};
  if (args.tsaCa) {
    for (const file of [args.tsaCa, args.tsaUntrusted]) {
      if (!file) continue;
      try {
        await readFile(file);
      } catch (error) {
        console.error(`✗ 无法读取证书文件 ${file}：${error instanceof Error ? error.message : String(error)}`);
        return 2;
      }
    }
    if (!opensslVersion()) {
      console.error('✗ 未找到 openssl，无法按 --tsa-ca 验证时间戳签名（请安装 openssl，或去掉 --tsa-ca 只核对哈希）');
      return 2;
    }
    options.checkTimestampSignature = opensslTimestampChecker(args.tsaCa, args.tsaUntrusted ? { untrusted: args.tsaUntrusted } : {});
  }
  let worst = 0;
  for (const path of args.paths) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch (error) {
      console.error(`✗ 无法读取 ${path}：${error instanceof Error ? error.message : String(error)}`);
      worst = 2;
      continue;
    }
    const result = await verifyEvidencePackage(bytes, options);
    if (args.paths.length > 1) console.log(`== ${path}`);
    for (const line of describeVerification(result)) console.log(line);
    if (args.tsaCa && !result.fatal && !result.timestamp) console.log('· 证据包中没有可信时间戳（manifest.tsr），--tsa-ca 未使用');
    worst = Math.max(worst, result.fatal ? 2 : result.ok ? 0 : 1);
  }
  return worst;
}

// Run only as the CLI (tests import parseArgs).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2)).then((code) => process.exit(code));
