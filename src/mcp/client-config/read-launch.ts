// Reads how a stdio server is started from its `command` and `args`: which runner, which package or image, which inline script.
import type { ConfigValue, LaunchPackage, LaunchSpec } from '../../model/client-config.js';

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'ash', 'cmd', 'powershell', 'pwsh']);
const INTERPRETERS = new Set(['node', 'nodejs', 'python', 'python3', 'python2', 'py', 'deno', 'bun', 'ruby', 'perl', 'php']);
/** Flags that make an interpreter run the next argument as code. */
const EVAL_FLAGS = new Set(['-e', '--eval', '-c', '-p', '--print', '-r']);
/** Whether a shell flag makes the next argument a script: `-c` (also `-lc`, `-ic`) for POSIX shells, `/c` for cmd, `-Command` for PowerShell. */
function isScriptFlag(shell: string, flag: string): boolean {
  const f = flag.toLowerCase();
  if (shell === 'cmd') return f === '/c' || f === '/k';
  if (shell === 'powershell' || shell === 'pwsh') return ['-c', '-command', '-encodedcommand', '-ec', '-enc', '-e'].includes(f);
  return /^-[a-z]{0,4}c$/.test(f);
}

/** npm runner options that take a value. */
const NPX_VALUE_OPTIONS = new Set(['-p', '--package', '-c', '--call', '--registry', '--cache', '--userconfig', '--prefix', '-w', '--workspace']);
const UVX_VALUE_OPTIONS = new Set(['--from', '--with', '--with-editable', '--with-requirements', '--python', '-p', '--index', '--index-url', '--extra-index-url', '--default-index', '--constraints', '--overrides', '--directory', '--project', '--cache-dir', '--config-file', '--env-file']);
const PIPX_VALUE_OPTIONS = new Set(['--spec', '--python', '--index-url', '-i', '--pip-args']);

/**
 * `docker run` options that take a value (so the word after them is not the image). Flags without a value
 * (`-i`, `--rm`, `--privileged`…) need no entry.
 */
const DOCKER_VALUE_OPTIONS = new Set([
  '-e', '--env', '--env-file', '-v', '--volume', '--mount', '-p', '--publish', '--name', '--network', '--net', '-u', '--user', '-w',
  '--workdir', '--entrypoint', '--cap-add', '--cap-drop', '--security-opt', '-l', '--label', '--label-file', '--platform', '--pid',
  '--ipc', '--uts', '--userns', '--cgroupns', '--device', '-m', '--memory', '--memory-swap', '--cpus', '--cpu-shares', '-c',
  '--add-host', '--dns', '--dns-search', '--dns-option', '-h', '--hostname', '--tmpfs', '--ulimit', '--log-driver', '--log-opt',
  '--restart', '--runtime', '--shm-size', '--pull', '--gpus', '--group-add', '--expose', '--health-cmd', '--health-interval',
  '--stop-signal', '--stop-timeout', '--volumes-from', '--link', '--mac-address', '--ip', '--ip6', '--network-alias', '--cidfile',
  '--sysctl', '--storage-opt', '--attach', '-a', '--volume-driver', '--init-path', '--isolation', '--kernel-memory', '--pids-limit',
]);

/** How the server is started, or undefined when the entry has no command. */
export function readLaunch(command: ConfigValue | undefined, args: readonly ConfigValue[]): LaunchSpec | undefined {
  if (!command || !command.value.trim()) return undefined;
  let words = [command, ...args];
  // `"command": "npx -y pkg"` with no args: some clients split it, and so do we to see what runs.
  if (!args.length && /\s/.test(command.value.trim())) words = splitWords(command.value).map((w) => ({ ...command, value: w }));
  return fromWords(words, 0);
}

