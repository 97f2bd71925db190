// Parses what the user typed after `mcpvet scan` (a folder, git URL, npm or PyPI spec, archive, registry id) into a Target.
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import semver from 'semver';

export type TargetKind = 'local' | 'git' | 'npm' | 'pypi' | 'archive' | 'registry';

export interface LocalTarget {
  kind: 'local';
  input: string;
  /** Absolute path of the folder or file. */
  path: string;
}

export interface GitTarget {
  kind: 'git';
  /** What the user typed, with any credentials replaced by `***`. */
  input: string;
  /** Clone URL without credentials: `https://…`, `ssh://…`, `git://…` or scp-like `git@host:path`. */
  url: string;
  /** Branch, tag or full commit SHA after `#` (or from a `/tree/<ref>` web URL). */
  ref?: string;
  /** A password or token found in the URL's userinfo; moved out of the URL so it never reaches argv or messages. */
  credentials?: string;
}

export interface NpmTarget {
  kind: 'npm';
  input: string;
  name: string;
  /** Exact version, semver range or dist-tag (`latest` when none was given). */
  spec: string;
  specType: 'version' | 'range' | 'tag';
}

export interface PypiTarget {
  kind: 'pypi';
  input: string;
  /** As written (for messages). */
  name: string;
  /** PEP 503 normalized: lower case, runs of `-_.` as one `-`. */
  normalizedName: string;
  /** PEP 440 specifier set without spaces (`==1.2`, `>=1,<2`), empty for the latest release. */
  specifier: string;
  /** Extras that were written (`name[cli]`) and are ignored: they change dependencies, not the package's own code. */
  extras: string[];
}

export interface ArchiveTarget {
  kind: 'archive';
  input: string;
  format: 'tgz' | 'zip';
  /** Absolute path of a local archive, or… */
  path?: string;
  /** …an http(s) URL to download. */
  url?: string;
  /** Expected SHA-256 (from a `#sha256=<hex>` fragment); also makes the download cacheable. */
  sha256?: string;
}

export interface RegistryTarget {
  kind: 'registry';
  input: string;
  /** Server name in the official MCP Registry: reverse-DNS namespace, a slash, a name (`io.github.owner/server`). */
  id: string;
  version?: string;
}

export type Target = LocalTarget | GitTarget | NpmTarget | PypiTarget | ArchiveTarget | RegistryTarget;

export class TargetSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetSpecError';
  }
}

export interface ParseTargetOptions {
  /** Folder that relative paths are resolved against (default: the process's). */
  cwd?: string;
  /** What exists at an absolute path; injectable for tests. Default: `fs.statSync`. */
  stat?: (abs: string) => 'file' | 'dir' | undefined;
}

