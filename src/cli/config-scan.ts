// `mcpvet scan --config [path]` and `mcpvet scan config`: flags in, client-config scan out, report printed.
import { writeFile } from 'node:fs/promises';
import type { LaunchPackage, ResolvedTool } from '../model/client-config.js';
import type { Inventory } from '../model/inventory.js';
import { atLeast, type Severity } from '../model/severity.js';
import { writeBaseline } from '../engine/baseline.js';
import { scan, type ScanOptions } from '../engine/scan.js';
import { scanClientConfigs, type ServerResolver } from '../engine/scan-configs.js';
import { render, type Format } from '../report/render.js';
import { builtinRules } from '../rules/index.js';

export interface ConfigScanIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  setExit: (code: number) => void;
}

/** Something that fetches a package spec (`npm:pkg@1.2.3`, `pypi:pkg==1.2`) into a local folder. */
export type FetchPackage = (spec: string) => Promise<{ root: string; input: string; dispose(): Promise<void> }>;

/** Runs the scan of client configs with the scan command's flags (`o`); `path` undefined means discovery. */
export async function runConfigScan(path: string | undefined, o: Record<string, unknown>, io: ConfigScanIo, fetchPackage: FetchPackage): Promise<void> {
  const result = await scanClientConfigs({
    path,
    mode: o.mode as ScanOptions['mode'],
    rules: builtinRules(),
    select: o.rule as string[] | undefined,
    ignore: o.skipRule as string[] | undefined,
    allRules: o.allRules === true,
    config: o.projectConfig === false ? false : (o.projectConfig as string | undefined),
    baseline: o.baseline as string | undefined,
    workers: o.workers as number | undefined,
    limits: o.maxFileBytes ? { maxFileBytes: o.maxFileBytes as number } : undefined,
    ...(o.resolve ? { resolve: packageResolver(fetchPackage) } : {}),
  });
  if (o.writeBaseline) await writeBaseline(o.writeBaseline as string, result.findings);
  const format = o.format as Format;
  const ranIds = new Set(result.ruleIds);
  const ran = builtinRules().rules.filter((r) => ranIds.has(r.meta.id)).map((r) => r.meta);
  const report = render(format, result, { color: io.isTTY && !o.output && format === 'text', rules: ran });
  if (o.output) await writeFile(o.output as string, report);
  else io.stdout(report);
  const failOn = (o.failOn as Severity | 'none' | undefined) ?? 'high';
  io.setExit(failOn !== 'none' && result.findings.some((f) => atLeast(f.severity, failOn)) ? 1 : 0);
}

/** `--resolve`: fetch each server's package, read its inventory (no rules run), and keep the tools. */
export function packageResolver(fetchPackage: FetchPackage): ServerResolver {
  return async (pkg: LaunchPackage) => {
    const acquired = await fetchPackage(specOf(pkg));
    try {
      const result = await scan({ target: acquired.root, rules: { rules: [] }, config: false, workers: 1 });
      return { source: acquired.input, tools: toolsOf(result.inventory) };
    } finally {
      await acquired.dispose();
    }
  };
}

function specOf(pkg: LaunchPackage): string {
  if (pkg.ecosystem === 'npm') return `npm:${pkg.name}${pkg.version ? `@${pkg.version}` : ''}`;
  if (!pkg.version) return `pypi:${pkg.name}`;
  return `pypi:${pkg.name}${pkg.pinned ? `==${pkg.version}` : pkg.version}`;
}

function toolsOf(inv: Inventory): ResolvedTool[] {
  const out: ResolvedTool[] = [];
  for (const server of inv.servers) {
    for (const t of server.tools) {
      if (!t.nameResolved) continue;
      const tool: ResolvedTool = { name: t.name };
      if (t.description?.value) tool.description = t.description.value;
      if (t.annotations?.readOnlyHint !== undefined) tool.readOnlyHint = t.annotations.readOnlyHint;
      if (t.annotations?.destructiveHint !== undefined) tool.destructiveHint = t.annotations.destructiveHint;
      if (t.annotations?.openWorldHint !== undefined) tool.openWorldHint = t.annotations.openWorldHint;
      out.push(tool);
    }
  }
  return out;
}
