// Auth set-up in a Go file: JWT verification vs decoding (golang-jwt, jwx, go-jose, go-oidc), go-sdk bearer middleware, OAuth endpoints in code.
import type { Node } from 'web-tree-sitter';
import type { AuthSetup } from '../../model/inventory.js';
import { decodeString } from '../../parse/string-literal.js';
import type { GoFile } from './go-file.js';
import { literalFields, parseStructTag, unwrap } from './go-syntax.js';

export interface FoundAuth {
  auth: AuthSetup;
  /** For middleware: the handler expressions it wraps, to attach it to the server they serve. */
  wraps: Node[];
}

const GOLANG_JWT = /^github\.com\/(golang-jwt\/jwt|dgrijalva\/jwt-go|form3tech-oss\/jwt-go)(\/v\d+)?$/;
const JWX = /^github\.com\/lestrrat-go\/jwx(\/v\d+)?\/jwt$/;
const GO_JOSE = /^(github\.com\/go-jose\/go-jose(\/v\d+)?|gopkg\.in\/(square|go-jose)\/go-jose\.v\d+)\/jwt$/;
const GO_OIDC = /^github\.com\/coreos\/go-oidc(\/v\d+)?\/oidc$/;
const GO_SDK_AUTH = /^github\.com\/modelcontextprotocol\/go-sdk\/auth$/;
/** Methods on parsers, tokens and providers of those packages that verify or decode. */
const AUTH_METHODS = ['ParseUnverified', 'Parse', 'ParseWithClaims', 'UnsafeClaimsWithoutVerification', 'Claims', 'Verifier'];

export function findAuth(file: GoFile): FoundAuth[] {
  const out: FoundAuth[] = [];
  const modules = [...file.imports.values()].map((b) => b.module);
  const has = (re: RegExp) => modules.some((m) => re.test(m));
  const hasGolangJwt = has(GOLANG_JWT);
  const hasJose = has(GO_JOSE);
  const hasOidc = has(GO_OIDC);
  const push = (kind: AuthSetup['kind'], api: string, node: Node, wraps: Node[] = []) => out.push({ auth: { kind, api, location: file.loc(node) }, wraps });

  // Every call reported below names a member of one of these packages or calls a method on their values.
  const calls =
    hasGolangJwt || hasJose || hasOidc || has(JWX) || has(GO_SDK_AUTH)
      ? file.callsInModules((m) => GOLANG_JWT.test(m) || JWX.test(m) || GO_OIDC.test(m) || GO_SDK_AUTH.test(m), file.callsNamed(AUTH_METHODS))
      : [];
  for (const info of calls) {
    const { site: c, q } = info;
    if (q) {
      if (GOLANG_JWT.test(q.module) && (q.member === 'Parse' || q.member === 'ParseWithClaims')) {
        push(allowsNone(info.args) ? 'jwt-decode' : 'jwt-verify', `jwt.${q.member}`, c.node);
      } else if (JWX.test(q.module) && /^Parse(String|Request|Reader|Header|Insecure)?$/.test(q.member)) {
        const off = q.member === 'ParseInsecure' || info.args.some((a) => /\bWithVerify\(\s*false\s*\)/.test(a.text));
        push(off ? 'jwt-decode' : 'jwt-verify', `jwt.${q.member}`, c.node);
      } else if (GO_OIDC.test(q.module) && q.member === 'NewVerifier') {
        push(skipsSignature(file, info.args[2]) ? 'jwt-decode' : 'jwt-verify', 'oidc.NewVerifier', c.node);
      } else if (GO_SDK_AUTH.test(q.module) && q.member === 'RequireBearerToken') {
        push('bearer-middleware', 'auth.RequireBearerToken', c.node, wrappedBy(file, c.node));
      }
      continue;
    }
    if (info.fnType !== 'selector_expression') continue;
    const method = info.field ?? '';
    const candidate =
      (hasGolangJwt && (method === 'ParseUnverified' || method === 'Parse' || method === 'ParseWithClaims')) ||
      (hasJose && (method === 'UnsafeClaimsWithoutVerification' || method === 'Claims')) ||
      (hasOidc && method === 'Verifier');
    // Only those methods can be reported, and they need a receiver: a plainly written one is certainly there.
    if (!candidate || (info.operandText === undefined && !info.operand)) continue;
    const recv = () => info.operand!;
    if (hasGolangJwt && method === 'ParseUnverified') push('jwt-decode', 'jwt.Parser.ParseUnverified', c.node);
    else if (hasGolangJwt && (method === 'Parse' || method === 'ParseWithClaims') && isJwtParser(file, recv())) {
      push(allowsNone(info.args) ? 'jwt-decode' : 'jwt-verify', `jwt.Parser.${method}`, c.node);
    } else if (hasJose && method === 'UnsafeClaimsWithoutVerification') push('jwt-decode', 'jwt.JSONWebToken.UnsafeClaimsWithoutVerification', c.node);
    else if (hasJose && method === 'Claims' && info.args.length >= 2 && isJoseToken(file, recv())) push('jwt-verify', 'jwt.JSONWebToken.Claims', c.node);
    else if (hasOidc && method === 'Verifier' && info.args.length === 1 && isOidcProvider(file, recv())) {
      push(skipsSignature(file, info.args[0]) ? 'jwt-decode' : 'jwt-verify', 'oidc.Provider.Verifier', c.node);
    }
  }

  out.push(...oauthConfig(file));
  return out.sort((a, b) => a.auth.location.startLine - b.auth.location.startLine || a.auth.location.startColumn - b.auth.location.startColumn);
}

/** A key function that accepts `alg: none` (`jwt.UnsafeAllowNoneSignatureType`) turns signature checking off. */
function allowsNone(args: Node[]): boolean {
  return args.some((a) => a.text.includes('UnsafeAllowNoneSignatureType'));
}