function defaultStat(abs: string): 'file' | 'dir' | undefined {
  try {
    const s = statSync(abs);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

const ARCHIVE_EXT = /\.(tgz|tar\.gz|tar|zip|whl|mcpb)$/i;
const GIT_HOSTS = new Map([
  ['github', 'github.com'],
  ['gitlab', 'gitlab.com'],
  ['bitbucket', 'bitbucket.org'],
]);
/** GitHub user and organization names: letters, digits and single hyphens, never a dot. */
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPO_NAME = /^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;
const NPM_NAME_PART = /^(?![._])[a-zA-Z0-9._~-]{1,214}$/;
const NPM_TAG = /^[A-Za-z][A-Za-z0-9._-]{0,127}$/;
const PYPI_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
/** Registry server names as the registry's own schema states them: `<reverse-dns>/<name>`. */
const REGISTRY_ID = /^[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+\/[a-zA-Z0-9._-]+$/;
const PEP440_CLAUSE = /^(===|==|!=|~=|<=|>=|<|>)\s*([A-Za-z0-9.*+!_-]+)$/;

/*
 * How a spec is read, first rule that applies wins. The order settles every ambiguity:
 *
 *  1. Explicit prefixes: `npm:`, `pypi:`, `github:`/`gitlab:`/`bitbucket:`, `registry:`, `git+<scheme>://`. Use them
 *     whenever a spec could mean two things.
 *  2. URLs (`scheme://`): npmjs.com package pages → npm; pypi.org project pages → PyPI; paths ending in an archive
 *     extension → archive; `.git` URLs, `ssh://`, `git://` and github/gitlab/bitbucket repository pages → git.
 *     `file://` is refused (local clones are disabled on purpose: scan the folder itself).
 *  3. scp-like `user@host:path` → git.
 *  4. Anything that exists on disk → that file or folder (an existing archive file → archive). So a folder named
 *     `owner/repo` or `express` shadows the git shorthand or npm name: write `github:owner/repo` or `npm:express`.
 *  5. Things written as paths (`./x`, `../x`, `/x`, `~/x`, `C:\x`, or an archive file name) that do not exist → error.
 *  6. PEP 508-style requirements (`name==1.2`, `name>=1,<2`, `name~=1.0`, `name[extra]`) → PyPI.
 *  7. `<dotted.namespace>/<name>` → MCP Registry id. GitHub owners cannot contain dots, so `io.github.x/y` is never a
 *     repository and `x/y` is never a registry id.
 *  8. `owner/repo` with a GitHub-valid owner → git (GitHub).
 *  9. Everything else that is a valid npm name, scoped or not, with optional `@version|range|tag` → npm.
 */
export function parseTarget(spec: string, opts: ParseTargetOptions = {}): Target {
  const input = spec.trim();
  if (!input) throw new TargetSpecError('empty target: give a folder, a file, a git URL, an npm or PyPI spec, an archive or an MCP Registry id');
  if (/[\0\r\n]/.test(input)) throw new TargetSpecError('the target contains control characters');
  const cwd = opts.cwd ?? process.cwd();
  const stat = opts.stat ?? defaultStat;

  const prefix = /^(npm|pypi|github|gitlab|bitbucket|registry|mcp):(?!\/\/)(.*)$/i.exec(input);
  if (prefix) {
    const [, p, rest] = prefix as unknown as [string, string, string];
    switch (p.toLowerCase()) {
      case 'npm':
        return parseNpm(rest, input);
      case 'pypi':
        return parsePypi(rest, input);
      case 'registry':
      case 'mcp':
        return parseRegistry(rest, input);
      default:
        return parseHostShorthand(GIT_HOSTS.get(p.toLowerCase())!, rest, input);
    }
  }

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) return parseUrl(input);

  // scp-like syntax: no scheme, a user, a host, a colon, a path (`git@github.com:owner/repo.git`).
  const scp = /^([A-Za-z0-9._~-]+@[A-Za-z0-9.-]+):(?!\/\/)([^#]+?)(?:#(.*))?$/.exec(input);
  if (scp) return gitTarget(input, `${scp[1]}:${scp[2]}`, scp[3]);

  const abs = path.resolve(cwd, expandHome(input));
  const onDisk = stat(abs);
  if (onDisk === 'file' && ARCHIVE_EXT.test(input)) return { kind: 'archive', input, format: archiveFormat(input), path: abs };
  if (onDisk) return { kind: 'local', input, path: abs };

  if (/^(\.{1,2}([\\/]|$)|[\\/]|~([\\/]|$)|[A-Za-z]:[\\/])/.test(input) || (ARCHIVE_EXT.test(input) && !/[=<>~!]/.test(input))) {
    throw new TargetSpecError(`cannot read target ${input}: no such file or folder`);
  }

  // npm ranges use the same operators, but only after "@"; a PyPI requirement never contains "@" (direct references are refused).
  if (/[=<>!~]|\[/.test(input) && !/[@/#]/.test(input)) return parsePypi(input, input);

  const hash = input.indexOf('#');
  const beforeRef = hash === -1 ? input : input.slice(0, hash);
  if (REGISTRY_ID.test(beforeRef.replace(/@[^/]*$/, '')) && hash === -1) return parseRegistry(input, input);

  const short = /^([^/@#\s]+)\/([^/#\s]+?)(?:\.git)?(?:#(.*))?$/.exec(input);
  if (short && !input.startsWith('@')) {
    const [, owner, repo, ref] = short as unknown as [string, string, string, string | undefined];
    if (GITHUB_OWNER.test(owner) && REPO_NAME.test(repo)) return gitTarget(input, `https://github.com/${owner}/${repo}.git`, ref);
    if (owner.includes('.')) throw new TargetSpecError(`"${input}" is neither a folder nor an MCP Registry id (expected <reverse-dns namespace>/<name>, e.g. io.github.owner/server)`);
    throw new TargetSpecError(`"${input}" is neither a folder nor a GitHub repository (owner names are letters, digits and hyphens)`);
  }

  return parseNpm(input, input);
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') || p.startsWith('~\\') ? path.join(os.homedir(), p.slice(1)) : p;
}

function archiveFormat(name: string): 'tgz' | 'zip' {
  return /\.(zip|whl|mcpb)$/i.test(name) ? 'zip' : 'tgz';
}

function gitTarget(input: string, url: string, ref: string | undefined, credentials?: string): GitTarget {
  if (ref !== undefined) {
    if (!ref) throw new TargetSpecError(`empty git ref after "#" in ${input}`);
    // Refs become a git argument: refuse anything git would read as an option or that is not a legal ref name.
    if (ref.startsWith('-') || /[\s~^:?*[\\\x00-\x1f\x7f]|\.\.|@\{|\/\/|\.lock$|\/$|^\//.test(ref)) throw new TargetSpecError(`invalid git ref "${ref}"`);
  }
  const t: GitTarget = { kind: 'git', input, url };
  if (ref) t.ref = ref;
  if (credentials) t.credentials = credentials;
  return t;
}

function parseHostShorthand(host: string, rest: string, input: string): GitTarget {
  const m = /^([^/#\s]+)\/([^/#\s]+?)(?:\.git)?(?:#(.*))?$/.exec(rest);
  if (!m || !REPO_NAME.test(m[2]!) || !/^[A-Za-z0-9_.-]+$/.test(m[1]!)) throw new TargetSpecError(`expected ${input.split(':')[0]}:owner/repo[#ref], got "${input}"`);
  return gitTarget(input, `https://${host}/${m[1]}/${m[2]}.git`, m[3]);
}

function parseUrl(input: string): Target {
  let raw = input;
  let isGitPrefixed = false;
  if (/^git\+/i.test(raw)) {
    raw = raw.slice(4);
    isGitPrefixed = true;
  }
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new TargetSpecError(`invalid URL: ${redactUserinfo(input)}`);
  }
  const scheme = u.protocol.slice(0, -1).toLowerCase();
  if (scheme === 'file') throw new TargetSpecError('file:// URLs are refused (local git clones are disabled on purpose): give the folder path instead');
  if (!['https', 'http', 'ssh', 'git'].includes(scheme)) throw new TargetSpecError(`unsupported URL scheme "${scheme}:" (use https, http, ssh or git)`);

  const host = u.hostname.toLowerCase();
  const segs = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const shownInput = redactUserinfo(input);
  // Over http(s) the userinfo is a credential (`https://x-access-token:<token>@host`); over ssh the user name is just
  // the account git logs in as (`ssh://git@host`), and only a password is secret.
  const web = scheme === 'https' || scheme === 'http';
  const credentials = u.password ? decodeURIComponent(u.password) : web && u.username ? decodeURIComponent(u.username) : undefined;
  const fragment = u.hash ? decodeURIComponent(u.hash.slice(1)) : undefined;

  if (!isGitPrefixed && (scheme === 'https' || scheme === 'http')) {
    if (host === 'www.npmjs.com' || host === 'npmjs.com') {
      if (segs[0] !== 'package' || segs.length < 2) throw new TargetSpecError(`not an npm package page: ${shownInput} (expected https://www.npmjs.com/package/<name>)`);
      const scoped = segs[1]!.startsWith('@');
      const name = scoped ? `${segs[1]}/${segs[2] ?? ''}` : segs[1]!;
      const rest = segs.slice(scoped ? 3 : 2);
      if (rest.length === 0) return parseNpm(name, input);
      if (rest[0] === 'v' && rest.length === 2) return parseNpm(`${name}@${rest[1]}`, input);
      throw new TargetSpecError(`not an npm package page: ${shownInput} (expected /package/<name>[/v/<version>])`);
    }
    if (host === 'pypi.org' || host === 'www.pypi.org') {
      if (segs[0] !== 'project' || segs.length < 2 || segs.length > 3) throw new TargetSpecError(`not a PyPI project page: ${shownInput} (expected https://pypi.org/project/<name>[/<version>])`);
      return parsePypi(segs.length === 3 ? `${segs[1]}==${segs[2]}` : segs[1]!, input);
    }
    if (ARCHIVE_EXT.test(u.pathname)) {
      let sha256: string | undefined;
      if (fragment !== undefined) {
        const m = /^sha256=([0-9a-fA-F]{64})$/.exec(fragment);
        if (!m) throw new TargetSpecError(`archive URL fragment must be #sha256=<64 hex digits>, got "#${fragment}"`);
        sha256 = m[1]!.toLowerCase();
      }
      if (u.username || u.password) throw new TargetSpecError('archive URLs with credentials are refused: they would be stored in reports');
      const url = new URL(u.href);
      url.hash = '';
      const t: ArchiveTarget = { kind: 'archive', input, format: archiveFormat(u.pathname), url: url.href };
      if (sha256) t.sha256 = sha256;
      return t;
    }
  }

  if (web) u.username = '';
  u.password = '';
  u.hash = '';
  let ref = fragment;
  if (!isGitPrefixed && (scheme === 'https' || scheme === 'http') && ['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org'].includes(host) && !u.pathname.endsWith('.git')) {
    // A repository's web page: owner/repo, optionally /tree/<ref> (GitHub, Codeberg) or /-/tree/<ref> (GitLab).
    if (segs.length < 2) throw new TargetSpecError(`not a repository URL: ${shownInput} (expected https://${host}/<owner>/<repo>)`);
    const treeAt = segs[2] === 'tree' ? 3 : segs[2] === '-' && segs[3] === 'tree' ? 4 : segs[2] === 'src' ? 3 : -1;
    if (segs.length > 2 && treeAt === -1) throw new TargetSpecError(`not a repository URL: ${shownInput} (expected https://${host}/<owner>/<repo>[/tree/<ref>])`);
    if (treeAt !== -1 && segs.length > treeAt) ref ??= segs.slice(treeAt).join('/');
    return gitTarget(shownInput, `${u.protocol}//${u.host}/${segs[0]}/${segs[1]!.replace(/\.git$/, '')}.git`, ref, credentials);
  }
  if (isGitPrefixed || scheme === 'ssh' || scheme === 'git' || u.pathname.endsWith('.git') || u.pathname.endsWith('.git/')) {
    return gitTarget(shownInput, u.href, ref, credentials);
  }
  throw new TargetSpecError(
    `cannot tell what ${shownInput} is: use a git URL ending in .git (or git+https://…), an npmjs.com or pypi.org page, or a link to a .tgz/.tar.gz/.zip/.whl archive`,
  );
}

function redactUserinfo(s: string): string {
  return s.replace(/^((?:git\+)?https?:\/\/)[^/@]*@/i, '$1***@').replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):[^/@]*@/i, '$1:***@');
}

function parseNpm(rest: string, input: string): NpmTarget {
  const body = rest.trim();
  if (!body) throw new TargetSpecError(`${input}: missing npm package name`);
  const scoped = body.startsWith('@');
  const at = body.indexOf('@', scoped ? 1 : 0);
  const name = at === -1 ? body : body.slice(0, at);
  const spec = at === -1 ? 'latest' : body.slice(at + 1).trim();
  if (/^(git\+|git:|github:|gitlab:|bitbucket:|file:|link:|https?:|npm:|workspace:)/i.test(spec) || spec.includes('/')) {
    throw new TargetSpecError(`${input}: only registry versions, ranges and dist-tags are accepted after "@" (git, file, URL and alias specs would run scripts or leave the registry)`);
  }
  if (scoped) {
    const m = /^@([^/]+)\/([^/]+)$/.exec(name);
    if (!m || !NPM_NAME_PART.test(m[1]!) || !NPM_NAME_PART.test(m[2]!) || name.length > 214) throw new TargetSpecError(`invalid npm package name "${name}"`);
  } else if (!NPM_NAME_PART.test(name) || name === 'node_modules' || name === 'favicon.ico' || /[~'!()*]/.test(name.slice(1))) {
    throw new TargetSpecError(`invalid npm package name "${name}"`);
  }
  if (!spec) throw new TargetSpecError(`${input}: empty version after "@"`);
  if (semver.valid(spec)) return { kind: 'npm', input, name, spec: semver.clean(spec) ?? spec, specType: 'version' };
  if (NPM_TAG.test(spec) && !/^v?\d/.test(spec) && spec !== 'x' && spec !== 'X') return { kind: 'npm', input, name, spec, specType: 'tag' };
  if (semver.validRange(spec)) return { kind: 'npm', input, name, spec, specType: 'range' };
  throw new TargetSpecError(`${input}: "${spec}" is not a version, a semver range or a dist-tag`);
}

/** PEP 503 name normalization. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

function parsePypi(rest: string, input: string): PypiTarget {
  const body = rest.replace(/\s+/g, '');
  if (/;/.test(body)) throw new TargetSpecError(`${input}: environment markers (";") are not supported`);
  if (/@/.test(body)) throw new TargetSpecError(`${input}: direct references ("name @ url") are not supported; give the archive URL itself`);
  const m = /^([A-Za-z0-9._-]+)(?:\[([^\]]*)\])?(.*)$/.exec(body);
  if (!m || !PYPI_NAME.test(m[1]!)) throw new TargetSpecError(`invalid PyPI project name in "${input}"`);
  const name = m[1]!;
  const extras = (m[2] ?? '').split(',').filter(Boolean);
  for (const e of extras) if (!PYPI_NAME.test(e)) throw new TargetSpecError(`invalid extra "${e}" in "${input}"`);
  const specifier = m[3] ?? '';
  if (specifier) {
    for (const clause of specifier.split(',')) {
      const c = PEP440_CLAUSE.exec(clause);
      if (!c) throw new TargetSpecError(`invalid version specifier "${clause}" in "${input}" (expected e.g. ==1.2, >=1,<2, ~=1.4)`);
      if (c[2]!.includes('*') && c[1] !== '==' && c[1] !== '!=') throw new TargetSpecError(`"${clause}": wildcards are only allowed with == and !=`);
    }
  }
  return { kind: 'pypi', input, name, normalizedName: normalizePypiName(name), specifier, extras };
}

function parseRegistry(rest: string, input: string): RegistryTarget {
  const body = rest.trim();
  const at = body.indexOf('@');
  const id = at === -1 ? body : body.slice(0, at);
  const version = at === -1 ? undefined : body.slice(at + 1);
  if (!REGISTRY_ID.test(id) || id.length > 200) {
    throw new TargetSpecError(`invalid MCP Registry id "${id}": expected <reverse-dns namespace>/<name>, e.g. io.github.owner/server`);
  }
  if (version !== undefined && !/^[A-Za-z0-9.+_-]{1,255}$/.test(version)) throw new TargetSpecError(`invalid version "${version}" for ${id}`);
  return version === undefined ? { kind: 'registry', input, id } : { kind: 'registry', input, id, version };
}
