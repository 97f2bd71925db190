// MV6002 (MCPSafe MCP-208): the final image of a Dockerfile runs its process as root.
import { defineRule, type RawFinding } from '../../../rule/rule.js';
import { dockerInstructions, fromImage } from '../dockerfile-instructions.js';

const ROOT_USER = /^(root|0)(:.*)?$/i;
/** Base images that already run as an unprivileged user. */
const NONROOT_BASE = /(:|-)nonroot\b|chainguard|distroless\/.*:.*nonroot/i;

export default defineRule({
  meta: {
    id: 'MV6002',
    slug: 'dockerfile-runs-as-root',
    title: 'Container image runs as root',
    category: 'supply-chain',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-250'],
    owaspMcp: ['MCP04', 'MCP09'],
    aliases: ['MCP-208'],
    mode: 'fast',
    languages: ['dockerfile'],
    status: 'stable',
    message: '{why}; the server process and every tool it runs have root in the container',
    docs: {
      summary: 'The last stage of a Dockerfile sets no `USER`, or sets `USER root` / `USER 0`, so the MCP server runs as root inside its container.',
      risk:
        'Containerised MCP servers are how many teams "sandbox" tools that run commands, fetch URLs and write files on behalf of a model. A prompt-injected shell or path-traversal bug in such a server runs with root inside the container: it can rewrite the image\'s own binaries, read every mounted secret and volume, and use any kernel or runtime flaw from the strongest position. Running as an unprivileged user is the cheapest layer that keeps a tool bug a tool bug.',
      detection:
        'Reads every `Dockerfile`, `Containerfile`, `Dockerfile.*` and `*.dockerfile` (line continuations and heredocs handled). Looks only at the final build stage — the one that becomes the image. Fires on the last `USER` instruction of that stage when it names `root` or `0` (with or without a group), and on the stage\'s `FROM` line when the stage has no `USER` at all. Silenced when the final stage starts from a base image that already runs unprivileged (`…:nonroot`, `-nonroot` tags, Chainguard images) or sets a non-root `USER` after any `USER root` it needs for installation.',
      fix: 'Create or pick an unprivileged user and switch to it at the end of the final stage, e.g. `RUN useradd --uid 10001 --no-create-home mcp` then `USER 10001`, or start from a `:nonroot` distroless base. Drop capabilities and mount the filesystem read-only when you run it.',
      references: [
        { title: 'Docker documentation: Dockerfile USER instruction', url: 'https://docs.docker.com/reference/dockerfile/#user' },
        { title: 'OWASP Docker Security Cheat Sheet: set a user', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
        { title: 'CWE-250: Execution with Unnecessary Privileges', url: 'https://cwe.mitre.org/data/definitions/250.html' },
      ],
    },
  },
  file: {
    languages: ['dockerfile'],
    requires: /\bFROM\b/i,
    detect(ctx) {
      const all = dockerInstructions(ctx.lines);
      const froms = all.filter((i) => i.keyword === 'FROM');
      const last = froms[froms.length - 1];
      if (!last) return [];
      if (NONROOT_BASE.test(fromImage(last.args).image)) return [];
      const users = all.filter((i) => i.keyword === 'USER' && i.stage === last.stage);
      const finalUser = users[users.length - 1];
      const span = (line: number) => ({ start: { row: line, column: 0 }, end: { row: line, column: ctx.lines[line]!.length } });
      const out: RawFinding[] = [];
      if (!finalUser) out.push({ span: span(last.line), data: { why: 'the final stage never sets USER' } });
      else if (ROOT_USER.test(finalUser.args.trim())) out.push({ span: span(finalUser.line), data: { why: `the final stage switches to ${finalUser.args.trim()}` } });
      return out;
    },
  },
});
