#!/usr/bin/env node
// The mcpvet command line: translates flags into scan options and a reporter; all work happens in the engine.
import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { atLeast, SEVERITIES, type Severity } from '../model/severity.js';
import { downloadedTargetOptions, scan, ScanInputError, type ScanOptions } from '../engine/scan.js';
import { ConfigError } from '../engine/project-config.js';
import { writeBaseline } from '../engine/baseline.js';
import { VERSION } from '../engine/version.js';
import { FORMATS, render, type Format } from '../report/render.js';
import { renderRuleList, renderRulePage } from '../report/rule-page.js';
import { renderInventoryText } from '../report/inventory-report.js';
import { builtinEntries, builtinRules, findRules, ruleExamples } from '../rules/index.js';
import type { Acquired, AcquireOptions } from '../targets/acquire.js';
import { TargetError } from '../targets/limits.js';
import { parseTarget, TargetSpecError } from '../targets/parse-target.js';
import { withAcquisition } from '../targets/with-acquisition.js';
import { addLiveOptions, registerLiveCommands, runLiveScan } from './live-commands.js';
import { runConfigScan } from './config-scan.js';

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

/** Flags that say where and how a non-local target is fetched (shared by `scan` and `inventory`). */
function addTargetOptions(cmd: Command): Command {
  return cmd
    .option('--token <token>', 'token for a private git repository (prefer $MCPVET_GIT_TOKEN: argv is visible to other users; $GITHUB_TOKEN is used for github.com)')
    .option('--registry <url>', 'npm registry (default: $npm_config_registry or https://registry.npmjs.org/)')
    .option('--index-url <url>', 'PyPI index, JSON API base or simple-index URL (default: $PIP_INDEX_URL or https://pypi.org)')
    .option('--registry-url <url>', 'MCP Registry base URL (default: https://registry.modelcontextprotocol.io)')
    .option('--cache-dir <dir>', 'download cache (default: $XDG_CACHE_HOME/mcpvet or ~/.cache/mcpvet)')
    .option('--no-cache', 'neither read nor write the download cache')
    .option('--max-download-bytes <n>', 'largest download or archive (default 200 MiB)', parseIntOption)
    .option('--max-extract-bytes <n>', 'most bytes unpacked or checked out (default 512 MiB)', parseIntOption)
    .option('--max-entry-bytes <n>', 'largest single unpacked file (default 64 MiB)', parseIntOption)
    .option('--max-entries <n>', 'most entries in an archive or checkout (default 50000)', parseIntOption)
    .option('--max-depth <n>', 'deepest folder nesting in an archive (default 64)', parseIntOption)
    .option('--acquire-timeout <seconds>', 'time for each download, unpack or clone (default 300)', parseIntOption);
}

function acquireOptions(o: Record<string, unknown>): AcquireOptions {
  return {
    token: o.token as string | undefined,
    npmRegistry: o.registry as string | undefined,
    pypiIndexUrl: o.indexUrl as string | undefined,
    registryUrl: o.registryUrl as string | undefined,
    cacheDir: o.cacheDir as string | undefined,
    noCache: o.cache === false,
    limits: {
      maxDownloadBytes: o.maxDownloadBytes as number | undefined,
      maxExtractBytes: o.maxExtractBytes as number | undefined,
      maxEntryBytes: o.maxEntryBytes as number | undefined,
      maxEntries: o.maxEntries as number | undefined,
      maxDepth: o.maxDepth as number | undefined,
      timeoutSeconds: o.acquireTimeout as number | undefined,
    },
  };
}

/** How to walk an acquired target: a local one as it is, a downloaded one hardened (`downloadedTargetOptions`). */
function walkOptions(acquired: Acquired): Pick<ScanOptions, 'defaultExcludes' | 'ignoreFiles' | 'inlineSuppressions'> {
  return acquired.kind === 'local' ? {} : downloadedTargetOptions(acquired.published);
}

/** Package downloads (pacote, tar) are loaded only for targets that need them, so that local scans start fast. */
async function acquire(...args: Parameters<typeof import('../targets/acquire.js').acquire>): Promise<Acquired> {
  return (await import('../targets/acquire.js')).acquire(...args);
}

/** Parses and acquires the target, runs `fn` on the local copy, and always removes the temp folder. */
async function withTarget<T>(spec: string, o: Record<string, unknown>, fn: (acquired: Acquired) => Promise<T>): Promise<T> {
  const acquired = await acquire(parseTarget(spec), acquireOptions(o));
  // Ctrl-C or a kill during the scan must not leave downloaded code in the temp folder.
  const onSignal = (signal: NodeJS.Signals) => {
    acquired.disposeSync();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(acquired);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await acquired.dispose();
  }
}

