// One benchmark measurement in a plain Node process (no TypeScript loader, so peak RSS is the scanner's own):
// `node bench/bench-child.mjs '<config json>'` prints one JSON line. Spawned by bench/bench.ts.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (rel) => pathToFileURL(path.join(ROOT, 'dist', rel)).href;
const cpuMs = (u) => (u.user + u.system) / 1000;

/** A real scan of the compiled scanner (what ships is what is measured). */
async function scanRuns(config) {
  const { scan } = await import(dist('engine/scan.js'));
  const { builtinRules } = await import(dist('rules/index.js'));
  const all = builtinRules();
  // An empty rule list still names the catalog module, so that `workers: 2` uses the pool rather than in-process.
  const rules = config.rules === 'all' ? all : { rules: [], module: all.module };
  const runsMs = [];
  const cpu = [];
  let last;
  for (let i = 0; i < config.runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    last = await scan({ target: config.target, rules, workers: config.workers, config: false, mode: config.mode ?? 'fast' });
    runsMs.push(performance.now() - t0);
    cpu.push(cpuMs(process.cpuUsage(c0)));
  }
  const byRule = {};
  for (const f of last.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  const errorsByKind = {};
  for (const e of last.errors) errorsByKind[`${e.kind}/${e.level}`] = (errorsByKind[`${e.kind}/${e.level}`] ?? 0) + 1;
  return { runsMs, cpuMs: cpu, maxRssMb: process.resourceUsage().maxRSS / 1024, files: last.stats.files, bytes: last.stats.bytes, lines: last.stats.lines, skipped: last.stats.skipped, findings: last.findings.length, byRule, errorsByKind };
}

/** Tree-sitter alone, in-process: discover, read, decode, parse, free. The floor under every other figure. */
async function parserOnly(config) {
  const { discover, DEFAULT_EXCLUDES } = await import(dist('source/discover.js'));
  const { loadSource } = await import(dist('source/load-source.js'));
  const { Parsers } = await import(dist('parse/parsers.js'));
  const { CODE_LANGUAGES, isCodeLanguage } = await import(dist('model/language.js'));
  const runsMs = [];
  const cpu = [];
  let files = 0;
  let bytes = 0;
  let lines = 0;
  let skipped = 0;
  // Created inside the first timed run and then kept, as the engine keeps its in-process parsers.
  let parsers;
  for (let i = 0; i < config.runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    if (!parsers) {
      parsers = await Parsers.create();
      await parsers.loadAll(CODE_LANGUAGES);
    }
    const found = await discover(config.target, { maxFileBytes: 1_000_000, exclude: [], defaultExcludes: DEFAULT_EXCLUDES });
    files = bytes = lines = 0;
    skipped = found.skipped.length;
    for (const f of found.files) {
      const loaded = await loadSource(f.path, f.absPath, f.language);
      if (!loaded.ok) continue;
      files++;
      bytes += loaded.bytes;
      lines += loaded.text.split('\n').length;
      if (isCodeLanguage(f.language)) parsers.parse(f.language, loaded.text, 10_000)?.delete();
    }
    runsMs.push(performance.now() - t0);
    cpu.push(cpuMs(process.cpuUsage(c0)));
  }
  return { runsMs, cpuMs: cpu, maxRssMb: process.resourceUsage().maxRSS / 1024, files, bytes, lines, skipped, findings: 0, byRule: {}, errorsByKind: {} };
}

const config = JSON.parse(process.argv[2]);
const out = config.rules === 'parser' ? await parserOnly(config) : await scanRuns(config);
process.stdout.write(`${JSON.stringify(out)}\n`);
