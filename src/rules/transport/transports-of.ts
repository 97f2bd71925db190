// Network transports of an inventory with the server (if any) they serve, shared by the transport rules.
import type { Inventory, ServerDef, Transport } from '../../model/inventory.js';

export interface PlacedTransport {
  transport: Transport;
  server?: ServerDef;
}

/** Every non-stdio transport: those attached to servers first, then file-level listeners, deduplicated by location. */
export function networkTransports(inv: Inventory): PlacedTransport[] {
  const out: PlacedTransport[] = [];
  const seen = new Set<string>();
  const add = (transport: Transport, server?: ServerDef) => {
    if (transport.kind === 'stdio') return;
    const key = `${transport.location.path}:${transport.location.startLine}:${transport.location.startColumn}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ transport, server });
  };
  for (const s of inv.servers) for (const t of s.transports) add(t, s);
  for (const f of inv.files) for (const t of f.transports) add(t);
  return out;
}

/** Hosts that mean "every interface". */
export function isWildcardHost(host: string): boolean {
  const h = host.trim().replace(/^\[|\]$/g, '');
  return h === '0.0.0.0' || h === '::' || h === '*' || h === '' || h === '::0' || h === '0:0:0:0:0:0:0:0';
}

/** Hosts that only accept local connections. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** A wildcard address written as the default of an environment lookup, e.g. `os.getenv("HOST", "0.0.0.0")`. */
export function wildcardDefault(expr: string): boolean {
  return /["'`](0\.0\.0\.0|::|\[::\])["'`]/.test(expr);
}
