// The MCP inventory: servers, transports, auth, tools, prompts and resources found in a target. Every rule reads it.
import type { Location } from './location.js';

/** The three source languages MCP servers are written in (JS/TS/TSX share `typescript`). */
export type ServerLanguage = 'python' | 'typescript' | 'go';

/**
 * A piece of text as the server will present it to a client, resolved statically where possible.
 * `value` holds escape sequences decoded (so `"\u200b"` in source is a real zero-width space here).
 */
export interface TextValue {
  value: string;
  /** How the value was obtained. `dynamic` means part of it is only known at run time. */
  origin: 'literal' | 'constant' | 'concatenation' | 'template' | 'docstring' | 'dynamic';
  /** For dynamic text: what it was computed from (`environment`, `network`, `file`, `call`, `unknown`). */
  dynamicFrom?: string[];
  location: Location;
}

/** Which SDK a server or file uses, and the version when a manifest or lockfile states it. */
export interface SdkRef {
  /** Package name: `mcp`, `fastmcp`, `@modelcontextprotocol/sdk`, `@modelcontextprotocol/server`, `fastmcp` (npm), `github.com/mark3labs/mcp-go`, `github.com/modelcontextprotocol/go-sdk`. */
  package: string;
  /** API style inside the package: `fastmcp`, `lowlevel`, `mcpserver`, `server`, `mcp-go`, `go-sdk`. */
  api: string;
  version?: string;
  /** Manifest the version came from (relative path). */
  versionSource?: string;
}

export interface Transport {
  kind: 'stdio' | 'sse' | 'streamable-http' | 'http' | 'unknown';
  /** The call or constructor that starts it, e.g. `mcp.run`, `StreamableHTTPServerTransport`, `app.listen`. */
  api: string;
  /** Bind host as written; `undefined` when the API's default applies (see `hostDefault`). */
  host?: string;
  /** True when no host was passed and the API binds all interfaces by default (e.g. Node `listen(port)`). */
  hostDefaultsToAll?: boolean;
  port?: string;
  /**
   * DNS-rebinding / Host validation as configured on this transport: `enabled`, `disabled` (explicitly
   * turned off), `default` (not mentioned; the SDK default applies), `not-applicable` (stdio).
   */
  dnsRebindingProtection?: 'enabled' | 'disabled' | 'default' | 'not-applicable';
  location: Location;
}

export interface AuthSetup {
  /**
   * `jwt-verify` / `jwt-decode`: a JWT library call; `bearer-middleware`: an SDK or framework bearer guard
   * (`requireBearerAuth`, `auth.RequireBearerToken`); `token-verifier`: a `TokenVerifier` / `auth=` provider;
   * `oauth-bearer`: FastAPI `OAuth2*Bearer`; `oauth-config`: OAuth endpoints configured in code
   * (`authorization_endpoint`, `AuthSettings`); `oauth-provider`: an OAuth server/proxy provider.
   */
  kind: 'jwt-verify' | 'jwt-decode' | 'bearer-middleware' | 'token-verifier' | 'oauth-bearer' | 'oauth-config' | 'oauth-provider';
  api: string;
  location: Location;
}

/** Evidence that the project publishes OAuth discovery metadata (RFC 9728 / RFC 8414). */
export interface MetadataRoute {
  /**
   * `route`: an HTTP route whose path is a well-known metadata path; `sdk-router`: the SDK's metadata router
   * (`mcpAuthMetadataRouter`, `mcpAuthRouter`); `auth-settings`: Python `AuthSettings(resource_server_url=…)`;
   * `literal`: the well-known path appears as a string literal (MCPSafe's textual condition).
   */
  kind: 'route' | 'sdk-router' | 'auth-settings' | 'literal';
  /** The well-known path when known. */
  path?: string;
  api?: string;
  location: Location;
}

export interface SchemaProperty {
  name: string;
  /** JSON-Schema-ish type as written (`string`, `integer`, `str`, `list[str]`, zod chain root…). */
  type?: string;
  title?: TextValue;
  description?: TextValue;
  required?: boolean;
  enum?: TextValue[];
  default?: TextValue;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  location: Location;
}

export interface ToolAnnotations {
  title?: TextValue;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
  location: Location;
}

