// `npm run bench [path] [--runs N] [--profile]`: measures the compiled scanner (dist/) on a corpus and prints a table.
//
// Each configuration runs in its own child process, so that peak RSS (`maxRSS`, which never goes down) belongs to
// that configuration alone; worker threads live in the same process and are included.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_VERSION, generateCorpus, type CorpusSummary } from './generate-corpus.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS_DIR = path.join(ROOT, '.bench-corpus');
const CORPUS_INFO = path.join(CORPUS_DIR, '.corpus-info');
const SEED = 20_251_126;
const CORPUS_BYTES = 16_000_000;

const TARGET = { mbPerSecond: 15 / 2, peakRssMb: 400, ruleOverhead: 0.33, singleServerSeconds: 0.5, deepOverFast: 2, deepPeakRssMb: 1024 };

interface ChildConfig {
  target: string;
  workers: number;
  /** `parser`: tree-sitter alone over the discovered files (no engine); `none`: scan() with no rules; `all`: a real scan. */
  rules: 'parser' | 'none' | 'all';
  runs: number;
  /** Deep mode adds flow IR per file and the cross-file taint solve. Default fast. */
  mode?: 'fast' | 'deep';
}

interface ChildResult {
  /** Wall time of each run, ms. */
  runsMs: number[];
  /** CPU time (user + system, all threads) of each run, ms: less disturbed than wall time on a busy machine. */
  cpuMs: number[];
  maxRssMb: number;
  files: number;
  bytes: number;
  lines: number;
  skipped: number;
  findings: number;
  byRule: Record<string, number>;
  errorsByKind: Record<string, number>;
}

// The measurements themselves run in bench/bench-child.mjs: plain JavaScript in a plain Node process, so the
// figures (peak RSS above all) hold no TypeScript loader.
const CHILD = path.join(ROOT, 'bench/bench-child.mjs');

/**
 * Each run in a fresh process, as a user runs one scan per process: peak RSS is then the peak of one scan, not the
 * high-water mark of a heap that has already held several scans' garbage.
 */
async function runRepeated(config: ChildConfig): Promise<ChildResult> {
  const results: ChildResult[] = [];
  for (let i = 0; i < config.runs; i++) results.push(await runChild({ ...config, runs: 1 }));
  const last = results[results.length - 1]!;
  return {
    ...last,
    runsMs: results.flatMap((r) => r.runsMs),
    cpuMs: results.flatMap((r) => r.cpuMs),
    maxRssMb: Math.max(...results.map((r) => r.maxRssMb)),
  };
}

