#!/usr/bin/env node
// The mcpvet command line: translates flags into scan options and a reporter; all work happens in the engine.
import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { atLeast, SEVERITIES, type Severity } from '../model/severity.js';
import { scan, ScanInputError, type ScanOptions } from '../engine/scan.js';
import { ConfigError } from '../engine/project-config.js';
import { writeBaseline } from '../engine/baseline.js';
import { VERSION } from '../engine/version.js';
import { FORMATS, render, type Format } from '../report/render.js';
import { renderRuleList, renderRulePage } from '../report/rule-page.js';
import { renderInventoryText } from '../report/inventory-report.js';
import { builtinEntries, builtinRules, findRule, ruleExamples } from '../rules/index.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

class UsageError extends Error {}

function parseIntOption(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function collect(v: string, prev: string[] = []): string[] {
  return [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];
}

export function buildProgram(io: { stdout: (s: string) => void; stderr: (s: string) => void; isTTY: boolean; stderrTTY: boolean; setExit: (code: number) => void }): Command {
  const program = new Command('mcpvet')
    .description('Security scanner for MCP (Model Context Protocol) servers')
    .version(VERSION)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  program
    .command('scan')
    .description('scan an MCP server source folder or file')
    .argument('[target]', 'folder or file to scan', '.')
    .addOption(new Option('--mode <mode>', 'fast: syntactic and semantic rules; deep: adds data-flow rules').choices(['fast', 'deep']))
    .addOption(new Option('-f, --format <format>', 'report format').choices([...FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity ("none" never fails)').choices([...SEVERITIES, 'none']))
    .option('--rule <ids>', 'run only these rules (ids, slugs or aliases; repeatable, comma-separated)', collect)
    .option('--skip-rule <ids>', 'do not run these rules (repeatable, comma-separated)', collect)
    .option('--all-rules', 'also run the heuristic rules that are off by default')
    .option('--exclude <pattern>', 'gitignore-style path pattern to leave out (repeatable)', collect)
    .option('-c, --config <file>', 'project config file (default: .mcpvet.json in the target)')
    .option('--no-config', 'ignore any .mcpvet.json in the target')
    .option('--baseline <file>', 'report findings recorded in this baseline as suppressed')
    .option('--write-baseline <file>', 'write all current findings to a baseline file')
    .option('--workers <n>', 'worker threads (1 = in-process; default: automatic)', parseIntOption)
    .option('--max-file-bytes <n>', 'skip files larger than this (default 1000000)', parseIntOption)
    .action(async (target: string, o: Record<string, unknown>) => {
      const opts: ScanOptions = {
        target,
        mode: o.mode as ScanOptions['mode'],
        rules: builtinRules(),
        select: o.rule as string[] | undefined,
        ignore: o.skipRule as string[] | undefined,
        allRules: o.allRules === true,
        exclude: o.exclude as string[] | undefined,
        config: o.config === false ? false : (o.config as string | undefined),
        baseline: o.baseline as string | undefined,
        workers: o.workers as number | undefined,
        limits: o.maxFileBytes ? { maxFileBytes: o.maxFileBytes as number } : undefined,
        onProgress: io.stderrTTY ? progressPrinter(io.stderr) : undefined,
      };
      const result = await scan(opts);
      if (io.stderrTTY) io.stderr('\r\x1b[K');
      if (o.writeBaseline) await writeBaseline(o.writeBaseline as string, result.findings);
      const format = o.format as Format;
      const ranIds = new Set(result.ruleIds);
      const ran = builtinRules().rules.filter((r) => ranIds.has(r.meta.id)).map((r) => r.meta);
      const report = render(format, result, { color: io.isTTY && !o.output && format === 'text', rules: ran });
      if (o.output) await writeFile(o.output as string, report);
      else io.stdout(report);
      const failOn = (o.failOn as Severity | 'none' | undefined) ?? 'high';
      const failing = failOn !== 'none' && result.findings.some((f) => atLeast(f.severity, failOn));
      io.setExit(failing ? EXIT_FINDINGS : EXIT_OK);
    });

  program
    .command('inventory')
    .description('list the MCP servers, transports, auth, tools, prompts and resources found in a target')
    .argument('[target]', 'folder or file', '.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (target: string, o: { format: 'text' | 'json' }) => {
      const result = await scan({ target, rules: { rules: [] }, config: false });
      io.stdout(o.format === 'json' ? `${JSON.stringify(result.inventory, null, 2)}\n` : renderInventoryText(result.inventory));
      io.setExit(EXIT_OK);
    });

  program
    .command('rules')
    .description('list the rule catalog')
    .option('--json', 'print the metadata of every rule as JSON')
    .action((o: { json?: boolean }) => {
      const metas = builtinRules().rules.map((r) => r.meta);
      io.stdout(o.json ? `${JSON.stringify(metas, null, 2)}\n` : renderRuleList(metas));
      io.setExit(EXIT_OK);
    });

  program
    .command('explain')
    .description('print the full documentation page of a rule')
    .argument('<rule>', 'rule id, slug or alias (e.g. MV5001, protected-resource-metadata-missing, MCP-277)')
    .action((ref: string) => {
      const entries = builtinEntries();
      const rule = findRule(entries.map((e) => e.rule), ref);
      if (!rule) throw new UsageError(`no rule matches "${ref}"; run \`mcpvet rules\` for the list`);
      const entry = entries.find((e) => e.rule === rule)!;
      io.stdout(renderRulePage(rule.meta, ruleExamples(entry)));
      io.setExit(EXIT_OK);
    });

  return program;
}

function progressPrinter(write: (s: string) => void): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done !== total && now - last < 100) return;
    last = now;
    write(`\r\x1b[Kscanning ${done}/${total} files`);
  };
}

export async function main(argv: string[]): Promise<number> {
  let exit = EXIT_OK;
  const program = buildProgram({
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
    stderrTTY: Boolean(process.stderr.isTTY),
    setExit: (c) => (exit = c),
  });
  try {
    await program.parseAsync(argv);
    return exit;
  } catch (e) {
    const err = e as { code?: string; exitCode?: number; message?: string };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT_OK;
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) return EXIT_ERROR;
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof ScanInputError) {
      process.stderr.write(`mcpvet: ${(e as Error).message}\n`);
      return EXIT_ERROR;
    }
    process.stderr.write(`mcpvet: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT_ERROR;
  }
}

