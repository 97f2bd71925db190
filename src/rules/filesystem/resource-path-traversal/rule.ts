// MV2104 (MCPSafe MCP-212): a resource-template variable reaches a file path without a sound containment check.
import { defineRule } from '../../../rule/rule.js';
import { modelInputFindings } from '../../injection/model-input-flows.js';
import { pathFlowKept, PATH_SINKS, pathSeverity } from '../model-path-flows.js';

export default defineRule({
  meta: {
    id: 'MV2104',
    slug: 'resource-path-traversal',
    title: 'Resource-template variable reaches a file path without containment',
    category: 'filesystem',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-22', 'CWE-59'],
    owaspMcp: ['MCP05', 'MCP10'],
    aliases: ['MCP-212'],
    mode: 'deep',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{source} reaches {api} in {sink}{via}{broken}{also}',
    docs: {
      summary:
        'A variable of a resource URI template (`docs://{name}`, `file:///{+path}`) flows into the path of a file the resource handler reads (or writes or deletes), without a check that keeps it inside the intended folder, or with a check that is broken.',
      risk:
        'The client chooses the URI of every `resources/read` request, and a model or a malicious client can ask for `docs://..%2F..%2F.ssh%2Fid_rsa` just as easily as for a listed resource: the SDKs decode and match the template, then hand the variable to the handler. Resource handlers are easy to overlook in reviews because they look read-only and "internal", yet an unconfined one serves any file the server process can read — SSH keys, cloud credentials, the MCP client configuration with its tokens — straight into the model\'s context.',
      detection:
        'Deep mode only. Sources: the variables of resource templates in the MCP inventory — Python FastMCP `@mcp.resource("scheme://{var}")` function parameters, TypeScript `McpServer.resource`/`registerResource` with a `ResourceTemplate` (the variables object, destructured or not, and the URL object the handler receives first: `uri.pathname`), and Go resource-template handlers of mcp-go (`req.Params.Arguments`, `req.Params.URI`) and the go-sdk (`req.Params.URI`). Sinks are the file sinks of MV2103 (concepts `file-read`, `file-write`, `file-delete`): `open`, `pathlib.Path.read_text`, `os.listdir`, `os.remove`…; `fs.readFile`, `readdir`, `createReadStream`, `writeFile`, `rm`…; writes and deletes are reported as critical. Silenced by the same sound containment as MV2103 — a path resolved with `realpath`/`Path.resolve()`/`fs.realpath` checked against a separator-terminated root, `is_relative_to`, `commonpath`, a resolved `relpath`/`path.relative` without a leading `..` — and by reducing the value to a base name, by allow-lists and strict patterns. Broken checks are reported with the finding (prefix without separator, unresolved or only normalised path, other variable checked, check after use). Fixed resources (no template variables) are never sources. Limits: a URI the handler re-parses from another place than its parameters (a global request object) is not a source; tool arguments are MV2103.',
      fix:
        'Treat resource-template variables exactly like tool arguments: resolve the path with symbolic links followed and require it to stay inside the root (`os.path.realpath(...)` + `startswith(root + os.sep)`, `fs.realpath` + `startsWith(root + path.sep)`), or keep only the base name (`os.path.basename`, `path.basename`). Prefer a lookup of the variable in the set of resources you list over building a path from it, and use a narrow template (`docs://{name}` rather than `file:///{+path}`).',
      references: [
        { title: 'CWE-22: Path Traversal', url: 'https://cwe.mitre.org/data/definitions/22.html' },
        { title: 'MCP specification: resources (resource templates)', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/resources#resource-templates' },
        { title: 'MCP specification: resources, security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/resources#security-considerations' },
        { title: 'RFC 6570: URI Template', url: 'https://www.rfc-editor.org/rfc/rfc6570' },
      ],
    },
  },
  project: {
    detect: (ctx) => modelInputFindings(ctx, { sinks: PATH_SINKS, sources: ['resource-uri'], keep: pathFlowKept, severityOf: pathSeverity }),
  },
});
