// MV6003 (MCPSafe MCP-073): a Dockerfile builds from mutable images or runs code fetched over the network unchecked.
import { defineRule, type RawFinding } from '../../../rule/rule.js';
import { dockerInstructions, fromImage } from '../dockerfile-instructions.js';

/** `curl … | sh`, `wget -O- … | bash`, `bash <(curl …)`, `sh -c "$(curl …)"`. */
const PIPE_TO_SHELL = /\b(curl|wget|fetch)\b[^|;&]*\|\s*(sudo\s+)?(ba|z|da|k)?sh\b|\b(ba|z)?sh\s+<\(\s*(curl|wget)\b|\b(ba|z)?sh\s+-c\s+["']?\$\(\s*(curl|wget)\b/;

export default defineRule({
  meta: {
    id: 'MV6003',
    slug: 'dockerfile-insecure-build',
    title: 'Container build uses mutable images or unverified downloads',
    category: 'supply-chain',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-494', 'CWE-829'],
    owaspMcp: ['MCP04'],
    aliases: ['MCP-073'],
    mode: 'fast',
    languages: ['dockerfile'],
    status: 'stable',
    message: '{problem}',
    docs: {
      summary: 'A Dockerfile starts from an image without a version (or `:latest`), adds files from a URL (`ADD http://…`), or pipes a download straight into a shell (`RUN curl … | sh`).',
      risk:
        'The image is what actually runs the MCP server and its tools. A floating base tag or a script fetched at build time means two builds of the same commit can contain different code, chosen by whoever controls the tag or the download — the same rug-pull risk as an unpinned package, one layer down. `ADD` over plain HTTP lets anyone on the network path swap the file, and `curl | sh` runs whatever the server returns with root during the build, with no checksum to notice a change.',
      detection:
        'Reads every `Dockerfile`, `Containerfile`, `Dockerfile.*` and `*.dockerfile`. Fires on: a `FROM` image with no tag or the `latest` tag and no `@sha256:` digest (`scratch`, earlier build stages and `${ARG}` references are skipped); `ADD` with an `http://` source (plaintext, high) or an `https://` source without `--checksum=` (medium); `RUN` instructions that pipe `curl`/`wget` output into a shell, or run a shell on `<(curl …)` / `$(curl …)`. One finding per offending instruction, on its first line.',
      fix: 'Pin base images to a version and, better, a digest (`FROM python:3.12-slim@sha256:…`). Use `ADD --checksum=sha256:… https://…` or download with `curl -fsSLo file` and verify a published checksum or signature before running it. Prefer distribution packages over install scripts.',
      references: [
        { title: 'Docker documentation: FROM (digests) and ADD --checksum', url: 'https://docs.docker.com/reference/dockerfile/#add' },
        { title: 'Docker build best practices: pin base image versions', url: 'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions' },
        { title: 'CWE-494: Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
      ],
    },
  },
  file: {
    languages: ['dockerfile'],
    requires: /\bFROM\b/i,
    detect(ctx) {
      const out: RawFinding[] = [];
      const stages = new Set<string>();
      const span = (line: number) => ({ start: { row: line, column: 0 }, end: { row: line, column: ctx.lines[line]!.length } });
      for (const ins of dockerInstructions(ctx.lines)) {
        if (ins.keyword === 'FROM') {
          const { image, alias } = fromImage(ins.args);
          const unpinned = unpinnedImage(image, stages);
          if (unpinned) out.push({ span: span(ins.line), data: { problem: `base image ${image} ${unpinned}; rebuilding can silently pull different code` } });
          if (alias) stages.add(alias);
        } else if (ins.keyword === 'ADD') {
          const src = /(?:^|\s)(https?:\/\/\S+)/.exec(ins.args)?.[1];
          if (!src) continue;
          if (src.startsWith('http://')) out.push({ span: span(ins.line), data: { problem: `ADD downloads ${src} over plain HTTP; anyone on the network path can replace it` } });
          else if (!/--checksum=/.test(ins.args)) out.push({ span: span(ins.line), data: { problem: `ADD downloads ${src} without --checksum; a changed file goes unnoticed` }, severity: 'medium' });
        } else if (ins.keyword === 'RUN' && PIPE_TO_SHELL.test(ins.args)) {
          out.push({ span: span(ins.line), data: { problem: 'RUN pipes a download straight into a shell; whatever the server returns runs as root during the build' } });
        }
      }
      return out;
    },
  },
});

/** Why an image reference is mutable, or undefined when it is pinned or not an external image. */
function unpinnedImage(image: string, stages: ReadonlySet<string>): string | undefined {
  const ref = image.toLowerCase();
  if (!ref || ref === 'scratch' || stages.has(ref) || ref.includes('$')) return undefined;
  if (ref.includes('@sha256:')) return undefined;
  const lastSegment = ref.slice(ref.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon < 0) return 'has no tag (it means :latest)';
  if (lastSegment.slice(colon + 1) === 'latest') return 'uses the :latest tag';
  return undefined;
}
