// Shared judgements of the live HTTP rules: resource identifiers, session id quality, CORS answers.
import type { HttpExchange } from '../../model/live-facts.js';

/** RFC 9728 §3.3 / MCP: the metadata's `resource` must name this server (scheme and host case-insensitive, no trailing slash). */
export function resourceMatches(resource: string, serverUrl: string): boolean {
  const norm = (u: string) => {
    try {
      const x = new URL(u);
      x.hash = '';
      return `${x.protocol}//${x.host}${x.pathname.replace(/\/+$/, '')}${x.search}`.toLowerCase();
    } catch {
      return undefined;
    }
  };
  const r = norm(resource);
  const s = norm(serverUrl);
  if (!r || !s) return false;
  // A resource identifier may name a path prefix that covers the endpoint.
  return s === r || s.startsWith(`${r}/`);
}

export interface SessionIdVerdict {
  problems: string[];
}

/**
 * Problems of the session ids one server handed to separate initialize requests: reused, sequential, or short
 * (fewer than 16 characters cannot carry the 128 bits the MCP security guidance asks for).
 */
export function judgeSessionIds(ids: readonly string[]): SessionIdVerdict {
  const problems: string[] = [];
  if (new Set(ids).size < ids.length) problems.push('the same id was handed to separate initialize requests');
  const short = ids.filter((id) => id.length < 16);
  if (short.length) problems.push(`ids as short as ${Math.min(...short.map((s) => s.length))} characters`);
  const numbers = ids.map((id) => /^(.*?)(\d+)$/.exec(id));
  if (ids.length >= 2 && numbers.every((m) => m && m[1] === numbers[0]![1])) {
    const values = numbers.map((m) => Number(m![2]));
    const steps = values.slice(1).map((v, i) => v - values[i]!);
    if (steps.every((d) => d > 0 && d <= 1000)) problems.push(`ids count upwards (${ids.slice(0, 3).join(', ')})`);
  }
  return { problems };
}

/** What a CORS answer allows a foreign page to do with the user's credentials, if anything. */
export function corsProblem(x: HttpExchange | undefined, foreignOrigin: string): string | undefined {
  if (!x) return undefined;
  const origin = x.headers['access-control-allow-origin'];
  const credentials = x.headers['access-control-allow-credentials']?.toLowerCase() === 'true';
  if (!origin || !credentials) return undefined;
  if (origin.trim() === '*') return 'answers with Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true';
  if (origin.trim() === foreignOrigin || origin.trim() === 'null') return `reflects the foreign origin ${origin.trim()} together with Access-Control-Allow-Credentials: true`;
  return undefined;
}