function fromWords(words: readonly ConfigValue[], depth: number): LaunchSpec | undefined {
  const first = words[0];
  if (!first) return undefined;
  const program = programName(first.value);
  const rest = words.slice(1);
  if (SHELLS.has(program)) {
    const flagAt = rest.findIndex((w) => isScriptFlag(program, w.value));
    const script = flagAt >= 0 ? rest[flagAt + 1] : undefined;
    // `cmd /c npx -y pkg` is how Windows starts npm runners: look through it when what follows is one plain command.
    if (program === 'cmd' && flagAt >= 0 && depth < 2) {
      const inner = rest.slice(flagAt + 1);
      const plain = inner.length > 1 || (inner[0] && !/[|&;<>`]|\$\(/.test(inner[0].value));
      if (plain && inner.length) {
        const innerWords = inner.length === 1 ? splitWords(inner[0]!.value).map((w) => ({ ...inner[0]!, value: w })) : inner;
        const spec = fromWords(innerWords, depth + 1);
        if (spec && spec.runner !== 'binary') return spec;
      }
    }
    const spec: LaunchSpec = { runner: 'shell', program: first.value };
    if (script) {
      spec.script = script;
      // A script that is one simple command still names the package it runs (`sh -c "npx -y pkg"`).
      if (depth < 2 && !/[|&;<>`]|\$\(/.test(script.value)) {
        const inner = fromWords(splitWords(script.value).map((w) => ({ ...script, value: w })), depth + 1);
        if (inner?.package) {
          spec.package = inner.package;
          spec.autoInstall = inner.autoInstall;
        }
      }
    }
    return spec;
  }
  if (INTERPRETERS.has(program)) {
    const flagAt = rest.findIndex((w) => EVAL_FLAGS.has(w.value));
    if (program === 'bun' && rest[0]?.value === 'x') return npmRunner('bunx', first.value, rest.slice(1));
    return flagAt >= 0 && rest[flagAt + 1] ? { runner: 'interpreter', program: first.value, script: rest[flagAt + 1] } : { runner: 'interpreter', program: first.value };
  }
  switch (program) {
    case 'npx':
      return npmRunner('npx', first.value, rest);
    case 'bunx':
      return npmRunner('bunx', first.value, rest);
    case 'pnpx':
      return npmRunner('pnpm-dlx', first.value, rest);
    case 'pnpm':
      if (rest[0]?.value === 'dlx') return npmRunner('pnpm-dlx', first.value, rest.slice(1));
      break;
    case 'yarn':
      if (rest[0]?.value === 'dlx') return npmRunner('yarn-dlx', first.value, rest.slice(1));
      break;
    case 'npm':
      if (rest[0]?.value === 'exec' || rest[0]?.value === 'x') return npmRunner('npm-exec', first.value, rest.slice(1));
      break;
    case 'uvx':
      return pythonRunner('uvx', first.value, rest);
    case 'uv':
      if (rest[0]?.value === 'tool' && rest[1]?.value === 'run') return pythonRunner('uvx', first.value, rest.slice(2));
      if (rest[0]?.value === 'run') return { runner: 'uv-run', program: first.value };
      break;
    case 'pipx':
      if (rest[0]?.value === 'run') return pythonRunner('pipx', first.value, rest.slice(1));
      break;
    case 'docker':
    case 'podman':
      return containerRunner(program, first.value, rest);
  }
  return { runner: 'binary', program: first.value };
}

function npmRunner(runner: LaunchSpec['runner'], program: string, args: readonly ConfigValue[]): LaunchSpec {
  const spec: LaunchSpec = { runner, program };
  let explicit: ConfigValue | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = a.value;
    if (v === '--') {
      if (!explicit && args[i + 1]) explicit = args[i + 1];
      break;
    }
    if (v === '-y' || v === '--yes') {
      spec.autoInstall = true;
      continue;
    }
    if (v.startsWith('--package=')) {
      explicit ??= { ...a, value: v.slice('--package='.length) };
      continue;
    }
    if (NPX_VALUE_OPTIONS.has(v)) {
      if ((v === '-p' || v === '--package') && args[i + 1]) explicit ??= args[i + 1];
      i++;
      continue;
    }
    if (v.startsWith('-')) continue;
    explicit ??= a;
    break;
  }
  const pkg = explicit ? npmPackage(explicit) : undefined;
  if (pkg) spec.package = pkg;
  return spec;
}

function pythonRunner(runner: 'uvx' | 'pipx', program: string, args: readonly ConfigValue[]): LaunchSpec {
  const spec: LaunchSpec = { runner, program };
  let from: ConfigValue | undefined;
  let positional: ConfigValue | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = a.value;
    if (v === '--from' || v === '--spec') {
      from = args[i + 1];
      i++;
      continue;
    }
    if (v.startsWith('--from=') || v.startsWith('--spec=')) {
      from = { ...a, value: v.slice(v.indexOf('=') + 1) };
      continue;
    }
    if ((runner === 'uvx' ? UVX_VALUE_OPTIONS : PIPX_VALUE_OPTIONS).has(v)) {
      i++;
      continue;
    }
    if (v.startsWith('-')) continue;
    positional = a;
    break;
  }
  const pkg = pypiPackage(from ?? positional);
  if (pkg) spec.package = pkg;
  return spec;
}

