// MV1902: what a server exposes now differs from the surface pinned in mcpvet.lock (rug-pull detection).
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';

export default defineRule({
  meta: {
    id: 'MV1902',
    slug: 'pinned-surface-drift',
    title: 'Server surface differs from the pinned lock file',
    category: 'tool-metadata',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-494', 'CWE-1427'],
    owaspMcp: ['MCP03', 'MCP04'],
    aliases: [],
    mode: 'live',
    languages: ['any'],
    status: 'experimental',
    message: '{kind} "{name}" {change}{field}{diff}',
    docs: {
      summary:
        'A server\'s tools, prompts, resources or instructions no longer match what `mcpvet pin` recorded in `mcpvet.lock`: an item was added or removed, or a field (a description, a schema property, an annotation) changed.',
      risk:
        'Approving an MCP server means approving the text its tools show the model. Servers update themselves — a new npm release, a changed remote endpoint — and a malicious or compromised update can rewrite a description into instructions, widen a schema, or flip `readOnlyHint`, all without the user being asked again. A lock file turns that silent change into a reviewable diff, the same way a package lock does for code.',
      detection:
        'With `--lock mcpvet.lock`, `mcpvet scan --live` normalises what the server returned (names, titles, descriptions, input and output schemas, annotations of tools; prompts with their arguments; resources and templates; server instructions — keys sorted, text byte-for-byte) and compares each item\'s hash with the pinned one. Every differing field is reported with its old and new value, at the field in the probe document (or at the drift entry for removed items). A server missing from the lock file is reported once. The metadata rules run on the new text as usual, so a changed description that now carries instructions also fires tool-poisoning.',
      fix:
        'Review the diff. If the change is expected, approve it by running `mcpvet pin <server>` again and committing `mcpvet.lock`; otherwise keep the old version of the server and report the change to its maintainers.',
      references: [
        { title: 'Invariant Labs: MCP tool poisoning and rug pulls', url: 'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks' },
        { title: 'OWASP MCP Top 10: MCP04 supply chain', url: 'https://owasp.org/www-project-mcp-top-10/' },
        { title: 'CWE-494: Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const d of ctx.live?.drift ?? []) {
        const diff = d.change === 'changed' ? `: was "${d.before ?? ''}", now "${d.after ?? ''}"` : d.change === 'added' && d.after ? `: ${d.after}` : '';
        out.push({
          ...at(d.location),
          data: { kind: d.kind, name: d.name, change: d.change === 'changed' ? 'changed' : d.change === 'added' ? 'is new since the lock file was written' : 'was removed since the lock file was written', field: d.field ? ` in ${d.field}` : '', diff },
          ...(d.kind === 'tool' ? { tool: d.name } : {}),
        });
      }
      return out;
    },
  },
});
