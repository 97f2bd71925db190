// Rule metadata: the single source for docs pages, rules.json, SARIF rule entries and `mcpvet explain`.
import { z } from 'zod';
import { CONFIDENCES, SEVERITIES } from './severity.js';
import { RULE_LANGUAGES } from './language.js';

export const CATEGORIES = {
  'tool-metadata': 'Tool definition and lifecycle',
  injection: 'Injection and code execution',
  filesystem: 'Filesystem access',
  network: 'Network egress',
  secrets: 'Secrets and data exposure',
  transport: 'Transport and exposure',
  auth: 'Authorization and OAuth',
  output: 'Tool output and inner LLM',
  'supply-chain': 'Supply chain',
  'client-config': 'Client configuration',
  resilience: 'Resilience and observability',
} as const;
export type Category = keyof typeof CATEGORIES;

export const OWASP_MCP_TOP10 = {
  MCP01: 'Token Mismanagement & Secret Exposure',
  MCP02: 'Privilege Escalation via Scope Creep',
  MCP03: 'Tool Poisoning',
  MCP04: 'Software Supply Chain Attacks & Dependency Tampering',
  MCP05: 'Command Injection & Execution',
  MCP06: 'Intent Flow Subversion',
  MCP07: 'Insufficient Authentication & Authorization',
  MCP08: 'Lack of Audit and Telemetry',
  MCP09: 'Shadow MCP Servers',
  MCP10: 'Context Injection & Over-Sharing',
} as const;

export const ruleMetaSchema = z
  .object({
    /** Stable, never reused: `MV` + four digits. */
    id: z.string().regex(/^MV\d{4}$/),
    /** kebab-case name that reads well after "allow": used in config and suppressions. */
    slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: z.string().min(5),
    category: z.enum(Object.keys(CATEGORIES) as [Category, ...Category[]]),
    severity: z.enum(SEVERITIES),
    confidence: z.enum(CONFIDENCES),
    cwe: z.array(z.string().regex(/^CWE-\d+$/)).min(1),
    owaspMcp: z.array(z.enum(Object.keys(OWASP_MCP_TOP10) as [keyof typeof OWASP_MCP_TOP10])),
    /** Ids of the same check in other catalogs, e.g. MCPSafe's `MCP-277`. */
    aliases: z.array(z.string()),
    mode: z.enum(['fast', 'deep', 'live']),
    /**
     * The rule reads only what a server returns over MCP (tool names, descriptions, schemas, annotations), so it also
     * runs on the surface a live probe collected. Rules of mode `live` always do.
     */
    live: z.literal(true).optional(),
    languages: z.array(z.enum(RULE_LANGUAGES)).min(1),
    status: z.enum(['experimental', 'stable', 'deprecated']),
    /**
     * False for rules that can only guess (heuristic, intent-based): they run when selected with `--rule`, turned on
     * in the config, or with `--all-rules`. Absent means true.
     */
    enabledByDefault: z.boolean().optional(),
    /**
     * Ids of fast rules this (deep) rule refines: where both report the same line, only this rule's finding is kept,
     * since it carries the data-flow trace.
     */
    supersedes: z.array(z.string().regex(/^MV\d{4}$/)).optional(),
    /** Finding message; `{name}` placeholders are filled from the detector's data. */
    message: z.string().min(5),
    docs: z.object({
      summary: z.string().min(20),
      risk: z.string().min(40),
      detection: z.string().min(40),
      fix: z.string().min(20),
      references: z.array(z.object({ title: z.string(), url: z.string().url() })).min(1),
    }),
  })
  .strict();

export type RuleMeta = z.infer<typeof ruleMetaSchema>;

/** A file in a rule's `examples/` folder, shown on its docs page and tested to fire (vulnerable) or not (secure). */
export interface RuleExample {
  /** Path inside `examples/`, e.g. `vulnerable.py`, or `vulnerable/package.json` for a multi-file example. */
  file: string;
  /** What is scanned to test it: the file itself, or the example's folder (`vulnerable`). */
  target: string;
  kind: 'vulnerable' | 'secure';
  code: string;
}
