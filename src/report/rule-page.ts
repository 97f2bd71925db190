// Renders a rule's documentation page (Markdown) from its metadata and examples: used by docs generation and `explain`.
import { CATEGORIES, OWASP_MCP_TOP10, type RuleExample, type RuleMeta } from '../model/rule-meta.js';

export const DOCS_BASE_URL = 'https://github.com/mcpvet/mcpvet/blob/main/docs/rules';

export function ruleDocUrl(meta: RuleMeta): string {
  return `${DOCS_BASE_URL}/${meta.slug}.md`;
}

export function renderRulePage(meta: RuleMeta, examples: readonly RuleExample[]): string {
  const out: string[] = [];
  out.push(`# ${meta.title}`, '');
  const facts = [
    `**${meta.id}**`,
    `slug \`${meta.slug}\``,
    `severity **${meta.severity}**`,
    `confidence ${meta.confidence}`,
    `mode ${meta.mode}`,
    `status ${meta.status}`,
  ];
  out.push(facts.join(' · '), '');
  out.push(`- Category: ${CATEGORIES[meta.category]}`);
  out.push(`- CWE: ${meta.cwe.map((c) => `[${c}](https://cwe.mitre.org/data/definitions/${c.slice(4)}.html)`).join(', ')}`);
  if (meta.owaspMcp.length) out.push(`- OWASP MCP Top 10: ${meta.owaspMcp.map((o) => `${o} ${OWASP_MCP_TOP10[o]}`).join('; ')}`);
  if (meta.aliases.length) out.push(`- Also known as: ${meta.aliases.join(', ')}`);
  out.push(`- Languages: ${meta.languages.join(', ')}`, '');
  out.push(meta.docs.summary, '');
  out.push('## Why it matters for MCP', '', meta.docs.risk, '');
  for (const kind of ['vulnerable', 'secure'] as const) {
    const list = examples.filter((e) => e.kind === kind);
    if (!list.length) continue;
    out.push(kind === 'vulnerable' ? '## Vulnerable example' : '## Secure example', '');
    for (const e of list) {
      out.push(`\`${e.file}\``, '', '```' + fenceLanguage(e.file), e.code.replace(/\s+$/, ''), '```', '');
    }
  }
  out.push('## How mcpvet detects it', '', meta.docs.detection, '');
  out.push('## How to fix it', '', meta.docs.fix, '');
  out.push('## Suppressing', '', `Add \`mcpvet-ignore ${meta.id} -- <reason>\` (or \`nosem\`) in a comment on the reported line or the line above, or turn the rule off in \`.mcpvet.json\` with \`"rules": { "${meta.slug}": "off" }\`.`, '');
  out.push('## References', '', ...meta.docs.references.map((r) => `- [${r.title}](${r.url})`), '');
  return out.join('\n');
}

/** `mcpvet rules`: the catalog grouped by category, with counts. */
export function renderRuleList(metas: readonly RuleMeta[]): string {
  const out: string[] = [];
  for (const [cat, label] of Object.entries(CATEGORIES)) {
    const list = metas.filter((m) => m.category === cat).sort((a, b) => (a.id < b.id ? -1 : 1));
    if (!list.length) continue;
    out.push(`${label} (${list.length})`);
    for (const m of list) {
      const off = m.enabledByDefault === false ? '  [off by default]' : '';
      out.push(`  ${m.id}  ${m.severity.padEnd(8)} ${m.mode.padEnd(4)} ${m.slug}${m.aliases.length ? `  (${m.aliases.join(', ')})` : ''}${off}`);
    }
    out.push('');
  }
  const on = metas.filter((m) => m.enabledByDefault !== false).length;
  out.push(`${metas.length} rules, ${on} on by default. \`mcpvet explain <id>\` shows a rule's page.`);
  return `${out.join('\n')}\n`;
}

/** Another catalog's id (e.g. MCPSafe's `MCP-277`) with what it is about and, when no rule covers it, why. */
export interface ForeignRuleId {
  id: string;
  about: string;
  uncoveredBecause?: string;
}

export function renderRuleIndex(metas: readonly RuleMeta[], mcpsafe: readonly ForeignRuleId[] = []): string {
  const on = metas.filter((m) => m.enabledByDefault !== false).length;
  const out = ['# mcpvet rules', '', `${metas.length} rules (${on} on by default). Generated from rule metadata by \`npm run gen\`; do not edit.`, ''];
  for (const [cat, label] of Object.entries(CATEGORIES)) {
    const list = metas.filter((m) => m.category === cat);
    if (!list.length) continue;
    out.push(`## ${label} (${list.length})`, '', '| id | rule | severity | mode | languages | aliases |', '| --- | --- | --- | --- | --- | --- |');
    for (const m of list) {
      const off = m.enabledByDefault === false ? ' (off by default)' : '';
      out.push(`| ${m.id} | [${m.title}](${m.slug}.md)${off} | ${m.severity} | ${m.mode} | ${m.languages.join(', ')} | ${m.aliases.join(', ')} |`);
    }
    out.push('');
  }
  if (mcpsafe.length) {
    const covered = mcpsafe.filter((x) => metas.some((m) => m.aliases.includes(x.id)));
    out.push('## MCPSafe coverage', '', `${covered.length} of the ${mcpsafe.length} rule ids MCPSafe.io publishes are covered by an mcpvet rule.`, '');
    out.push('| MCPSafe id | about | mcpvet rules |', '| --- | --- | --- |');
    for (const x of mcpsafe) {
      const rules = metas.filter((m) => m.aliases.includes(x.id)).map((m) => `[${m.id}](${m.slug}.md)`);
      out.push(`| ${x.id} | ${x.about} | ${rules.length ? rules.join(', ') : '—'} |`);
    }
    const missing = mcpsafe.filter((x) => !covered.includes(x));
    if (missing.length) {
      out.push('', '### Not covered yet', '');
      for (const x of missing) out.push(`- ${x.id} (${x.about}): ${x.uncoveredBecause ?? 'not implemented yet'}`);
    }
    out.push('');
  }
  return out.join('\n');
}

const FENCE_LANG: Record<string, string> = { py: 'python', ts: 'typescript', js: 'javascript', tsx: 'tsx', go: 'go', json: 'json', toml: 'toml', env: 'dotenv', dockerfile: 'dockerfile' };

function fenceLanguage(file: string): string {
  const ext = file.slice(file.lastIndexOf('.') + 1);
  return FENCE_LANG[ext] ?? '';
}
