// `mcpvet scan --config [path]` and `mcpvet scan config`: flags in, client-config scan out, report printed.
import { writeFile } from 'node:fs/promises';
import { atLeast, type Severity } from '../model/severity.js';
import { writeBaseline } from '../engine/baseline.js';
import type { ScanOptions } from '../engine/scan.js';
import { scanClientConfigs, type FetchedPackage } from '../engine/scan-configs.js';
import { render, type Format } from '../report/render.js';
import { builtinRules } from '../rules/index.js';

export interface ConfigScanIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  setExit: (code: number) => void;
}

/** Something that fetches a package spec (`npm:pkg@1.2.3`, `pypi:pkg==1.2`, `npm:pkg` for the latest) into a local folder. */
export type FetchPackage = (spec: string) => Promise<FetchedPackage & { disposeSync?(): void }>;

/** Runs the scan of client configs with the scan command's flags (`o`); `path` undefined means discovery. */
export async function runConfigScan(path: string | undefined, o: Record<string, unknown>, io: ConfigScanIo, fetchPackage: FetchPackage): Promise<void> {
  const result = await withCleanup(fetchPackage, (fetch) => scanClientConfigs({
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
    exclude: o.exclude as string[] | undefined,
    // --resolve: every server resolved to its package or folder, scanned with the rules, and reported by server.
    ...(o.resolve ? { scanServers: fetch } : {}),
  }));
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

/**
 * Runs `fn` with a fetcher whose downloads are removed even when Ctrl-C or a kill ends the process mid-scan: a
 * downloaded server's code must not stay behind in the temp folder.
 */
async function withCleanup<T>(fetchPackage: FetchPackage, fn: (fetch: FetchPackage) => Promise<T>): Promise<T> {
  const live = new Set<{ disposeSync?(): void }>();
  const fetch: FetchPackage = async (spec) => {
    const fetched = await fetchPackage(spec);
    live.add(fetched);
    return {
      ...fetched,
      dispose: async () => {
        live.delete(fetched);
        await fetched.dispose();
      },
    };
  };
  const onSignal = (signal: NodeJS.Signals) => {
    for (const f of live) f.disposeSync?.();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(fetch);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
