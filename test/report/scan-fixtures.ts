// Real ScanResults for reporter and CLI tests: the MV2001 examples, temporary projects, and a rule with trace evidence.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleMeta } from '../../src/model/rule-meta.js';
import type { ScanResult } from '../../src/model/scan-result.js';
import { scan, type ScanOptions } from '../../src/engine/scan.js';
import { builtinRules } from '../../src/rules/index.js';
import { defineRule, type RawFinding, type Rule } from '../../src/rule/rule.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHELL_EXAMPLES = path.join(REPO_ROOT, 'src', 'rules', 'injection', 'shell-command-non-literal', 'examples');
/** The repository's example MCP servers (Python, TypeScript, Go): a real, populated inventory. */
export const EXAMPLE_SERVERS = path.join(REPO_ROOT, 'examples');

/**
 * A test-only rule: every line containing `FLOW_SINK` is a finding whose trace starts at the line containing
 * `FLOW_SOURCE` and whose related location is the line containing `FLOW_NOTE` — the shape deep data-flow rules produce.
 */
export const traceRule: Rule = defineRule({
  meta: {
    id: 'MV9901',
    slug: 'test-flow-evidence',
    title: 'Test rule with a data-flow trace',
    category: 'injection',
    severity: 'critical',
    confidence: 'high',
    cwe: ['CWE-22', 'CWE-1333'],
    owaspMcp: ['MCP05', 'MCP10'],
    aliases: ['TEST-1'],
    mode: 'fast',
    languages: ['python'],
    status: 'experimental',
    message: 'value from {source} reaches a sink',
    docs: {
      summary: 'A rule used only by the reporter tests, so that traces and related locations are exercised.',
      risk: 'None: it exists so that SARIF code flows, HTML trace lists and Markdown details are rendered from real scans.',
      detection: 'Fires on every line that contains the sink marker, with a trace from the source marker and a related note.',
      fix: 'Nothing to fix; remove the markers from the fixture.',
      references: [{ title: 'SARIF 2.1.0', url: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html' }],
    },
  },
  file: {
    languages: ['python'],
    requires: /FLOW_SINK/,
    detect(ctx) {
      const out: RawFinding[] = [];
      const lineOf = (marker: string) => ctx.lines.findIndex((l) => l.includes(marker));
      const src = lineOf('FLOW_SOURCE');
      const note = lineOf('FLOW_NOTE');
      ctx.lines.forEach((l, row) => {
        const col = l.indexOf('FLOW_SINK');
        if (col < 0) return;
        const at = (r: number, c: number, len: number) => ({ path: ctx.path, startLine: r + 1, startColumn: c + 1, endLine: r + 1, endColumn: c + 1 + len });
        const finding: RawFinding = { span: { start: { row, column: col }, end: { row, column: col + 9 } }, data: { source: 'tool argument <path>' }, tool: 'read_file' };
        if (src >= 0) {
          finding.trace = [
            { location: at(src, 0, 1), label: 'argument path of tool read_file' },
            { location: at(row, col, 9), label: 'reaches the sink' },
          ];
        }
        if (note >= 0) finding.related = [{ location: at(note, 0, 1), message: 'see also <this> note' }];
        out.push(finding);
      });
      return out;
    },
  },
});

/** A project rule that always throws, so the scan records an error and is incomplete. */
export const failingRule: Rule = defineRule({
  meta: { ...traceRule.meta, id: 'MV9902', slug: 'test-always-fails', title: 'Test rule that always fails', languages: ['any'] },
  project: {
    detect() {
      throw new Error('deliberate <failure> for tests');
    },
  },
});

export interface ScanWith {
  /** Extra rules besides the built-in catalog. */
  extraRules?: Rule[];
  /** Run only the built-in catalog's rules (default) or only these ids. */
  select?: string[];
  baseline?: string;
}

export async function scanTarget(target: string, opts: ScanWith = {}): Promise<ScanResult> {
  const rules = [...builtinRules().rules, ...(opts.extraRules ?? [])];
  const options: ScanOptions = { target, rules: { rules }, config: false, workers: 1 };
  if (opts.select) options.select = opts.select;
  if (opts.baseline) options.baseline = opts.baseline;
  return scan(options);
}

/** Metadata of the rules that ran in `result`, as the CLI passes it to the reporters. */
export function ranMetas(result: ScanResult, extra: Rule[] = []): RuleMeta[] {
  const ran = new Set(result.ruleIds);
  return [...builtinRules().rules, ...extra].filter((r) => ran.has(r.meta.id)).map((r) => r.meta);
}

/** Writes `files` (relative path → text) into a fresh temporary folder. */
export async function writeProject(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mcpvet-report-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, ...rel.split('/'));
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, text);
  }
  return dir;
}

export async function removeProject(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** A project with a trace finding, an inline-suppressed finding, a non-ASCII line and an awkward file name. */
export const RICH_PROJECT: Record<string, string> = {
  'server.py': [
    'import os',
    'import subprocess',
    '',
    'def read_file(path):  # FLOW_SOURCE',
    '    data = open(path).read()  # FLOW_NOTE',
    '    return data  # FLOW_SINK',
    '',
    'def run(cmd):',
    '    os.system("ls " + cmd)',
    '    subprocess.run(cmd, shell=True)  # mcpvet-ignore MV2001 -- reviewed: cmd is validated by the caller',
    '',
  ].join('\n'),
  'unicode.py': ['import os', 'def f(x):', '    s = "ü😀"; os.system("echo " + x)', ''].join('\n'),
  'dir with space/odd #name%.py': ['import os', 'def g(y):', '    os.popen(y)', ''].join('\n'),
  'broken.py': 'def broken(:\n    pass\n',
  'blob.py': 'x = 1\u0000\u0001\u0002 not text',
  'bundle.min.js': `var a=1;${'x=a+1;'.repeat(20000)}\n`,
};

/** Removes the wall-clock facts so that two results of the same input can be compared byte for byte. */
export function withoutTiming(result: ScanResult): ScanResult {
  const { timing: _timing, ...rest } = result;
  return rest;
}
