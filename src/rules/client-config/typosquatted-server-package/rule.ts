// MV8006: a configured server runs a package whose name imitates a popular MCP package (typo, scope swap, look-alike letters).
import type { LaunchPackage } from '../../../model/client-config.js';
import type { Confidence } from '../../../model/severity.js';
import { defineRule, type RawFinding } from '../../../rule/rule.js';
import { skeleton } from '../../tool-metadata/tool-name-shadowing/well-known-tools.js';
import { activeServers, serverLabel, spanOf } from '../config-helpers.js';
import { POPULAR_NPM, POPULAR_PYPI } from './popular-packages.js';

/** Names shorter than this are compared only for look-alike letters: two edits turn any short name into another. */
const MIN_LENGTH = 5;
const MAX_DISTANCE = 2;

interface Match {
  popular: string;
  how: string;
  confidence: Confidence;
}

export default defineRule({
  meta: {
    id: 'MV8006',
    slug: 'typosquatted-server-package',
    title: 'MCP server package name imitates a popular package',
    category: 'client-config',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-1357', 'CWE-506'],
    owaspMcp: ['MCP04'],
    aliases: ['MCP-100'],
    mode: 'fast',
    languages: ['manifest'],
    status: 'stable',
    message: '{server} runs "{pkg}", which {how} "{popular}"; check that this is the package you meant before it runs again',
    docs: {
      summary:
        'A server entry starts an npm or PyPI package whose name is one or two typing mistakes away from a widely used MCP package, swaps its scope for a near-identical one (`@modelcontextprotocal/…`), or differs only in look-alike letters or separators (`mcp_remote`, a Cyrillic `о`, `0` for `o`).',
      risk:
        'Config snippets are copied from blog posts, chat answers and READMEs, and a model asked to "add the filesystem server" can misspell a name just as a person can. Attackers register such names because whatever is installed runs immediately, with the user\'s files and keys in reach; npm and PyPI both remove typosquatting packages regularly, usually after they have been installed.',
      detection:
        'The package each enabled stdio server starts (through `npx`, `bunx`, `pnpm dlx`, `uvx`, `pipx run` and wrappers) is compared with a bundled list of about 60 popular MCP packages (official reference servers, vendor servers, `mcp-remote` and other widely installed community servers), checked against the registries\' public package lists. The exact popular name never fires. Reported: names equal to a popular one after folding case, separators (`-`, `_`, `.`) and look-alike letters (Cyrillic and Greek homoglyphs, `0`/`o`, `1`/`l`/`I`, `rn`/`m`) — high confidence; a scoped name whose scope is within two edits of a popular package\'s scope (a package under the real scope is published by the same owner and is not reported); and, for names of at least five characters, an unscoped name within two edits (Damerau–Levenshtein) of a popular unscoped one, or a PyPI name within two edits after PEP 503 normalisation — medium confidence. An unscoped copy of a scoped popular name (`server-filesystem`) is reported at low confidence.',
      fix:
        'Compare the name letter by letter with the project\'s own documentation or registry page (publisher, download count, repository link). If it was a typo, remove the entry, uninstall what was fetched (`npm cache clean`, `uv cache clean`) and rotate the keys that were in the server\'s environment. If the package is a legitimate fork, pin its exact version and suppress this finding with the reason.',
      references: [
        { title: 'npm docs: package name guidelines and typosquatting policy', url: 'https://docs.npmjs.com/policies/disputes' },
        { title: 'PEP 503: normalized project names', url: 'https://peps.python.org/pep-0503/#normalized-names' },
        { title: 'Unicode Technical Standard #39: confusable detection', url: 'https://www.unicode.org/reports/tr39/#Confusable_Detection' },
        { title: 'CWE-1357: Reliance on Insufficiently Trustworthy Component', url: 'https://cwe.mitre.org/data/definitions/1357.html' },
      ],
    },
  },
  file: {
    languages: ['json', 'toml'],
    requires: /mcp|servers/i,
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const s of activeServers(ctx.clientConfig)) {
        const pkg = s.launch?.package;
        if (!pkg || pkg.ecosystem === 'docker') continue;
        const m = lookalikeOf(pkg);
        if (!m) continue;
        out.push({ span: spanOf(pkg.at.location), data: { server: serverLabel(s), pkg: pkg.name, how: m.how, popular: m.popular }, confidence: m.confidence });
      }
      return out;
    },
  },
});

/** The popular package this name imitates, or undefined (always undefined for a popular name itself). */
export function lookalikeOf(pkg: Pick<LaunchPackage, 'name' | 'ecosystem'>): Match | undefined {
  return pkg.ecosystem === 'pypi' ? pypiMatch(pkg.name) : pkg.ecosystem === 'npm' ? npmMatch(pkg.name) : undefined;
}

function npmMatch(name: string): Match | undefined {
  if (POPULAR_NPM.includes(name)) return undefined;
  const c = splitScope(name);
  const skel = fold(name);
  for (const popular of POPULAR_NPM) if (fold(popular) === skel) return { popular, how: 'differs only in look-alike letters or separators from', confidence: 'high' };
  for (const popular of POPULAR_NPM) {
    const p = splitScope(popular);
    if (c.scope && p.scope && c.scope !== p.scope && distance(name, popular, MAX_DISTANCE) <= MAX_DISTANCE) {
      return { popular, how: `swaps the scope @${p.scope} for @${c.scope} of`, confidence: 'high' };
    }
  }
  if (!c.scope && name.length >= MIN_LENGTH) {
    for (const popular of POPULAR_NPM) {
      if (popular.startsWith('@') || popular.length < MIN_LENGTH) continue;
      const d = distance(name, popular, MAX_DISTANCE);
      if (d <= MAX_DISTANCE) return { popular, how: `is ${d} edit${d === 1 ? '' : 's'} away from`, confidence: 'medium' };
    }
    for (const popular of POPULAR_NPM) {
      const p = splitScope(popular);
      if (p.scope && p.name === name && name.length >= 10) return { popular, how: 'is an unscoped copy of', confidence: 'low' };
    }
  }
  return undefined;
}

function pypiMatch(raw: string): Match | undefined {
  const name = pep503(raw);
  const popularNames = POPULAR_PYPI.map(pep503);
  if (popularNames.includes(name)) return undefined;
  const skel = fold(name);
  for (const popular of POPULAR_PYPI) if (fold(pep503(popular)) === skel) return { popular, how: 'differs only in look-alike letters or separators from', confidence: 'high' };
  if (name.length < MIN_LENGTH) return undefined;
  for (const popular of POPULAR_PYPI) {
    const p = pep503(popular);
    if (p.length < MIN_LENGTH) continue;
    const d = distance(name, p, MAX_DISTANCE);
    if (d <= MAX_DISTANCE) return { popular, how: `is ${d} edit${d === 1 ? '' : 's'} away from`, confidence: 'medium' };
  }
  return undefined;
}

function splitScope(name: string): { scope?: string; name: string } {
  const m = /^@([^/]+)\/(.+)$/.exec(name);
  return m ? { scope: m[1]!, name: m[2]! } : { name };
}

function pep503(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Case, separators, homoglyphs (the tool-name skeleton) and ASCII look-alikes folded together. */
function fold(name: string): string {
  return skeleton(name).replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/[il1|]/g, 'l').replace(/0/g, 'o');
}

/** Optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions), stopping above `max`. */
export function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}
