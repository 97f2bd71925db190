// Git targets against `git daemon` and an HTTP server on 127.0.0.1: shallow clones by branch, tag and commit, the
// hardening (no hooks, no submodules, no symlinks, no file transport), and a token that never shows in messages.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { acquire, type AcquireOptions } from '../../src/targets/acquire.js';
import { gitEnvironment, gitToken, redactSecrets } from '../../src/targets/acquire-git.js';
import { TargetError } from '../../src/targets/limits.js';
import { parseTarget, type GitTarget } from '../../src/targets/parse-target.js';
import { startServer, type LocalServer } from './helpers/local-server.js';

let scratch: string;
let tmpParent: string;
let home: string;
let daemon: ChildProcess;
let port: number;
let http: LocalServer;
const commits: Record<string, string> = {};

const TOKEN = 'tok_SECRET_0123456789';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', '-c', 'protocol.file.allow=always', ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' } }).trim();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

async function waitForPort(p: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(p, '127.0.0.1', () => {
        c.destroy();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('git daemon did not start');
}

before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mcpvet-git-test-'));
  const srv = path.join(scratch, 'srv');
  const repo = path.join(srv, 'server.git');
  await mkdir(repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  await writeFile(path.join(repo, 'server.py'), 'from mcp.server.fastmcp import FastMCP\nmcp = FastMCP("v1")\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'one');
  git(repo, 'tag', 'v1');
  commits.one = git(repo, 'rev-parse', 'HEAD');
  await writeFile(path.join(repo, 'server.py'), 'from mcp.server.fastmcp import FastMCP\nmcp = FastMCP("v2")\n');
  await writeFile(path.join(repo, 'extra.py'), 'x = 1\n');
  // A symlink to a host file and a submodule whose URL is a local path: neither may be followed.
  git(repo, 'add', '.');
  execFileSync('ln', ['-s', '/etc/passwd', path.join(repo, 'passwd-link')]);
  await writeFile(path.join(repo, '.gitmodules'), `[submodule "sub"]\n\tpath = sub\n\turl = file://${repo}\n`);
  git(repo, 'add', 'passwd-link', '.gitmodules');
  git(repo, 'update-index', '--add', '--cacheinfo', `160000,${commits.one},sub`);
  git(repo, 'commit', '-q', '-m', 'two');
  commits.two = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'branch', 'dev', commits.one);

  port = await freePort();
  daemon = spawn('git', ['daemon', `--base-path=${srv}`, '--export-all', '--reuseaddr', '--informative-errors', '--listen=127.0.0.1', `--port=${port}`, srv], { stdio: 'ignore' });
  await waitForPort(port);

  // A user whose global git config installs a hook template: the clone must not run it.
  home = path.join(scratch, 'home');
  const hooks = path.join(home, 'template', 'hooks');
  await mkdir(hooks, { recursive: true });
  await writeFile(path.join(hooks, 'post-checkout'), `#!/bin/sh\ntouch "${path.join(scratch, 'HOOK-RAN')}"\n`);
  await chmod(path.join(hooks, 'post-checkout'), 0o755);
  await writeFile(path.join(home, '.gitconfig'), `[init]\n\ttemplateDir = ${path.join(home, 'template')}\n`);

  http = await startServer();
});

after(async () => {
  daemon?.kill('SIGTERM');
  await http?.close();
  await rm(scratch, { recursive: true, force: true });
});

beforeEach(async () => {
  tmpParent = await mkdtemp(path.join(scratch, 'tmp-'));
  http.requests.length = 0;
  http.headers.length = 0;
});

function opts(extra: Partial<AcquireOptions> = {}): AcquireOptions {
  return { tmpDir: tmpParent, noCache: true, env: { PATH: process.env.PATH, HOME: home }, ...extra };
}

const url = () => `git://127.0.0.1:${port}/server.git`;

describe('git targets', () => {
  it('shallow-clones the default branch without hooks, submodules or symlinks', async () => {
    const a = await acquire(parseTarget(url()), opts());
    assert.equal(a.kind, 'git');
    assert.equal(a.resolved.commit, commits.two);
    assert.equal(await readFile(path.join(a.root, 'server.py'), 'utf8'), 'from mcp.server.fastmcp import FastMCP\nmcp = FastMCP("v2")\n');
    assert.equal(git(a.root, 'rev-list', '--count', 'HEAD'), '1', 'depth 1');
    assert.deepEqual(await readdir(path.join(a.root, 'sub')), [], 'the submodule is not cloned');
    const link = await lstat(path.join(a.root, 'passwd-link'));
    assert.ok(link.isFile() && !link.isSymbolicLink(), 'a symlink is checked out as a plain file');
    assert.equal(await readFile(path.join(a.root, 'passwd-link'), 'utf8'), '/etc/passwd');
    assert.ok(!existsSync(path.join(scratch, 'HOOK-RAN')), 'the post-checkout hook from the template did not run');
    await a.dispose();
    assert.deepEqual(await readdir(tmpParent), []);
  });

  it('checks out a tag or a branch with #ref, and a commit SHA by fetching it', async () => {
    for (const ref of ['v1', 'dev', commits.one!]) {
      const a = await acquire(parseTarget(`${url()}#${ref}`), opts());
      assert.equal(a.resolved.commit, commits.one, ref);
      assert.equal(a.resolved.ref, ref);
      assert.match(await readFile(path.join(a.root, 'server.py'), 'utf8'), /FastMCP\("v1"\)/);
      assert.ok(!existsSync(path.join(a.root, 'extra.py')));
      await a.dispose();
    }
  });

  it('fails clearly for a missing repository or ref, and removes the temp folder', async () => {
    await assert.rejects(acquire(parseTarget(`git://127.0.0.1:${port}/nope.git`), opts()), (e: unknown) => e instanceof TargetError && /git clone of git:\/\/127\.0\.0\.1:\d+\/nope\.git failed: .*no such repository/i.test(e.message));
    await assert.rejects(acquire(parseTarget(`${url()}#no-such-branch`), opts()), (e: unknown) => e instanceof TargetError && /at no-such-branch failed: .*no-such-branch/.test(e.message));
    assert.deepEqual(await readdir(tmpParent), []);
  });

  it('refuses the file transport even when handed a local path', async () => {
    const local: GitTarget = { kind: 'git', input: 'local', url: path.join(scratch, 'srv', 'server.git') };
    await assert.rejects(acquire(local, opts()), (e: unknown) => e instanceof TargetError && /transport 'file' not allowed/.test(e.message));
    const fileUrl: GitTarget = { kind: 'git', input: 'local', url: `file://${path.join(scratch, 'srv', 'server.git')}` };
    await assert.rejects(acquire(fileUrl, opts()), /transport 'file' not allowed/);
  });

  it('enforces the checkout limits', async () => {
    await assert.rejects(acquire(parseTarget(url()), opts({ limits: { maxEntries: 2 } })), /the checkout of git:\/\/127\.0\.0\.1:\d+\/server\.git has \d+ files, over the limit of 2/);
    assert.deepEqual(await readdir(tmpParent), []);
  });

  it('sends the token only as an Authorization header and redacts it from errors', async () => {
    http.route('/private.git/info/refs?service=git-upload-pack', { status: 500, body: `internal error for token ${TOKEN}` });
    const basic = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
    for (const [spec, extra] of [
      [`${http.url}/private.git`, { token: TOKEN }],
      [`${http.url}/private.git`, { env: { PATH: process.env.PATH, HOME: home, MCPVET_GIT_TOKEN: TOKEN } }],
      [`${http.url.replace('://', `://x-access-token:${TOKEN}@`)}/private.git`, {}],
    ] as const) {
      http.headers.length = 0;
      let err: unknown;
      try {
        await acquire(parseTarget(spec), opts(extra));
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof TargetError, String(err));
      assert.ok(!err.message.includes(TOKEN) && !err.message.includes(basic), err.message);
      assert.match(err.message, /git clone of http:\/\/127\.0\.0\.1:\d+\/private\.git failed/);
      assert.ok(http.headers.length > 0, 'git reached the server');
      assert.equal(http.headers[0]!.authorization, `Basic ${basic}`);
    }
    assert.deepEqual(await readdir(tmpParent), []);
  });

  it('keeps tokens out of argv and sends ambient GITHUB_TOKEN to github.com only', () => {
    const { env, secrets } = gitEnvironment('https://github.com/acme/x.git', TOKEN, { PATH: '/bin', GIT_DIR: '/elsewhere', GIT_CONFIG_COUNT: '5' });
    assert.equal(env.GIT_DIR, undefined);
    assert.equal(env.GIT_CONFIG_COUNT, '1');
    assert.equal(env.GIT_CONFIG_KEY_0, 'http.https://github.com/.extraHeader');
    assert.equal(env.GIT_TERMINAL_PROMPT, '0');
    assert.equal(env.GIT_CONFIG_NOSYSTEM, '1');
    assert.ok(secrets.includes(TOKEN));
    const gh = (u: string) => gitToken(parseTarget(u) as GitTarget, { options: {}, env: { GITHUB_TOKEN: 'ghs_x' } });
    assert.equal(gh('https://github.com/acme/x.git'), 'ghs_x');
    assert.equal(gh('https://gitlab.com/acme/x.git'), undefined);
    assert.equal(gh('git@github.com:acme/x.git'), undefined);
    assert.equal(gitToken(parseTarget('https://gitlab.com/a/b.git') as GitTarget, { options: { token: 't1' }, env: { MCPVET_GIT_TOKEN: 't2' } }), 't1');
    assert.equal(redactSecrets(`fatal: https://user:${TOKEN}@host/x and ${TOKEN}`, [TOKEN]), 'fatal: https://***@host/x and ***');
  });
});
