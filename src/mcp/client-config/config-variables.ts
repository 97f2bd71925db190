// Variable references in client config values (`${input:id}`, `${env:NAME}`, `${NAME}`, `$NAME`, `{env:NAME}`): found, never expanded.
import type { VariableRef } from '../../model/client-config.js';

/**
 * Names VS Code, Cursor and Claude Code substitute themselves (paths and folders). They are not credentials, but
 * they are not literal text either.
 */
const HOST_NAMES = new Set([
  'workspaceFolder', 'workspaceFolderBasename', 'workspaceRoot', 'userHome', 'pathSeparator', '/', 'file', 'fileDirname',
  'cwd', 'execPath', 'defaultBuildTask', 'CLAUDE_PROJECT_DIR', 'CLAUDE_PLUGIN_ROOT', 'extensionPath',
]);

// One alternation per syntax; every quantifier is bounded, so matching is linear in the value length.
const REFERENCE =
  /\$\{(input|env|config|command):([^}\s]{1,200})\}|\$\{([A-Za-z_][A-Za-z0-9_]{0,200}|\/)(?::-[^}]{0,500})?\}|(?<![\w$])\$([A-Za-z_][A-Za-z0-9_]{0,200})|(?<![$\w])\{env:([A-Za-z_][A-Za-z0-9_]{0,200})\}/g;

/** Every variable reference in a value, in order. */
export function findVariables(value: string): VariableRef[] {
  if (!value.includes('$') && !value.includes('{env:')) return [];
  const out: VariableRef[] = [];
  for (const m of value.matchAll(REFERENCE)) {
    const raw = m[0];
    if (m[1] !== undefined) {
      const kind = m[1];
      out.push({ syntax: kind === 'input' ? 'input' : kind === 'env' ? 'env' : 'host', name: m[2]!, raw });
    } else if (m[3] !== undefined) {
      out.push({ syntax: HOST_NAMES.has(m[3]) ? 'host' : 'braced', name: m[3], raw });
    } else if (m[4] !== undefined) {
      out.push({ syntax: 'bare', name: m[4], raw });
    } else if (m[5] !== undefined) {
      out.push({ syntax: 'opencode', name: m[5], raw });
    }
  }
  return out;
}

/** An auth scheme or separator that may stand next to a reference without being part of the secret. */
const FILLER = /^(?:\s|bearer\b|basic\b|token\b|apikey\b|[:=,;])*$/i;

/**
 * True when every part of the value that could hold a secret is a reference the host fills in: `${input:pat}`,
 * `Bearer ${env:TOKEN}`, `$API_KEY`. Host path variables (`${workspaceFolder}`) supply nothing secret, so a value
 * made only of them is not host-supplied in this sense.
 */
export function onlyReferences(value: string, refs: readonly VariableRef[]): boolean {
  const credentialRefs = refs.filter((r) => r.syntax !== 'host');
  if (!credentialRefs.length) return false;
  let rest = value;
  for (const r of refs) rest = rest.split(r.raw).join(' ');
  return FILLER.test(rest);
}
