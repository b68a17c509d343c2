/**
 * npm run --silent verify -- PACKAGE.zip [MORE.zip …]
 * Recomputes every hash of an exported evidence package. Exit 0: all intact; 1: something modified, missing,
 * unexpected or unreadable; 2: a package could not be checked at all or no file was given.
 */
import { readFile } from 'node:fs/promises';
import { describeVerification, verifyEvidencePackage } from '../verify/verifyPackage';

async function main(paths: string[]): Promise<number> {
  if (paths.length === 0) {
    console.error('用法：npm run --silent verify -- 证据包.zip');
    return 2;
  }
  let worst = 0;
  for (const path of paths) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch (error) {
      console.error(`✗ 无法读取 ${path}：${error instanceof Error ? error.message : String(error)}`);
      worst = 2;
      continue;
    }
    const result = await verifyEvidencePackage(bytes);
    if (paths.length > 1) console.log(`== ${path}`);
    for (const line of describeVerification(result)) console.log(line);
    worst = Math.max(worst, result.fatal ? 2 : result.ok ? 0 : 1);
  }
  return worst;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
