// The tools of configured servers, grouped by the host that runs them together: input of the cross-server rules.
import type { ClientConfigFile, ClientId, ConfiguredServer, ResolvedTool } from '../../model/client-config.js';
import type { Location } from '../../model/location.js';
import type { ProjectContext } from '../../rule/rule.js';

export interface KnownTool {
  name: string;
  /** Where the config names the tool, or the server's key when only its package scan knows it. */
  location: Location;
  /** From the server's package scan (`--resolve`), when there was one. */
  resolved?: ResolvedTool;
}

export interface ServerTools {
  config: ClientConfigFile;
  server: ConfiguredServer;
  tools: KnownTool[];
}

export interface HostGroup {
  client: ClientId;
  /** Claude Code per-project entries: the project whose servers are added to the user's. */
  project?: string;
  members: ServerTools[];
}

/**
 * Servers a host runs side by side: every enabled server of one client across the scanned files (user and project
 * configs are merged by the client), with Claude Code's per-project entries added to the user-wide ones, one project
 * at a time. Different clients never share a tool list.
 */
export function hostGroups(ctx: ProjectContext): HostGroup[] {
  const configs = ctx.clientConfigs ?? [];
  const resolved = ctx.resolvedServers ?? [];
  const byClient = new Map<ClientId, ServerTools[]>();
  for (const config of configs) {
    for (const server of config.servers) {
      if (server.disabled) continue;
      const tools = new Map<string, KnownTool>();
      for (const r of resolved) {
        if (r.configPath !== config.path || r.server !== server.name) continue;
        for (const t of r.tools) tools.set(t.name, { name: t.name, location: server.location, resolved: t });
      }
      for (const d of server.declaredTools) {
        const prev = tools.get(d.value);
        tools.set(d.value, { name: d.value, location: d.location, ...(prev?.resolved ? { resolved: prev.resolved } : {}) });
      }
      const list = byClient.get(config.client) ?? [];
      list.push({ config, server, tools: [...tools.values()] });
      byClient.set(config.client, list);
    }
  }
  const groups: HostGroup[] = [];
  for (const [client, members] of byClient) {
    const base = members.filter((m) => m.server.project === undefined);
    const projects = [...new Set(members.map((m) => m.server.project).filter((p): p is string => p !== undefined))].sort();
    if (!projects.length) groups.push({ client, members: base });
    for (const project of projects) groups.push({ client, project, members: [...base, ...members.filter((m) => m.server.project === project)] });
  }
  return groups;
}

/** `"github" in .cursor/mcp.json`. */
export function describeServer(m: ServerTools): string {
  return `"${m.server.name}"${m.server.project !== undefined ? ` (project ${m.server.project})` : ''} in ${m.config.path}`;
}

/** A stable key for one server of one file. */
export function serverKey(m: ServerTools): string {
  return `${m.config.path}\0${m.server.project ?? ''}\0${m.server.name}`;
}
