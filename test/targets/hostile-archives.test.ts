// reliability.md section A: every hostile tarball and zip ends in a clear error or a recorded skip, and nothing is
// written outside the extraction folder. Each archive is built byte by byte in the test.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_ACQUIRE_LIMITS, TargetError, type AcquireLimits } from '../../src/targets/limits.js';
import { checkEntryPath, extractArchive, isInside, type ArchiveFormat, type ExtractReport } from '../../src/targets/safe-extract.js';
import { gzipSync, paxRecord, tar, tgz, zip, type TarEntry } from './helpers/archive-builders.js';

let base: string;
/** A path outside every extraction folder that a traversal would hit; its content must never change. */
let sentinel: string;
const SENTINEL = 'sentinel: untouched';
/** Absolute paths named by hostile entries; none may exist afterwards. */
const UNIQUE = `/tmp/mcpvet-escape-${randomBytes(6).toString('hex')}`;

before(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'mcpvet-hostile-'));
  sentinel = path.join(base, 'outside.txt');
  await writeFile(sentinel, SENTINEL);
});
after(() => rm(base, { recursive: true, force: true }));

interface Outcome {
  root: string;
  report?: ExtractReport;
  error?: Error;
  messages: string[];
}

let n = 0;
async function extract(bytes: Buffer, format: ArchiveFormat, limits: Partial<AcquireLimits> = {}, strip = 0): Promise<Outcome> {
  const dir = path.join(base, `case-${++n}`);
  await mkdir(dir);
  const file = path.join(dir, format === 'zip' ? 'in.zip' : 'in.tgz');
  await writeFile(file, bytes);
  const root = path.join(dir, 'root');
  const out: Outcome = { root, messages: [] };
  try {
    out.report = await extractArchive(file, root, format, { limits: { ...DEFAULT_ACQUIRE_LIMITS, ...limits }, strip });
    out.messages = out.report.problems.map((p) => `${p.level} ${p.path ?? ''}: ${p.message}`);
  } catch (e) {
    out.error = e as Error;
  }
  // Nothing but the archive and the extraction folder may exist in the case folder, and nothing beside it.
  assert.deepEqual((await readdir(dir)).sort(), out.error && !existsSync(root) ? [path.basename(file)] : [path.basename(file), 'root'].sort());
  assert.equal(await readFile(sentinel, 'utf8'), SENTINEL, 'the sentinel beside the extraction folder is unchanged');
  assert.ok(!existsSync(UNIQUE), `${UNIQUE} must not exist`);
  assert.deepEqual((await readdir(base)).filter((f) => !f.startsWith('case-')), ['outside.txt']);
  return out;
}

/** Every path under root, `/`-separated, with its type. */
async function tree(root: string): Promise<string[]> {
  const out: string[] = [];
  const stack = [''];
  while (stack.length) {
    const rel = stack.pop()!;
    for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        out.push(`${r}/`);
        stack.push(r);
      } else out.push(e.isFile() ? r : `${r} (${e.isSymbolicLink() ? 'symlink' : 'special'})`);
    }
  }
  return out.sort();
}

function hasMessage(o: Outcome, re: RegExp): void {
  assert.ok(o.messages.some((m) => re.test(m)), `expected a problem matching ${re}, got:\n${o.messages.join('\n')}`);
}