/** Where a handler receives an MCP argument, so taint analysis can start from it. */
export interface ParamBinding {
  /** The tool/prompt argument name (schema property). */
  param: string;
  /** The local name that holds it in the handler (`path`, `args.path`, `req.GetString("path")`). */
  local: string;
  location?: Location;
}

export interface HandlerRef {
  /** Function name when it is a named function. */
  name?: string;
  /** Span of the function definition (or the dispatch branch for low-level servers). */
  location: Location;
  bindings: ParamBinding[];
  /** A name bound to the whole arguments object (`args`, `arguments`, `req.params.arguments`). */
  argsObject?: string;
}

export interface ToolDef {
  name: string;
  /** False when the name is computed; `name` then holds the source expression. */
  nameResolved: boolean;
  title?: TextValue;
  description?: TextValue;
  params: SchemaProperty[];
  /** How the input schema was written. */
  schemaKind: 'zod' | 'json-schema' | 'signature' | 'go-options' | 'go-struct' | 'none' | 'dynamic';
  annotations?: ToolAnnotations;
  handler?: HandlerRef;
  /** The registering call or decorator, e.g. `@mcp.tool`, `server.registerTool`, `mcp.NewTool`. */
  api: string;
  location: Location;
}

export interface PromptDef {
  name: string;
  nameResolved: boolean;
  title?: TextValue;
  description?: TextValue;
  arguments: SchemaProperty[];
  /** Literal prompt text returned by the handler, when static. */
  body?: TextValue[];
  handler?: HandlerRef;
  api: string;
  location: Location;
}

export interface ResourceDef {
  name?: string;
  uri: string;
  /** URI template with `{var}` placeholders (RFC 6570). */
  isTemplate: boolean;
  templateVariables: string[];
  title?: TextValue;
  description?: TextValue;
  mimeType?: string;
  handler?: HandlerRef;
  api: string;
  location: Location;
}

export interface ServerDef {
  /** Stable id: `<path>#<variable>` or `<path>:<line>` when the server is not bound to a name. */
  id: string;
  language: ServerLanguage;
  sdk: SdkRef;
  name?: TextValue;
  version?: TextValue;
  /** The variable the server object is bound to (`mcp`, `server`, `s`). */
  variable?: string;
  instructions?: TextValue;
  transports: Transport[];
  auth: AuthSetup[];
  tools: ToolDef[];
  prompts: PromptDef[];
  resources: ResourceDef[];
  /** Construction site (or first registration when no constructor was seen). */
  location: Location;
  /**
   * True when no construction was seen: registrations on a receiver that could not be matched to a server
   * (e.g. a helper's parameter in a project with several servers) are grouped under this stand-in.
   */
  synthetic?: true;
}

/** What one file contributes; the engine merges these into servers. */
export interface FileInventory {
  path: string;
  language: ServerLanguage;
  /** MCP SDK packages this file imports. */
  sdkImports: SdkRef[];
  servers: ServerDef[];
  /**
   * Registrations whose receiver is not a server constructed in this file (e.g. `from app import mcp`).
   * `receiver` is the variable name; the merge step attaches them to a server with that variable.
   */
  orphans: { receiver: string; tools: ToolDef[]; prompts: PromptDef[]; resources: ResourceDef[]; transports: Transport[] }[];
  /** Auth set-up seen in the file but not tied to a server object (e.g. a `jwt.decode` helper). */
  auth: AuthSetup[];
  metadataRoutes: MetadataRoute[];
  /** HTTP transports or listeners not tied to a server object (`app.listen`, `uvicorn.run`). */
  transports: Transport[];
}

export interface ManifestInfo {
  path: string;
  kind: 'package.json' | 'pyproject.toml' | 'requirements.txt' | 'setup.py' | 'go.mod' | 'mcp-manifest';
  name?: string;
  version?: string;
  /** Declared dependencies with their version specs. */
  dependencies: Record<string, string>;
}

export interface Inventory {
  /** True when any file imports an MCP SDK, constructs a server, or a manifest depends on one. */
  isMcpServer: boolean;
  servers: ServerDef[];
  manifests: ManifestInfo[];
  /** Per-file pieces that are not part of a server: auth helpers, metadata routes, loose transports. */
  files: Pick<FileInventory, 'path' | 'language' | 'sdkImports' | 'auth' | 'metadataRoutes' | 'transports'>[];
}