function containerRunner(program: string, shown: string, args: readonly ConfigValue[]): LaunchSpec {
  const spec: LaunchSpec = { runner: program === 'podman' ? 'podman' : 'docker', program: shown };
  // `docker run …` and `docker container run …`; other subcommands (exec, compose) start no image of their own.
  let i = 0;
  if (args[i]?.value === 'container') i++;
  if (args[i]?.value !== 'run') return spec;
  for (i++; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '--') {
      i++;
      break;
    }
    if (v.startsWith('--') && v.includes('=')) continue;
    if (DOCKER_VALUE_OPTIONS.has(v)) {
      i++;
      continue;
    }
    // `-eFOO=bar`, `-v/a:/b`: a value glued to a short option.
    if (/^-[evpuwlmhc]./.test(v) && !/^-[a-z]+$/i.test(v)) continue;
    if (v.startsWith('-')) continue;
    break;
  }
  const image = args[i];
  if (image) spec.package = dockerImage(image);
  return spec;
}

/** `@scope/name@1.2.3`, `name@latest`, `name` → the npm package; git URLs, tarballs and local paths are not registry packages. */
export function npmPackage(at: ConfigValue): LaunchPackage | undefined {
  let s = at.value.trim();
  if (s.startsWith('npm:')) s = s.slice(4);
  if (!s || /^(?:\.{0,2}\/|~|[A-Za-z]:\\|file:|git[+:]|https?:|github:|gitlab:|bitbucket:)/.test(s) || s.endsWith('.tgz')) return undefined;
  const at2 = s.indexOf('@', s.startsWith('@') ? 1 : 0);
  const name = at2 > 0 ? s.slice(0, at2) : s;
  const version = at2 > 0 ? s.slice(at2 + 1) : undefined;
  // Any letters: a look-alike name (Cyrillic, fullwidth) is still the name the runner is asked to fetch.
  if (!/^(?:@[^\s/@]+\/)?[^\s/@:]+$/.test(name)) return undefined;
  const pkg: LaunchPackage = { ecosystem: 'npm', name, pinned: version !== undefined && EXACT_SEMVER.test(version), at };
  if (version !== undefined) pkg.version = version;
  return pkg;
}

/** `name==1.2.3`, `name@1.2.3` (uvx), `name[extra]>=1`, `name` → the PyPI package. */
export function pypiPackage(at: ConfigValue | undefined): LaunchPackage | undefined {
  if (!at) return undefined;
  const s = at.value.trim();
  if (!s || /^(?:\.{0,2}\/|~|[A-Za-z]:\\|file:|git[+:]|https?:)/.test(s) || /\.(?:whl|tar\.gz|zip)$/.test(s)) return undefined;
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]{0,200}\])?\s*(?:(==|===|@)\s*([^\s;,]+)|([<>=!~][^;]*))?$/.exec(s);
  if (!m) return undefined;
  const pkg: LaunchPackage = { ecosystem: 'pypi', name: m[1]!, pinned: false, at };
  if (m[3]) {
    pkg.version = m[3];
    pkg.pinned = m[3] !== 'latest' && EXACT_PEP440.test(m[3]);
  } else if (m[4]) pkg.version = m[4].trim();
  return pkg;
}

/** `registry/owner/name:tag@sha256:…` → image name, tag and digest. */
export function dockerImage(at: ConfigValue): LaunchPackage | undefined {
  const s = at.value.trim();
  if (!s || s.startsWith('-')) return undefined;
  const [ref, digest] = s.split('@', 2) as [string, string | undefined];
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  const name = colon > slash ? ref.slice(0, colon) : ref;
  const tag = colon > slash ? ref.slice(colon + 1) : undefined;
  const pkg: LaunchPackage = { ecosystem: 'docker', name, pinned: Boolean(digest && /^sha256:[a-f0-9]{64}$/.test(digest)), at };
  if (tag) pkg.version = tag;
  if (digest) pkg.digest = digest;
  return pkg;
}

const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const EXACT_PEP440 = /^\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?$/;

/** `/usr/local/bin/npx`, `C:\\Program Files\\nodejs\\npx.cmd` → `npx`. */
export function programName(command: string): string {
  const base = command.trim().split(/[\\/]/).pop() ?? '';
  return base.toLowerCase().replace(/\.(?:exe|cmd|bat|ps1)$/, '');
}

/** Splits a command line into words, honouring single and double quotes (no escapes or expansions). */
export function splitWords(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let has = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += ch;
  }
  if (has || cur) out.push(cur);
  return out;
}
