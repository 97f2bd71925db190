// Baseline files: fingerprints of accepted findings, written with --write-baseline and applied with --baseline.
import { readFile, writeFile } from 'node:fs/promises';
import type { Finding } from '../model/finding.js';

export interface Baseline {
  version: 1;
  tool: 'mcpvet';
  findings: { fingerprint: string; ruleId: string; path: string; message: string }[];
}

export function buildBaseline(findings: readonly Finding[]): Baseline {
  return {
    version: 1,
    tool: 'mcpvet',
    findings: findings.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.location.path, message: f.message })),
  };
}

export async function writeBaseline(file: string, findings: readonly Finding[]): Promise<void> {
  await writeFile(file, `${JSON.stringify(buildBaseline(findings), null, 2)}\n`);
}

export async function readBaseline(file: string): Promise<Set<string>> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read baseline ${file}: ${(e as Error).message}`);
  }
  const list = (data as Partial<Baseline>)?.findings;
  if (!Array.isArray(list)) throw new Error(`baseline ${file} has no "findings" list`);
  return new Set(list.map((f) => f?.fingerprint).filter((f): f is string => typeof f === 'string'));
}
