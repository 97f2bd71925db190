// Archives named directly (a local .tgz/.tar.gz/.zip/.whl, or an http(s) URL to one): verify, then unpack under limits.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { AcquireContext, AcquiredPart } from './acquire.js';
import { hashFile } from './download-cache.js';
import { displayUrl, downloadFile } from './http-download.js';
import { TargetError, targetProblem } from './limits.js';
import type { ArchiveTarget } from './parse-target.js';
import { extractArchive, sniffFormat, type ArchiveFormat } from './safe-extract.js';

export async function acquireArchive(t: ArchiveTarget, ctx: AcquireContext): Promise<AcquiredPart> {
  const notes: string[] = [];
  let file: string;
  let fromCache = false;
  let sha256: string;
  if (t.path) {
    file = t.path;
    const size = (await stat(file)).size;
    if (size > ctx.limits.maxDownloadBytes) throw new TargetError(`${t.input} is ${size} bytes, over the archive limit of ${ctx.limits.maxDownloadBytes} bytes`, 'limit');
    sha256 = await hashFile(file, 'sha256');
  } else {
    const url = t.url!;
    const cached = t.sha256 ? await ctx.cache.file({ algorithm: 'sha256', hex: t.sha256 }) : undefined;
    if (cached) {
      file = cached;
      fromCache = true;
      sha256 = t.sha256!;
    } else {
      const dl = path.join(ctx.work, `download${path.extname(new URL(url).pathname) || '.bin'}`);
      const got = await downloadFile(url, dl, ctx.http());
      if (t.sha256 && got.sha256 !== t.sha256) throw new TargetError(`sha256 mismatch for ${displayUrl(url)}: expected ${t.sha256}, got ${got.sha256}; refusing to unpack it`, 'integrity');
      sha256 = got.sha256;
      // Only a hash the user gave makes a later lookup possible; without one the URL's content may change.
      file = t.sha256 ? await ctx.cache.store(dl, { algorithm: 'sha256', hex: sha256 }) : dl;
      if (!t.sha256) notes.push(`${displayUrl(url)} has no #sha256= pin: its content was not verified and is not cached`);
    }
  }
  const format = await formatOf(file, t.format, t.input);
  const root = path.join(ctx.work, 'root');
  const report = await extractArchive(file, root, format, { limits: ctx.limits });
  if (report.files === 0) report.problems.push(targetProblem('warning', 'the archive holds no regular files'));
  return { root, resolved: { sha256, ...(t.url ? { url: displayUrl(t.url) } : {}) }, notes, problems: report.problems, fromCache };
}

/** The format the bytes say, checked against the one the name says: a zip named .tgz is unpacked as a zip, HTML is refused. */
export async function formatOf(file: string, byName: ArchiveFormat, shown: string): Promise<ArchiveFormat> {
  const sniffed = await sniffFormat(file);
  if (!sniffed) {
    const size = (await stat(file)).size;
    throw new TargetError(`${shown} is not a ${byName === 'zip' ? 'zip' : 'gzip or tar'} archive (${size === 0 ? 'empty file' : 'unrecognized content'})`, 'bad-archive');
  }
  return sniffed;
}
