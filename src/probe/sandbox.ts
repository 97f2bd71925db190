// bubblewrap sandbox for untrusted stdio servers: availability check, argument builder, cgroup and rlimit confinement.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, rmdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export interface SandboxLimits {
  /** Memory for the whole sandbox (cgroup). */
  memoryBytes: number;
  /** Processes and threads in the sandbox (cgroup pids). */
  maxProcesses: number;
  /** CPU seconds per process (RLIMIT_CPU). Never RLIMIT_AS: V8 cannot start under it. */
  cpuSeconds: number;
  /** Size of each private tmpfs (home and /tmp), and RLIMIT_FSIZE. */
  tmpfsBytes: number;
  /** Open files per process. */
  maxOpenFiles: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  memoryBytes: 512 * 1024 * 1024,
  maxProcesses: 64,
  cpuSeconds: 20,
  tmpfsBytes: 64 * 1024 * 1024,
  maxOpenFiles: 256,
};

export interface SandboxCheck {
  available: boolean;
  /** Why not, in words a user can act on. */
  reason?: string;
}

let cachedCheck: Promise<SandboxCheck> | undefined;

/** Whether bubblewrap can create a fully unshared sandbox here (fails closed: any problem means unavailable). */
export function checkSandbox(bwrap = 'bwrap'): Promise<SandboxCheck> {
  if (bwrap === 'bwrap' && cachedCheck) return cachedCheck;
  const p = new Promise<SandboxCheck>((resolve) => {
    execFile(bwrap, ['--unshare-all', '--die-with-parent', '--ro-bind', '/', '/', 'true'], { timeout: 5000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } }, (err, _out, stderr) => {
      if (!err) return resolve({ available: true });
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOENT') return resolve({ available: false, reason: 'bubblewrap (bwrap) is not installed; install it (Debian/Ubuntu: apt-get install bubblewrap)' });
      const detail = String(stderr).trim().split('\n')[0] || e.message;
      resolve({ available: false, reason: `bubblewrap cannot create a sandbox here (${detail}); user namespaces may be disabled` });
    });
  });
  if (bwrap === 'bwrap') cachedCheck = p;
  return p;
}

export interface BwrapSpec {
  command: string;
  args: string[];
  /** The server's folder: bound read-only at the same path and used as the working directory. */
  cwd: string;
  /** Variables passed through by name (`--env NAME`), with their values. */
  env: Record<string, string>;
  tmpfsBytes: number;
  /** Extra read-only binds (e.g. the runtime of an executable outside the system folders). */
  extraReadOnly?: string[];
}

const SYSTEM_DIRS = ['/usr', '/etc'];
const MAYBE_LINKED = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
export const SANDBOX_HOME = '/home/sandbox';

/** The bwrap argument list (everything after `bwrap`). Pure apart from looking at which system folders exist. */
export function bwrapArgs(spec: BwrapSpec): string[] {
  const a: string[] = ['--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', '--new-session', '--clearenv'];
  const exeDir = path.isAbsolute(spec.command) ? path.dirname(spec.command) : undefined;
  const pathVar = ['/usr/local/bin', '/usr/bin', '/bin', ...(exeDir && !exeDir.startsWith('/usr/') ? [exeDir] : [])].join(':');
  a.push('--setenv', 'PATH', pathVar, '--setenv', 'HOME', SANDBOX_HOME, '--setenv', 'LANG', 'C.UTF-8', '--setenv', 'TMPDIR', '/tmp');
  for (const [k, v] of Object.entries(spec.env).sort()) a.push('--setenv', k, v);
  a.push('--cap-drop', 'ALL', '--uid', '65534', '--gid', '65534');
  for (const d of SYSTEM_DIRS) if (existsSync(d)) a.push('--ro-bind', d, d);
  for (const d of MAYBE_LINKED) {
    let st;
    try {
      st = lstatSync(d);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) a.push('--symlink', readlinkSync(d), d);
    else a.push('--ro-bind', d, d);
  }
  a.push('--proc', '/proc', '--dev', '/dev');
  a.push('--size', String(spec.tmpfsBytes), '--tmpfs', '/tmp', '--size', String(spec.tmpfsBytes), '--tmpfs', SANDBOX_HOME);
  for (const d of spec.extraReadOnly ?? []) a.push('--ro-bind', d, d);
  a.push('--ro-bind', spec.cwd, spec.cwd, '--chdir', spec.cwd);
  a.push('--', spec.command, ...spec.args);
  return a;
}

