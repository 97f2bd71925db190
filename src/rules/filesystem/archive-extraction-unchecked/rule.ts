// MV2501 (MCPSafe MCP-081): archive members are extracted without checking that their paths stay in the destination.
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../../parse/call-sites.js';
import { objectProperties } from '../../../parse/call-sites.js';
import type { Confidence, Severity } from '../../../model/severity.js';
import { decodeString } from '../../../parse/string-literal.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { Handlers, callName, enclosingFunction, familyOf, isTestPath, resolveOnce } from '../../injection/sink-args.js';

interface Hit {
  node: Node;
  api: string;
  detail: string;
  severity: Severity;
  confidence: Confidence;
}

const TAR_OPENERS = /^tarfile\.(?:open|TarFile(?:\.(?:open|taropen|gzopen|bz2open|xzopen))?)$/;
const ZIP_OPENERS = /^zipfile\.(?:ZipFile|PyZipFile)$/;
const SAFE_FILTERS = new Set(['data', 'tar']);
const MEMBER_LISTS = new Set(['infolist', 'namelist', 'getmembers', 'getnames']);
const PY_JOIN = new Set(['os.path.join', 'posixpath.join', 'ntpath.join']);
const GO_JOIN = new Set(['path/filepath.Join', 'path.Join']);
/** A containment check somewhere in the function: resolve-and-compare, commonpath, Rel/IsLocal, securejoin, os.Root. */
const PY_CONTAINMENT = /commonpath|is_relative_to|\.relative_to\(|(?:realpath|abspath|resolve\(|normpath)[^\n]{0,200}(?:startswith|parents)|startswith\([^\n]{0,200}(?:realpath|abspath|resolve\(|normpath)/;
const GO_CONTAINMENT = /filepath\.IsLocal|filepath\.Rel\(|securejoin|SecureJoin|OpenRoot|os\.Root|strings\.HasPrefix\([^)\n]{0,200}(?:Clean|PathSeparator|Abs)|strings\.Contains\([^)\n]{0,120}"\.\."/;

const DETAIL = {
  tar: 'extracts a tar archive without `filter="data"`: before Python 3.14 member names such as `../../.bashrc`, absolute paths and links that point outside the destination are written as they are',
  zip: "extracts a zip archive: CPython's zipfile already drops `..` and leading `/` from member names, so this is no path traversal — the remaining risks are decompression bombs and overwriting files already in the destination",
  unpack: 'unpacks an archive without `filter="data"`: for tar files, before Python 3.14, member paths and links can point outside the destination (zip files are sanitised by zipfile)',
  loop: 'builds an output path from the archive member name `{name}` with no check that the result stays inside the destination (zip slip)',
  preservePaths: 'extracts with `preservePaths: true`, which keeps absolute paths and `..` in member names instead of stripping them',
  tarFs: 'extracts with tar-fs and no `ignore`/`map` filter: releases before the CVE-2025-48387 fix let crafted links write outside the destination',
  admZip: 'extracts with adm-zip: old releases (CVE-2018-1002204, GHSL-2020-198) wrote `..` member names outside the target; current ones refuse them, so check the installed version',
  unzipper: 'extracts with unzipper `Extract`: old releases wrote `..` member names outside the target; current ones refuse them, so check the installed version',
  decompress: 'extracts with decompress and no `filter`/`map`: releases before 4.2.1 (CVE-2020-12265) followed `..` and links outside the destination',
};

export default defineRule({
  meta: {
    id: 'MV2501',
    slug: 'archive-extraction-unchecked',
    title: 'Archive extracted without checking member paths',
    category: 'filesystem',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-22', 'CWE-59'],
    owaspMcp: ['MCP05'],
    aliases: ['MCP-081'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{api} {detail}',
    docs: {
      summary: 'An archive is unpacked with an API or a hand-written loop that trusts the member names (and, for tar, links) stored in it, so a crafted archive writes files outside the destination folder ("zip slip").',
      risk:
        'MCP servers unpack archives that tools were pointed at: a repository tarball, a dataset, an uploaded bundle, a release asset a model chose to download. A member named `../../.ssh/authorized_keys`, `/home/me/.bashrc` or a symlink to `~` followed by a regular file turns "extract this" into writing anywhere the local server can — including the user\'s shell start-up files, git hooks, or the MCP client\'s own configuration, which then runs code on the next start.',
      detection:
        'Python: `extractall`/`extract` on a `tarfile.open(…)`/`TarFile` object (inline, assigned once, or bound by `with … as tf`) without `filter="data"`/`"tar"`, a custom filter or a `members=` selection, and without an `extraction_filter` set in the file (high severity, medium confidence: Python 3.14 made `"data"` the default); `shutil.unpack_archive` without such a filter; `os.path.join(dest, member)` inside a loop over `infolist()`/`namelist()`/`getmembers()`/`getnames()` when the function has no containment check (`os.path.commonpath`, `Path.resolve().is_relative_to`, `realpath`/`abspath` compared with `startswith`). `ZipFile.extractall`/`extract` is reported at low severity and low confidence, because CPython\'s zipfile strips `..`, drive letters and leading slashes and never creates symlinks — only bombs and overwrites remain. JavaScript/TypeScript: node-tar `x`/`extract` with `preservePaths: true` (high confidence); tar-fs `extract` without `ignore`/`map` (medium); adm-zip `extractAllTo`/`extractEntryTo`, unzipper `Extract` and decompress without `filter`/`map` (low: current releases check paths themselves). Go: `filepath.Join`/`path.Join` with a member name (`f.Name` of a range over `zip.Reader.File`, `hdr.Name` from `tar.Reader.Next()`) in a function without `filepath.IsLocal`, `filepath.Rel`, `strings.HasPrefix` on a cleaned path, securejoin or `os.Root`. Confidence is high inside an MCP tool handler and low in test files. Python `Path(dest) / member.name` and loops over archive readers passed in from elsewhere are not followed.',
      fix: 'Python: `tar.extractall(dest, filter="data")` (available since 3.12 and in security releases of 3.8–3.11), `shutil.unpack_archive(src, dest, filter="data")`; in hand-written loops resolve each target and require `target.is_relative_to(dest.resolve())`. Node: keep node-tar\'s defaults (no `preservePaths`), pass tar-fs an `ignore` that rejects links and paths outside the destination, and pin current adm-zip/unzipper/decompress releases. Go: reject names for which `filepath.IsLocal(name)` is false (Go 1.20+) or open the destination with `os.OpenRoot` (Go 1.24+) and create files through the root. In all languages, cap total size and file count.',
      references: [
        { title: 'CWE-22: Path Traversal', url: 'https://cwe.mitre.org/data/definitions/22.html' },
        { title: 'Python tarfile: extraction filters', url: 'https://docs.python.org/3/library/tarfile.html#tarfile-extraction-filter' },
        { title: 'Python zipfile: ZipFile.extract', url: 'https://docs.python.org/3/library/zipfile.html#zipfile.ZipFile.extract' },
        { title: 'PEP 706: Filter for tarfile.extractall', url: 'https://peps.python.org/pep-0706/' },
        { title: 'Go: filepath.IsLocal', url: 'https://pkg.go.dev/path/filepath#IsLocal' },
        { title: 'Snyk: Zip Slip vulnerability', url: 'https://security.snyk.io/research/zip-slip-vulnerability' },
        { title: 'MCPSafe MCP-081: archive traversal', url: 'https://mcpsafe.io/threats/MCP-081' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /extractall|extract|preservePaths|unpack_archive|namelist|infolist|getmembers|getnames|extractAllTo|extractEntryTo|Extract|decompress|archive\/zip|archive\/tar/,
    detect(ctx) {
      const fam = familyOf(ctx.codeLanguage!);
      const hits = fam === 'python' ? detectPython(ctx) : fam === 'go' ? detectGo(ctx) : detectJs(ctx);
      const handlers = new Handlers(ctx);
      const lowered = isTestPath(ctx.path);
      return hits.map((h): RawFinding => {
        const site = handlers.at(h.node);
        const raise = site && h.confidence === 'medium';
        return {
          span: nodeSpan(h.node),
          data: { api: h.api, detail: h.detail },
          tool: site?.tool,
          severity: h.severity,
          confidence: lowered ? 'low' : raise ? 'high' : h.confidence,
        };
      });
    },
  },
});

function detectPython(ctx: FileContext): Hit[] {
  const out: Hit[] = [];
  let withBindings: Map<string, Node> | undefined;
  const globalFilter = /\bextraction_filter\s*=\s*(?!None\b)(?![^\n]{0,60}fully_trusted)/.test(ctx.text);
  for (const call of ctx.calls()) {
    if (call.name === 'shutil.unpack_archive') {
      if (!safeFilter(call, ctx)) out.push({ node: call.node, api: 'shutil.unpack_archive', detail: DETAIL.unpack, severity: 'high', confidence: 'medium' });
      continue;
    }
    if (call.name && PY_JOIN.has(call.name)) {
      const hit = pythonLoopJoin(call, ctx);
      if (hit) out.push(hit);
      continue;
    }
    const callee = call.callee;
    const method = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    if (method !== 'extractall' && method !== 'extract') continue;
    const receiver = callee.childForFieldName('object');
    if (!receiver) continue;
    const opener = archiveOpener(receiver, ctx, () => (withBindings ??= pythonWithBindings(ctx)));
    if (opener === 'tar') {
      if (globalFilter || safeFilter(call, ctx) || (call.kwargs.has('members') && !/getmembers\(\)/.test(call.kwargs.get('members')!.text))) continue;
      out.push({ node: call.node, api: `TarFile.${method}`, detail: DETAIL.tar, severity: 'high', confidence: 'medium' });
    } else if (opener === 'zip') {
      out.push({ node: call.node, api: `ZipFile.${method}`, detail: DETAIL.zip, severity: 'low', confidence: 'low' });
    }
  }
  return out;
}

/** `filter="data"`/`"tar"`, or any other callable filter the code supplies (assumed to check members). */
function safeFilter(call: CallSite, ctx: FileContext): boolean {
  const f = call.kwargs.get('filter');
  if (!f) return false;
  const s = decodeString(f, ctx.codeLanguage!);
  if (s) return s.complete && SAFE_FILTERS.has(s.value);
  return f.type !== 'none' && !/fully_trusted/.test(f.text);
}

/** Which archive module made the object a method is called on: `tarfile.open(p).extractall`, `tf = …`, `with … as tf`. */
function archiveOpener(receiver: Node, ctx: FileContext, withs: () => Map<string, Node>): 'tar' | 'zip' | undefined {
  let v = resolveOnce(receiver, ctx);
  if (v.type === 'identifier') v = withs().get(withKey(v, v.text)) ?? v;
  if (v.type !== 'call') return undefined;
  const name = callName(v, ctx);
  if (!name) return undefined;
  if (TAR_OPENERS.test(name)) return 'tar';
  if (ZIP_OPENERS.test(name)) return 'zip';
  return undefined;
}

/** `with tarfile.open(p) as tf:` bindings by function and name (bound exactly once this way in that function). */
function pythonWithBindings(ctx: FileContext): Map<string, Node> {
  const out = new Map<string, Node>();
  const seen = new Set<string>();
  for (const item of descendantsOfType(ctx.tree!.rootNode, 'as_pattern')) {
    const alias = item.childForFieldName('alias')?.text;
    const value = item.namedChildren[0];
    if (!alias || !value || item.parent?.type !== 'with_item') continue;
    const key = withKey(item, alias);
    if (seen.has(key)) out.delete(key);
    else out.set(key, value);
    seen.add(key);
  }
  return out;
}

function withKey(node: Node, name: string): string {
  return `${enclosingFunction(node, 'python')?.id ?? 0}:${name}`;
}

/** `os.path.join(dest, m.filename)` inside `for m in z.infolist():` with no containment check in the function. */
function pythonLoopJoin(call: CallSite, ctx: FileContext): Hit | undefined {
  const member = call.args.slice(1).find((a) => memberLoopVar(a, call.node) !== undefined);
  if (!member) return undefined;
  const fn = enclosingFunction(call.node, 'python');
  if (PY_CONTAINMENT.test(fn?.text ?? ctx.text)) return undefined;
  return { node: call.node, api: call.name!, detail: DETAIL.loop.replace('{name}', member.text), severity: 'high', confidence: 'medium' };
}

/** The loop variable an argument reads when it is `m`, `m.filename`, `m.name` of `for m in x.<member list>()`. */
function memberLoopVar(arg: Node, from: Node): string | undefined {
  let name: string | undefined;
  if (arg.type === 'identifier') name = arg.text;
  else if (arg.type === 'attribute' && /^(?:filename|name|path)$/.test(arg.childForFieldName('attribute')?.text ?? '') && arg.childForFieldName('object')?.type === 'identifier') name = arg.childForFieldName('object')!.text;
  if (!name) return undefined;
  let cur = from.parent;
  for (let i = 0; cur && i < 200; i++, cur = cur.parent) {
    if (cur.type !== 'for_statement') continue;
    if (cur.childForFieldName('left')?.text !== name) continue;
    const right = cur.childForFieldName('right');
    const fn = right?.type === 'call' ? right.childForFieldName('function') : undefined;
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    return method && MEMBER_LISTS.has(method) ? name : undefined;
  }
  return undefined;
}

function detectGo(ctx: FileContext): Hit[] {
  const out: Hit[] = [];
  const modules = new Set([...ctx.imports().values()].map((b) => b.module));
  const zip = modules.has('archive/zip');
  const tar = modules.has('archive/tar');
  if (!zip && !tar) return out;
  for (const call of ctx.calls()) {
    if (!call.name || !GO_JOIN.has(call.name)) continue;
    const member = call.args.find((a) => isGoMemberName(a, call.node, ctx, zip, tar));
    if (!member) continue;
    const fn = enclosingFunction(call.node, 'go');
    if (GO_CONTAINMENT.test(fn?.text ?? ctx.text)) continue;
    out.push({ node: call.node, api: call.callee.text, detail: DETAIL.loop.replace('{name}', member.text), severity: 'high', confidence: 'medium' });
  }
  return out;
}

/** `f.Name` where `f` ranges over `r.File` (zip), or `hdr.Name` where `hdr` comes from `tr.Next()` (tar). */
function isGoMemberName(arg: Node, from: Node, ctx: FileContext, zip: boolean, tar: boolean): boolean {
  if (arg.type !== 'selector_expression' || arg.childForFieldName('field')?.text !== 'Name') return false;
  const operand = arg.childForFieldName('operand');
  if (operand?.type !== 'identifier') return false;
  if (tar) {
    const v = resolveOnce(operand, ctx);
    const fn = v.type === 'call_expression' ? v.childForFieldName('function') : undefined;
    if (fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'Next') return true;
  }
  if (!zip) return false;
  let cur = from.parent;
  for (let i = 0; cur && i < 200; i++, cur = cur.parent) {
    if (cur.type !== 'for_statement') continue;
    const clause = cur.namedChildren.find((c) => c?.type === 'range_clause');
    const left = clause?.childForFieldName('left')?.namedChildren ?? [];
    if (!left.some((l) => l?.text === operand.text)) continue;
    const right = clause?.childForFieldName('right');
    return right?.type === 'selector_expression' && right.childForFieldName('field')?.text === 'File';
  }
  return false;
}

function detectJs(ctx: FileContext): Hit[] {
  const out: Hit[] = [];
  const lang = ctx.codeLanguage!;
  const modules = new Set([...ctx.imports().values()].map((b) => b.module));
  for (const call of ctx.calls()) {
    const name = call.name ?? '';
    const opts = (i: number) => {
      const n = call.args[i] ? resolveOnce(call.args[i]!, ctx) : undefined;
      return objectProperties(n?.type === 'object' ? n : undefined, lang);
    };
    if (/^tar\.(?:x|extract)$/.test(name)) {
      if (opts(0).get('preservePaths')?.text === 'true') out.push({ node: call.node, api: name, detail: DETAIL.preservePaths, severity: 'high', confidence: 'high' });
      continue;
    }
    if (name === 'tar-fs.extract') {
      const o = opts(1);
      if (!o.has('ignore') && !o.has('map')) out.push({ node: call.node, api: name, detail: DETAIL.tarFs, severity: 'high', confidence: 'medium' });
      continue;
    }
    if (name === 'unzipper.Extract') {
      out.push({ node: call.node, api: name, detail: DETAIL.unzipper, severity: 'high', confidence: 'low' });
      continue;
    }
    if (name === 'decompress') {
      const o = opts(2);
      if (!o.has('filter') && !o.has('map')) out.push({ node: call.node, api: name, detail: DETAIL.decompress, severity: 'high', confidence: 'low' });
      continue;
    }
    const callee = call.callee;
    const method = callee.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
    if ((method === 'extractAllTo' || method === 'extractEntryTo' || method === 'extractAllToAsync') && modules.has('adm-zip') && isAdmZip(callee.childForFieldName('object'), ctx)) {
      out.push({ node: call.node, api: `AdmZip.${method}`, detail: DETAIL.admZip, severity: 'high', confidence: 'low' });
    }
  }
  return out;
}

/** `new AdmZip(p)` (inline or assigned) with `AdmZip` bound to the adm-zip import. */
function isAdmZip(receiver: Node | null, ctx: FileContext): boolean {
  const v = receiver ? resolveOnce(receiver, ctx) : undefined;
  if (v?.type !== 'new_expression' && v?.type !== 'call_expression') return false;
  const ctor = v.childForFieldName(v.type === 'new_expression' ? 'constructor' : 'function');
  return Boolean(ctor && ctx.imports().get(ctor.text)?.module === 'adm-zip');
}
