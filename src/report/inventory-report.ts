// Text view of the MCP inventory for `mcpvet inventory`.
import type { Inventory, TextValue } from '../model/inventory.js';
import { sanitize } from './text-report.js';

export function renderInventoryText(inv: Inventory): string {
  const out: string[] = [];
  if (!inv.isMcpServer) out.push('not an MCP server: no MCP SDK import, server construction or SDK dependency was found');
  for (const s of inv.servers) {
    const sdk = `${s.sdk.package}${s.sdk.version ? `@${s.sdk.version}` : ''} (${s.sdk.api})`;
    out.push(`server ${s.name ? show(s.name) : '(unnamed)'}  ${s.location.path}:${s.location.startLine}  ${sdk}`);
    if (s.instructions) out.push(`  instructions: ${show(s.instructions)}`);
    for (const t of s.transports) out.push(`  transport ${t.kind} via ${t.api}${t.host ? ` host ${t.host}` : t.hostDefaultsToAll ? ' host (all interfaces by default)' : ''}${t.port ? ` port ${t.port}` : ''}  line ${t.location.startLine}`);
    for (const a of s.auth) out.push(`  auth ${a.kind} via ${a.api}  ${a.location.path}:${a.location.startLine}`);
    for (const t of s.tools) {
      out.push(`  tool ${sanitize(t.name)}  ${t.location.path}:${t.location.startLine}  (${t.api})`);
      if (t.description) out.push(`    description: ${show(t.description)}`);
      for (const p of t.params) out.push(`    param ${sanitize(p.name)}${p.type ? `: ${sanitize(p.type)}` : ''}${p.required === false ? ' (optional)' : ''}${p.description ? ` — ${show(p.description)}` : ''}`);
      if (t.annotations) {
        const a = t.annotations;
        const hints = (['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const).filter((k) => a[k] !== undefined).map((k) => `${k}=${a[k]}`);
        out.push(`    annotations: ${hints.join(' ')}`);
      }
      if (t.handler) out.push(`    handler ${t.handler.name ?? '(inline)'} at line ${t.handler.location.startLine}`);
    }
    for (const p of s.prompts) out.push(`  prompt ${sanitize(p.name)}  ${p.location.path}:${p.location.startLine}${p.description ? ` — ${show(p.description)}` : ''}`);
    for (const r of s.resources) out.push(`  resource${r.isTemplate ? ' template' : ''} ${sanitize(r.uri)}  ${r.location.path}:${r.location.startLine}`);
  }
  for (const f of inv.files) {
    const loose = [...f.auth.map((a) => `auth ${a.kind} via ${a.api} line ${a.location.startLine}`), ...f.metadataRoutes.map((m) => `metadata ${m.kind}${m.path ? ` ${m.path}` : ''} line ${m.location.startLine}`), ...f.transports.map((t) => `listener ${t.kind} via ${t.api}${t.host ? ` host ${t.host}` : ''} line ${t.location.startLine}`)];
    if (loose.length) out.push(`file ${f.path}`, ...loose.map((l) => `  ${l}`));
  }
  for (const m of inv.manifests) out.push(`manifest ${m.path} (${m.kind})${m.name ? ` ${m.name}${m.version ? `@${m.version}` : ''}` : ''}`);
  return `${out.join('\n')}\n`;
}

function show(t: TextValue): string {
  const v = t.value.length > 120 ? `${t.value.slice(0, 117)}...` : t.value;
  return JSON.stringify(sanitize(v)) + (t.origin === 'dynamic' ? ' (dynamic)' : '');
}