export function buildProgram(io: { stdout: (s: string) => void; stderr: (s: string) => void; isTTY: boolean; stderrTTY: boolean; setExit: (code: number) => void }): Command {
  const program = new Command('mcpvet')
    .description('Security scanner for MCP (Model Context Protocol) servers')
    .version(VERSION)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  const scanCommand = program
    .command('scan')
    .description('scan an MCP server: a folder or file, git repository, npm or PyPI package, archive, or MCP Registry id')
    .argument('[target]', 'what to scan (see "Targets" in the README)', '.')
    .addOption(new Option('--mode <mode>', 'fast: syntactic and semantic rules; deep: adds data-flow rules').choices(['fast', 'deep']))
    .addOption(new Option('-f, --format <format>', 'report format').choices([...FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity ("none" never fails)').choices([...SEVERITIES, 'none']))
    .option('--rule <ids>', 'run only these rules (ids, slugs or aliases; repeatable, comma-separated)', collect)
    .option('--skip-rule <ids>', 'do not run these rules (repeatable, comma-separated)', collect)
    .option('--all-rules', 'also run the heuristic rules that are off by default')
    .option('--exclude <pattern>', 'gitignore-style path pattern to leave out (repeatable)', collect)
    .option('--config [path]', 'scan MCP client configs: this config file, the project configs of this folder, or (no path) every config found on this machine')
    .option('--resolve', 'with --config: fetch or locate each configured server (npm/PyPI package, local script), scan it with the same rules and report per server')
    .option('-c, --project-config <file>', 'mcpvet project config file (default: .mcpvet.json in the target)')
    .option('--no-project-config', 'ignore any .mcpvet.json in the target')
    .option('--baseline <file>', 'report findings recorded in this baseline as suppressed')
    .option('--write-baseline <file>', 'write all current findings to a baseline file')
    .option('--workers <n>', 'worker threads (1 = in-process; default: automatic)', parseIntOption)
    .option('--max-file-bytes <n>', 'skip files larger than this (default 1000000)', parseIntOption);
  addTargetOptions(addLiveOptions(scanCommand)).action(async (spec: string, o: Record<string, unknown>) =>
    // `scan --config [path]` and `scan config` read MCP client configs instead of server code.
    o.config !== undefined || spec === 'config'
      ? runConfigScan(typeof o.config === 'string' ? o.config : undefined, o, io, (s) => acquire(parseTarget(s), acquireOptions(o)))
      : o.live ? runLiveScan([spec], o, io) : withTarget(spec, o, async (acquired) => {
      const opts: ScanOptions = {
        target: acquired.root,
        input: acquired.input,
        targetKind: acquired.kind,
        ...walkOptions(acquired),
        mode: o.mode as ScanOptions['mode'],
        rules: builtinRules(),
        select: o.rule as string[] | undefined,
        ignore: o.skipRule as string[] | undefined,
        allRules: o.allRules === true,
        exclude: o.exclude as string[] | undefined,
        // A downloaded package's own .mcpvet.json must not switch rules off: only a local target's config is read.
        config: o.projectConfig === false ? false : ((o.projectConfig as string | undefined) ?? (acquired.kind === 'local' ? undefined : false)),
        baseline: o.baseline as string | undefined,
        workers: o.workers as number | undefined,
        limits: o.maxFileBytes ? { maxFileBytes: o.maxFileBytes as number } : undefined,
        onProgress: io.stderrTTY ? progressPrinter(io.stderr) : undefined,
      };
      const result = withAcquisition(await scan(opts), acquired);
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
    }),
  );

  const inventoryCommand = program
    .command('inventory')
    .description('list the MCP servers, transports, auth, tools, prompts and resources found in a target')
    .argument('[target]', 'what to read (same forms as scan)', '.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'));
  addTargetOptions(inventoryCommand).action(async (spec: string, o: Record<string, unknown>) =>
    withTarget(spec, o, async (acquired) => {
      const result = await scan({ target: acquired.root, input: acquired.input, targetKind: acquired.kind, ...walkOptions(acquired), rules: { rules: [] }, config: false });
      io.stdout(o.format === 'json' ? `${JSON.stringify(result.inventory, null, 2)}\n` : renderInventoryText(result.inventory));
      io.setExit(EXIT_OK);
    }),
  );

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
      // An alias shared by a fast rule and the deep rule that supersedes it prints both pages.
      const rules = findRules(entries.map((e) => e.rule), ref);
      if (!rules.length) throw new UsageError(`no rule matches "${ref}"; run \`mcpvet rules\` for the list`);
      const pages = rules.map((rule) => renderRulePage(rule.meta, ruleExamples(entries.find((e) => e.rule === rule)!)));
      io.stdout(pages.join('\n---\n\n'));
      io.setExit(EXIT_OK);
    });

  registerLiveCommands(program, io);
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
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof ScanInputError || e instanceof TargetSpecError || e instanceof TargetError) {
      process.stderr.write(`mcpvet: ${(e as Error).message}\n`);
      return EXIT_ERROR;
    }
    process.stderr.write(`mcpvet: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT_ERROR;
  }
}

