// Every target spec form the CLI accepts, the ambiguity rules between them, and the error for each malformed spec.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseTarget, TargetSpecError, type Target } from '../../src/targets/parse-target.js';

const CWD = '/work/project';
/** A fake file system: these paths exist, nothing else does. */
const DISK: Record<string, 'file' | 'dir'> = {
  '/work/project/server': 'dir',
  '/work/project/server/main.py': 'file',
  '/work/project/owner/repo': 'dir',
  '/work/project/express': 'dir',
  '/work/project/pkg.tgz': 'file',
  '/work/project/dist/pkg-1.0.0.tar.gz': 'file',
  '/work/project/bundle.zip': 'file',
  '/work/project/tool-1.0-py3-none-any.whl': 'file',
  '/srv/abs': 'dir',
};
const parse = (spec: string): Target => parseTarget(spec, { cwd: CWD, stat: (p) => DISK[p] });

/** spec → the fields the parse must produce (a subset of the Target). */
const VALID: [string, Record<string, unknown>][] = [
  // local folder and file; an existing path wins over every shorthand
  ['server', { kind: 'local', path: '/work/project/server' }],
  ['./server/main.py', { kind: 'local', path: '/work/project/server/main.py' }],
  ['/srv/abs', { kind: 'local', path: '/srv/abs' }],
  ['owner/repo', { kind: 'local', path: '/work/project/owner/repo' }],
  ['express', { kind: 'local', path: '/work/project/express' }],
  // git
  ['https://github.com/acme/mcp-server.git', { kind: 'git', url: 'https://github.com/acme/mcp-server.git' }],
  ['https://github.com/acme/mcp-server', { kind: 'git', url: 'https://github.com/acme/mcp-server.git' }],
  ['https://github.com/acme/mcp-server/tree/release/1.x', { kind: 'git', url: 'https://github.com/acme/mcp-server.git', ref: 'release/1.x' }],
  ['https://gitlab.com/acme/srv/-/tree/v2', { kind: 'git', url: 'https://gitlab.com/acme/srv.git', ref: 'v2' }],
  ['https://git.example.org/team/srv.git#v1.2.0', { kind: 'git', url: 'https://git.example.org/team/srv.git', ref: 'v1.2.0' }],
  ['git+https://git.example.org/team/srv', { kind: 'git', url: 'https://git.example.org/team/srv' }],
  ['ssh://git@git.example.org/team/srv.git', { kind: 'git', url: 'ssh://git@git.example.org/team/srv.git' }],
  ['git://127.0.0.1:9418/srv.git', { kind: 'git', url: 'git://127.0.0.1:9418/srv.git' }],
  ['git@github.com:acme/mcp-server.git', { kind: 'git', url: 'git@github.com:acme/mcp-server.git' }],
  ['git@github.com:acme/mcp-server#main', { kind: 'git', url: 'git@github.com:acme/mcp-server', ref: 'main' }],
  ['github:acme/mcp-server', { kind: 'git', url: 'https://github.com/acme/mcp-server.git' }],
  ['github:acme/mcp-server#0123456789abcdef0123456789abcdef01234567', { kind: 'git', ref: '0123456789abcdef0123456789abcdef01234567' }],
  ['gitlab:acme/srv', { kind: 'git', url: 'https://gitlab.com/acme/srv.git' }],
  ['acme/mcp-server', { kind: 'git', url: 'https://github.com/acme/mcp-server.git' }],
  ['acme/mcp-server#v1', { kind: 'git', url: 'https://github.com/acme/mcp-server.git', ref: 'v1' }],
  ['owner/repo#dev', { kind: 'git', url: 'https://github.com/owner/repo.git', ref: 'dev' }],
  // npm
  ['left-pad', { kind: 'npm', name: 'left-pad', spec: 'latest', specType: 'tag' }],
  ['left-pad@1.3.0', { kind: 'npm', name: 'left-pad', spec: '1.3.0', specType: 'version' }],
  ['left-pad@v1.3.0', { kind: 'npm', name: 'left-pad', spec: '1.3.0', specType: 'version' }],
  ['left-pad@^1.2', { kind: 'npm', name: 'left-pad', spec: '^1.2', specType: 'range' }],
  ['left-pad@>=1 <2', { kind: 'npm', name: 'left-pad', spec: '>=1 <2', specType: 'range' }],
  ['left-pad@1.x', { kind: 'npm', name: 'left-pad', spec: '1.x', specType: 'range' }],
  ['left-pad@next', { kind: 'npm', name: 'left-pad', spec: 'next', specType: 'tag' }],
  ['@modelcontextprotocol/server-filesystem', { kind: 'npm', name: '@modelcontextprotocol/server-filesystem', spec: 'latest' }],
  ['@scope/pkg@2.0.0-beta.1', { kind: 'npm', name: '@scope/pkg', spec: '2.0.0-beta.1', specType: 'version' }],
  ['npm:express', { kind: 'npm', name: 'express', spec: 'latest' }],
  ['npm:@scope/pkg@~1.4.0', { kind: 'npm', name: '@scope/pkg', spec: '~1.4.0', specType: 'range' }],
  ['https://www.npmjs.com/package/left-pad', { kind: 'npm', name: 'left-pad', spec: 'latest' }],
  ['https://www.npmjs.com/package/@scope/pkg/v/1.2.3', { kind: 'npm', name: '@scope/pkg', spec: '1.2.3', specType: 'version' }],
  ['https://npmjs.com/package/left-pad/v/1.0.0', { kind: 'npm', name: 'left-pad', spec: '1.0.0' }],
  // PyPI
  ['pypi:mcp-server-fetch', { kind: 'pypi', name: 'mcp-server-fetch', normalizedName: 'mcp-server-fetch', specifier: '', extras: [] }],
  ['pypi:Mcp_Server.Fetch==0.6.2', { kind: 'pypi', normalizedName: 'mcp-server-fetch', specifier: '==0.6.2' }],
  ['mcp-server-fetch==0.6.2', { kind: 'pypi', name: 'mcp-server-fetch', specifier: '==0.6.2' }],
  ['mcp-server-fetch>=1,<2', { kind: 'pypi', specifier: '>=1,<2' }],
  ['pypi:tool >= 1.0, < 2', { kind: 'pypi', name: 'tool', specifier: '>=1.0,<2' }],
  ['tool~=1.4', { kind: 'pypi', specifier: '~=1.4' }],
  ['tool==1.*', { kind: 'pypi', specifier: '==1.*' }],
  ['tool[cli]==1', { kind: 'pypi', name: 'tool', specifier: '==1', extras: ['cli'] }],
  ['pypi:tool[cli,http]', { kind: 'pypi', name: 'tool', specifier: '', extras: ['cli', 'http'] }],
  ['https://pypi.org/project/mcp-server-git/', { kind: 'pypi', name: 'mcp-server-git', specifier: '' }],
  ['https://pypi.org/project/mcp-server-git/2025.1.14/', { kind: 'pypi', name: 'mcp-server-git', specifier: '==2025.1.14' }],
  // archives: local files and URLs
  ['pkg.tgz', { kind: 'archive', format: 'tgz', path: '/work/project/pkg.tgz' }],
  ['dist/pkg-1.0.0.tar.gz', { kind: 'archive', format: 'tgz', path: '/work/project/dist/pkg-1.0.0.tar.gz' }],
  ['./bundle.zip', { kind: 'archive', format: 'zip', path: '/work/project/bundle.zip' }],
  ['tool-1.0-py3-none-any.whl', { kind: 'archive', format: 'zip' }],
  ['https://example.org/dl/srv-1.0.tgz', { kind: 'archive', format: 'tgz', url: 'https://example.org/dl/srv-1.0.tgz' }],
  ['http://127.0.0.1:8080/a.whl', { kind: 'archive', format: 'zip', url: 'http://127.0.0.1:8080/a.whl' }],
  [`https://example.org/srv.zip#sha256=${'AB'.repeat(32)}`, { kind: 'archive', format: 'zip', url: 'https://example.org/srv.zip', sha256: 'ab'.repeat(32) }],
  // MCP Registry ids
  ['io.github.acme/weather', { kind: 'registry', id: 'io.github.acme/weather' }],
  ['com.example.mcp/files@1.0.2', { kind: 'registry', id: 'com.example.mcp/files', version: '1.0.2' }],
  ['registry:io.github.acme/weather', { kind: 'registry', id: 'io.github.acme/weather' }],
];

