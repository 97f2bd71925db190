// Zod description of the JSON report (ScanResult); schema/scan-result.schema.json is generated from it.
import { z } from 'zod';
import type { ScanResult } from '../model/scan-result.js';
import { SCHEMA_VERSION } from '../model/scan-result.js';
import { CONFIDENCES, SEVERITIES } from '../model/severity.js';

/** Where consumers can fetch the published schema; also its `$id`. */
export const SCAN_RESULT_SCHEMA_ID = 'https://raw.githubusercontent.com/mcpvet/mcpvet/main/schema/scan-result.schema.json';

const line = z.int().min(1);
const count = z.int().min(0);

const location = z
  .object({
    path: z.string().min(1).describe('Relative to the scanned root, `/` separators.'),
    startLine: line,
    startColumn: line.describe('1-based, in UTF-16 code units.'),
    endLine: line,
    endColumn: line.describe('1-based and exclusive, in UTF-16 code units.'),
  })
  .meta({ id: 'Location' });

const severity = z.enum(SEVERITIES).meta({ id: 'Severity' });
const confidence = z.enum(CONFIDENCES).meta({ id: 'Confidence' });

const traceStep = z.object({ location, label: z.string() }).meta({ id: 'TraceStep' });

const suppression = z
  .object({
    kind: z.enum(['inline', 'baseline', 'config']),
    justification: z.string().optional(),
  })
  .meta({ id: 'Suppression' });

const finding = z
  .object({
    ruleId: z.string().regex(/^MV\d{4}$/),
    slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: z.string().min(1),
    severity,
    confidence,
    cwe: z.array(z.string().regex(/^CWE-\d+$/)),
    aliases: z.array(z.string()),
    message: z.string().min(1),
    location,
    snippet: z.string(),
    tool: z.string().optional(),
    fingerprint: z.string().regex(/^v\d+:[0-9a-f]{32}$/).describe('Content-based and versioned; stable when lines move.'),
    trace: z.array(traceStep).optional(),
    related: z.array(z.object({ location, message: z.string() })).optional(),
    suppression: suppression.optional(),
  })
  .meta({ id: 'Finding' });

const textValue = z
  .object({
    value: z.string(),
    origin: z.enum(['literal', 'constant', 'concatenation', 'template', 'docstring', 'dynamic']),
    dynamicFrom: z.array(z.string()).optional(),
    location,
  })
  .meta({ id: 'TextValue' });

const sdkRef = z
  .object({
    package: z.string(),
    api: z.string(),
    version: z.string().optional(),
    versionSource: z.string().optional(),
  })
  .meta({ id: 'SdkRef' });

const transport = z
  .object({
    kind: z.enum(['stdio', 'sse', 'streamable-http', 'http', 'unknown']),
    api: z.string(),
    host: z.string().optional(),
    hostDefaultsToAll: z.boolean().optional(),
    port: z.string().optional(),
    dnsRebindingProtection: z.enum(['enabled', 'disabled', 'default', 'not-applicable']).optional(),
    location,
  })
  .meta({ id: 'Transport' });

const authSetup = z
  .object({
    kind: z.enum(['jwt-verify', 'jwt-decode', 'bearer-middleware', 'token-verifier', 'oauth-bearer', 'oauth-config', 'oauth-provider']),
    api: z.string(),
    location,
  })
  .meta({ id: 'AuthSetup' });

const metadataRoute = z
  .object({
    kind: z.enum(['route', 'sdk-router', 'auth-settings', 'literal']),
    path: z.string().optional(),
    api: z.string().optional(),
    location,
  })
  .meta({ id: 'MetadataRoute' });

const schemaProperty = z
  .object({
    name: z.string(),
    type: z.string().optional(),
    title: textValue.optional(),
    description: textValue.optional(),
    required: z.boolean().optional(),
    enum: z.array(textValue).optional(),
    default: textValue.optional(),
    pattern: z.string().optional(),
    minLength: z.number().optional(),
    maxLength: z.number().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    format: z.string().optional(),
    location,
  })
  .meta({ id: 'SchemaProperty' });

