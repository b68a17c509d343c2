/**
 * npm run --silent classify -- FILE [--platform taobao|jd|pinduoduo|dianping] [--full]
 *
 * Reads JSON Lines in the corpus schema (one case a line; a bare {"id","text"} works) or a CSV/TSV exported
 * from a seller console (detected by extension or header; 评价内容/评价时间/订单号/星级/评分… are mapped), and
 * prints exactly one JSON line per case to stdout:
 *
 *   {"id","category","confidence","also","reasons"}
 *
 * or, for a line that cannot be read, {"id": null|"…", "line": N, "error": "…"} — the batch always goes on.
 * All reviews of the file are classified together, so coordinated near-identical reviews are found.
 * `--full` adds phrases, evidence and route to each line. FILE `-` reads stdin. Nothing else goes to stdout.
 */
import { readFileSync } from 'node:fs';
import { classifyReviews } from '../classify';
import type { ClassifyInput } from '../schemas/classification';
import { parseInput } from './input';

interface Args {
  file: string | null;
  platform?: string;
  full: boolean;
}

const USAGE = '用法：npm run --silent classify -- FILE.jsonl|FILE.csv [--platform taobao|jd|pinduoduo|dianping] [--full]';

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { file: null, full: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--full') args.full = true;
    else if (a === '--platform') args.platform = argv[++i];
    else if (a.startsWith('--platform=')) args.platform = a.slice('--platform='.length);
    else if (a === '-h' || a === '--help') {
      process.stderr.write(`${USAGE}\n`);
      process.exit(0);
    } else if (args.file === null) args.file = a;
  }
  return args;
}

function readAll(file: string): Uint8Array {
  return readFileSync(file === '-' ? 0 : file);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (!args.file) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  let bytes: Uint8Array;
  try {
    bytes = readAll(args.file);
  } catch (e) {
    process.stderr.write(`无法读取文件 ${args.file}：${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  const { records } = parseInput(bytes, args.file, { platform: args.platform });

  const inputs: ClassifyInput[] = [];
  const slot: number[] = [];
  records.forEach((r, k) => {
    if (r.input) {
      slot[k] = inputs.length;
      inputs.push(r.input);
    }
  });
  let results: ReturnType<typeof classifyReviews> = [];
  try {
    results = classifyReviews(inputs);
  } catch {
    // A bug must not lose the batch: fall back to one review at a time, reporting the ones that fail.
    results = [];
  }

  const out: string[] = [];
  records.forEach((r, k) => {
    if (!r.input) {
      out.push(JSON.stringify({ id: r.id, line: r.line, error: r.error ?? '无法读取' }));
      return;
    }
    let c = results[slot[k] ?? -1];
    if (!c) {
      try {
        c = classifyReviews([r.input])[0];
      } catch (e) {
        out.push(JSON.stringify({ id: r.id, line: r.line, error: `分类失败：${e instanceof Error ? e.message : String(e)}` }));
        return;
      }
    }
    if (!c) return;
    const reasons = r.notes.length > 0 ? [...c.reasons, ...r.notes] : c.reasons;
    const line: Record<string, unknown> = { id: r.id, category: c.category, confidence: c.confidence, also: c.also, reasons };
    if (args.full) Object.assign(line, { phrases: c.phrases, evidence: c.evidence, route: c.route, version: c.version });
    out.push(JSON.stringify(line));
  });
  process.stdout.write(out.length > 0 ? `${out.join('\n')}\n` : '');
}

main();
