// The bubblewrap argument list and the binds a runtime needs: what the sandbox promises, checked flag by flag.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bwrapArgs, prepareLaunch, runtimeBinds, DEFAULT_SANDBOX_LIMITS, destroyCgroups } from '../../src/probe/sandbox.js';

describe('sandbox arguments', () => {
  const args = bwrapArgs({ command: '/usr/bin/node', args: ['server.js', '--flag'], cwd: '/srv/app', env: { API_URL: 'https://x' }, tmpfsBytes: 1024 });
  const pairs = (flag: string) => args.flatMap((a, i) => (a === flag ? [args.slice(i + 1, i + 3).join(' ')] : []));

  it('unshares everything, dies with mcpvet, starts a new session, clears the environment, drops capabilities', () => {
    for (const f of ['--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', '--new-session', '--clearenv']) assert.ok(args.includes(f), f);
    assert.deepEqual(args.slice(args.indexOf('--cap-drop'), args.indexOf('--cap-drop') + 2), ['--cap-drop', 'ALL']);
    assert.equal(args[args.indexOf('--uid') + 1], '65534');
    assert.ok(!args.includes('--share-net'));
    assert.ok(!args.some((a) => a === '--bind' || a === '--dev-bind'), 'only read-only binds');
  });

  it('sets only PATH, HOME, LANG, TMPDIR and the named variables', () => {
    assert.deepEqual(pairs('--setenv').map((p) => p.split(' ')[0]), ['PATH', 'HOME', 'LANG', 'TMPDIR', 'API_URL']);
  });

  it('binds the server folder read-only and works there; home and /tmp are size-capped tmpfs', () => {
    assert.ok(pairs('--ro-bind').includes('/srv/app /srv/app'));
    assert.equal(args[args.indexOf('--chdir') + 1], '/srv/app');
    assert.deepEqual(pairs('--size'), ['1024 --tmpfs', '1024 --tmpfs']);
    assert.ok(args.includes('/home/sandbox') && args.includes('/tmp'));
    assert.deepEqual(args.slice(args.indexOf('--') + 1), ['/usr/bin/node', 'server.js', '--flag']);
  });

  it('binds a runtime installed outside the system folders by its prefix, never the whole home', () => {
    assert.deepEqual(runtimeBinds('/usr/bin/node'), []);
    assert.deepEqual(runtimeBinds('/opt/node-v20/bin/node'), ['/opt/node-v20']);
    assert.deepEqual(runtimeBinds('/srv/app/.venv/bin/python', '/srv/app'), []);
  });

  it('the launcher joins the cgroups, applies prlimit (never --as), then bwrap', async () => {
    const l = prepareLaunch({ command: process.execPath, args: ['x.js'], cwd: '.', passEnv: [], sandbox: true, limits: DEFAULT_SANDBOX_LIMITS });
    try {
      assert.equal(l.command, '/bin/sh');
      const cmd = l.args.slice(l.args.indexOf('--') + 1);
      if (cmd[0]!.endsWith('prlimit')) {
        assert.ok(cmd.some((a) => a.startsWith('--cpu=')));
        assert.ok(!cmd.some((a) => a.startsWith('--as')));
      }
      assert.ok(cmd.includes('bwrap'));
      assert.deepEqual(Object.keys(l.env), ['PATH']);
    } finally {
      await destroyCgroups(l.cgroups);
    }
  });
});
