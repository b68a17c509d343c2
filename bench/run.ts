/**
 * npm run bench — runs every suite in bench/suites/ (or those named on the command line), prints a table and
 * writes bench/results.json. Targets are reported, never asserted: figures from one machine are orders of magnitude.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchSuite, Figure } from './figures';

const here = path.dirname(fileURLToPath(import.meta.url));

interface SuiteResult {
  suite: string;
  /** The suite's file in bench/suites/ (older results may lack it). */
  file?: string;
  measuredAt?: string;
  /** One-minute load average when the suite started: figures taken on a busy machine read accordingly. */
  loadAverage?: number;
  figures: Figure[];
  error?: string;
}

function allSuiteFiles(): string[] {
  return readdirSync(path.join(here, 'suites')).filter((f) => f.endsWith('.ts'));
}

function previousResults(file: string): SuiteResult[] {
  if (!existsSync(file)) return [];
  try {
    const old = JSON.parse(readFileSync(file, 'utf8')) as { suites?: SuiteResult[] };
    const present = new Set(allSuiteFiles());
    return (old.suites ?? []).filter((s) => s.file !== undefined && present.has(s.file));
  } catch {
    return [];
  }
}

async function main() {
  const only = process.argv.slice(2);
  const files = allSuiteFiles()
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const results: SuiteResult[] = [];
  for (const file of files) {
    const suite = (await import(pathToFileURL(path.join(here, 'suites', file)).href)).default as BenchSuite;
    process.stdout.write(`… ${suite.name}\n`);
    const measuredAt = new Date().toISOString();
    const loadAverage = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
    try {
      results.push({ suite: suite.name, file, measuredAt, loadAverage, figures: await suite.run() });
    } catch (error) {
      results.push({ suite: suite.name, file, measuredAt, loadAverage, figures: [], error: error instanceof Error ? error.message : String(error) });
    }
  }

  // Running some suites keeps the others' last figures (each suite carries its own measuredAt).
  const resultsFile = path.join(here, 'results.json');
  const kept = previousResults(resultsFile).filter((r) => !results.some((n) => n.file === r.file) && files.length < allSuiteFiles().length);
  const report = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
    node: process.version,
    suites: [...results, ...kept].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '')),
  };
  writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);

  const rows: string[][] = [];
  for (const r of results) {
    rows.push([`[${r.suite}]`, '', '', '', '', '']);
    if (r.error) rows.push([`  失败：${r.error}`, '', '', '', '', '']);
    for (const f of r.figures)
      rows.push([
        `  ${f.name}`,
        `${f.median} ${f.unit}`,
        f.p10 === undefined ? '' : `${f.p10}–${f.p90} ${f.unit}`,
        `${f.max} ${f.unit}`,
        f.target ?? '',
        f.meetsTarget === undefined ? '' : f.meetsTarget ? 'yes' : 'NO',
      ]);
  }
  const header = ['measure', 'median', 'p10–p90', 'max', 'target', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\nReviewGuard bench — Node ${process.version}, ${report.machine.cpus} CPU (${report.machine.cpuModel})\n`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  if (kept.length > 0) console.log(`\nkept from earlier runs: ${kept.map((k) => `${k.suite} (${k.measuredAt ?? '?'})`).join('; ')}`);
  console.log('\nwritten to bench/results.json');
  if (results.some((r) => r.error)) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