const toolAnnotations = z
  .object({
    title: textValue.optional(),
    readOnlyHint: z.boolean().optional(),
    destructiveHint: z.boolean().optional(),
    idempotentHint: z.boolean().optional(),
    openWorldHint: z.boolean().optional(),
    location,
  })
  .meta({ id: 'ToolAnnotations' });

const handlerRef = z
  .object({
    name: z.string().optional(),
    location,
    bindings: z.array(z.object({ param: z.string(), local: z.string(), location: location.optional() })),
    argsObject: z.string().optional(),
  })
  .meta({ id: 'HandlerRef' });

const toolDef = z
  .object({
    name: z.string(),
    nameResolved: z.boolean(),
    title: textValue.optional(),
    description: textValue.optional(),
    params: z.array(schemaProperty),
    schemaKind: z.enum(['zod', 'json-schema', 'signature', 'go-options', 'go-struct', 'none', 'dynamic']),
    annotations: toolAnnotations.optional(),
    handler: handlerRef.optional(),
    api: z.string(),
    location,
  })
  .meta({ id: 'ToolDef' });

const promptDef = z
  .object({
    name: z.string(),
    nameResolved: z.boolean(),
    title: textValue.optional(),
    description: textValue.optional(),
    arguments: z.array(schemaProperty),
    body: z.array(textValue).optional(),
    handler: handlerRef.optional(),
    api: z.string(),
    location,
  })
  .meta({ id: 'PromptDef' });

const resourceDef = z
  .object({
    name: z.string().optional(),
    uri: z.string(),
    isTemplate: z.boolean(),
    templateVariables: z.array(z.string()),
    title: textValue.optional(),
    description: textValue.optional(),
    mimeType: z.string().optional(),
    handler: handlerRef.optional(),
    api: z.string(),
    location,
  })
  .meta({ id: 'ResourceDef' });

const serverLanguage = z.enum(['python', 'typescript', 'go']);

const serverDef = z
  .object({
    id: z.string(),
    language: serverLanguage,
    sdk: sdkRef,
    name: textValue.optional(),
    version: textValue.optional(),
    variable: z.string().optional(),
    instructions: textValue.optional(),
    transports: z.array(transport),
    auth: z.array(authSetup),
    tools: z.array(toolDef),
    prompts: z.array(promptDef),
    resources: z.array(resourceDef),
    location,
    synthetic: z.literal(true).optional(),
  })
  .meta({ id: 'ServerDef' });

const manifestInfo = z
  .object({
    path: z.string(),
    kind: z.enum(['package.json', 'pyproject.toml', 'requirements.txt', 'setup.py', 'go.mod', 'mcp-manifest']),
    name: z.string().optional(),
    version: z.string().optional(),
    dependencies: z.record(z.string(), z.string()),
  })
  .meta({ id: 'ManifestInfo' });

const inventory = z
  .object({
    isMcpServer: z.boolean(),
    servers: z.array(serverDef),
    manifests: z.array(manifestInfo),
    files: z.array(
      z.object({
        path: z.string(),
        language: serverLanguage,
        sdkImports: z.array(sdkRef),
        auth: z.array(authSetup),
        metadataRoutes: z.array(metadataRoute),
        transports: z.array(transport),
      }),
    ),
  })
  .meta({ id: 'Inventory' });

const skippedFile = z
  .object({
    path: z.string(),
    reason: z.enum(['too-large', 'binary', 'minified', 'symlink-outside-target', 'symlink', 'symlink-broken', 'excluded', 'unsupported', 'bundle-source-mapped', 'bundle-dependencies']),
    detail: z.string(),
  })
  .meta({ id: 'SkippedFile' });

const scanError = z
  .object({
    kind: z.enum(['syntax', 'read', 'encoding', 'timeout', 'budget', 'rule', 'config', 'target', 'internal']),
    level: z.enum(['error', 'warning']),
    path: z.string().optional(),
    ruleId: z.string().optional(),
    message: z.string(),
    line: line.optional(),
  })
  .meta({ id: 'ScanError' });

