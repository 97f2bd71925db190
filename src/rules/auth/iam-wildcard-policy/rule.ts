// MV5017 (MCPSafe MCP-203): an inline cloud IAM policy allows every action, or every action of a service on every resource.
import type { Node } from 'web-tree-sitter';
import type { Span } from '../../../model/location.js';
import type { CallSite } from '../../../parse/call-sites.js';
import { decodeString } from '../../../parse/string-literal.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { family, listElements, literalEntries, resolveOnce, unwrap, type Entries, isTestPath } from '../token-api-facts.js';

/** AWS CDK `PolicyStatement` constructors (TypeScript, Python, Go). */
const CDK_STATEMENT = /^(?:aws-cdk-lib\/aws-iam|aws-cdk-lib\.aws_iam|@aws-cdk\/aws-iam|aws_cdk\.aws_iam)\.PolicyStatement$|^github\.com\/aws\/aws-cdk-go\/awscdk(?:\/v\d+)?\/awsiam\.NewPolicyStatement$/;
/** boto3 calls that take a policy document as a JSON string. */
const BOTO3_POLICY = new Set(['put_role_policy', 'put_user_policy', 'put_group_policy', 'create_policy', 'create_policy_version']);
const SERVICE_WILDCARD = /^[a-z0-9-]+:\*$/i;

interface Statement {
  effect?: string;
  /** True when a statement without an Effect is an Allow (CDK). */
  defaultAllow?: boolean;
  actions?: string[];
  resources?: string[];
}

