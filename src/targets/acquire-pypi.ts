// PyPI projects through the JSON API: pick the release, prefer the sdist, verify its SHA-256, unpack under limits.
import path from 'node:path';
import type { AcquireContext, AcquiredPart } from './acquire.js';
import { displayUrl, downloadFile, getJson } from './http-download.js';
import { TargetError, targetProblem } from './limits.js';
import type { PypiTarget } from './parse-target.js';
import { pickVersion, pinnedVersion } from './pep440.js';
import { extractArchive } from './safe-extract.js';
import { formatOf } from './acquire-archive.js';

export const DEFAULT_PYPI = 'https://pypi.org';

/**
 * The JSON API base for an index URL. A simple-index URL (`…/simple` or `…/simple/`) maps to its parent, which is
 * where PyPI (and mirrors that copy its layout) serve `/pypi/<name>/json`; any other URL is taken as the base itself.
 */
export function pypiJsonBase(indexUrl: string): string {
  let u: URL;
  try {
    u = new URL(indexUrl);
  } catch {
    throw new TargetError(`invalid PyPI index URL "${indexUrl}"`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new TargetError(`PyPI index must be an http(s) URL, got ${u.protocol}`);
  u.search = '';
  u.hash = '';
  const p = u.pathname.replace(/\/+$/, '').replace(/\/simple$/, '');
  return `${u.protocol}//${u.host}${p}`;
}

interface PypiFile {
  filename: string;
  url: string;
  packagetype: string;
  sha256: string;
  yanked: boolean;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function filesOf(list: unknown, base: string): PypiFile[] {
  if (!Array.isArray(list)) return [];
  const out: PypiFile[] = [];
  for (const f of list as Record<string, unknown>[]) {
    if (!f || typeof f !== 'object') continue;
    const filename = str(f.filename);
    const url = str(f.url);
    const digests = f.digests as Record<string, unknown> | undefined;
    const sha256 = str(digests?.sha256)?.toLowerCase();
    if (!filename || !url || !sha256 || !/^[0-9a-f]{64}$/.test(sha256)) continue;
    // Names are written into our temp folder: keep them to a plain file name.
    if (!/^[A-Za-z0-9._+-]+$/.test(filename)) continue;
    out.push({ filename, url: new URL(url, base).href, packagetype: str(f.packagetype) ?? '', sha256, yanked: f.yanked === true });
  }
  return out;
}

/** sdist first (it is the source as published), then a pure-Python wheel, then any wheel. */
function chooseFile(files: PypiFile[]): { file: PypiFile; note?: string } | undefined {
  const sdist = files.find((f) => f.packagetype === 'sdist' && /\.(tar\.gz|zip)$/i.test(f.filename));
  if (sdist) return { file: sdist };
  const wheels = files.filter((f) => /\.whl$/i.test(f.filename));
  const pure = wheels.find((f) => /-py3-none-any\.whl$|-py2\.py3-none-any\.whl$/i.test(f.filename)) ?? wheels.find((f) => /-none-any\.whl$/i.test(f.filename));
  if (pure) return { file: pure, note: `no sdist was published; scanning the wheel ${pure.filename}` };
  if (wheels[0]) return { file: wheels[0], note: `no sdist or pure-Python wheel was published; scanning the platform wheel ${wheels[0].filename}` };
  return undefined;
}

export async function acquirePypi(t: PypiTarget, ctx: AcquireContext): Promise<AcquiredPart> {
  const base = pypiJsonBase(ctx.options.pypiIndexUrl ?? ctx.env.PIP_INDEX_URL ?? DEFAULT_PYPI);
  const notes: string[] = [];
  if (t.extras.length) notes.push(`extras [${t.extras.join(',')}] ignored: they select dependencies, not the project's own code`);
  const pinned = pinnedVersion(t.specifier);
  const keyOf = (version: string) => `pypi|${base}|${t.normalizedName}==${version}`;
  const http = ctx.http(16 * 1024 * 1024);

  let version: string | undefined;
  let chosen: PypiFile | undefined;
  let file: string | undefined;
  let fromCache = false;

  if (pinned) {
    const hit = await ctx.cache.lookup(keyOf(pinned));
    if (hit?.meta.filename && hit.digest.algorithm === 'sha256') {
      file = await ctx.cache.file(hit.digest);
      if (file) {
        version = hit.meta.version ?? pinned;
        chosen = { filename: hit.meta.filename, url: hit.meta.url ?? '', packagetype: '', sha256: hit.digest.hex, yanked: false };
        fromCache = true;
      }
    }
  }

  if (!file) {
    const projectUrl = `${base}/pypi/${encodeURIComponent(t.normalizedName)}/json`;
    let files: PypiFile[] | undefined;
    if (pinned) {
      // The release endpoint is small; fall back to the project document when the version is spelled differently.
      try {
        const doc = (await getJson(`${base}/pypi/${encodeURIComponent(t.normalizedName)}/${encodeURIComponent(pinned)}/json`, http)) as Record<string, unknown>;
        version = str((doc.info as Record<string, unknown> | undefined)?.version) ?? pinned;
        files = filesOf(doc.urls, projectUrl);
      } catch (e) {
        if (!(e instanceof TargetError) || e.code !== 'not-found') throw e;
      }
    }
    if (!files) {
      let doc: Record<string, unknown>;
      try {
        doc = (await getJson(projectUrl, http)) as Record<string, unknown>;
      } catch (e) {
        if (e instanceof TargetError && e.code === 'not-found') throw new TargetError(`PyPI project ${t.name} was not found at ${displayUrl(base)}`, 'not-found');
        throw e;
      }
      const releases = doc.releases && typeof doc.releases === 'object' ? (doc.releases as Record<string, unknown>) : undefined;
      const byVersion = new Map<string, PypiFile[]>();
      if (releases) for (const [v, list] of Object.entries(releases)) byVersion.set(v, filesOf(list, projectUrl));
      else {
        const latest = str((doc.info as Record<string, unknown> | undefined)?.version);
        if (latest) byVersion.set(latest, filesOf(doc.urls, projectUrl));
      }
      // Yanked releases are skipped (PEP 592) unless pinned exactly, as pip does.
      const candidates = [...byVersion].filter(([, fs]) => fs.some((f) => !f.yanked) || (pinned !== undefined && fs.length > 0)).map(([v]) => v);
      try {
        version = pickVersion(candidates, t.specifier);
      } catch (e) {
        throw new TargetError(`${t.input}: ${(e as Error).message}`);
      }
      if (!version) throw new TargetError(`no release of ${t.name} matches "${t.specifier || 'any version'}" at ${displayUrl(base)}`, 'not-found');
      files = byVersion.get(version)!;
      if (!t.specifier) notes.push(`${t.name} resolved to the latest release ${version}`);
      else if (!pinned) notes.push(`${t.name}${t.specifier} resolved to ${version}`);
    }
    const usable = pinned ? files : files.filter((f) => !f.yanked);
    const pick = chooseFile(usable);
    if (!pick) throw new TargetError(`${t.name} ${version}: no sdist or wheel with a SHA-256 digest to download`, 'not-found');
    chosen = pick.file;
    if (pick.note) notes.push(pick.note);
    if (chosen.yanked) notes.push(`${chosen.filename} is yanked`);

    const digest = { algorithm: 'sha256' as const, hex: chosen.sha256 };
    file = await ctx.cache.file(digest);
    if (file) fromCache = true;
    else {
      const dl = path.join(ctx.work, chosen.filename);
      const got = await downloadFile(chosen.url, dl, ctx.http());
      if (got.sha256 !== chosen.sha256) throw new TargetError(`sha256 mismatch for ${chosen.filename}: the index says ${chosen.sha256}, the download is ${got.sha256}; refusing to unpack it`, 'integrity');
      file = await ctx.cache.store(dl, digest);
    }
    await ctx.cache.remember(keyOf(version!), { digest, meta: { version: version!, filename: chosen.filename, url: displayUrl(chosen.url) } });
    if (pinned && pinned !== version) await ctx.cache.remember(keyOf(pinned), { digest, meta: { version: version!, filename: chosen.filename, url: displayUrl(chosen.url) } });
  }

  const isWheel = /\.whl$/i.test(chosen!.filename);
  const format = await formatOf(file, /\.(zip|whl)$/i.test(chosen!.filename) ? 'zip' : 'tgz', chosen!.filename);
  const root = path.join(ctx.work, 'root');
  // An sdist wraps everything in `<name>-<version>/`; a wheel is laid out as installed.
  const report = await extractArchive(file, root, format, { limits: ctx.limits, strip: isWheel ? 0 : 1 });
  if (report.files === 0) report.problems.push(targetProblem('warning', `${chosen!.filename} holds no regular files`));
  return {
    root,
    resolved: { name: t.normalizedName, version, sha256: chosen!.sha256, file: chosen!.filename, ...(chosen!.url ? { url: chosen!.url.startsWith('http') ? displayUrl(chosen!.url) : chosen!.url } : {}) },
    notes,
    problems: report.problems,
    fromCache,
  };
}
