// MV8002: a configured server is installed from a registry at whatever version is newest when the client starts it.
import type { LaunchPackage, LaunchSpec } from '../../../model/client-config.js';
import { defineRule, type RawFinding } from '../../../rule/rule.js';
import { activeServers, serverLabel, spanOf } from '../config-helpers.js';

const RUNNER_NAMES: Record<LaunchSpec['runner'], string> = {
  npx: 'npx', bunx: 'bunx', 'pnpm-dlx': 'pnpm dlx', 'yarn-dlx': 'yarn dlx', 'npm-exec': 'npm exec', uvx: 'uvx', pipx: 'pipx run',
  'uv-run': 'uv run', docker: 'docker run', podman: 'podman run', shell: 'a shell', interpreter: 'an interpreter', binary: 'the command',
};

export default defineRule({
  meta: {
    id: 'MV8002',
    slug: 'unpinned-server-package',
    title: 'MCP server launched from an unpinned package or image',
    category: 'client-config',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-1357', 'CWE-829'],
    owaspMcp: ['MCP04'],
    aliases: [],
    mode: 'fast',
    languages: ['manifest'],
    status: 'stable',
    message: '{server} runs {what} through {runner} {how}; every start can install a different release: pin {fix}',
    docs: {
      summary:
        'A stdio server is started with `npx -y pkg`, `npx pkg@latest`, `bunx`, `pnpm dlx`, `uvx pkg`, `pipx run pkg` or `docker run image` (no tag or `:latest`), so the client downloads and runs whatever release the registry serves at that moment.',
      risk:
        'The package runs with the user\'s full rights, next to their SSH keys, cloud credentials and source code, every time the client starts. With a floating version, a release published after you reviewed the server — by a compromised maintainer account, a hijacked package or a maintainer gone rogue — is installed and executed without any prompt (`-y` even skips npm\'s own confirmation). This has happened to MCP servers: `postmark-mcp` worked normally for fifteen releases, then version 1.0.16 quietly blind-copied every email it sent to an outside address.',
      detection:
        'Reads `command` and `args` of each enabled stdio server, looking through `cmd /c` and simple `sh -c "…"` wrappers. npm runners (`npx`, `bunx`, `pnpm dlx`, `yarn dlx`, `npm exec`) are reported unless the package carries an exact version (`pkg@1.4.2`); dist-tags such as `@latest` and ranges such as `@^1.2` count as unpinned. Python runners (`uvx`, `uv tool run`, `pipx run`) are reported unless the package is pinned with `==1.2.3` or `@1.2.3` (also through `--from`/`--spec`). `docker run` and `podman run` are reported when the image has no tag or the `latest` tag; a specific tag or a `@sha256:` digest passes. Local paths, git URLs and tarballs are not registry packages and are left to other checks.',
      fix:
        'Pin the exact version you reviewed: `npx -y @acme/mcp-server@1.4.2`, `uvx mcp-server-git==2025.9.25`, `docker run -i --rm ghcr.io/acme/server@sha256:…` (or at least a fixed tag). Upgrade deliberately, after reading what changed; a lockfile-managed local install (`npm install` in a folder, then `node node_modules/.bin/server`) works too.',
      references: [
        { title: 'Techzine: backdoor in postmark-mcp 1.0.16 copied every email sent', url: 'https://www.techzine.eu/news/security/134970/malware-in-mcp-server-reveals-fundamental-security-problem' },
        { title: 'npm docs: npx and npm exec', url: 'https://docs.npmjs.com/cli/v10/commands/npm-exec' },
        { title: 'uv docs: running tools with uvx', url: 'https://docs.astral.sh/uv/guides/tools/' },
        { title: 'CWE-829: Inclusion of Functionality from Untrusted Control Sphere', url: 'https://cwe.mitre.org/data/definitions/829.html' },
      ],
    },
  },
  file: {
    languages: ['json', 'toml'],
    requires: /mcp|servers/i,
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const s of activeServers(ctx.clientConfig)) {
        const launch = s.launch;
        const pkg = launch?.package;
        if (!launch || !pkg || pkg.pinned) continue;
        const how = describe(pkg);
        if (!how) continue;
        out.push({
          span: spanOf(pkg.at.location),
          data: { server: serverLabel(s), what: pkg.name, runner: RUNNER_NAMES[launch.runner], how: how.text, fix: how.fix },
          confidence: pkg.ecosystem === 'docker' || launch.autoInstall || launch.runner !== 'npx' ? 'high' : 'medium',
        });
      }
      return out;
    },
  },
});

/** Why the version floats, and what pinning looks like for this ecosystem; undefined when it does not float. */
function describe(pkg: LaunchPackage): { text: string; fix: string } | undefined {
  if (pkg.ecosystem === 'docker') {
    if (pkg.version && pkg.version !== 'latest') return undefined;
    return { text: pkg.version ? 'with the "latest" tag' : 'without a tag (that is "latest")', fix: `a digest (${pkg.name}@sha256:…) or a fixed tag` };
  }
  const example = pkg.ecosystem === 'npm' ? `${pkg.name}@<version>` : `${pkg.name}==<version>`;
  if (pkg.version === undefined) return { text: 'without a version', fix: `the version you reviewed (${example})` };
  if (pkg.version === 'latest' || /^[A-Za-z]/.test(pkg.version)) return { text: `at the moving tag "${pkg.version}"`, fix: `the version you reviewed (${example})` };
  return { text: `with the range "${pkg.version}"`, fix: `an exact version (${example})` };
}
