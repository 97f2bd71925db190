// MV3003 (MCPSafe MCP-280): a form-mode elicitation asks the user for a password, API key, token or payment data.
import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../../../model/language.js';
import type { Confidence } from '../../../model/severity.js';
import { objectProperties, type CallSite } from '../../../parse/call-sites.js';
import { decodeString } from '../../../parse/string-literal.js';
import { staticString } from '../../../parse/static-value.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { isCredentialName, nameWords, sensitiveTerm } from '../credential-words.js';

/** Python form elicitation methods (Context and ServerSession) and the helper of `mcp.server.elicitation`. */
const PY_METHODS = new Set(['elicit', 'elicit_form']);
const PY_HELPER = new Set(['mcp.server.elicitation.elicit_with_validation', 'elicit_with_validation']);
const PY_SCHEMA_KWARGS = ['schema', 'response_type', 'requestedSchema', 'requested_schema'];
/** Field types that cannot carry a secret. */
const NON_TEXT_TYPE = /^(?:bool|boolean|int|integer|float|number|Literal\b|typing\.Literal\b)/;
/** Field names (as words) that ask for payment, identity or one-time codes. */
const PAYMENT_FIELD = /\b(?:card number|credit card|cvv|cvc|ssn|social security|iban|routing number|otp|one time (?:code|password)|security code|pin code)\b/;
const MAX_FIELDS = 200;

interface Field {
  name: string;
  type?: string;
  texts: string[];
  hasEnum: boolean;
}

interface Request {
  call: CallSite;
  message?: string;
  /** Undefined when the schema could not be resolved. */
  fields?: Field[];
  /** The schema is a single free-text answer (`response_type=str`). */
  scalarText?: boolean;
}