describe('hostile tarballs (reliability A1–A15)', () => {
  it('A1: skips ../ entries and reports path traversal', async () => {
    const o = await extract(tgz([{ name: '../outside.txt', body: 'overwritten!' }, { name: '../../up.txt', body: 'x' }, { name: 'ok.py', body: 'print(1)' }]), 'tgz');
    hasMessage(o, /^error \.\.\/outside\.txt: archive entry skipped: path traversal/);
    hasMessage(o, /^error \.\.\/\.\.\/up\.txt: .*path traversal/);
    assert.deepEqual(await tree(o.root), ['ok.py']);
    assert.equal(o.report!.files, 1);
  });

  it('A2: skips absolute, drive-relative and backslash-traversal entries', async () => {
    const o = await extract(tgz([{ name: `${UNIQUE}/file`, body: 'x' }, { name: 'C:../x', body: 'x' }, { name: '..\\..\\x', body: 'x' }, { name: 'a\\..\\..\\y', body: 'x' }, { name: 'ok', body: 'y' }]), 'tgz');
    hasMessage(o, /absolute path/);
    hasMessage(o, /^error C:\.\.\/x: archive entry skipped: absolute path/);
    hasMessage(o, /^error \.\.\\\.\.\\x: archive entry skipped: path traversal/);
    hasMessage(o, /^error a\\\.\.\\\.\.\\y: .*path traversal/);
    assert.deepEqual(await tree(o.root), ['ok']);
  });

  it('A3: drops symlinks (to /, to outside, relative) and never writes through them', async () => {
    const o = await extract(
      tgz([
        { name: 'lnk', type: 'symlink', linkname: '/' },
        { name: `lnk${UNIQUE}/x`, body: 'x' },
        { name: 'up', type: 'symlink', linkname: '../outside.txt' },
        { name: 'up', body: 'through the link?' },
        { name: 'rel', type: 'symlink', linkname: 'ok.py' },
        { name: 'ok.py', body: 'ok' },
      ]),
      'tgz',
    );
    assert.equal(o.messages.filter((m) => /symbolic link \(only regular files and folders are extracted\)/.test(m)).length, 3);
    const t = await tree(o.root);
    assert.ok(!t.some((p) => /symlink/.test(p)), t.join(','));
    // `lnk/…` became an ordinary folder inside the root; `up` an ordinary file.
    assert.ok(t.includes('lnk/'));
    assert.equal(await readFile(path.join(o.root, 'up'), 'utf8'), 'through the link?');
  });

  it('A4: a symlink and a regular file with the same path, in either order: only the file, inside the root', async () => {
    for (const order of [0, 1]) {
      const link: TarEntry = { name: 'same', type: 'symlink', linkname: '../outside.txt' };
      const file: TarEntry = { name: 'same', body: 'regular' };
      const o = await extract(tgz(order ? [file, link] : [link, file]), 'tgz');
      hasMessage(o, /^warning same: .*symbolic link/);
      assert.equal(await readFile(path.join(o.root, 'same'), 'utf8'), 'regular');
      assert.ok((await lstat(path.join(o.root, 'same'))).isFile());
    }
  });

  it('A5: drops hard links to outside paths, before their target, and with ..', async () => {
    const o = await extract(
      tgz([
        { name: 'passwd', type: 'hardlink', linkname: '/etc/passwd' },
        { name: 'early', type: 'hardlink', linkname: 'target.txt' },
        { name: 'target.txt', body: 'target' },
        { name: 'dotdot', type: 'hardlink', linkname: '../outside.txt' },
      ]),
      'tgz',
    );
    assert.equal(o.messages.filter((m) => /hard link/.test(m)).length, 3);
    assert.deepEqual(await tree(o.root), ['target.txt']);
    assert.equal((await stat(path.join(o.root, 'target.txt'))).nlink, 1);
  });

  it('A6: Unicode-equivalent names collapse to one entry and the duplicate is reported', async () => {
    const nfc = 'caf\u00e9';
    const nfd = 'cafe\u0301';
    const o = await extract(tgz([{ name: `${nfc}/a.py`, body: 'first' }, { name: `${nfd}/a.py`, body: 'second' }, { name: `${nfd}`, type: 'symlink', linkname: '/' }]), 'tgz');
    hasMessage(o, /duplicate of an earlier entry/);
    hasMessage(o, /symbolic link/);
    assert.deepEqual(await tree(o.root), [`${nfc}/`, `${nfc}/a.py`]);
    assert.equal(await readFile(path.join(o.root, nfc, 'a.py'), 'utf8'), 'first');
  });

  it('A7: skips character devices, block devices and FIFOs (none is ever created)', async () => {
    const o = await extract(tgz([{ name: 'tty', type: 'char' }, { name: 'disk', type: 'block' }, { name: 'pipe', type: 'fifo' }, { name: 'ok', body: 'y' }]), 'tgz');
    hasMessage(o, /^warning tty: .*character device/);
    hasMessage(o, /^warning disk: .*block device/);
    hasMessage(o, /^warning pipe: .*FIFO/);
    assert.deepEqual(await tree(o.root), ['ok']);
  });

  it('A8: stops a gzip bomb on the decompression ratio and leaves no partial file', async () => {
    const bomb = gzipSync(tar([{ name: 'zeros', body: Buffer.alloc(20 * 1024 * 1024) }, { name: 'after', body: 'x' }]));
    const o = await extract(bomb, 'tgz', { maxRatio: 100 });
    hasMessage(o, /^error : extraction stopped: decompression ratio above 100/);
    assert.equal(o.report!.truncated, true);
    assert.deepEqual(await tree(o.root), []);
  });

  it('A8: stops at the total-bytes limit before writing the entry that would cross it', async () => {
    const o = await extract(tgz([{ name: 'a.bin', body: randomBytes(600_000) }, { name: 'b.bin', body: randomBytes(600_000) }]), 'tgz', { maxExtractBytes: 1_000_000 });
    hasMessage(o, /extraction stopped: more than 1000000 bytes uncompressed/);
    assert.deepEqual(await tree(o.root), ['a.bin']);
    assert.equal((await stat(path.join(o.root, 'a.bin'))).size, 600_000);
  });

  it('A8: skips a single file over the per-file limit and keeps the rest', async () => {
    const o = await extract(tgz([{ name: 'big.js', body: 'x'.repeat(5000) }, { name: 'small.js', body: 'y' }]), 'tgz', { maxEntryBytes: 1000 });
    hasMessage(o, /^error big\.js: archive entry skipped: 5000 bytes exceeds the per-file limit of 1000 bytes/);
    assert.deepEqual(await tree(o.root), ['small.js']);
    assert.equal(o.report!.truncated, false);
  });

  it('A9: stops at the entry cap with a partial result', async () => {
    const o = await extract(tgz(Array.from({ length: 300 }, (_, i) => ({ name: `f${i}.py`, body: '' }))), 'tgz', { maxEntries: 100 });
    hasMessage(o, /extraction stopped: more than 100 entries/);
    assert.equal(o.report!.truncated, true);
    const files = await tree(o.root);
    assert.equal(files.length, 100);
  });

  it('A10: skips entries nested deeper than the depth limit, also 10,000 deep through a PAX path', async () => {
    const deep = Array.from({ length: 10_000 }, () => 'd').join('/');
    const o = await extract(
      tgz([
        { name: `${Array.from({ length: 70 }, () => 'a').join('/')}/x.py`, body: 'x' },
        { name: 'PaxHeader', type: 'pax', body: paxRecord('path', `${deep}/y.py`) },
        { name: 'placeholder', body: 'y' },
        { name: 'ok.py', body: 'ok' },
      ]),
      'tgz',
      { maxDepth: 64 },
    );
    assert.equal(o.messages.filter((m) => /path deeper than the limit of 64 folders/.test(m)).length, 2);
    assert.deepEqual(await tree(o.root), ['ok.py']);
  });

  it('A11: PAX abuse (NUL in a path, oversized meta entry, 5000-byte path, negative size) ends cleanly', async () => {
    const o = await extract(
      tgz([
        { name: 'PaxHeader', type: 'pax', body: paxRecord('path', 'evil\0/../../x') },
        { name: 'nul-victim', body: 'a' },
        { name: 'PaxHeader', type: 'pax', body: paxRecord('comment', 'c'.repeat(2 * 1024 * 1024)) },
        { name: 'after-meta.py', body: 'b' },
        { name: 'PaxHeader', type: 'pax', body: paxRecord('path', `${'n'.repeat(250)}/`.repeat(20) + 'long.py') },
        { name: 'long-victim', body: 'c' },
        { name: 'neg', body: 'x', declaredSize: '-0000001\0' },
        { name: 'ok.py', body: 'ok' },
      ]),
      'tgz',
    );
    assert.ok(!o.error, o.error?.message);
    hasMessage(o, /path longer than 4096 bytes/);
    const t = await tree(o.root);
    assert.ok(t.includes('ok.py'), t.join(','));
    assert.ok(!t.some((p) => p.includes('..') || p.includes('\0')), t.join(','));
  });

  it('A12: truncated gzip, HTML, an empty file, an empty tar and bad header checksums are bad archives; a damaged tail keeps what came before', async () => {
    for (const [bytes, re] of [
      [Buffer.from('<!doctype html><html>Not Found</html>'), /not a valid tar archive/],
      [Buffer.alloc(0), /not a valid tar archive/],
      [Buffer.alloc(1024), /not a valid tar archive/],
      [gzipSync(Buffer.alloc(0)), /not a valid tar archive/],
      [tgz([{ name: 'a', body: randomBytes(50_000) }]).subarray(0, 20), /not a valid tar archive/],
      [tgz([{ name: 'bad-checksum.py', body: 'x', badChecksum: true }]), /not a valid tar archive/],
    ] as const) {
      const o = await extract(bytes, 'tgz');
      assert.ok(o.error instanceof TargetError && o.error.code === 'bad-archive' && re.test(o.error.message), `${o.error?.message}`);
    }
    const whole = gzipSync(tar([{ name: 'first.py', body: 'ok' }, { name: 'second.bin', body: randomBytes(300_000) }]));
    const o = await extract(whole.subarray(0, whole.length - 150_000), 'tgz');
    hasMessage(o, /extraction stopped: the archive is damaged/);
    assert.deepEqual(await tree(o.root), ['first.py'], 'the cut-off file is removed, the complete one kept');
  });

  it('A14: entries named . and ./ are accepted', async () => {
    const o = await extract(tgz([{ name: '.', type: 'dir' }, { name: './', type: 'dir' }, { name: './package.json', body: '{}' }, { name: './lib/', type: 'dir' }, { name: './lib/a.js', body: '' }]), 'tgz');
    assert.deepEqual(o.messages, []);
    assert.deepEqual(await tree(o.root), ['lib/', 'lib/a.js', 'package.json']);
  });

  it('A15: setuid modes and root ownership in headers are not applied', async () => {
    const o = await extract(tgz([{ name: 'suid', body: '#!/bin/sh', mode: 0o4777, uid: 0, gid: 0 }, { name: 'other', body: 'x', mode: 0o6777, uid: 4321, gid: 4321 }]), 'tgz');
    for (const f of ['suid', 'other']) {
      const st = await stat(path.join(o.root, f));
      assert.equal(st.mode & 0o7000, 0, `${f}: no setuid/setgid/sticky`);
      assert.equal(st.mode & 0o002, 0, `${f}: not world-writable`);
      assert.equal(st.uid, process.getuid!(), `${f}: owned by the scanning user`);
    }
  });

  it('strips the wrapper folder of npm tarballs and reports the root-level files it drops', async () => {
    const o = await extract(tgz([{ name: 'package/', type: 'dir' }, { name: 'package/index.js', body: 'x' }, { name: 'package/lib/a.js', body: 'y' }]), 'tgz', {}, 1);
    assert.deepEqual(o.messages, []);
    assert.deepEqual(await tree(o.root), ['index.js', 'lib/', 'lib/a.js']);
  });
});

