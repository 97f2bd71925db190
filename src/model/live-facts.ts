// What a live probe observed beyond the MCP inventory: HTTP posture, surface drift, changes within one probe.
import type { Location } from './location.js';

/** One HTTP exchange the posture checks made, as far as the rules need it. */
export interface HttpExchange {
  /** What the request was for, e.g. `initialize without credentials`. */
  purpose: string;
  method: string;
  url: string;
  /** HTTP status, or undefined when the request failed (see `error`). */
  status?: number;
  /** Lower-cased response headers the checks read (`www-authenticate`, `access-control-*`, `mcp-session-id`). */
  headers: Record<string, string>;
  error?: string;
  location: Location;
}

export interface ProtectedResourceMetadataFacts {
  /** Every well-known URL tried, in order. */
  tried: string[];
  /** The URL that answered with a JSON document, if any. */
  foundAt?: string;
  resource?: string;
  authorizationServers: string[];
  /** Why the document was unusable (not JSON, wrong shape), when it was found but rejected. */
  problem?: string;
  location: Location;
}

export interface AuthorizationServerFacts {
  issuer: string;
  reachable: boolean;
  codeChallengeMethods?: string[];
  error?: string;
  location: Location;
}

export interface HttpPosture {
  url: string;
  scheme: 'http' | 'https';
  /** The host is a loopback name or address. */
  loopback: boolean;
  /** True when the user supplied credentials (a bearer token or an Authorization header). */
  credentialsSupplied: boolean;
  /** The server answered the unauthenticated initialize with 401 or 403. */
  authRequired: boolean;
  unauthenticatedInitialize: HttpExchange;
  /** `tools/list` sent without credentials: the number of tools it returned when it answered. */
  unauthenticatedToolsList?: HttpExchange & { toolCount?: number };
  /** The parsed `WWW-Authenticate` challenge of a 401. */
  challenge?: { header?: string; resourceMetadata?: string; location: Location };
  protectedResourceMetadata?: ProtectedResourceMetadataFacts;
  authorizationServer?: AuthorizationServerFacts;
  /** initialize with a foreign `Origin`. */
  foreignOrigin?: HttpExchange & { origin: string; accepted: boolean };
  /** initialize with a foreign `Host` (loopback servers only). */
  foreignHost?: HttpExchange & { host: string; accepted: boolean };
  /** CORS preflight from a foreign origin. */
  corsPreflight?: HttpExchange & { origin: string };
  /** Session ids handed out by successive initialize requests. */
  sessions?: { ids: string[]; location: Location };
  location: Location;
}

/** One field that differs between a pinned surface (`mcpvet.lock`) and what the server returned now. */
export interface DriftEntry {
  change: 'added' | 'removed' | 'changed';
  /** `tool`, `prompt`, `resource`, `resource-template`, `instructions`. */
  kind: string;
  name: string;
  /** Dotted field path inside the item, e.g. `description`, `inputSchema.properties.path.description`; empty for the item itself. */
  field: string;
  before?: string;
  after?: string;
  location: Location;
}

/** A tool definition that changed between two listings of the same probe, or a list_changed notification. */
export interface ProbeChange {
  tool: string;
  /** Fields that differ (empty when the tool appeared or disappeared). */
  fields: string[];
  change: 'added' | 'removed' | 'changed';
  location: Location;
}

export interface LiveFacts {
  /** The rendered surface document findings point into, e.g. `live/weather.json`. */
  document: string;
  http?: HttpPosture;
  drift?: DriftEntry[];
  /** Set when a lock file was compared (so "no drift" can be told from "not compared"). */
  lockCompared?: boolean;
  changesDuringProbe?: ProbeChange[];
  listChangedNotifications?: number;
}
