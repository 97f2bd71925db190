// Git repositories: a shallow, hardened clone with the git CLI (no hooks, submodules, local or ext transports), the
// token passed through the environment only and redacted from every message.
import { spawn } from 'node:child_process';
import { lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { AcquireContext, AcquiredPart } from './acquire.js';
import { TargetError } from './limits.js';
import type { GitTarget } from './parse-target.js';
import { isInside } from './safe-extract.js';

/** Settings for every git command we run: none of them can be overridden by the repository being cloned. */
export const GIT_HARDENING = [
  'core.hooksPath=/dev/null',
  'protocol.file.allow=never',
  'protocol.ext.allow=never',
  'submodule.recurse=false',
  'core.symlinks=false',
  'core.fsmonitor=false',
  'advice.detachedHead=false',
  'init.defaultBranch=main',
];

/** Variables that would point git at another repository, index or config than the one we create. */
const GIT_ENV_DROPPED = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE', 'GIT_CONFIG', 'GIT_CONFIG_PARAMETERS'];

const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** The token for this URL: from the URL itself, `--token`, `MCPVET_GIT_TOKEN`, or `GITHUB_TOKEN` (github.com only). */
export function gitToken(t: GitTarget, ctx: Pick<AcquireContext, 'options' | 'env'>): string | undefined {
  const explicit = t.credentials ?? ctx.options.token ?? ctx.env.MCPVET_GIT_TOKEN;
  if (explicit) return explicit;
  // GITHUB_TOKEN is ambient (CI sets it): sending it to any other host would leak it.
  if (ctx.env.GITHUB_TOKEN && /^https:\/\/github\.com\//i.test(t.url)) return ctx.env.GITHUB_TOKEN;
  return undefined;
}

export interface GitInvocation {
  /** Arguments for `git` (never contain the token). */
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Strings to redact from anything git prints. */
  secrets: string[];
}

/**
 * Builds the environment for git: no prompts, no system config, only the network protocols we accept, and the token
 * as an `Authorization` header scoped to the repository's origin through `GIT_CONFIG_COUNT` (argv is visible to
 * every local user through /proc; the environment is not).
 */
export function gitEnvironment(url: string, token: string | undefined, base: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; secrets: string[] } {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const k of GIT_ENV_DROPPED) delete env[k];
  for (const k of Object.keys(env)) if (/^GIT_CONFIG_(COUNT|KEY_\d+|VALUE_\d+)$/.test(k)) delete env[k];
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_CONFIG_NOSYSTEM = '1';
  env.GIT_ALLOW_PROTOCOL = 'https:http:ssh:git';
  env.GIT_SSH_COMMAND ??= 'ssh -o BatchMode=yes';
  const secrets: string[] = [];
  if (token) {
    const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
    secrets.push(token, basic, encodeURIComponent(token));
    let scope = '';
    try {
      const u = new URL(url);
      if (u.protocol === 'https:' || u.protocol === 'http:') scope = `${u.protocol}//${u.host}/`;
    } catch {
      /* scp-like URLs use ssh, where the header is irrelevant */
    }
    if (scope) {
      env.GIT_CONFIG_COUNT = '1';
      env.GIT_CONFIG_KEY_0 = `http.${scope}.extraHeader`;
      env.GIT_CONFIG_VALUE_0 = `Authorization: Basic ${basic}`;
    }
  }
  return { env, secrets };
}

/** Replaces every secret, and any `scheme://user:pass@` userinfo, in text that git or the OS produced. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].filter((x) => x.length >= 4).sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
  return out.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1***@');
}

interface RunOptions {
  cwd?: string;
  env: NodeJS.ProcessEnv;
  secrets: string[];
  deadline: number;
  what: string;
}

function hardened(args: string[]): string[] {
  return [...GIT_HARDENING.flatMap((c) => ['-c', c]), ...args];
}

/** Runs git in its own process group, so a timeout kills the helpers it spawned (remote-https, index-pack) too. */
function runGit(args: string[], o: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', hardened(args), { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    const cap = 64 * 1024;
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < cap) stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < cap) stderr += d.toString('utf8');
    });
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      },
      Math.max(1, o.deadline - Date.now()),
    );
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new TargetError(`cannot run git: ${redactSecrets(e.message, o.secrets)}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) return reject(new TargetError(`${o.what} timed out`, 'timeout'));
      if (code === 0) return resolve(stdout);
      const detail = stderr
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/^(hint:|Cloning into)/.test(l))
        .join('; ');
      const msg = redactSecrets(`${o.what} failed${detail ? `: ${detail}` : ` (exit ${code})`}`, o.secrets);
      reject(new TargetError(msg.length > 2000 ? `${msg.slice(0, 2000)}…` : msg, /not found|no such repository|does not exist|couldn't find remote ref|Remote branch .* not found/i.test(detail) ? 'not-found' : 'failed'));
    });
  });
}

export async function acquireGit(t: GitTarget, ctx: AcquireContext): Promise<AcquiredPart> {
  const token = gitToken(t, ctx);
  const { env, secrets } = gitEnvironment(t.url, token, ctx.env);
  const deadline = Date.now() + ctx.limits.timeoutSeconds * 1000;
  const dir = path.join(ctx.work, 'repo');
  const shownUrl = redactSecrets(t.url, secrets);
  const run = (args: string[], what: string, cwd?: string) => runGit(args, { cwd, env, secrets, deadline, what });
  const notes: string[] = [];

  if (t.ref && FULL_SHA.test(t.ref)) {
    // `clone --branch` takes only branch and tag names; a commit needs an empty repository and a fetch by id.
    await mkdir(dir, { mode: 0o700 });
    await run(['init', '--quiet', dir], 'git init');
    await run(['-C', dir, 'remote', 'add', 'origin', t.url], 'git remote add');
    await run(['-C', dir, 'fetch', '--quiet', '--depth', '1', '--no-tags', 'origin', t.ref], `git fetch of commit ${t.ref} from ${shownUrl}`);
    await run(['-C', dir, 'checkout', '--quiet', '--detach', 'FETCH_HEAD'], 'git checkout');
  } else {
    const args = ['clone', '--quiet', '--depth', '1', '--no-tags', '--single-branch', '--no-recurse-submodules'];
    if (t.ref) args.push('--branch', t.ref);
    args.push('--', t.url, dir);
    await run(args, `git clone of ${shownUrl}${t.ref ? ` at ${t.ref}` : ''}`);
  }
  const commit = (await run(['-C', dir, 'rev-parse', 'HEAD'], 'git rev-parse')).trim();
  if (t.ref && !FULL_SHA.test(t.ref)) notes.push(`${t.ref} is commit ${commit}`);

  // A clone cannot be capped while it runs (only timed); check what landed before anything reads it.
  const { files, bytes } = await measure(dir);
  if (files > ctx.limits.maxEntries) throw new TargetError(`the checkout of ${shownUrl} has ${files} files, over the limit of ${ctx.limits.maxEntries}`, 'limit');
  if (bytes > ctx.limits.maxExtractBytes) throw new TargetError(`the checkout of ${shownUrl} is ${bytes} bytes, over the limit of ${ctx.limits.maxExtractBytes}`, 'limit');
  if (!isInside(ctx.work, dir)) throw new TargetError('internal: checkout outside the temp folder');
  return { root: dir, resolved: { url: shownUrl, commit, ...(t.ref ? { ref: t.ref } : {}) }, notes, problems: [], fromCache: false };
}

async function measure(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (d === dir && e.name === '.git') continue;
      const abs = path.join(d, e.name);
      if (e.isDirectory()) stack.push(abs);
      else {
        files++;
        bytes += (await lstat(abs)).size;
      }
    }
  }
  return { files, bytes };
}
