// Helpers shared by the client-config rules: finding positions, per-client wording, URL and secret-value checks.
import type { ClientConfigFile, ClientId, ConfigValue, ConfiguredServer } from '../../model/client-config.js';
import type { Location } from '../../model/location.js';
import type { Span } from '../../model/location.js';

/** The `span` of a RawFinding at a config value or server key (file detectors report in the current file). */
export function spanOf(location: Location): Span {
  return { start: { row: location.startLine - 1, column: location.startColumn - 1 }, end: { row: location.endLine - 1, column: location.endColumn - 1 } };
}

/** Servers the client starts: entries marked `disabled` (or Codex `enabled = false`) are left out. */
export function activeServers(config: ClientConfigFile | undefined): ConfiguredServer[] {
  return config ? config.servers.filter((s) => !s.disabled) : [];
}

/** `server "x"`, or `server "x" (project /path)` for Claude Code per-project entries. */
export function serverLabel(s: ConfiguredServer): string {
  return s.project !== undefined ? `server "${s.name}" (project ${s.project})` : `server "${s.name}"`;
}

/** How this client lets a value come from the environment or a prompt instead of the file. */
export function referenceHint(client: ClientId, name: string): string {
  switch (client) {
    case 'vscode':
      return `"\${input:${lowerId(name)}}" with an input of "password": true`;
    case 'cursor':
    case 'windsurf':
      return `"\${env:${name}}"`;
    case 'claude-code':
    case 'gemini-cli':
      return `"\${${name}}"`;
    case 'codex':
      return `env_vars = ["${name}"] (or bearer_token_env_var / env_http_headers for headers)`;
    default:
      return 'a value the launcher reads from the environment or the OS keychain';
  }
}

function lowerId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'secret';
}

/** First four characters and an ellipsis: enough to recognise a key, not to use it. */
export function mask(value: string): string {
  return `${[...value].slice(0, 4).join('')}…`;
}

/** Hosts a client reaches without leaving the machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1' || h === '0.0.0.0';
}

/** A URL value's parts, or undefined when it does not parse (or its host is a variable). */
export function parseUrl(value: string): URL | undefined {
  if (!/^[a-z][a-z0-9+.-]{0,20}:\/\//i.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Documentation and test markers: a value containing one is a placeholder, not a credential. */
const PLACEHOLDER =
  /your[_-]?|<[^>]{0,80}>|\[[^\]]{0,80}\]|change[_-]?me|replace[_-]?me|x{4,}|\*{3,}|\.\.\.|…|example|placeholder|dummy|sample|redacted|insert|todo|^none$|^null$|^undefined$|^(?:true|false)$|%[A-Z_]{2,80}%|here$/i;
/** `GITHUB_TOKEN`: the name of a variable, which some launchers read (`"env": {"TOKEN": "GITHUB_TOKEN"}` is not a key). */
const ENV_NAME = /^[A-Z][A-Z0-9_]{1,100}$/;
const AUTH_SCHEME = /^(?:bearer|basic|token|apikey)\s+/i;

/**
 * The literal secret in a value stored under a credential name, or undefined when the value is host-supplied, a
 * placeholder, a variable name, a path or URL, or too short and regular to be a key.
 */
export function literalSecret(v: ConfigValue): string | undefined {
  if (v.hostSupplied) return undefined;
  let value = v.value.trim();
  // Strip references; what is left is literal text written in the file.
  for (const r of v.variables) value = value.split(r.raw).join('');
  value = value.replace(AUTH_SCHEME, '').trim();
  if (value.length < 8 || value.length > 4096 || /\s/.test(value)) return undefined;
  if (PLACEHOLDER.test(value) || ENV_NAME.test(value)) return undefined;
  if (/^[a-z][a-z0-9+.-]{1,20}:\/\//i.test(value) || /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(value)) return undefined;
  if (/^\d+$/.test(value) || new Set(value).size <= 3) return undefined;
  if (characterClasses(value) < 2 && value.length < 24) return undefined;
  if (entropy(value) < 2.5) return undefined;
  return value;
}

export function characterClasses(s: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(s)).length;
}

export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  const n = [...s].length;
  let h = 0;
  for (const k of counts.values()) h -= (k / n) * Math.log2(k / n);
  return h;
}
