// MV4002 (MCPSafe MCP-274): a local Streamable HTTP/SSE endpoint without Host/Origin validation, open to DNS rebinding.
import type { Inventory, SdkRef, Transport } from '../../../model/inventory.js';
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';
import { isLoopbackHost, isWildcardHost, networkTransports } from '../transports-of.js';
import { versionBelow } from '../../../rule/version-below.js';

/**
 * What each SDK does when the code does not configure Host/Origin validation: `off` (never on by default),
 * `on-since` (on by default from that version), `loopback-since` (on by default from that version, only when
 * the configured host is a loopback address). SDKs missing here are not judged on defaults.
 */
const SDK_DEFAULTS: Record<string, { mode: 'off' } | { mode: 'on-since' | 'loopback-since'; version: string; advisory: string }> = {
  '@modelcontextprotocol/sdk': { mode: 'off' },
  mcp: { mode: 'loopback-since', version: '1.23.0', advisory: 'CVE-2025-66416' },
  'github.com/modelcontextprotocol/go-sdk': { mode: 'on-since', version: '1.4.0', advisory: 'CVE-2026-34742' },
};

const HTTP_KINDS = new Set<Transport['kind']>(['streamable-http', 'sse']);

export default defineRule({
  meta: {
    id: 'MV4002',
    slug: 'dns-rebinding-protection-missing',
    title: 'HTTP transport without DNS-rebinding protection',
    category: 'transport',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-346', 'CWE-1188'],
    owaspMcp: ['MCP07', 'MCP09'],
    aliases: ['MCP-274'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{api} serves MCP over HTTP without Host/Origin validation: {why}',
    docs: {
      summary:
        'A Streamable HTTP or SSE endpoint does not validate the `Host` and `Origin` headers, either because the protection is switched off or because the SDK version in use leaves it off by default.',
      risk:
        'A web page the user visits can make their browser talk to `http://127.0.0.1:<port>` through DNS rebinding: the attacker\'s host name first resolves to the attacker, then to 127.0.0.1, and the browser treats the local server as same-origin. Every tool of the local MCP server — file access, shell, the user\'s tokens — is then available to that page. The MCP specification requires servers to validate `Origin`, and all three official SDKs shipped fixes that turn Host validation on by default (Python CVE-2025-66416, Go CVE-2026-34742, TypeScript GHSA-w48q-cv73-mx4w); bearer authentication alone does not help when the token is configured in the local client.',
      detection:
        'Reads the inventory\'s Streamable HTTP and SSE transports. Fires with high confidence when protection is explicitly off: Python `TransportSecuritySettings(enable_dns_rebinding_protection=False)`, TypeScript `enableDnsRebindingProtection: false`, Go `StreamableHTTPOptions{DisableLocalhostProtection: true}`. When the code does not configure it, the SDK default decides: TypeScript `@modelcontextprotocol/sdk` transports (`StreamableHTTPServerTransport`, `SSEServerTransport`) are unprotected unless `enableDnsRebindingProtection: true` with allowed hosts is set or the app comes from `createMcpExpressApp()` / host-validation middleware; Python `mcp` FastMCP enables it from 1.23.0 only for loopback hosts, so a wildcard host, or a version range starting below 1.23.0 in the manifest, fires; the Go SDK enables it from 1.4.0, so a go.mod requirement below that fires. Defaults of other frameworks (mcp-go, `fastmcp`) are not assumed either way.',
      fix:
        'Upgrade the SDK and keep its protection on: TypeScript — build the app with `createMcpExpressApp()` (or add `hostHeaderValidation([...])`), or pass `enableDnsRebindingProtection: true, allowedHosts: ["127.0.0.1:3000", "localhost:3000"]`; Python — `mcp >= 1.23.0` with a loopback host, or `transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=True, allowed_hosts=[...], allowed_origins=[...])`; Go — go-sdk `>= 1.4.0` without `DisableLocalhostProtection`. Reject requests whose `Origin` is present and not allowed with 403.',
      references: [
        { title: 'MCP specification 2025-11-25: transports, security warning', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning' },
        { title: 'GHSA-w48q-cv73-mx4w: TypeScript SDK DNS rebinding protection not enabled by default', url: 'https://github.com/advisories/GHSA-w48q-cv73-mx4w' },
        { title: 'CVE-2025-66416: Python SDK DNS rebinding protection disabled by default', url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-66416' },
        { title: 'CWE-346: Origin Validation Error', url: 'https://cwe.mitre.org/data/definitions/346.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      const all = networkTransports(ctx.inventory);
      // An app-level guard (createMcpExpressApp, host-validation middleware) protects every transport served by it;
      // the inventory records it as an enabled `http` transport of the same file.
      const guardedFiles = new Set(all.filter((p) => p.transport.kind === 'http' && p.transport.dnsRebindingProtection === 'enabled').map((p) => p.transport.location.path));
      for (const { transport: t, server } of all) {
        if (!HTTP_KINDS.has(t.kind)) continue;
        if (t.dnsRebindingProtection !== 'disabled' && guardedFiles.has(t.location.path)) continue;
        const sdk = server?.sdk ?? sdkOfFile(ctx.inventory, t.location.path);
        const verdict = judge(t, sdk);
        if (!verdict) continue;
        out.push({
          ...at(t.location),
          data: { api: t.api, why: verdict.why },
          confidence: verdict.confidence,
        });
      }
      return out;
    },
  },
});

function sdkOfFile(inv: Inventory, path: string): SdkRef | undefined {
  return inv.files.find((f) => f.path === path)?.sdkImports[0];
}

function judge(t: Transport, sdk: SdkRef | undefined): { why: string; confidence: 'high' | 'medium' | 'low' } | undefined {
  const protection = t.dnsRebindingProtection ?? 'default';
  if (protection === 'disabled') return { why: 'the protection is explicitly turned off', confidence: 'high' };
  if (protection !== 'default' || !sdk) return undefined;
  const rule = SDK_DEFAULTS[sdk.package];
  if (!rule) return undefined;
  if (rule.mode === 'off') return { why: `${sdk.package} leaves it off unless enabled`, confidence: 'medium' };
  const below = sdk.version ? versionBelow(sdk.version, rule.version) : undefined;
  if (below) {
    return {
      why: `${sdk.package} ${sdk.version}${sdk.versionSource ? ` (${sdk.versionSource})` : ''} allows versions before ${rule.version}, which leave it off by default (${rule.advisory})`,
      confidence: below === 'pinned' ? 'high' : 'low',
    };
  }
  if (rule.mode === 'loopback-since' && t.host !== undefined && !isLoopbackHost(t.host)) {
    const what = isWildcardHost(t.host) ? 'a wildcard host' : `host ${t.host}`;
    return { why: `${sdk.package} turns it on by default only for loopback hosts, and this transport uses ${what}`, confidence: 'medium' };
  }
  return undefined;
}