// Spelled out key by key (rather than a record) so that each severity is a required, named property.
const bySeverity = z.object(Object.fromEntries(SEVERITIES.map((s) => [s, count])) as Record<(typeof SEVERITIES)[number], typeof count>);

const score = z.object({ score: z.int().min(0).max(100), grade: z.enum(['A', 'B', 'C', 'D', 'F']) });

const serverReport = z
  .object({
    name: z.string(),
    config: z.string(),
    project: z.string().optional().describe('Claude Code per-project entries: the project folder.'),
    source: z.object({
      kind: z.enum(['npm', 'pypi', 'local', 'remote', 'docker', 'unknown']),
      spec: z.string(),
      version: z.string().optional(),
    }),
    status: z.enum(['scanned', 'not-scanned']),
    reason: z.string().optional(),
    pathPrefix: z.string().optional().describe('Prefix of the paths of its package findings, e.g. `servers/<name>/`.'),
    score,
    counts: bySeverity,
    findingIds: z.array(z.string()).describe('Fingerprints of its findings in `findings`.'),
  })
  .meta({ id: 'ServerReport' });

export const scanResultSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('mcpvet'), version: z.string().min(1) }),
  target: z.object({
    input: z.string(),
    kind: z.string(),
    root: z.string(),
    resolved: z
      .object({
        name: z.string().optional(),
        version: z.string().optional(),
        integrity: z.string().optional(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
        ref: z.string().optional(),
        commit: z.string().optional(),
        url: z.string().optional(),
        file: z.string().optional(),
        notes: z.array(z.string()).optional(),
      })
      .optional()
      .describe('What a package, repository or archive target resolved to (absent for local folders).'),
  }),
  mode: z.enum(['fast', 'deep']),
  ruleIds: z.array(z.string().regex(/^MV\d{4}$/)).describe('Ids of the rules that ran, sorted.'),
  complete: z.boolean().describe('False when any part of the scan failed (an error-level entry in `errors`).'),
  findings: z.array(finding),
  suppressed: z.array(finding.extend({ suppression })).describe('Findings silenced by an inline comment, a baseline or the config.'),
  errors: z.array(scanError),
  skipped: z.array(skippedFile),
  stats: z.object({
    files: count,
    bytes: count,
    lines: count,
    parsed: count,
    skipped: count,
    rules: count,
    findings: count,
    bySeverity,
    suppressed: z.object({ inline: count, baseline: count, config: count }),
  }),
  inventory,
  score,
  servers: z
    .array(serverReport)
    .optional()
    .describe('Client-config scans with `--resolve`: each configured server, what it resolved to and its own score; `score` is then over all findings.'),
  timing: z
    .object({ startedAt: z.iso.datetime(), durationMs: z.number().min(0), workers: z.int().min(1) })
    .optional()
    .describe('Wall-clock facts, kept apart so that everything else is byte-identical across runs.'),
});

/** The published JSON Schema (draft 2020-12) for `mcpvet scan --format json`. */
export function scanResultJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scanResultSchema, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: SCAN_RESULT_SCHEMA_ID,
    title: 'mcpvet scan result',
    description: `The JSON report of mcpvet (schemaVersion ${SCHEMA_VERSION}). Generated from src/report/scan-result-schema.ts; do not edit.`,
    ...rest,
  };
}

// Compile-time guards, so that neither the schema nor the model drifts silently: both name the same fields at
// every depth, and anything the schema accepts is a valid ScanResult (the schema may only be stricter).
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Fields<T> = T extends readonly (infer U)[] ? Fields<U>[] : T extends object ? { [K in keyof T]-?: Fields<NonNullable<T[K]>> } : unknown;
type SchemaShape = z.output<typeof scanResultSchema>;
const sameFields: Same<Fields<SchemaShape>, Fields<ScanResult>> = true;
const schemaIsStricter: SchemaShape extends ScanResult ? true : false = true;
void sameFields;
void schemaIsStricter;