describe('hostile zips and wheels (reliability A16)', () => {
  it('skips ../, absolute, drive and backslash names entry by entry', async () => {
    const o = await extract(zip([{ name: '../outside.txt', body: 'overwritten!' }, { name: `${UNIQUE}/x.py`, body: 'x' }, { name: 'C:/x.py', body: 'x' }, { name: '..\\..\\x.py', body: 'x' }, { name: 'pkg/ok.py', body: 'ok' }]), 'zip');
    hasMessage(o, /^error \.\.\/outside\.txt: .*path traversal/);
    hasMessage(o, /absolute path/);
    hasMessage(o, /^error C:\/x\.py: .*absolute path/);
    hasMessage(o, /^error \.\.\/\.\.\/x\.py: .*path traversal/);
    assert.deepEqual(await tree(o.root), ['pkg/', 'pkg/ok.py']);
  });

  it('drops symlinks, FIFOs and devices marked in the external attributes', async () => {
    const o = await extract(
      zip([
        { name: 'lnk', body: '/etc', unixMode: 0o120777 },
        { name: 'lnk/passwd', body: 'x' },
        { name: 'fifo', unixMode: 0o010644 },
        { name: 'dev', unixMode: 0o020644 },
        { name: 'blk', unixMode: 0o060644 },
      ]),
      'zip',
    );
    hasMessage(o, /^warning lnk: .*symbolic link/);
    hasMessage(o, /^warning fifo: .*FIFO/);
    hasMessage(o, /^warning dev: .*character device/);
    hasMessage(o, /^warning blk: .*block device/);
    assert.deepEqual(await tree(o.root), ['lnk/', 'lnk/passwd']);
  });

  it('keeps the first of duplicate names (also after Unicode normalization)', async () => {
    const o = await extract(zip([{ name: 'a.py', body: 'first' }, { name: 'a.py', body: 'second' }, { name: 'caf\u00e9.py', body: '1' }, { name: 'cafe\u0301.py', body: '2' }]), 'zip');
    assert.equal(o.messages.filter((m) => /duplicate of an earlier entry/.test(m)).length, 2);
    assert.equal(await readFile(path.join(o.root, 'a.py'), 'utf8'), 'first');
    assert.deepEqual(await tree(o.root), ['a.py', 'caf\u00e9.py']);
  });

  it('rejects size lies: a deflated entry longer than declared is skipped, a stored one fails the archive', async () => {
    const o = await extract(zip([{ name: 'lie.py', body: 'x'.repeat(1000), declaredSize: 10, deflate: true }, { name: 'ok.py', body: 'ok' }]), 'zip');
    hasMessage(o, /^error lie\.py: archive entry skipped: cannot extract: too many bytes in the stream/);
    assert.deepEqual(await tree(o.root), ['ok.py']);
    const stored = await extract(zip([{ name: 'lie.py', body: 'x'.repeat(100), declaredSize: 10 }]), 'zip');
    assert.ok(stored.error instanceof TargetError && /not a valid zip archive: compressed\/uncompressed size mismatch/.test(stored.error.message), stored.error?.message);
  });

  it('skips bomb entries on their ratio, encrypted entries, and entries over the per-file limit', async () => {
    const o = await extract(
      zip([
        { name: 'bomb.bin', body: Buffer.alloc(20 * 1024 * 1024), deflate: true },
        { name: 'secret.py', body: 'x'.repeat(16), encrypted: true },
        { name: 'big.py', body: 'b'.repeat(3000), deflate: true },
        { name: 'ok.py', body: 'ok' },
      ]),
      'zip',
      { maxRatio: 100, maxEntryBytes: 2000 },
    );
    hasMessage(o, /^error bomb\.bin: .*(compression ratio \d+ exceeds the limit of 100|exceeds the per-file limit)/);
    hasMessage(o, /^error secret\.py: .*encrypted entry/);
    hasMessage(o, /^error big\.py: .*3000 bytes exceeds the per-file limit of 2000 bytes/);
    assert.deepEqual(await tree(o.root), ['ok.py']);
  });

  it('stops at the entry cap and at the total-bytes limit', async () => {
    const many = await extract(zip(Array.from({ length: 50 }, (_, i) => ({ name: `m${i}.py`, body: 'x' }))), 'zip', { maxEntries: 10 });
    hasMessage(many, /extraction stopped: more than 10 entries/);
    assert.equal((await tree(many.root)).length, 10);
    const bytes = await extract(zip([{ name: 'a.bin', body: randomBytes(600) }, { name: 'b.bin', body: randomBytes(600) }]), 'zip', { maxExtractBytes: 1000 });
    hasMessage(bytes, /extraction stopped: more than 1000 bytes uncompressed/);
    assert.deepEqual(await tree(bytes.root), ['a.bin']);
  });

  it('does not enter nested archives', async () => {
    const inner = zip([{ name: 'inner.py', body: 'print(1)' }]);
    const o = await extract(zip([{ name: 'nested.zip', body: inner }, { name: 'inner.tgz', body: tgz([{ name: 'x.py', body: 'x' }]) }]), 'zip');
    assert.deepEqual(await tree(o.root), ['inner.tgz', 'nested.zip']);
  });

  it('refuses things that are not zips', async () => {
    for (const bytes of [Buffer.from('<html>'), Buffer.alloc(0), Buffer.from('PK\x03\x04 truncated')]) {
      const o = await extract(bytes, 'zip');
      assert.ok(o.error instanceof TargetError && o.error.code === 'bad-archive' && /not a valid zip archive/.test(o.error.message), o.error?.message);
    }
  });
});

describe('containment checks (reliability A17)', () => {
  it('isInside uses path.relative, never a string prefix', () => {
    assert.equal(isInside('/tmp/job1', '/tmp/job1-evil/x'), false);
    assert.equal(isInside('/tmp/job1', '/tmp/job1/../job1-evil'), false);
    assert.equal(isInside('/tmp/job1', '/tmp/job1'), true);
    assert.equal(isInside('/tmp/job1', '/tmp/job1/a/../b'), true);
    assert.equal(isInside('/tmp/job1', '/tmp/job1/..foo'), true);
  });

  it('checkEntryPath normalizes and refuses what could leave the root', () => {
    assert.deepEqual(checkEntryPath('./a//b/./c.py', 0, 64), { ok: true, rel: 'a/b/c.py', depth: 3 });
    assert.deepEqual(checkEntryPath('package/', 1, 64), { ok: true, rel: '', depth: 0 });
    assert.deepEqual(checkEntryPath('cafe\u0301/x', 0, 64), { ok: true, rel: 'caf\u00e9/x', depth: 2 });
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', '\\\\server\\share', 'C:\\x', 'c:x', 'a\0b']) assert.equal(checkEntryPath(bad, 0, 64).ok, false, bad);
  });
});