function skipsSignature(file: GoFile, config: Node | undefined): boolean {
  return !!config && file.bool(literalFields(file.resolve(config)).get('InsecureSkipSignatureCheck')) === true;
}

/** `jwt.NewParser(…)`, `&jwt.Parser{…}`, `jwt.Parser{}` or `new(jwt.Parser)` from a golang-jwt package. */
function isJwtParser(file: GoFile, recv: Node): boolean {
  const v = file.resolve(recv);
  const target = v.type === 'call_expression' ? v.childForFieldName('function') : v.type === 'unary_expression' ? unwrap(v.childForFieldName('operand') ?? v).childForFieldName('type') : v.type === 'composite_literal' ? v.childForFieldName('type') : null;
  if (v.type === 'call_expression' && target?.text === 'new') {
    const arg = v.childForFieldName('arguments')?.namedChildren[0];
    const q = arg ? file.qualified(arg) : undefined;
    return !!q && GOLANG_JWT.test(q.module) && q.member === 'Parser';
  }
  const q = target ? file.qualified(target) : undefined;
  return !!q && GOLANG_JWT.test(q.module) && (q.member === 'NewParser' || q.member === 'Parser');
}

function isJoseToken(file: GoFile, recv: Node): boolean {
  const v = file.resolve(recv);
  const fn = v.type === 'call_expression' ? v.childForFieldName('function') : null;
  const q = fn ? file.qualified(fn) : undefined;
  return !!q && GO_JOSE.test(q.module) && /^ParseSigned/.test(q.member);
}

function isOidcProvider(file: GoFile, recv: Node): boolean {
  const v = file.resolve(recv);
  const fn = v.type === 'call_expression' ? v.childForFieldName('function') : null;
  const q = fn ? file.qualified(fn) : undefined;
  return !!q && GO_OIDC.test(q.module) && q.member === 'NewProvider';
}

/**
 * What a middleware constructor wraps: `mw(h)` applied directly or through a variable, or the router it is
 * installed on with `.Use(mw)`.
 */
function wrappedBy(file: GoFile, mwCall: Node): Node[] {
  const out: Node[] = [];
  let cur: Node = mwCall;
  while (cur.parent?.type === 'parenthesized_expression') cur = cur.parent;
  const parent = cur.parent;
  if (parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === cur.id) {
    out.push(...(parent.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a));
  }
  if (parent?.type === 'argument_list') {
    const call = parent.parent;
    const fn = call?.childForFieldName('function');
    if (fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'Use' && fn.childForFieldName('operand')) out.push(fn.childForFieldName('operand')!);
  }
  // `mw := auth.RequireBearerToken(…)` then `mw(handler)`.
  const list = parent?.type === 'expression_list' ? parent : undefined;
  const decl = list?.parent;
  if (decl && (decl.type === 'short_var_declaration' || decl.type === 'var_spec' || decl.type === 'assignment_statement')) {
    const left = decl.type === 'var_spec' ? decl.childrenForFieldName('name')[0] : decl.childForFieldName('left')?.namedChildren[0];
    if (left?.type === 'identifier') {
      const name = left.text;
      for (const info of file.callInfos()) {
        if (info.fnType === 'identifier' && info.text === name && file.valueOf(info.fn)?.id === mwCall.id) out.push(...info.args);
      }
    }
  }
  return out;
}

/** OAuth endpoints configured in code: `AuthorizationEndpoint:` fields, `"authorization_endpoint"` keys, tags and JSON text. */
function oauthConfig(file: GoFile): FoundAuth[] {
  const out: FoundAuth[] = [];
  // Every hit needs one of these words in the source, unless decoding a literal could produce it (`mayHideText`).
  const src = file.src;
  if (!src.includes('AuthorizationEndpoint') && !src.includes('authorization_endpoint') && !file.mayHideText()) return out;
  const { nodes, types } = file.index.typed(['keyed_element', 'field_declaration', 'raw_string_literal', 'interpreted_string_literal']);
  for (let i = 0; i < nodes.length; i++) {
    const el = nodes[i]!;
    const type = types[i]!;
    if (type === 'keyed_element') {
      const key = unwrap(el.namedChildren[0]!);
      const lit = el.parent?.parent;
      const litType = lit?.type === 'composite_literal' ? lit.childForFieldName('type')?.text : undefined;
      if ((key.type === 'identifier' || key.type === 'field_identifier') && key.text === 'AuthorizationEndpoint') {
        out.push({ auth: { kind: 'oauth-config', api: `${litType ?? 'struct'}.AuthorizationEndpoint`, location: file.loc(el) }, wraps: [] });
      } else if (decodeString(key, 'go')?.value === 'authorization_endpoint') {
        out.push({ auth: { kind: 'oauth-config', api: 'authorization_endpoint', location: file.loc(el) }, wraps: [] });
      }
    } else if (type === 'field_declaration') {
      const tag = el.childForFieldName('tag');
      const json = tag ? parseStructTag(tag.text.replace(/^[`"]|[`"]$/g, '')).get('json')?.split(',')[0] : undefined;
      if (json === 'authorization_endpoint') out.push({ auth: { kind: 'oauth-config', api: 'authorization_endpoint', location: file.loc(el) }, wraps: [] });
    } else {
      // The parent is asked only for a match: each `parent` step re-descends the tree from its root.
      const v = decodeString(el, 'go')?.value ?? '';
      if (/"authorization_endpoint"\s*:/.test(v) && el.parent?.type !== 'field_declaration' && el.parent?.type !== 'import_spec') {
        out.push({ auth: { kind: 'oauth-config', api: 'authorization_endpoint', location: file.loc(el) }, wraps: [] });
      }
    }
  }
  return out;
}
