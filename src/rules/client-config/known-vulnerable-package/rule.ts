// MV8005: a client config launches an MCP package at a version with a published advisory.
import semver from 'semver';
import type { LaunchPackage } from '../../../model/client-config.js';
import { defineRule, type RawFinding } from '../../../rule/rule.js';
import { ADVISORIES as MANIFEST_ADVISORIES, type Advisory } from '../../supply-chain/vulnerable-mcp-dependency/advisories.js';
import { activeServers, serverLabel, spanOf } from '../config-helpers.js';
import table from './advisories.json' with { type: 'json' };

/** The manifest rule's table plus the entries for packages that are mostly launched, not depended on. */
const ADVISORIES: readonly Advisory[] = [...MANIFEST_ADVISORIES, ...(table.advisories as Advisory[])];

export default defineRule({
  meta: {
    id: 'MV8005',
    slug: 'known-vulnerable-package',
    title: 'Client config launches an MCP package version with a known advisory',
    category: 'client-config',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-1395'],
    owaspMcp: ['MCP04'],
    aliases: ['MCP-100'],
    mode: 'fast',
    languages: ['manifest'],
    status: 'stable',
    message: '{server} runs {pkg}@{version}, {how} ({ids}): {summary}; {fix}',
    docs: {
      summary:
        'A server entry runs a package version that a public advisory lists as vulnerable: `mcp-remote` below 0.1.16 (CVE-2025-6514), the MCP Inspector below 0.14.1 (CVE-2025-49596) or 0.16.6 (CVE-2025-58444), Framelink Figma MCP below 0.6.3 (CVE-2025-53967), reference servers with fixed directory-escape bugs, or an archived server that never got a fix.',
      risk:
        'Packages named in client configs run on developer machines with access to their files and credentials, and several of them had remotely reachable bugs: a malicious remote server could run commands on the client through `mcp-remote`, a web page could drive the Inspector\'s proxy into starting processes, and the Figma server built shell commands from request data. A config that pins the old version keeps the hole open even after the fix is published — pinning is right, but the pin has to move.',
      detection:
        'Reads the npm or PyPI package each enabled stdio server starts (`npx`, `bunx`, `pnpm dlx`, `uvx`, `pipx run`, also behind `cmd /c` and `sh -c`) and compares its version with a bundled offline table: the table of the manifest rule MV6004 (SDKs, `mcp-remote`, the Inspector, reference servers) plus `advisories.json` in this rule\'s folder. An exact version is affected when it is below the fixed version (and not below the first affected one); an npm range is affected when no version it allows has the fix, since the runner installs the newest match. Unversioned and `@latest` launches install the newest release and are only reported for packages that were never fixed (archived). No network lookups are made.',
      fix:
        'Move the pin to the fixed version or later (`npx -y mcp-remote@0.1.16`), or replace archived servers with maintained ones. Check the advisory for steps beyond upgrading (rotating tokens the vulnerable version could have exposed).',
      references: [
        { title: 'CVE-2025-6514: mcp-remote OS command injection', url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-6514' },
        { title: 'CVE-2025-49596: MCP Inspector unauthenticated proxy', url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-49596' },
        { title: 'CVE-2025-53967: Framelink Figma MCP command injection', url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-53967' },
        { title: 'GHSA-g9hg-qhmf-q45m: MCP Inspector XSS to command execution', url: 'https://github.com/advisories/GHSA-g9hg-qhmf-q45m' },
        { title: 'CWE-1395: Dependency on Vulnerable Third-Party Component', url: 'https://cwe.mitre.org/data/definitions/1395.html' },
      ],
    },
  },
  file: {
    languages: ['json', 'toml'],
    requires: /mcp|servers/i,
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const s of activeServers(ctx.clientConfig)) {
        const pkg = s.launch?.package;
        if (!pkg || pkg.ecosystem === 'docker') continue;
        for (const adv of ADVISORIES) {
          if (adv.ecosystem !== pkg.ecosystem || normalize(adv.package, adv.ecosystem) !== normalize(pkg.name, pkg.ecosystem)) continue;
          const verdict = affected(pkg, adv);
          if (!verdict) continue;
          out.push({
            span: spanOf(pkg.at.location),
            data: {
              server: serverLabel(s),
              pkg: pkg.name,
              version: pkg.version ?? 'latest',
              how: verdict === 'unfixed' ? 'a package with an unfixed advisory' : verdict === 'range' ? 'a range whose every version is affected' : 'an affected version',
              ids: adv.ids.join(', '),
              summary: adv.summary,
              fix: adv.fixed ? `fixed in ${adv.fixed}` : 'no fixed release exists',
            },
            severity: adv.severity,
          });
        }
      }
      return out;
    },
  },
});

function affected(pkg: LaunchPackage, adv: Advisory): 'pinned' | 'range' | 'unfixed' | undefined {
  if (!adv.fixed) return 'unfixed';
  const v = pkg.version;
  if (v === undefined || v === 'latest') return undefined;
  if (pkg.ecosystem === 'pypi') {
    if (!pkg.pinned) return undefined;
    return below(v, adv.fixed) && !(adv.introduced && below(v, adv.introduced)) ? 'pinned' : undefined;
  }
  const exact = semver.valid(semver.clean(v) ?? '');
  if (exact) return semver.lt(exact, adv.fixed) && !(adv.introduced && semver.lt(exact, adv.introduced)) ? 'pinned' : undefined;
  const range = semver.validRange(v);
  if (!range) return undefined;
  // The runner installs the newest version the range allows: affected only when none of them has the fix.
  if (semver.intersects(range, `>=${adv.fixed}`)) return undefined;
  if (adv.introduced && !semver.intersects(range, `>=${adv.introduced}`)) return undefined;
  return 'range';
}

/** Numeric comparison of dotted versions (`2025.1.14` < `2026.1.14`), enough for the exact PyPI pins checked here. */
function below(version: string, fixed: string): boolean {
  const a = version.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  const b = fixed.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d < 0;
  }
  return false;
}

/** PyPI names compare case-insensitively with `-`, `_` and `.` equivalent (PEP 503); npm names exactly. */
function normalize(name: string, ecosystem: string): string {
  return ecosystem === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}