export default defineRule({
  meta: {
    id: 'MV5017',
    slug: 'iam-wildcard-policy',
    title: 'IAM policy grants wildcard actions',
    category: 'auth',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-250', 'CWE-732'],
    owaspMcp: ['MCP02'],
    aliases: ['MCP-203'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go', 'manifest'],
    status: 'stable',
    message: 'this IAM statement allows {grant}; whoever steers the server (a prompt-injected tool call included) gets every one of those permissions',
    docs: {
      summary: 'An AWS IAM policy statement written in code or in a JSON/YAML policy file has `"Effect": "Allow"` with `"Action": "*"`, or with a whole-service wildcard such as `"s3:*"` on `"Resource": "*"`.',
      risk:
        'An MCP server runs with the cloud credentials of its role, and its tools are driven by a language model that follows instructions from whatever text reaches it. With a wildcard policy, a single injected instruction — in a document the agent reads, an issue comment, a web page — can turn a "list my buckets" server into one that deletes data, creates access keys or escalates privileges, because nothing in IAM stops it. Least-privilege policies are the only boundary that holds when the model is fooled. Servers that create roles or policies for the user (provisioning tools) spread the same problem to every account they touch.',
      detection:
        'Dict/object/map literals with IAM statement keys — `"Effect": "Allow"` together with `"Action"` equal to or containing `"*"`, or a service-wide `"<service>:*"` action together with `"Resource": "*"` — in Python (also through boto3 `put_role_policy`/`put_user_policy`/`put_group_policy`/`create_policy`/`create_policy_version` with `PolicyDocument` given as a JSON string literal), JavaScript/TypeScript and Go (`map[string]any{...}` or struct literals with `Effect`/`Action`/`Resource` fields). AWS CDK `PolicyStatement` (TypeScript `new iam.PolicyStatement({ actions: ["*"], resources: ["*"] })`, Python `iam.PolicyStatement(actions=[...], resources=[...])`, Go `awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("*"), ...})`), where a missing `effect` means Allow. JSON files (CloudFormation templates, policy documents) and YAML files (CloudFormation, SAM, Serverless `iamRoleStatements`) with block-style statements. `Deny` statements, specific actions (even with `"Resource": "*"`, which many read-only actions require) and action prefixes such as `"s3:Get*"` do not fire; `NotAction` and YAML flow-style statements are not analysed. Test code (`tests/`, `test_*.py`, `*_test.go`, `*.test.ts`, `*.spec.ts`, `testdata/`) is not scanned.',
      fix: 'List the exact actions the server\'s tools call and scope resources to ARNs the server owns, e.g. `{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::reports-bucket", "arn:aws:s3:::reports-bucket/*"]}`. Use IAM Access Analyzer policy generation from CloudTrail activity to find the minimal set, add permission boundaries to roles the server creates, and keep write or IAM actions in a separate, human-approved path.',
      references: [
        { title: 'AWS IAM: security best practices — grant least privilege', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege' },
        { title: 'AWS IAM JSON policy elements: Action', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html' },
        { title: 'CWE-250: Execution with Unnecessary Privileges', url: 'https://cwe.mitre.org/data/definitions/250.html' },
        { title: 'OWASP MCP Top 10: MCP02 privilege escalation via scope creep', url: 'https://owasp.org/www-project-mcp-top-10/' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go', 'json', 'yaml'],
    requires: /Effect|PolicyStatement|PolicyDocument/,
    detect(ctx) {
      if (isTestPath(ctx.path)) return [];
      if (ctx.language === 'json') return detectJson(ctx);
      if (ctx.language === 'yaml') return detectYaml(ctx);
      if (!ctx.tree) return [];
      return detectCode(ctx);
    },
  },
});

/** What the statement grants that is too broad, or undefined. */
function wildcardGrant(s: Statement): string | undefined {
  const allow = s.effect === undefined ? s.defaultAllow === true : s.effect.toLowerCase() === 'allow';
  if (!allow || !s.actions) return undefined;
  if (s.actions.includes('*')) return 'Action "*" (every API call of every service)';
  const service = s.actions.find((a) => SERVICE_WILDCARD.test(a));
  if (service && s.resources?.includes('*')) return `"${service}" on Resource "*" (every action of the service on every resource)`;
  return undefined;
}

function detectCode(ctx: FileContext): RawFinding[] {
  const out: RawFinding[] = [];
  const fam = family(ctx.codeLanguage!);
  // Go: the body of every composite literal, so elided element types (`[]map[string]any{{...}}`) are seen too.
  const literalType = fam === 'python' ? 'dictionary' : fam === 'go' ? 'literal_value' : 'object';
  for (const lit of descendantsOfType(ctx.tree!.rootNode, literalType)) {
    const entries = literalEntries(lit, ctx.codeLanguage!);
    if (!entries?.map.has('Effect')) continue;
    const grant = wildcardGrant({ effect: stringsOf(entries.map.get('Effect'), ctx)?.[0], actions: stringsOf(entries.map.get('Action'), ctx), resources: stringsOf(entries.map.get('Resource'), ctx) });
    if (!grant) continue;
    out.push({ span: nodeSpan(entries.keys.get('Action') ?? lit), data: { grant } });
  }
  for (const call of ctx.calls()) {
    const hit = cdkStatement(call, ctx) ?? boto3Document(call, ctx);
    if (hit) out.push(hit);
  }
  return out.sort((a, b) => a.span.start.row - b.span.start.row || a.span.start.column - b.span.start.column);
}

/** Strings of a value: a literal, a list of literals, `jsii.String(s)` / `jsii.Strings(a, b)`, or a name for one. */
function stringsOf(node: Node | undefined, ctx: FileContext, depth = 0): string[] | undefined {
  const lang = ctx.codeLanguage!;
  // IAM values are flat lists; deeper nesting is not a policy and must not exhaust the stack.
  if (depth > 3) return undefined;
  const n = unwrap(resolveOnce(unwrap(node), ctx));
  if (!n) return undefined;
  const one = decodeString(n, lang);
  if (one) return one.complete ? [one.value] : undefined;
  if (n.type === 'call_expression' && /^jsii\.Strings?$/.test(n.childForFieldName('function')?.text ?? '')) {
    return (n.childForFieldName('arguments')?.namedChildren ?? []).flatMap((a) => (a ? stringsOf(a, ctx, depth + 1) ?? [] : []));
  }
  const elements = listElements(n);
  return elements?.flatMap((e) => stringsOf(e, ctx, depth + 1) ?? []);
}

function cdkStatement(call: CallSite, ctx: FileContext): RawFinding | undefined {
  if (!call.name || !CDK_STATEMENT.test(call.name)) return undefined;
  const fam = family(ctx.codeLanguage!);
  let props: Entries | undefined;
  if (fam === 'python') {
    props = { map: new Map(call.kwargs), keys: new Map(), spread: false };
  } else {
    props = literalEntries(resolveOnce(unwrap(call.args[0]), ctx), ctx.codeLanguage!);
  }
  if (!props || props.spread) return undefined;
  const get = (k: string) => props!.map.get(k) ?? props!.map.get(k[0]!.toUpperCase() + k.slice(1));
  const effect = get('effect');
  if (effect && !/(?:^|\.)(?:ALLOW|EffectALLOW|Effect_ALLOW)$/.test(effect.text)) return undefined;
  const grant = wildcardGrant({ defaultAllow: true, actions: stringsOf(get('actions'), ctx), resources: stringsOf(get('resources'), ctx) });
  return grant ? { span: nodeSpan(call.node), data: { grant } } : undefined;
}

function boto3Document(call: CallSite, ctx: FileContext): RawFinding | undefined {
  if (ctx.codeLanguage !== 'python') return undefined;
  const callee = call.callee;
  const method = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
  if (!method || !BOTO3_POLICY.has(method)) return undefined;
  const doc = unwrap(resolveOnce(call.kwargs.get('PolicyDocument'), ctx));
  const text = doc ? decodeString(doc, 'python') : undefined;
  if (!text?.complete) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.value);
  } catch {
    return undefined;
  }
  for (const s of statementsIn(parsed)) {
    const grant = wildcardGrant(s);
    if (grant) return { span: nodeSpan(call.node), data: { grant } };
  }
  return undefined;
}

function asStrings(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every object with an `Effect` key in a parsed JSON document, in document order (explicit stack). */
function statementsIn(doc: unknown): Statement[] {
  const out: Statement[] = [];
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (isRecord(v)) {
      if ('Effect' in v) out.push({ effect: typeof v.Effect === 'string' ? v.Effect : undefined, actions: asStrings(v.Action), resources: asStrings(v.Resource) });
      const values = Object.values(v);
      for (let i = values.length - 1; i >= 0; i--) stack.push(values[i]);
    }
  }
  return out;
}

function lineSpan(ctx: FileContext, row: number, column = 0): Span {
  const line = ctx.lines[row] ?? '';
  return { start: { row, column }, end: { row, column: Math.max(column + 1, line.length) } };
}

function offsetRow(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    start = i + 1;
  }
  return { row, column: offset - start };
}

function detectJson(ctx: FileContext): RawFinding[] {
  let doc: unknown;
  try {
    doc = JSON.parse(ctx.text);
  } catch {
    return [];
  }
  const statements = statementsIn(doc);
  if (statements.length === 0) return [];
  // Statements come out in document order, as do the `"Effect":` keys in the text: the k-th of each match.
  const keys = [...ctx.text.matchAll(/"Effect"\s*:/g)].map((m) => m.index);
  const out: RawFinding[] = [];
  statements.forEach((s, k) => {
    const grant = wildcardGrant(s);
    if (!grant) return;
    const at = offsetRow(ctx.text, keys[k] ?? 0);
    out.push({ span: lineSpan(ctx, at.row, at.column), data: { grant } });
  });
  return out;
}

const YAML_EFFECT = /^(\s*)(-\s+)?["']?Effect["']?\s*:\s*["']?(Allow|Deny)["']?\s*(?:#.*)?$/;
const YAML_KEY = /^(\s*)(-\s+)?["']?([A-Za-z]+)["']?\s*:\s*(.*)$/;

/** A YAML scalar or flow list (`"*"`, `s3:*`, `["s3:*", 'ec2:*']`) as strings; empty for a block value that follows. */
function yamlInline(raw: string): string[] {
  const hash = raw.trimStart().startsWith('#') ? 0 : raw.search(/\s#/);
  const v = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
  if (v === '' || v === '|' || v === '>') return [];
  const unquote = (s: string) => s.trim().replace(/^["']|["']$/g, '');
  if (v.startsWith('[') && v.endsWith(']')) return v.slice(1, -1).split(',').map(unquote).filter(Boolean);
  return [unquote(v)];
}

function detectYaml(ctx: FileContext): RawFinding[] {
  const lines = ctx.lines;
  const out: RawFinding[] = [];
  const indentOf = (l: string) => l.length - l.trimStart().length;
  const blank = (l: string) => l.trim() === '' || l.trim().startsWith('#');
  for (let i = 0; i < lines.length; i++) {
    const m = YAML_EFFECT.exec(lines[i]!);
    if (!m) continue;
    const col = m[1]!.length + (m[2]?.length ?? 0);
    // The statement's keys sit at `col`; it starts at the `- ` item line and ends at the next item or a dedent.
    let first = i;
    if (!m[2]) {
      for (let j = i - 1; j >= 0; j--) {
        const l = lines[j]!;
        if (blank(l)) continue;
        const k = YAML_KEY.exec(l);
        const kcol = k ? k[1]!.length + (k[2]?.length ?? 0) : indentOf(l);
        if (indentOf(l) > col) continue;
        if (kcol !== col) break;
        first = j;
        if (k?.[2]) break;
      }
    }
    const stmt: Statement = { effect: m[3] };
    let actionRow = i;
    for (let j = first; j < lines.length; j++) {
      const l = lines[j]!;
      if (blank(l)) continue;
      const k = YAML_KEY.exec(l);
      const kcol = k ? k[1]!.length + (k[2]?.length ?? 0) : -1;
      if (j > first && (indentOf(l) < col || (k?.[2] && k[1]!.length < col))) break;
      if (!k || kcol !== col) continue;
      const key = k[3]!;
      if (key !== 'Action' && key !== 'Resource') continue;
      const values = yamlInline(k[4]!);
      if (values.length === 0) {
        for (let b = j + 1; b < lines.length; b++) {
          const item = lines[b]!;
          if (blank(item)) continue;
          const im = /^(\s*)-\s+(.*)$/.exec(item);
          if (!im || im[1]!.length < col) break;
          values.push(...yamlInline(im[2]!));
        }
      }
      if (key === 'Action') {
        stmt.actions = values;
        actionRow = j;
      } else stmt.resources = values;
    }
    const grant = wildcardGrant(stmt);
    if (grant) out.push({ span: lineSpan(ctx, actionRow, indentOf(lines[actionRow]!)), data: { grant } });
  }
  return out;
}
