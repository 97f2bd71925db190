// Decides what a configured MCP server's code is: a registry package, a local script or folder, a remote URL, or nothing mcpvet can fetch.
import path from 'node:path';
import type { ConfiguredServer, ConfigValue, LaunchPackage } from '../model/client-config.js';
import type { ServerSourceKind } from '../model/scan-result.js';
import { programName, splitWords } from '../mcp/client-config/read-launch.js';

export type ServerSource =
  | { kind: 'npm' | 'pypi'; scannable: true; spec: string; pkg: LaunchPackage }
  /** `path` is absolute; `folder` says whether the config named a folder (`uv --directory`) rather than a script. */
  | { kind: 'local'; scannable: true; spec: string; path: string; folder: boolean }
  | { kind: ServerSourceKind; scannable: false; spec: string; reason: string };

/** Script files an interpreter runs; anything else after `node`/`python` is not taken for a path to scan. */
const SCRIPT_EXT = /\.(?:[cm]?js|[cm]?ts|jsx|tsx|py|pyw)$/i;

/**
 * What to scan for `server`. Relative paths are taken from the server's `cwd` when it is absolute, else from
 * `baseDir` (the scanned project folder): clients start project servers from the project root.
 */
export function serverSource(server: ConfiguredServer, baseDir: string): ServerSource {
  if (server.url && !server.command) {
    const url = displayUrl(server.url.value);
    return { kind: 'remote', scannable: false, spec: url, reason: `remote server — use \`mcpvet scan --live ${url}\`` };
  }
  const launch = server.launch;
  if (!launch) return { kind: 'unknown', scannable: false, spec: '', reason: 'no command or URL in the config' };
  const pkg = launch.package;
  if (pkg?.ecosystem === 'docker') {
    const image = `${pkg.name}${pkg.version ? `:${pkg.version}` : ''}${pkg.digest ? `@${pkg.digest}` : ''}`;
    return { kind: 'docker', scannable: false, spec: image, reason: 'docker image: container images are not scanned (scan the source repository of the image instead)' };
  }
  if (pkg) return { kind: pkg.ecosystem, scannable: true, spec: packageSpec(pkg), pkg };
  const cwd = server.cwd && !server.cwd.variables.length && path.isAbsolute(server.cwd.value) ? server.cwd.value : baseDir;
  const local = localPath(server, launch.runner);
  if (local) {
    if (local.at.variables.length) {
      return { kind: 'local', scannable: false, spec: local.at.value, reason: `the path depends on a host variable (${local.at.variables.map((v) => v.raw).join(', ')})` };
    }
    return { kind: 'local', scannable: true, spec: local.at.value, path: path.resolve(cwd, local.at.value), folder: local.folder };
  }
  const program = launch.program;
  if (launch.runner === 'shell') return { kind: 'unknown', scannable: false, spec: program, reason: `started through a shell (${program}): the code it runs cannot be resolved` };
  if (launch.runner === 'interpreter') return { kind: 'unknown', scannable: false, spec: program, reason: `${program} runs inline code or an installed module, not a script file` };
  if (launch.runner === 'uv-run' || programName(program) === 'uv') return { kind: 'unknown', scannable: false, spec: program, reason: '`uv run` without `--directory` or a script path: the project cannot be resolved' };
  return { kind: 'unknown', scannable: false, spec: program, reason: `command "${program}" is not a package runner, script or folder that mcpvet can resolve` };
}

/** `npm:pkg@1.2.3`, `npm:pkg` (latest), `pypi:pkg==1.2`, `pypi:pkg>=1`: the target spec `acquire` understands. */
export function packageSpec(pkg: LaunchPackage): string {
  if (pkg.ecosystem === 'npm') return `npm:${pkg.name}${pkg.version ? `@${pkg.version}` : ''}`;
  const v = pkg.version;
  if (!v || v === 'latest') return `pypi:${pkg.name}`;
  if (/^[<>=!~]/.test(v)) return `pypi:${pkg.name}${v}`;
  return `pypi:${pkg.name}==${v}`;
}

/** The script or folder a local launch names: `node /p/server.js`, `python3 /p/server.py`, `uv --directory /p run …`, `/p/server.py`. */
function localPath(server: ConfiguredServer, runner: string): { at: ConfigValue; folder: boolean } | undefined {
  // `"command": "node /srv/x/server.js"` with no args: clients split it, and so does the launch reader.
  const words = !server.args.length && server.command && /\s/.test(server.command.value.trim()) ? splitWords(server.command.value).map((w) => ({ ...server.command!, value: w })) : undefined;
  const args = words ? words.slice(1) : server.args;
  const command = words ? words[0] : server.command;
  if (runner === 'interpreter') {
    let i = 0;
    // `deno run x.ts`, `bun run x.ts`: the subcommand comes before the script.
    if (args[0]?.value === 'run') i = 1;
    for (; i < args.length; i++) {
      const v = args[i]!.value;
      if (v === '-m' || v === '-e' || v === '-c' || v === '--eval') return undefined;
      if (v.startsWith('-')) continue;
      return SCRIPT_EXT.test(v) ? { at: args[i]!, folder: false } : undefined;
    }
    return undefined;
  }
  // `uv --directory /p run …` puts its options before `run`, so the launch reader sees a plain binary.
  const uvRun = runner === 'uv-run' || (command !== undefined && programName(command.value) === 'uv' && args.some((a) => a.value === 'run'));
  if (uvRun) {
    for (let i = 0; i < args.length; i++) {
      const v = args[i]!.value;
      if ((v === '--directory' || v === '--project') && args[i + 1]) return { at: args[i + 1]!, folder: true };
      if (v.startsWith('--directory=') || v.startsWith('--project=')) return { at: { ...args[i]!, value: v.slice(v.indexOf('=') + 1) }, folder: true };
    }
    const afterRun = args.findIndex((a) => a.value === 'run');
    for (let i = afterRun + 1; afterRun >= 0 && i < args.length; i++) {
      const v = args[i]!.value;
      if (v.startsWith('-')) continue;
      return SCRIPT_EXT.test(v) ? { at: args[i]!, folder: false } : undefined;
    }
    return undefined;
  }
  if (runner === 'binary' && command && /[\\/]/.test(command.value) && SCRIPT_EXT.test(command.value)) return { at: command, folder: false };
  return undefined;
}

/** A URL without credentials or query string: a report must not repeat a token the config rules just flagged. */
export function displayUrl(raw: string): string {
  try {
    const u = new URL(raw);
    const query = u.search ? '?…' : '';
    return `${u.protocol}//${u.host}${u.pathname}${query}`;
  } catch {
    return raw.replace(/[?#].*$/, '').replace(/\/\/[^/@]*@/, '//');
  }
}
