// npm packages: resolve and download with pacote (integrity checked against the registry), then unpack under our limits.
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Pacote from 'pacote';
import type { AcquireContext, AcquiredPart } from './acquire.js';
import { digestFromIntegrity } from './download-cache.js';
import { displayUrl } from './http-download.js';
import { TargetError, targetProblem } from './limits.js';
import type { NpmTarget } from './parse-target.js';
import { extractTar } from './safe-extract.js';

export const DEFAULT_NPM_REGISTRY = 'https://registry.npmjs.org/';

export function npmRegistryOf(ctx: Pick<AcquireContext, 'options' | 'env'>): string {
  const r = ctx.options.npmRegistry ?? ctx.env.npm_config_registry ?? DEFAULT_NPM_REGISTRY;
  let u: URL;
  try {
    u = new URL(r);
  } catch {
    throw new TargetError(`invalid npm registry URL "${r}"`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new TargetError(`npm registry must be an http(s) URL, got ${u.protocol}`);
  return u.href.endsWith('/') ? u.href : `${u.href}/`;
}

function describe(e: unknown, spec: string, registry: string): TargetError {
  if (e instanceof TargetError) return e;
  const err = e as Error & { code?: string; statusCode?: number };
  switch (err.code) {
    case 'E404':
      return new TargetError(`npm package ${spec} was not found in ${displayUrl(registry)}`, 'not-found');
    case 'ETARGET':
      return new TargetError(`no version of ${spec} matches in ${displayUrl(registry)}`, 'not-found');
    case 'EINTEGRITY':
      return new TargetError(`integrity check failed for ${spec}: the tarball does not match the registry's checksum; refusing to unpack it`, 'integrity');
    case 'FETCH_ERROR':
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
      return new TargetError(`cannot reach the npm registry ${displayUrl(registry)}: ${err.message}`);
    default:
      return new TargetError(`npm ${spec}: ${err.message}`);
  }
}

export async function acquireNpm(t: NpmTarget, ctx: AcquireContext): Promise<AcquiredPart> {
  const registry = npmRegistryOf(ctx);
  const notes: string[] = [];
  const keyOf = (version: string) => `npm|${registry}|${t.name}@${version}`;
  // pacote keeps its own HTTP cache; it lives in the temp folder so that only our verified store persists.
  const pacoteOpts = {
    registry,
    cache: path.join(ctx.work, 'pacote-cache'),
    timeout: ctx.limits.timeoutSeconds * 1000,
    fetchRetries: 1,
    fetchRetryMintimeout: 200,
    fetchRetryMaxtimeout: 1000,
    preferOnline: true,
    fullMetadata: false,
  };

  let version: string | undefined;
  let integrity: string | undefined;
  let resolvedUrl: string | undefined;
  let file: string | undefined;
  let fromCache = false;

  if (t.specType === 'version') {
    const hit = await ctx.cache.lookup(keyOf(t.spec));
    if (hit) file = await ctx.cache.file(hit.digest);
    if (file && hit) {
      version = t.spec;
      integrity = hit.meta.integrity;
      resolvedUrl = hit.meta.resolved;
      fromCache = true;
    }
  }

  if (!file) {
    const spec = `${t.name}@${t.spec}`;
    // Loaded here, not at the top: a pinned version found in the cache needs no registry client.
    const pacote: typeof Pacote = (await import('pacote')).default;
    let manifest: Awaited<ReturnType<typeof pacote.manifest>>;
    try {
      manifest = await pacote.manifest(spec, pacoteOpts);
    } catch (e) {
      throw describe(e, spec, registry);
    }
    version = manifest.version;
    integrity = manifest._integrity;
    resolvedUrl = manifest._resolved;
    if (!resolvedUrl || !/^https?:\/\//.test(resolvedUrl)) throw new TargetError(`npm ${spec} resolved to "${resolvedUrl}", not a registry tarball; refusing it`, 'unsupported');
    const digest = integrity ? digestFromIntegrity(integrity) : undefined;
    if (!digest || !integrity) throw new TargetError(`the registry gives no usable integrity for ${t.name}@${version}; refusing an unverified tarball`, 'integrity');
    if (t.specType !== 'version') notes.push(`${spec} resolved to ${version}`);
    if (digest.algorithm === 'sha1') notes.push(`${t.name}@${version} is only protected by a SHA-1 checksum (an old publish)`);

    file = await ctx.cache.file(digest);
    if (file) {
      fromCache = true;
    } else {
      const dl = path.join(ctx.work, 'package.tgz');
      const max = ctx.limits.maxDownloadBytes;
      try {
        // Fetch the resolved URL itself: a registry spec would make pacote fetch the packument a second time.
        await pacote.tarball.stream(
          resolvedUrl,
          async (stream: Readable) => {
            let bytes = 0;
            const cap = new Transform({
              transform(chunk: Buffer, _enc, cb) {
                bytes += chunk.length;
                if (bytes > max) return cb(new TargetError(`npm ${t.name}@${version}: tarball exceeds the download limit of ${max} bytes`, 'limit'));
                cb(null, chunk);
              },
            });
            await pipeline(stream, cap, createWriteStream(dl, { mode: 0o600 }));
          },
          { ...pacoteOpts, integrity, resolved: resolvedUrl },
        );
      } catch (e) {
        throw describe(e, `${t.name}@${version}`, registry);
      }
      file = await ctx.cache.store(dl, digest);
    }
    await ctx.cache.remember(keyOf(version), { digest, meta: { integrity, resolved: resolvedUrl } });
  }

  const root = path.join(ctx.work, 'root');
  // npm tarballs wrap everything in one folder (usually `package/`); pacote strips it the same way.
  const report = await extractTar(file, root, { limits: ctx.limits, strip: 1 });
  if (report.files === 0) report.problems.push(targetProblem('warning', `${t.name}@${version} holds no regular files`));
  return {
    root,
    resolved: { name: t.name, version, integrity, ...(resolvedUrl ? { url: displayUrl(resolvedUrl) } : {}) },
    notes,
    problems: report.problems,
    fromCache,
  };
}