/**
 * Finds an executable on PATH the way a shell would; undefined when it is not there. The path is kept as found, not
 * resolved through symlinks: a virtualenv's `bin/python` must stay itself to find its packages.
 */
export function resolveExecutable(command: string, cwd: string, pathVar = process.env.PATH ?? ''): string | undefined {
  const check = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      return undefined;
    }
  };
  if (command.includes('/')) return check(path.resolve(cwd, command));
  for (const dir of pathVar.split(':').filter(Boolean)) {
    const hit = check(path.join(dir, command));
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Folders an executable needs that the sandbox does not bind already (a runtime under /opt or ~/.nvm, say): the
 * folder it is found in and the one its symlinks lead to, each widened to its `<prefix>` when it is `<prefix>/bin`.
 */
export function runtimeBinds(executable: string, cwd = '/'): string[] {
  let real = executable;
  try {
    real = realpathSync(executable);
  } catch {
    /* dangling: the spawn will say so */
  }
  const out = new Set<string>();
  for (const exe of [executable, real]) {
    const inside = (d: string) => exe === d || exe.startsWith(`${d}/`);
    if ([...SYSTEM_DIRS, ...MAYBE_LINKED].some(inside) || inside(path.resolve(cwd))) continue;
    const binDir = path.dirname(exe);
    // A runtime installed as <prefix>/bin/<exe> keeps its libraries under <prefix>.
    const prefix = path.basename(binDir) === 'bin' ? path.dirname(binDir) : binDir;
    out.add(prefix === '/' || prefix === homedir() ? binDir : prefix);
  }
  return [...out].sort();
}

/** Memory and process-count limits through cgroups, where this process may create them. */
export interface Cgroups {
  kind: 'v1' | 'v2' | 'none';
  /** `cgroup.procs` files the launcher joins before starting the sandbox. */
  procsFiles: string[];
  memoryDir?: string;
  pidsDir?: string;
  /** What could not be limited, and why. */
  notes: string[];
}

let cgroupSeq = 0;

export function createCgroups(limits: SandboxLimits): Cgroups {
  const notes: string[] = [];
  let own: { controllers: string; path: string }[];
  try {
    own = readFileSync('/proc/self/cgroup', 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [, controllers = '', p = '/'] = l.split(':');
        return { controllers, path: p };
      });
  } catch {
    return { kind: 'none', procsFiles: [], notes: ['memory and process-count limits unavailable: /proc/self/cgroup is unreadable'] };
  }
  const name = `mcpvet-${process.pid}-${++cgroupSeq}`;
  const v1 = (controller: string) => {
    const line = own.find((o) => o.controllers.split(',').includes(controller));
    const root = `/sys/fs/cgroup/${controller}`;
    if (!line || !existsSync(root)) return undefined;
    const dir = path.join(root, line.path, name);
    mkdirSync(dir);
    return dir;
  };
  const out: Cgroups = { kind: 'none', procsFiles: [], notes };
  if (existsSync('/sys/fs/cgroup/memory') || existsSync('/sys/fs/cgroup/pids')) {
    out.kind = 'v1';
    try {
      const dir = v1('memory');
      if (dir) {
        writeFileSync(path.join(dir, 'memory.limit_in_bytes'), String(limits.memoryBytes));
        // Without a swap cap the hog is swapped out rather than killed, where swap exists.
        try {
          writeFileSync(path.join(dir, 'memory.memsw.limit_in_bytes'), String(limits.memoryBytes));
        } catch {
          /* no swap accounting */
        }
        out.memoryDir = dir;
        out.procsFiles.push(path.join(dir, 'cgroup.procs'));
      } else notes.push('memory limit unavailable: no cgroup v1 memory controller');
    } catch (e) {
      notes.push(`memory limit unavailable: ${(e as Error).message}`);
    }
    try {
      const dir = v1('pids');
      if (dir) {
        writeFileSync(path.join(dir, 'pids.max'), String(limits.maxProcesses));
        out.pidsDir = dir;
        out.procsFiles.push(path.join(dir, 'cgroup.procs'));
      } else notes.push('process-count limit unavailable: no cgroup v1 pids controller');
    } catch (e) {
      notes.push(`process-count limit unavailable: ${(e as Error).message}`);
    }
    return out;
  }
  if (existsSync('/sys/fs/cgroup/cgroup.controllers')) {
    out.kind = 'v2';
    const line = own.find((o) => o.controllers === '');
    try {
      const dir = path.join('/sys/fs/cgroup', line?.path ?? '/', name);
      mkdirSync(dir);
      const available = readFileSync(path.join(dir, 'cgroup.controllers'), 'utf8').split(/\s+/);
      if (available.includes('memory')) {
        writeFileSync(path.join(dir, 'memory.max'), String(limits.memoryBytes));
        try {
          writeFileSync(path.join(dir, 'memory.swap.max'), '0');
        } catch {
          /* no swap controller */
        }
        out.memoryDir = dir;
      } else notes.push('memory limit unavailable: the memory controller is not delegated to this cgroup');
      if (available.includes('pids')) {
        writeFileSync(path.join(dir, 'pids.max'), String(limits.maxProcesses));
        out.pidsDir = dir;
      } else notes.push('process-count limit unavailable: the pids controller is not delegated to this cgroup');
      if (out.memoryDir || out.pidsDir) out.procsFiles.push(path.join(dir, 'cgroup.procs'));
      else rmdirSync(dir);
    } catch (e) {
      notes.push(`memory and process-count limits unavailable: cgroup v2 is not writable here (${(e as Error).message})`);
    }
    return out;
  }
  notes.push('memory and process-count limits unavailable: no cgroup file system');
  return out;
}