function runChild(config: ChildConfig, nodeFlags: string[] = []): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...nodeFlags, CHILD, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) return reject(new Error(`benchmark child exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildResult);
    });
  });
}

// ----------------------------------------------------------------------------------------------------- parent mode

async function ensureCorpus(): Promise<CorpusSummary> {
  if (existsSync(CORPUS_INFO)) {
    const info = JSON.parse(readFileSync(CORPUS_INFO, 'utf8')) as CorpusSummary;
    if (info.version === CORPUS_VERSION && info.seed === SEED && info.bytes >= CORPUS_BYTES) return info;
  }
  process.stderr.write(`generating ${(CORPUS_BYTES / 1e6).toFixed(0)} MB corpus in ${path.relative(ROOT, CORPUS_DIR)}/ …\n`);
  const info = await generateCorpus(CORPUS_DIR, SEED, CORPUS_BYTES);
  writeFileSync(CORPUS_INFO, JSON.stringify(info));
  return info;
}

function best(xs: number[]): number {
  return Math.min(...xs);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

const mb = (bytes: number) => bytes / 1e6;
const fmt = (n: number, d = 2) => n.toFixed(d);

/** Wall time of `node bin/mcpvet.js scan <target>` including process start, best of `n`. */
function timeCli(target: string, n: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/mcpvet.js'), 'scan', target, '-f', 'json', '--no-project-config'], { stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - t0);
    // Exit 1 means "findings at or above the fail level": expected for the vulnerable example.
    if (r.status !== 0 && r.status !== 1) throw new Error(`mcpvet exited with ${r.status}: ${r.stderr.toString()}`);
  }
  return times;
}

/** Self time per function and per file from a V8 .cpuprofile, largest first. */
function summariseProfile(file: string): { byFunction: [string, number][]; byFile: [string, number][]; totalMs: number } {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const nodes = new Map(prof.nodes.map((n) => [n.id, n.callFrame]));
  const fn = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const us = prof.timeDeltas[i] ?? 0;
    const cf = nodes.get(id)!;
    if (cf.functionName === '(idle)') return;
    total += us;
    const where = cf.url ? cf.url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '') : '(native)';
    fn.set(`${cf.functionName || '(anonymous)'}  ${where}:${cf.lineNumber + 1}`, (fn.get(`${cf.functionName || '(anonymous)'}  ${where}:${cf.lineNumber + 1}`) ?? 0) + us);
    const bucket = cf.url ? where : cf.functionName || '(native)';
    byFile.set(bucket, (byFile.get(bucket) ?? 0) + us);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v / 1000] as [string, number]);
  return { byFunction: sorted(fn), byFile: sorted(byFile), totalMs: total / 1000 };
}

async function parent(argv: string[]): Promise<void> {
  const runsIdx = argv.indexOf('--runs');
  const runs = runsIdx >= 0 ? Number(argv[runsIdx + 1]) : 3;
  const profile = argv.includes('--profile');
  const positional = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--runs');
  let target: string;
  let summary = '';
  if (positional[0]) {
    target = path.resolve(positional[0]);
    summary = `corpus: ${target}`;
  } else {
    const info = await ensureCorpus();
    target = CORPUS_DIR;
    const l = info.byLanguage;
    summary =
      `corpus: ${path.relative(ROOT, CORPUS_DIR)}/ (seed ${info.seed}, v${info.version}): ${info.files} files, ${fmt(mb(info.bytes))} MB — ` +
      `Python ${fmt(mb(l.python.bytes))} MB/${l.python.files}, TypeScript ${fmt(mb(l.typescript.bytes))} MB/${l.typescript.files}, ` +
      `Go ${fmt(mb(l.go.bytes))} MB/${l.go.files}, manifests ${l.manifest.files}`;
  }

  // Named so that the figures below read as what they are.
  const plan = {
    parser: { target, workers: 1, rules: 'parser', runs },
    none1: { target, workers: 1, rules: 'none', runs },
    all1: { target, workers: 1, rules: 'all', runs },
    none2: { target, workers: 2, rules: 'none', runs },
    all2: { target, workers: 2, rules: 'all', runs },
    deep1: { target, workers: 1, rules: 'all', runs, mode: 'deep' },
    deep2: { target, workers: 2, rules: 'all', runs, mode: 'deep' },
  } satisfies Record<string, ChildConfig>;
  const labels: Record<keyof typeof plan, string> = {
    parser: 'tree-sitter alone, 1 thread',
    none1: 'scan, no rules, 1 worker',
    all1: 'scan, all rules, 1 worker',
    none2: 'scan, no rules, 2 workers',
    all2: 'scan, all rules, 2 workers',
    deep1: 'deep scan, all rules, 1 worker',
    deep2: 'deep scan, all rules, 2 workers',
  };
  const res = {} as Record<keyof typeof plan, ChildResult>;
  for (const [key, c] of Object.entries(plan) as [keyof typeof plan, ChildConfig][]) {
    process.stderr.write(`running ${labels[key]} ×${c.runs} …\n`);
    res[key] = await runRepeated(c);
  }
  const exampleDir = path.join(ROOT, 'examples/typescript/vulnerable-server');
  const cliTimes = timeCli(exampleDir, 5);

  const full = res.all1;
  const lines: string[] = [];
  lines.push(summary);
  lines.push(
    `scanned: ${full.files} files, ${fmt(mb(full.bytes))} MB, ${full.lines.toLocaleString('en-US')} lines, ${full.skipped} skipped; ` +
      `node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg().map((l) => fmt(l, 1)).join(' ')}; best of ${runs}, each run in its own process (first run in brackets)`,
  );
  lines.push('');
  const rows: string[][] = [['configuration', 'wall s', '(first)', 'cpu s', 'MB/s', 'k lines/s', 'peak RSS MB', 'findings']];
  for (const key of Object.keys(plan) as (keyof typeof plan)[]) {
    const r = res[key];
    const s = best(r.runsMs) / 1000;
    rows.push([labels[key], fmt(s), `(${fmt(r.runsMs[0]! / 1000)})`, fmt(best(r.cpuMs) / 1000), fmt(mb(r.bytes) / s, 1), fmt(r.lines / s / 1000, 0), fmt(r.maxRssMb, 0), String(r.findings)]);
  }
  lines.push(table(rows));
  lines.push('');
  const wall = (k: keyof typeof plan) => best(res[k].runsMs);
  const cpu = (k: keyof typeof plan) => best(res[k].cpuMs);
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${fmt(x * 100, 0)} %`;
  lines.push(
    `where the 1-worker time goes: parsing ${fmt(wall('parser') / 1000)} s, MCP inventory and the rest of the engine ` +
      `${fmt((wall('none1') - wall('parser')) / 1000)} s, rules ${fmt((wall('all1') - wall('none1')) / 1000)} s ` +
      `(cpu: ${fmt(cpu('parser') / 1000)} / ${fmt((cpu('none1') - cpu('parser')) / 1000)} / ${fmt((cpu('all1') - cpu('none1')) / 1000)} s)`,
  );
  lines.push('');

  const full2 = wall('all2') / 1000;
  const scale = 15e6 / res.all2.bytes;
  const peak = Math.max(res.parser.maxRssMb, res.none1.maxRssMb, res.all1.maxRssMb, res.none2.maxRssMb, res.all2.maxRssMb);
  const deepPeak = Math.max(res.deep1.maxRssMb, res.deep2.maxRssMb);
  const deepOver = wall('deep2') / wall('all2');
  const single = best(cliTimes) / 1000;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const over1 = wall('all1') / wall('none1') - 1;
  const over2 = wall('all2') / wall('none2') - 1;
  const targets: string[][] = [
    ['target', 'measured', 'goal', ''],
    res.all2.bytes >= 1e6
      ? ['15 MB, all rules, 2 workers', `${fmt(full2 * scale)} s (${fmt(mb(res.all2.bytes), 1)} MB took ${fmt(full2)} s)`, '≤ 2.00 s', verdict(full2 * scale <= 2)]
      : ['15 MB, all rules, 2 workers', `not measured: target is only ${fmt(mb(res.all2.bytes), 2)} MB`, '≤ 2.00 s', ''],
    ['throughput, all rules, 2 workers', `${fmt(mb(res.all2.bytes) / full2, 1)} MB/s`, `≥ ${fmt(TARGET.mbPerSecond, 1)} MB/s`, verdict(mb(res.all2.bytes) / full2 >= TARGET.mbPerSecond)],
    ['peak RSS (any fast configuration)', `${fmt(peak, 0)} MB`, `≤ ${TARGET.peakRssMb} MB`, verdict(peak <= TARGET.peakRssMb)],
    ['rules over no-rules scan, 1 worker', `${pct(over1)} (cpu ${pct(cpu('all1') / cpu('none1') - 1)})`, `≤ +${TARGET.ruleOverhead * 100} %`, verdict(over1 <= TARGET.ruleOverhead)],
    ['rules over no-rules scan, 2 workers', `${pct(over2)} (cpu ${pct(cpu('all2') / cpu('none2') - 1)})`, `≤ +${TARGET.ruleOverhead * 100} %`, verdict(over2 <= TARGET.ruleOverhead)],
    ['full scan over tree-sitter alone, 1 worker', pct(wall('all1') / wall('parser') - 1), `≤ +${TARGET.ruleOverhead * 100} %`, verdict(wall('all1') / wall('parser') - 1 <= TARGET.ruleOverhead)],
    ['deep over fast, all rules, 2 workers', `${fmt(deepOver, 2)}× (${fmt(wall('deep2') / 1000)} s vs ${fmt(full2)} s; 1 worker ${fmt(wall('deep1') / wall('all1'), 2)}×)`, `≤ ${fmt(TARGET.deepOverFast, 1)}×`, verdict(deepOver <= TARGET.deepOverFast)],
    ['peak RSS, deep', `${fmt(deepPeak, 0)} MB`, `≤ ${TARGET.deepPeakRssMb} MB`, verdict(deepPeak <= TARGET.deepPeakRssMb)],
    ['single server, CLI end to end', `${fmt(single)} s (best of 5: ${cliTimes.map((t) => fmt(t / 1000)).join(' ')})`, `< ${fmt(TARGET.singleServerSeconds)} s`, verdict(single < TARGET.singleServerSeconds)],
  ];
  lines.push(table(targets));
  lines.push('');

  const ruleRows: string[][] = [['rule', 'findings']];
  for (const [id, n] of Object.entries(full.byRule).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) ruleRows.push([id, String(n)]);
  lines.push(table(ruleRows));
  const errs = Object.entries(full.errorsByKind);
  lines.push(errs.length ? `errors: ${errs.map(([k, n]) => `${k} ${n}`).join(', ')}` : 'errors: none');

  if (profile) {
    // Inside the git-ignored corpus folder; .cpuprofile files are not a scanned file type.
    const dir = path.join(CORPUS_DIR, '.profile');
    process.stderr.write(`profiling workers=1 rules=all into ${path.relative(ROOT, dir)}/ …\n`);
    rmSync(dir, { recursive: true, force: true });
    await runChild({ target, workers: 1, rules: 'all', runs: 1 }, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    // Every thread writes a profile (tsx's loader thread too); the scan's is the one with the most work in it.
    const profiles = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => ({ file: path.join(dir, f), ...summariseProfile(path.join(dir, f)) }));
    const p = profiles.sort((a, b) => b.totalMs - a.totalMs)[0]!;
    lines.push('');
    lines.push(`profile ${path.relative(ROOT, p.file)}: ${fmt(p.totalMs / 1000)} s of samples, idle excluded; self time by file`);
    lines.push(table([['file', 'ms', '%'], ...p.byFile.slice(0, 15).map(([k, v]) => [k, fmt(v, 0), fmt((v / p.totalMs) * 100, 1)])]));
    lines.push('');
    lines.push('self time by function');
    lines.push(table([['function', 'ms', '%'], ...p.byFunction.slice(0, 25).map(([k, v]) => [k, fmt(v, 0), fmt((v / p.totalMs) * 100, 1)])]));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await parent(process.argv.slice(2));