export default defineRule({
  meta: {
    id: 'MV3003',
    slug: 'elicitation-requests-credentials',
    title: 'Elicitation form asks for credentials or payment data',
    category: 'secrets',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-522'],
    owaspMcp: ['MCP01'],
    aliases: ['MCP-280'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'form-mode elicitation asks for {what}; the specification forbids requesting secrets this way, since the answer passes through the client (and possibly its model) in clear text',
    docs: {
      summary:
        'A server uses form-mode elicitation (`ctx.elicit`, `session.elicit_form`, `server.elicitInput`, go-sdk `Elicit`, mcp-go `RequestElicitation`) to ask the user for a password, passphrase, API key, access token, secret, private key, one-time code, or card and bank details.',
      risk:
        'Form elicitation answers travel through the MCP client as ordinary JSON: the client may log them, show them to its model, keep them in the transcript, or — for an agent acting alone — let the model fill the form itself. The specification (2025-11-25) says servers MUST NOT request sensitive information such as passwords, API keys, access tokens or payment credentials through form mode and MUST use URL mode for those flows, and the 2025-06-18 version forbade sensitive information in elicitation altogether. Servers that ask anyway also train users to type secrets into any dialog a server opens, which is exactly what a malicious server needs.',
      detection:
        'Python: `ctx.elicit(message, schema|response_type)`, `ctx.session.elicit(...)`/`elicit_form(...)` and `elicit_with_validation(session, message, schema)`; TypeScript: `elicitInput({ message, requestedSchema })` on any server object and raw `elicitation/create` requests (`ctx.mcpReq.send({ method: "elicitation/create", params })`, `server.request(...)`), unless `mode: "url"`; Go: go-sdk `Elicit(ctx, &mcp.ElicitParams{...})` unless `Mode: "url"`, and mcp-go `RequestElicitation(ctx, mcp.ElicitationRequest{...})`. The requested fields are read from a Pydantic model or dataclass declared in the same file (field names, `Field(title=…, description=…)`), or from a JSON-schema literal (`properties` keys, `title`, `description`), also through a variable assigned once. It fires when a field name holds a credential (`password`, `api_key`, `token`, `client_secret`, `private_key`…) or names payment or identity data (`card_number`, `cvv`, `iban`, `ssn`), or when a field title or description asks for one — high confidence. When only the message mentions such data, it fires at medium confidence, unless every resolved field is a boolean, number or enum (a confirmation such as "Rotate the API key now?"). URL-mode elicitation (`elicit_url`, `mode: "url"`) never fires. LLM quantities (`max_tokens`, "how many tokens") are not credentials.',
      fix:
        'Use URL-mode elicitation for anything secret: send the user to a page the server (or the third-party service) controls, e.g. an OAuth authorization page, where they sign in or paste the key, and keep the resulting credential server-side, bound to the user (`ctx.elicit_url(...)`, `elicitInput({ mode: "url", url, elicitationId })`, go-sdk `ElicitParams{Mode: "url", URL: …}`). Better still, authorize the server with OAuth so it never needs the user\'s password. Keep form mode for non-sensitive choices and confirmations.',
      references: [
        { title: 'MCP specification: elicitation, security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation#security-considerations' },
        { title: 'MCP specification 2025-06-18: elicitation', url: 'https://modelcontextprotocol.io/specification/2025-06-18/client/elicitation' },
        { title: 'CWE-522: Insufficiently Protected Credentials', url: 'https://cwe.mitre.org/data/definitions/522.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /elicit|Elicit/,
    detect(ctx) {
      if (!ctx.inventory) return [];
      const out: RawFinding[] = [];
      const classes = ctx.codeLanguage === 'python' ? pythonClasses(ctx) : undefined;
      for (const call of ctx.calls()) {
        const req = ctx.codeLanguage === 'python' ? pythonRequest(call, ctx, classes!) : ctx.codeLanguage === 'go' ? goRequest(call, ctx) : jsRequest(call, ctx);
        if (!req) continue;
        const verdict = judge(req);
        if (verdict) out.push({ span: nodeSpan(call.node), data: { what: verdict.what }, ...(verdict.confidence ? { confidence: verdict.confidence } : {}) });
      }
      return out;
    },
  },
});

function judge(req: Request): { what: string; confidence?: Confidence } | undefined {
  for (const f of req.fields ?? []) {
    const words = nameWords(f.name).join(' ');
    if (!NON_TEXT_TYPE.test(f.type ?? '') && !f.hasEnum && (isCredentialName(f.name) || PAYMENT_FIELD.test(words))) return { what: `the field \`${f.name}\`` };
    for (const t of f.texts) {
      const term = sensitiveTerm(t);
      if (term && !f.hasEnum && !NON_TEXT_TYPE.test(f.type ?? '')) return { what: `a field described as "${clip(t)}" (${term})` };
    }
  }
  const term = req.message ? sensitiveTerm(req.message) : undefined;
  if (!term) return undefined;
  if (req.scalarText) return { what: `"${clip(req.message!)}" as a free-text answer` };
  // A yes/no or pick-one form about a credential ("Rotate the API key?") asks for no secret.
  if (req.fields && req.fields.length > 0 && req.fields.every((f) => f.hasEnum || NON_TEXT_TYPE.test(f.type ?? ''))) return undefined;
  return { what: `${term} (message: "${clip(req.message!)}")`, confidence: 'medium' };
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

function text(node: Node | undefined | null, ctx: FileContext): string | undefined {
  if (!node) return undefined;
  const s = staticString(node, ctx.codeLanguage!, ctx.assignments());
  return s?.value;
}

/** A name assigned exactly once stands for its value. */
function resolve(node: Node | undefined | null, ctx: FileContext): Node | undefined {
  if (!node) return undefined;
  let cur = unwrap(node);
  if (cur.type !== 'identifier') return cur;
  const values = ctx.assignments().get(cur.text);
  return values?.length === 1 ? unwrap(values[0]!) : cur;
}

/** Looks through `&x`, `await x`, `x as const`, `x satisfies T`. */
function unwrap(node: Node): Node {
  let cur = node;
  for (let i = 0; i < 4 && ['unary_expression', 'await', 'as_expression', 'satisfies_expression', 'parenthesized_expression'].includes(cur.type); i++) {
    const inner = cur.type === 'unary_expression' || cur.type === 'await' ? cur.namedChildren[cur.namedChildCount - 1] : cur.namedChildren[0];
    if (!inner) break;
    cur = inner;
  }
  return cur;
}

// ---- Python --------------------------------------------------------------------------------------------------

function pythonRequest(call: CallSite, ctx: FileContext, classes: Map<string, Node>): Request | undefined {
  const callee = call.callee;
  const helper = call.name !== undefined && PY_HELPER.has(call.name);
  if (!helper && !(callee.type === 'attribute' && PY_METHODS.has(callee.childForFieldName('attribute')?.text ?? ''))) return undefined;
  const pos = helper ? call.args.slice(1) : call.args;
  const message = text(call.kwargs.get('message') ?? pos[0], ctx);
  const schemaNode = PY_SCHEMA_KWARGS.map((k) => call.kwargs.get(k)).find(Boolean) ?? pos[1];
  const req: Request = { call, message };
  if (!schemaNode) return req;
  if (/^(?:str|Optional\[str\]|str \| None)$/.test(schemaNode.text)) return { ...req, scalarText: true };
  // A list of options is a pick-one question.
  if (schemaNode.type === 'list') return { ...req, fields: [{ name: 'choice', texts: [], hasEnum: true }] };
  if (schemaNode.type === 'identifier' && classes.has(schemaNode.text)) return { ...req, fields: classFields(classes.get(schemaNode.text)!, ctx) };
  const resolved = resolve(schemaNode, ctx);
  if (resolved?.type === 'dictionary') return { ...req, fields: jsonSchemaFields(resolved, ctx) };
  return req;
}

function pythonClasses(ctx: FileContext): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const c of descendantsOfType(ctx.tree!.rootNode, 'class_definition')) {
    const name = c.childForFieldName('name')?.text;
    if (name && !out.has(name)) out.set(name, c);
  }
  return out;
}

/** Fields of a Pydantic model or dataclass: `name: type = Field(title=…, description=…)`. */
function classFields(cls: Node, ctx: FileContext): Field[] {
  const out: Field[] = [];
  for (const stmt of cls.childForFieldName('body')?.namedChildren ?? []) {
    const a = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
    if (a?.type !== 'assignment') continue;
    const name = a.childForFieldName('left');
    const type = a.childForFieldName('type');
    if (name?.type !== 'identifier' || !type) continue;
    const field: Field = { name: name.text, type: type.text, texts: [], hasEnum: /^Literal\[|Enum$/.test(type.text) };
    const right = a.childForFieldName('right');
    if (right?.type === 'call') {
      for (const arg of right.childForFieldName('arguments')?.namedChildren ?? []) {
        if (arg?.type !== 'keyword_argument') continue;
        const key = arg.childForFieldName('name')?.text;
        if (key === 'title' || key === 'description') {
          const t = text(arg.childForFieldName('value'), ctx);
          if (t) field.texts.push(t);
        }
      }
    }
    out.push(field);
    if (out.length >= MAX_FIELDS) break;
  }
  return out;
}

// ---- JSON-schema literals (Python dicts, JS objects, Go composite and map literals) ---------------------------

/** Entries of a dict/object/composite literal by lower-cased key. */
function entries(node: Node | undefined, ctx: FileContext): Map<string, Node> {
  const out = new Map<string, Node>();
  if (!node) return out;
  const lang = ctx.codeLanguage!;
  let n: Node | null = node;
  if (n.type === 'unary_expression') n = n.childForFieldName('operand');
  if (!n) return out;
  if (n.type === 'dictionary') {
    for (const p of n.namedChildren) {
      if (p?.type !== 'pair') continue;
      const k = p.childForFieldName('key');
      const v = p.childForFieldName('value');
      const key = k ? decodeString(k, lang)?.value : undefined;
      if (key !== undefined && v) out.set(key.toLowerCase(), v);
    }
  } else if (n.type === 'object') {
    for (const [k, v] of objectProperties(n, lang)) out.set(k.toLowerCase(), v);
  } else if (n.type === 'composite_literal' || n.type === 'literal_value') {
    const body = n.type === 'literal_value' ? n : n.childForFieldName('body');
    for (const el of body?.namedChildren ?? []) {
      if (el?.type !== 'keyed_element') continue;
      let [k, v] = el.namedChildren;
      if (k?.type === 'literal_element') k = k.namedChildren[0] ?? k;
      if (v?.type === 'literal_element') v = v.namedChildren[0] ?? v;
      if (!k || !v) continue;
      const key = decodeString(k, lang)?.value ?? (k.type === 'identifier' || k.type === 'field_identifier' ? k.text : undefined);
      if (key !== undefined) out.set(key.toLowerCase(), v);
    }
  }
  return out;
}

/** Fields of a JSON schema literal: its `properties` keys with their `type`, `title`, `description` and `enum`. */
function jsonSchemaFields(schema: Node, ctx: FileContext): Field[] | undefined {
  const props = resolve(entries(schema, ctx).get('properties'), ctx);
  if (!props) return undefined;
  const lang = ctx.codeLanguage!;
  const out: Field[] = [];
  for (const [name, value] of rawEntries(props, lang)) {
    const e = entries(resolve(value, ctx), ctx);
    const texts = ['title', 'description'].map((k) => text(e.get(k), ctx)).filter((t): t is string => t !== undefined);
    out.push({ name, type: text(e.get('type'), ctx), texts, hasEnum: e.has('enum') || e.has('oneof') || e.has('const') });
    if (out.length >= MAX_FIELDS) break;
  }
  return out;
}

/** Entries with their original key spelling (field names are case-sensitive). */
function rawEntries(node: Node, lang: CodeLanguage): [string, Node][] {
  const out: [string, Node][] = [];
  let n: Node | null = node;
  if (n.type === 'unary_expression') n = n.childForFieldName('operand');
  if (!n) return out;
  if (n.type === 'object') return [...objectProperties(n, lang)];
  const items = n.type === 'composite_literal' ? n.childForFieldName('body')?.namedChildren ?? [] : n.namedChildren;
  for (const item of items) {
    if (!item) continue;
    let k: Node | null | undefined;
    let v: Node | null | undefined;
    if (item.type === 'pair') [k, v] = [item.childForFieldName('key'), item.childForFieldName('value')];
    else if (item.type === 'keyed_element') {
      [k, v] = item.namedChildren;
      if (k?.type === 'literal_element') k = k.namedChildren[0];
      if (v?.type === 'literal_element') v = v.namedChildren[0] ?? v;
    }
    const key = k ? decodeString(k, lang)?.value : undefined;
    if (key !== undefined && v) out.push([key, v]);
  }
  return out;
}

// ---- TypeScript ------------------------------------------------------------------------------------------------

function jsRequest(call: CallSite, ctx: FileContext): Request | undefined {
  const callee = call.callee;
  if (callee.type !== 'member_expression') return undefined;
  let params: Map<string, Node>;
  if (callee.childForFieldName('property')?.text === 'elicitInput') params = entries(resolve(call.args[0], ctx), ctx);
  else {
    // A raw request: `ctx.mcpReq.send({ method: "elicitation/create", params: {...} })`, `server.request({...}, schema)`.
    const request = entries(resolve(call.args[0], ctx), ctx);
    if (text(request.get('method'), ctx) !== 'elicitation/create') return undefined;
    params = entries(resolve(request.get('params'), ctx), ctx);
  }
  if (params.size === 0) return undefined;
  if (text(params.get('mode'), ctx) === 'url') return undefined;
  const req: Request = { call, message: text(params.get('message'), ctx) };
  const schema = resolve(params.get('requestedschema'), ctx);
  return schema?.type === 'object' ? { ...req, fields: jsonSchemaFields(schema, ctx) } : req;
}

// ---- Go --------------------------------------------------------------------------------------------------------

function goRequest(call: CallSite, ctx: FileContext): Request | undefined {
  const callee = call.callee;
  const method = callee.type === 'selector_expression' ? callee.childForFieldName('field')?.text : undefined;
  if (method !== 'Elicit' && method !== 'RequestElicitation') return undefined;
  let params = entries(resolve(call.args[1], ctx), ctx);
  // mcp-go wraps the parameters: `mcp.ElicitationRequest{Params: mcp.ElicitationParams{...}}`.
  if (params.has('params')) params = entries(resolve(params.get('params'), ctx), ctx);
  if (params.size === 0) return undefined;
  if (text(params.get('mode'), ctx) === 'url') return undefined;
  const req: Request = { call, message: text(params.get('message'), ctx) };
  const schema = resolve(params.get('requestedschema'), ctx);
  return schema ? { ...req, fields: jsonSchemaFields(schema, ctx) } : req;
}
