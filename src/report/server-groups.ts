// Groups the findings of a client-config scan with --resolve by configured server, for every reporter.
import type { Finding } from '../model/finding.js';
import type { ScanResult, ServerReport } from '../model/scan-result.js';
import { SEVERITIES } from '../model/severity.js';

export interface FindingGroup {
  /** Absent for the group of config findings that belong to no single server entry. */
  server?: ServerReport;
  /** Findings listed under this group (each finding is listed once, under the first server that has it). */
  findings: Finding[];
  /** Servers whose list already holds some of this server's findings (the same package configured twice). */
  sharedWith: string[];
}

/** Names of the servers each finding (by fingerprint) belongs to. */
export function serversByFinding(result: ScanResult): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of result.servers ?? []) {
    for (const id of s.findingIds) {
      const list = out.get(id) ?? [];
      if (!list.includes(serverLabel(s))) list.push(serverLabel(s));
      out.set(id, list);
    }
  }
  return out;
}

export function findingGroups(result: ScanResult): FindingGroup[] {
  const byId = new Map(result.findings.map((f) => [f.fingerprint, f]));
  const shown = new Map<string, string>();
  const groups: FindingGroup[] = [];
  for (const server of result.servers ?? []) {
    const findings: Finding[] = [];
    const sharedWith = new Set<string>();
    for (const id of server.findingIds) {
      const first = shown.get(id);
      if (first !== undefined) {
        sharedWith.add(first);
        continue;
      }
      const f = byId.get(id);
      if (!f) continue;
      shown.set(id, serverLabel(server));
      findings.push(f);
    }
    groups.push({ server, findings, sharedWith: [...sharedWith] });
  }
  const rest = result.findings.filter((f) => !shown.has(f.fingerprint));
  if (rest.length) groups.push({ findings: rest, sharedWith: [] });
  return groups;
}

/** The server's name, with the project of a Claude Code per-project entry (the same name recurs across projects). */
export function serverLabel(server: ServerReport): string {
  return server.project !== undefined ? `${server.name} (project ${server.project})` : server.name;
}

/** `2 high, 1 medium` or `no findings`. */
export function countsLine(counts: ServerReport['counts']): string {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length ? parts.join(', ') : 'no findings';
}

/** `npm:pkg@1.2.3` with the scanned version when the spec did not name it. */
export function sourceLine(server: ServerReport): string {
  const { kind, spec, version } = server.source;
  const shown = spec || '(nothing to run)';
  const versioned = version && !spec.endsWith(`@${version}`) && !spec.endsWith(`==${version}`) ? `${shown} → ${version}` : shown;
  return kind === 'unknown' || kind === 'local' || kind === 'remote' || kind === 'docker' ? `${kind} ${versioned}` : versioned;
}