/** What the cgroups saw: an OOM kill, a refused fork. */
export function cgroupEvents(cg: Cgroups): { oomKilled: boolean; forkRefused: boolean } {
  const read = (f: string) => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return '';
    }
  };
  let oomKilled = false;
  let forkRefused = false;
  if (cg.memoryDir) {
    const text = cg.kind === 'v1' ? read(path.join(cg.memoryDir, 'memory.oom_control')) : read(path.join(cg.memoryDir, 'memory.events'));
    oomKilled = /\boom_kill [1-9]/.test(text);
    if (!oomKilled && cg.kind === 'v1') oomKilled = Number(read(path.join(cg.memoryDir, 'memory.failcnt')).trim() || 0) > 0 && /under_oom 1/.test(text);
  }
  if (cg.pidsDir) forkRefused = /\bmax [1-9]/.test(read(path.join(cg.pidsDir, 'pids.events')));
  return { oomKilled, forkRefused };
}

/** Kills whatever is still in the cgroups, then removes them. */
export async function destroyCgroups(cg: Cgroups): Promise<void> {
  const dirs = [...new Set([cg.memoryDir, cg.pidsDir].filter((d): d is string => Boolean(d)))];
  for (let attempt = 0; attempt < 20 && dirs.length; attempt++) {
    for (let i = dirs.length - 1; i >= 0; i--) {
      const dir = dirs[i]!;
      try {
        for (const pid of readFileSync(path.join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
          try {
            process.kill(Number(pid), 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
        rmdirSync(dir);
        dirs.splice(i, 1);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') dirs.splice(i, 1);
      }
    }
    if (dirs.length) await new Promise((r) => setTimeout(r, 25));
  }
}

export interface LaunchSpec {
  command: string;
  args: string[];
  cwd: string;
  /** Names of variables to pass through from this process's environment. */
  passEnv: string[];
  sandbox: boolean;
  limits: SandboxLimits;
}

export interface Launch {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  cgroups: Cgroups;
  /** Limits that could not be applied, for the result's errors. */
  notes: string[];
  /** The command run inside, after resolving it on PATH. */
  executable: string;
}

// Joins each cgroup named before `--`, then becomes the rest of the command line: the limits hold from the first
// instruction of the server on, and no argument is ever interpreted by the shell.
const JOIN_CGROUPS = 'while [ "$#" -gt 0 ]; do if [ "$1" = "--" ]; then shift; break; fi; echo $$ > "$1" || exit 97; shift; done; exec "$@"';

/** The full command line that starts a server: cgroup join → prlimit → bwrap (unless unsandboxed) → server. */
export function prepareLaunch(spec: LaunchSpec): Launch {
  const notes: string[] = [];
  const executable = resolveExecutable(spec.command, spec.cwd);
  if (!executable) throw new Error(`command not found: ${spec.command}`);
  if (spec.sandbox && path.resolve(spec.cwd) === '/') throw new Error('refusing to bind / into the sandbox: run the probe from the server\'s own folder');
  const env: Record<string, string> = {};
  for (const name of spec.passEnv) {
    const v = process.env[name];
    if (v !== undefined) env[name] = v;
    else notes.push(`--env ${name}: not set in this environment`);
  }
  const cgroups = createCgroups(spec.limits);
  notes.push(...cgroups.notes);
  let inner: string[];
  if (spec.sandbox) {
    inner = ['bwrap', ...bwrapArgs({ command: executable, args: spec.args, cwd: path.resolve(spec.cwd), env, tmpfsBytes: spec.limits.tmpfsBytes, extraReadOnly: runtimeBinds(executable, spec.cwd) })];
  } else {
    inner = [executable, ...spec.args];
  }
  const prlimit = resolveExecutable('prlimit', '/');
  if (prlimit) {
    // SIGXCPU at the soft limit says what happened; SIGKILL a second later ends a server that ignores it.
    inner = [prlimit, `--cpu=${spec.limits.cpuSeconds}:${spec.limits.cpuSeconds + 1}`, `--nofile=${spec.limits.maxOpenFiles}`, `--fsize=${spec.limits.tmpfsBytes}`, '--core=0', '--', ...inner];
  } else notes.push('CPU, open-file and file-size limits unavailable: prlimit (util-linux) is not installed');
  const childEnv = spec.sandbox
    ? { PATH: process.env.PATH ?? '/usr/bin:/bin' }
    : { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', LANG: 'C.UTF-8', ...env };
  return { command: '/bin/sh', args: ['-c', JOIN_CGROUPS, 'mcpvet-launch', ...cgroups.procsFiles, '--', ...inner], env: childEnv, cwd: path.resolve(spec.cwd), cgroups, notes, executable };
}

/** Which cgroup limits this machine lets the probe set (creates and removes a throw-away pair of cgroups). */
export async function cgroupSupport(): Promise<{ memory: boolean; pids: boolean; notes: string[] }> {
  let cg: Cgroups | undefined;
  try {
    cg = createCgroups(DEFAULT_SANDBOX_LIMITS);
    return { memory: Boolean(cg.memoryDir), pids: Boolean(cg.pidsDir), notes: cg.notes };
  } catch (e) {
    return { memory: false, pids: false, notes: [(e as Error).message] };
  } finally {
    if (cg) await destroyCgroups(cg);
  }
}