/** spec → a fragment of the error message. */
const INVALID: [string, RegExp][] = [
  ['', /empty target/],
  ['   ', /empty target/],
  ['./missing', /cannot read target \.\/missing: no such file or folder/],
  ['/nope/abs', /no such file or folder/],
  ['missing.tgz', /cannot read target missing\.tgz: no such file or folder/],
  ['file:///etc/passwd', /file:\/\/ URLs are refused/],
  ['ftp://example.org/x.tgz', /unsupported URL scheme "ftp:"/],
  ['https://example.org/some/page', /cannot tell what https:\/\/example\.org\/some\/page is/],
  ['https://www.npmjs.com/search?q=mcp', /not an npm package page/],
  ['https://pypi.org/user/someone/', /not a PyPI project page/],
  ['https://github.com/acme', /not a repository URL/],
  ['https://github.com/acme/repo/issues/1', /not a repository URL/],
  ['https://example.org/a.tgz#md5=abc', /fragment must be #sha256=/],
  ['https://user:secret@example.org/a.tgz', /credentials are refused/],
  ['github:acme', /expected github:owner\/repo/],
  ['acme/repo#', /empty git ref/],
  ['acme/repo#--upload-pack=evil', /invalid git ref/],
  ['acme/repo#a..b', /invalid git ref/],
  ['bad_owner!/repo', /neither a folder nor a GitHub repository/],
  ['not.a.registry/', /invalid npm package name/],
  ['Bad Name', /invalid npm package name/],
  ['npm:', /missing npm package name/],
  ['npm:.hidden', /invalid npm package name/],
  ['npm:@scope', /invalid npm package name/],
  ['npm:pkg@', /empty version/],
  ['npm:pkg@github:acme/repo', /only registry versions, ranges and dist-tags/],
  ['npm:pkg@file:../x', /only registry versions, ranges and dist-tags/],
  ['npm:pkg@https://evil.example/x.tgz', /only registry versions/],
  ['npm:pkg@1.2.3.4.5', /is not a version, a semver range or a dist-tag/],
  ['pypi:', /invalid PyPI project name/],
  ['pypi:-bad', /invalid PyPI project name/],
  ['tool==', /invalid version specifier/],
  ['tool=>1', /invalid version specifier/],
  ['tool>=1.*', /wildcards are only allowed with == and !=/],
  ['pypi:tool; python_version<"3.8"', /environment markers/],
  ['pypi:tool @ https://x/y.whl', /direct references/],
  ['registry:nodots/name', /invalid MCP Registry id/],
  ['registry:io.github.acme/weather@bad version', /invalid version/],
  ['line\nbreak', /control characters/],
];

describe('parseTarget', () => {
  for (const [spec, want] of VALID) {
    it(`parses ${JSON.stringify(spec)} as ${want.kind}`, () => {
      const t = parse(spec) as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(want)) assert.deepEqual(t[k], v, `${spec}: field ${k}`);
      assert.equal(t.input, spec.trim());
    });
  }

  for (const [spec, re] of INVALID) {
    it(`rejects ${JSON.stringify(spec)}`, () => {
      assert.throws(() => parse(spec), (e: unknown) => e instanceof TargetSpecError && re.test(e.message));
    });
  }

  it('moves credentials out of a git URL and redacts them in the input', () => {
    const t = parse('https://x-access-token:ghp_SECRET123@github.com/acme/private.git#main');
    assert.equal(t.kind, 'git');
    if (t.kind !== 'git') return;
    assert.equal(t.url, 'https://github.com/acme/private.git');
    assert.equal(t.credentials, 'ghp_SECRET123');
    assert.equal(t.ref, 'main');
    assert.ok(!t.input.includes('SECRET'), t.input);
    assert.ok(!JSON.stringify(t.url).includes('SECRET'));
  });

  it('resolves relative paths against the given folder and reads the real file system by default', () => {
    const here = parseTarget('.', { cwd: path.resolve('test') });
    assert.deepEqual(here, { kind: 'local', input: '.', path: path.resolve('test') });
  });

  it('reads an owner/repo shorthand as GitHub only when no such local path exists', () => {
    assert.equal(parse('owner/repo').kind, 'local');
    assert.equal(parse('owner/other').kind, 'git');
  });

  it('never reads a dotted namespace as a GitHub owner, nor a plain owner as a registry namespace', () => {
    assert.equal(parse('io.github.acme/weather').kind, 'registry');
    assert.equal(parse('acme/weather').kind, 'git');
  });
});
