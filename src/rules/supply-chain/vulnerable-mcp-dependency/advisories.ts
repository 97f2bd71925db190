// Offline advisory table for MCP SDKs and widely used MCP packages: affected ranges and the versions that fix them.

export type Ecosystem = 'npm' | 'pypi' | 'go';

export interface Advisory {
  ecosystem: Ecosystem;
  package: string;
  /** Versions below this are affected; undefined when no release fixes it (the package is archived). */
  fixed?: string;
  /** Lowest affected version, when versions before it are not affected. */
  introduced?: string;
  ids: string[];
  summary: string;
  severity: 'critical' | 'high' | 'medium';
  url: string;
}

export const ADVISORIES: readonly Advisory[] = [
  {
    ecosystem: 'npm', package: '@modelcontextprotocol/sdk', fixed: '1.24.0', ids: ['GHSA-w48q-cv73-mx4w'],
    summary: 'DNS-rebinding protection of the HTTP transports is off by default', severity: 'high',
    url: 'https://github.com/advisories/GHSA-w48q-cv73-mx4w',
  },
  {
    ecosystem: 'pypi', package: 'mcp', fixed: '1.23.0', ids: ['CVE-2025-66416'],
    summary: 'DNS-rebinding protection of FastMCP HTTP/SSE servers is off by default', severity: 'high',
    url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-66416',
  },
  {
    ecosystem: 'go', package: 'github.com/modelcontextprotocol/go-sdk', fixed: '1.3.1', ids: ['CVE-2026-27896'],
    summary: 'case-insensitive JSON-RPC field matching lets messages slip past inspecting intermediaries', severity: 'medium',
    url: 'https://nvd.nist.gov/vuln/detail/CVE-2026-27896',
  },
  {
    ecosystem: 'go', package: 'github.com/modelcontextprotocol/go-sdk', fixed: '1.4.0', ids: ['CVE-2026-34742', 'GHSA-xw59-hvm2-8pj6'],
    summary: 'Streamable HTTP and SSE handlers do not protect localhost servers from DNS rebinding', severity: 'high',
    url: 'https://osv.dev/vulnerability/CVE-2026-34742',
  },
  {
    ecosystem: 'npm', package: 'mcp-remote', introduced: '0.0.5', fixed: '0.1.16', ids: ['CVE-2025-6514'],
    summary: 'a malicious server\'s authorization_endpoint is opened through a shell: OS command injection on the client', severity: 'critical',
    url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-6514',
  },
  {
    ecosystem: 'npm', package: '@modelcontextprotocol/inspector', fixed: '0.14.1', ids: ['CVE-2025-49596'],
    summary: 'the Inspector proxy accepts unauthenticated requests that start arbitrary commands', severity: 'critical',
    url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-49596',
  },
  {
    ecosystem: 'npm', package: '@modelcontextprotocol/server-filesystem', fixed: '2025.7.1', ids: ['CVE-2025-53109', 'CVE-2025-53110'],
    summary: 'allowed-directory checks can be escaped through prefix matching and symbolic links', severity: 'high',
    url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-53110',
  },
  {
    ecosystem: 'pypi', package: 'mcp-server-git', fixed: '2026.1.14', ids: ['CVE-2026-27735', 'GHSA-vjqx-cfc4-9h6v'],
    summary: 'git_add stages files outside the repository through path traversal', severity: 'medium',
    url: 'https://github.com/advisories/GHSA-vjqx-cfc4-9h6v',
  },
  {
    ecosystem: 'npm', package: '@modelcontextprotocol/server-postgres', ids: ['no fixed release'],
    summary: 'the "read-only" transaction can be escaped with stacked statements; the package is archived and unmaintained', severity: 'high',
    url: 'https://github.com/modelcontextprotocol/servers-archived',
  },
];
