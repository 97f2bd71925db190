// The JavaScript/TypeScript/TSX MCP inventory, driven through the real scan engine over small fixture servers.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../../src/engine/scan.js';
import { bindings, fileOf, fixtureInventories, prompt, resource, server, tool } from '../helpers/inventory.js';
import type { Inventory, PromptDef, ResourceDef, ServerDef, ToolDef, Transport } from '../../src/model/inventory.js';

const inventoryOf = fixtureInventories('typescript');

/** Transports without locations, for whole-list comparisons. */
function plain(ts: Transport[]) {
  return ts.map(({ location: _l, ...rest }) => rest);
}

describe('TypeScript inventory: McpServer (SDK v1, .ts)', () => {
  it('finds the server with its name through a constant, version, instructions, variable and manifest version', async () => {
    const s = server(await inventoryOf('sdk-v1'), 'server.ts#server');
    assert.deepEqual(s.sdk, { package: '@modelcontextprotocol/sdk', api: 'mcpserver', version: '^1.17.2', versionSource: 'package.json' });
    assert.equal(s.language, 'typescript');
    assert.equal(s.variable, 'server');
    assert.deepEqual([s.name?.value, s.name?.origin], ['files', 'constant']);
    assert.equal(s.version?.value, '0.3.0');
    assert.equal(s.instructions?.value, 'Use these tools to read project files.');
    assert.equal(s.location.startLine, 10);
  });

  it('lists tools in registration order', async () => {
    const s = server(await inventoryOf('sdk-v1'), 'server.ts#server');
    assert.deepEqual(
      s.tools.map((t) => t.name),
      ['ping', 'version', 'read_file', 'search', 'list_roots', 'delete_file', 'annotated_only', 'fetch_url'],
    );
    assert.ok(s.tools.every((t) => t.nameResolved));
  });

  it('tells descriptions, zod shapes and annotations apart in every tool() overload', async () => {
    const s = server(await inventoryOf('sdk-v1'), 'server.ts#server');
    const shape = (t: ToolDef) => [t.description?.value, t.schemaKind, t.params.map((p) => p.name).join(','), t.annotations ? Object.keys(t.annotations).filter((k) => k !== 'location').sort().join(',') : undefined];
    assert.deepEqual(shape(tool(s, 'ping')), [undefined, 'none', '', undefined]);
    assert.deepEqual(shape(tool(s, 'version')), ['Report the server version', 'none', '', undefined]);
    assert.deepEqual(shape(tool(s, 'read_file')), [undefined, 'zod', 'path,encoding', undefined]);
    assert.deepEqual(shape(tool(s, 'search')), ['Search files by glob', 'zod', 'pattern,limit', undefined]);
    assert.deepEqual(shape(tool(s, 'list_roots')), [undefined, 'zod', 'verbose', 'openWorldHint,readOnlyHint']);
    assert.deepEqual(shape(tool(s, 'delete_file')), ['Delete a file', 'zod', 'target', 'destructiveHint,idempotentHint,title']);
    assert.deepEqual(shape(tool(s, 'annotated_only')), [undefined, 'none', '', 'readOnlyHint']);
    assert.equal(tool(s, 'search').description?.origin, 'concatenation');
    assert.equal(tool(s, 'delete_file').annotations?.title?.value, 'Delete');
    assert.equal(tool(s, 'delete_file').annotations?.destructiveHint, true);
    assert.equal(tool(s, 'list_roots').annotations?.openWorldHint, false);
  });

  it('reads zod chains: describe, max, enum, default, regex, min, int bounds, optional', async () => {
    const s = server(await inventoryOf('sdk-v1'), 'server.ts#server');
    const [p, enc] = tool(s, 'read_file').params;
    assert.deepEqual([p!.type, p!.description?.value, p!.required, p!.maxLength], ['string', 'Path of the file to read', true, 200]);
    assert.deepEqual([enc!.required, enc!.enum?.map((e) => e.value), enc!.default?.value, enc!.description?.value], [false, ['utf8', 'base64'], 'utf8', 'How to encode the content']);
    const [pattern, limit] = tool(s, 'search').params;
    assert.deepEqual([pattern!.pattern, pattern!.minLength, pattern!.maxLength], ['^[\\w*?.\\/-]+$', 1, undefined]);
    assert.deepEqual([limit!.type, limit!.minimum, limit!.maximum, limit!.required, limit!.minLength], ['integer', 1, 50, false, undefined]);
    assert.equal(pattern!.location.startLine, 28);
  });

  it('reads registerTool config: title, description, url format, numeric default', async () => {
    const t = tool(server(await inventoryOf('sdk-v1'), 'server.ts#server'), 'fetch_url');
    assert.equal(t.api, 'server.registerTool');
    assert.equal(t.title?.value, 'Fetch URL');
    assert.equal(t.description?.value, 'Fetch a web page');
    assert.deepEqual(t.params.map((p) => [p.name, p.format, p.required, p.default?.value, p.minimum, p.maximum]), [
      ['url', 'uri', true, undefined, undefined, undefined],
      ['timeout', undefined, false, '10', 1, 60],
    ]);
    assert.equal(t.annotations?.openWorldHint, true);
    assert.equal(t.location.startLine, 45);
  });

  it('binds handler arguments: destructured, renamed, named functions and whole-object reads', async () => {
    const s = server(await inventoryOf('sdk-v1'), 'server.ts#server');
    assert.deepEqual(bindings(tool(s, 'read_file')), ['path=path', 'encoding=enc']);
    assert.equal(tool(s, 'read_file').handler?.argsObject, undefined);
    const search = tool(s, 'search').handler!;
    assert.equal(search.name, 'handleSearch');
    assert.equal(search.location.startLine, 60);
    assert.deepEqual(bindings(tool(s, 'search')), ['pattern=pattern', 'limit=limit']);
    assert.equal(tool(s, 'list_roots').handler?.argsObject, 'args');
    assert.deepEqual(bindings(tool(s, 'list_roots')), ['verbose=args.verbose']);
    assert.deepEqual(bindings(tool(s, 'fetch_url')), ['url=input.url', 'timeout=input["timeout"]']);
    // Without an input schema the SDK passes `extra` first: nothing binds.
    assert.deepEqual(bindings(tool(s, 'ping')), []);
  });

  it('reads prompts with arguments, descriptions and literal bodies', async () => {
    const s = server(await inventoryOf('sdk-v1'), 'server.ts#server');
    const review = prompt(s, 'review');
    assert.equal(review.description?.value, 'Review a file');
    assert.deepEqual(review.arguments.map((a) => [a.name, a.description?.value, a.required]), [['file', 'File to review', true]]);
    assert.deepEqual(review.body?.map((b) => [b.value, b.origin]), [['Please review {…} carefully.', 'dynamic']]);
    assert.deepEqual(bindings(review), ['file=file']);
    const sum = prompt(s, 'summarize');
    assert.equal(sum.api, 'server.registerPrompt');
    assert.equal(sum.title?.value, 'Summarize');
    assert.deepEqual(sum.arguments.map((a) => [a.name, a.required]), [['text', true], ['style', false]]);
    assert.deepEqual(sum.body?.map((b) => [b.value, b.origin]), [['Summarize the following text.', 'literal']]);
  });

  it('reads static resources and ResourceTemplate URIs with their variables', async () => {
    const s = server(await inventoryOf('sdk-v1'), 'server.ts#server');
    const readme = resource(s, 'file:///README.md');
    assert.deepEqual([readme.name, readme.isTemplate, readme.mimeType, readme.description?.value], ['readme', false, 'text/markdown', 'The readme']);
    assert.deepEqual(bindings(readme), []);
    const file = resource(s, 'file:///{+path}{?rev}');
    assert.deepEqual([file.isTemplate, file.templateVariables, file.title?.value, file.api], [true, ['path', 'rev'], 'Project file', 'server.registerResource']);
    assert.deepEqual(bindings(file), ['path=path']);
  });

  it('attaches the connected stdio transport and records the SDK import', async () => {
    const inv = await inventoryOf('sdk-v1');
    assert.deepEqual(plain(server(inv, 'server.ts#server').transports), [{ kind: 'stdio', api: 'StdioServerTransport', dnsRebindingProtection: 'not-applicable' }]);
    const f = fileOf(inv, 'server.ts');
    assert.deepEqual(f.sdkImports.map((i) => [i.package, i.api, i.version]), [['@modelcontextprotocol/sdk', 'mcpserver', '^1.17.2']]);
    assert.deepEqual(f.transports, []);
  });
});

describe('TypeScript inventory: low-level Server (.js)', () => {
  it('finds the server with its options', async () => {
    const s = server(await inventoryOf('lowlevel'), 'index.js#server');
    assert.deepEqual(s.sdk, { package: '@modelcontextprotocol/sdk', api: 'lowlevel' });
    assert.equal(s.name?.value, 'lowlevel-files');
    assert.equal(s.instructions?.value, 'Low-level server.');
  });

  it('takes tools from a module-level list, resolving names through a constant object', async () => {
    const s = server(await inventoryOf('lowlevel'), 'index.js#server');
    assert.deepEqual(s.tools.map((t) => t.name), ['read_file', 'write_file', 'append_file']);
    const read = tool(s, 'read_file');
    assert.equal(read.api, 'setRequestHandler(ListToolsRequestSchema)');
    assert.deepEqual([read.description?.value, read.description?.origin], ['Read a file. Returns its text.', 'concatenation']);
    assert.equal(read.location.startLine, 25);
    assert.equal(read.annotations?.readOnlyHint, true);
  });

  it('reads JSON-Schema properties with required, types, enums, defaults and bounds', async () => {
    const read = tool(server(await inventoryOf('lowlevel'), 'index.js#server'), 'read_file');
    assert.equal(read.schemaKind, 'json-schema');
    assert.deepEqual(read.params.map((p) => [p.name, p.type, p.required]), [['path', 'string', true], ['lines', 'integer|null', false], ['mode', 'string', false]]);
    const [p, lines, mode] = read.params;
    assert.deepEqual([p!.description?.value, p!.pattern, p!.maxLength], ['File path', '^[^.]', 255]);
    assert.deepEqual([lines!.minimum, lines!.maximum, lines!.default?.value], [1, 1000, '100']);
    assert.deepEqual(mode!.enum?.map((e) => e.value), ['text', 'hex']);
  });

  it('reads zod schemas converted with zodToJsonSchema', async () => {
    const write = tool(server(await inventoryOf('lowlevel'), 'index.js#server'), 'write_file');
    assert.equal(write.schemaKind, 'zod');
    assert.deepEqual(write.params.map((p) => [p.name, p.description?.value, p.maxLength]), [['path', 'Where to write', undefined], ['content', undefined, 10000]]);
  });

  it('points each tool at its dispatch branch, including fall-through cases', async () => {
    const s = server(await inventoryOf('lowlevel'), 'index.js#server');
    const read = tool(s, 'read_file').handler!;
    assert.equal(read.location.startLine, 50);
    assert.equal(read.argsObject, 'args');
    assert.deepEqual(bindings(tool(s, 'read_file')), ['path=path', 'lines=lines']);
    const write = tool(s, 'write_file').handler!;
    const append = tool(s, 'append_file').handler!;
    assert.equal(write.location.startLine, 55);
    assert.deepEqual(append.location, write.location);
    assert.deepEqual(bindings(tool(s, 'write_file')), ['path=parsed.path', 'content=args.content']);
  });

  it('dispatches prompts on if-branches and reads their bodies', async () => {
    const s = server(await inventoryOf('lowlevel'), 'index.js#server');
    const greet = prompt(s, 'greet');
    assert.deepEqual(greet.arguments.map((a) => [a.name, a.description?.value, a.required]), [['who', 'Person to greet', true]]);
    assert.equal(greet.handler?.argsObject, 'request.params.arguments');
    assert.deepEqual(bindings(greet), ['who=request.params.arguments.who']);
    assert.deepEqual(greet.body?.map((b) => b.value), ['Say hello to {…}']);
    assert.deepEqual(prompt(s, 'farewell').body?.map((b) => [b.value, b.origin]), [['Say goodbye politely.', 'literal']]);
  });

  it('reads listed resources and templates, with the read handler', async () => {
    const s = server(await inventoryOf('lowlevel'), 'index.js#server');
    assert.deepEqual(s.resources.map((r) => [r.uri, r.isTemplate, r.templateVariables.join(','), r.name]), [
      ['config://app', false, '', 'App config'],
      ['logs://{date}/{level}', true, 'date,level', 'Logs'],
    ]);
    assert.ok(s.resources.every((r) => r.handler?.name === 'readResource'));
  });

  it('records the SSE transport with protection turned off, and the listener bound to every interface', async () => {
    const inv = await inventoryOf('lowlevel');
    assert.deepEqual(plain(server(inv, 'index.js#server').transports), [{ kind: 'sse', api: 'SSEServerTransport', dnsRebindingProtection: 'disabled' }]);
    assert.deepEqual(plain(fileOf(inv, 'index.js').transports), [{ kind: 'http', api: 'app.listen', host: '0.0.0.0', port: '3001' }]);
  });
});

describe('TypeScript inventory: SDK v2 packages (.tsx)', () => {
  it('finds the server built from @modelcontextprotocol/server with its manifest version', async () => {
    const inv = await inventoryOf('v2');
    const s = server(inv, 'server.tsx#server');
    assert.deepEqual([s.sdk.package, s.sdk.api, s.sdk.version], ['@modelcontextprotocol/server', 'mcpserver', '2.0.0-alpha.1']);
    assert.deepEqual(fileOf(inv, 'server.tsx').sdkImports.map((i) => i.package), ['@modelcontextprotocol/express', '@modelcontextprotocol/node', '@modelcontextprotocol/server']);
  });

  it('reads a z.object input schema with zod 4 forms', async () => {
    const t = tool(server(await inventoryOf('v2'), 'server.tsx#server'), 'add_note');
    assert.equal(t.description?.value, 'Add a note to the notebook');
    assert.equal(t.schemaKind, 'zod');
    assert.deepEqual(t.params.map((p) => [p.name, p.type, p.required]), [
      ['title', 'string', true],
      ['source', 'string', false],
      ['tags', 'array', false],
      ['priority', 'string', true],
      ['level', 'number', false],
    ]);
    const [title, source, tags, priority, level] = t.params;
    assert.deepEqual(level!.enum?.map((e) => e.value), ['1', '2']);
    assert.deepEqual([title!.description?.value, title!.minLength, title!.maxLength], ['Note title', 3, 80]);
    assert.equal(source!.format, 'uri');
    assert.deepEqual([tags!.default?.value, tags!.default?.origin], ['[]', 'literal']);
    assert.deepEqual(priority!.enum?.map((e) => e.value), ['high']);
    assert.deepEqual(bindings(t), ['title=title', 'source=source']);
  });

  it('reads prompt arguments wrapped in completable()', async () => {
    const p = prompt(server(await inventoryOf('v2'), 'server.tsx#server'), 'draft');
    assert.deepEqual(p.arguments.map((a) => [a.name, a.type, a.description?.value, a.required]), [['tone', 'string', 'Writing tone', true]]);
    assert.deepEqual(bindings(p), ['tone=tone']);
  });

  it('records the enabled Node transport and the createMcpExpressApp listener', async () => {
    const inv = await inventoryOf('v2');
    assert.deepEqual(plain(server(inv, 'server.tsx#server').transports), [{ kind: 'streamable-http', api: 'NodeStreamableHTTPServerTransport', dnsRebindingProtection: 'enabled' }]);
    // listen(port) binds every interface even though the app validates Host headers by default.
    assert.deepEqual(plain(fileOf(inv, 'server.tsx').transports), [
      { kind: 'http', api: 'app.listen', hostDefaultsToAll: true, port: 'Number(process.env.PORT ?? 8080)', dnsRebindingProtection: 'enabled' },
    ]);
  });
});

describe('TypeScript inventory: FastMCP (.mjs)', () => {
  it('finds the server, its authenticate hook and its start transport', async () => {
    const s = server(await inventoryOf('fastmcp'), 'server.mjs#server');
    assert.deepEqual(s.sdk, { package: 'fastmcp', api: 'fastmcp', version: '3.20.0', versionSource: 'package.json' });
    assert.deepEqual([s.name?.value, s.version?.value, s.instructions?.value], ['weather', '1.2.0', 'Weather lookups for cities.']);
    assert.deepEqual(s.auth.map((a) => [a.kind, a.api]), [['token-verifier', 'FastMCP.authenticate']]);
    assert.deepEqual(plain(s.transports), [{ kind: 'streamable-http', api: 'server.start', host: '0.0.0.0', port: '8080', dnsRebindingProtection: 'default' }]);
  });

  it('reads addTool parameters, annotations and execute bindings', async () => {
    const s = server(await inventoryOf('fastmcp'), 'server.mjs#server');
    const f = tool(s, 'forecast');
    assert.deepEqual(f.params.map((p) => [p.name, p.type, p.required, p.description?.value, p.minLength, p.maximum]), [
      ['city', 'string', true, 'City name', 2, undefined],
      ['days', 'integer', false, undefined, undefined, 7],
    ]);
    assert.deepEqual([f.annotations?.title?.value, f.annotations?.readOnlyHint, f.annotations?.openWorldHint], ['Forecast', true, true]);
    assert.deepEqual(bindings(f), ['city=args.city', 'days=args.days']);
    assert.equal(f.location.startLine, 17);
    const alerts = tool(s, 'alerts');
    assert.deepEqual(alerts.params[0]!.enum?.map((e) => e.value), ['north', 'south']);
    assert.deepEqual(bindings(alerts), ['region=region']);
  });

  it('reads prompts, resources and resource templates', async () => {
    const s = server(await inventoryOf('fastmcp'), 'server.mjs#server');
    const p = prompt(s, 'packing-list');
    assert.deepEqual(p.arguments.map((a) => [a.name, a.required, a.enum?.map((e) => e.value).join('|')]), [['destination', true, undefined], ['season', false, 'summer|winter']]);
    assert.deepEqual(p.body?.map((b) => b.value), ['Suggest a packing list for {…}.']);
    assert.deepEqual(s.resources.map((r) => [r.uri, r.isTemplate, r.templateVariables.join(','), r.api]), [
      ['weather://stations', false, '', 'server.addResource'],
      ['weather://city/{name}/{day}', true, 'name,day', 'server.addResourceTemplate'],
    ]);
    assert.deepEqual(bindings(resource(s, 'weather://city/{name}/{day}')), ['name=name', 'day=day']);
  });
});

describe('TypeScript inventory: HTTP transports and listeners', () => {
  it('attaches each connected transport with its protection setting', async () => {
    const s = server(await inventoryOf('http'), 'streamable.ts#mcp');
    assert.deepEqual(s.tools.map((t) => t.name), ['echo']);
    assert.deepEqual(s.transports.map((t) => [t.location.path, t.kind, t.dnsRebindingProtection, t.location.startLine]), [
      ['streamable.ts', 'streamable-http', 'enabled', 24],
      ['streamable.ts', 'streamable-http', 'disabled', 35],
      // frameworks.js connects a transport to a `server` parameter; the folder's only server is the one it gets.
      ['frameworks.js', 'streamable-http', 'default', 15],
    ]);
  });

  it('keeps unconnected transports and listeners at file level, with hosts resolved through constants', async () => {
    const f = fileOf(await inventoryOf('http'), 'streamable.ts');
    assert.deepEqual(plain(f.transports), [
      { kind: 'streamable-http', api: 'StreamableHTTPServerTransport', dnsRebindingProtection: 'default' },
      { kind: 'http', api: 'app.listen', host: '127.0.0.1', port: '3000', dnsRebindingProtection: 'enabled' },
      { kind: 'http', api: 'http.createServer().listen', hostDefaultsToAll: true, port: '4000' },
      { kind: 'http', api: 'createMcpExpressApp', host: '0.0.0.0', dnsRebindingProtection: 'default' },
    ]);
  });

  it('knows framework defaults: Fastify binds localhost, Hono serve binds every interface', async () => {
    const f = fileOf(await inventoryOf('http'), 'frameworks.js');
    assert.deepEqual(plain(f.transports), [
      { kind: 'http', api: 'fastify.listen', hostDefaultsToAll: false, port: '5000' },
      { kind: 'http', api: 'serve', hostDefaultsToAll: true, port: '6000' },
      { kind: 'http', api: 'serve', host: 'localhost', port: '6001' },
    ]);
  });

  it('gives a transport connected to a server parameter to the only server, without inventing another', async () => {
    const inv = await inventoryOf('http');
    assert.deepEqual(inv.servers.map((s) => s.id), ['streamable.ts#mcp']);
    const fromParam = server(inv, 'streamable.ts#mcp').transports.filter((t) => t.location.path === 'frameworks.js');
    assert.deepEqual(plain(fromParam), [{ kind: 'streamable-http', api: 'StreamableHTTPServerTransport', dnsRebindingProtection: 'default' }]);
  });
});

describe('TypeScript inventory: auth and metadata routes', () => {
  it('finds JWT calls in a module without MCP imports, treating algorithms ["none"] as no verification', async () => {
    const f = fileOf(await inventoryOf('auth'), 'verify-token.ts');
    assert.deepEqual(f.sdkImports, []);
    assert.deepEqual(f.auth.map((a) => [a.kind, a.api, a.location.startLine]), [
      ['jwt-verify', 'jsonwebtoken.verify', 9],
      ['jwt-decode', 'jsonwebtoken.verify', 13],
      ['jwt-decode', 'jsonwebtoken.decode', 17],
      ['jwt-verify', 'jose.jwtVerify', 23],
      ['jwt-decode', 'jose.decodeJwt', 24],
      ['jwt-decode', 'jwt-decode.jwtDecode', 24],
    ]);
    assert.deepEqual(f.metadataRoutes, []);
  });

  it('finds SDK bearer middleware, OAuth providers and OAuth configuration objects', async () => {
    const f = fileOf(await inventoryOf('auth'), 'oauth.ts');
    assert.deepEqual(f.auth.map((a) => [a.kind, a.api, a.location.startLine]), [
      ['token-verifier', 'OAuthTokenVerifier', 8],
      ['oauth-provider', 'ProxyOAuthServerProvider', 14],
      ['oauth-provider', 'mcpAuthRouter', 21],
      ['oauth-config', 'authorization_endpoint', 24],
      ['bearer-middleware', 'requireBearerAuth', 34],
    ]);
  });

  it('finds well-known routes (any method, array paths), SDK routers and literals', async () => {
    const f = fileOf(await inventoryOf('auth'), 'oauth.ts');
    assert.deepEqual(f.metadataRoutes.map((m) => [m.kind, m.path, m.api, m.location.startLine]), [
      ['sdk-router', '/.well-known/oauth-protected-resource', 'mcpAuthRouter', 21],
      ['sdk-router', '/.well-known/oauth-protected-resource', 'mcpAuthMetadataRouter', 23],
      ['literal', '/.well-known/oauth-protected-resource/mcp', undefined, 37],
      ['route', '/.well-known/oauth-protected-resource/mcp', 'app.get', 40],
      ['route', '/.well-known/oauth-authorization-server', 'app.all', 41],
      ['literal', '/.well-known/oauth-authorization-server', undefined, 44],
    ]);
  });
});

describe('TypeScript inventory: registrations across modules', () => {
  it('attaches registrations on an imported or passed-in server to the server built elsewhere', async () => {
    const inv = await inventoryOf('split');
    assert.deepEqual(inv.servers.map((s) => s.id), ['server.ts#server']);
    const s = inv.servers[0]!;
    assert.deepEqual(s.tools.map((t) => [t.name, t.location.path]), [['add', 'register.ts'], ['run_script', 'tools.js'], ['git_log', 'tools.js']]);
    assert.deepEqual(bindings(tool(s, 'git_log')), ['ref=args.ref']);
    assert.deepEqual(bindings(tool(s, 'add')), ['a=a', 'b=b']);
    assert.deepEqual(s.transports.map((t) => t.kind), ['stdio']);
  });

  it('does not report the registering module as importing an SDK', async () => {
    const inv = await inventoryOf('split');
    assert.deepEqual(fileOf(inv, 'tools.js').sdkImports, []);
  });
});

describe('TypeScript inventory: servers handed out by wrappers', () => {
  it('trusts registrations on the server an mcp-handler callback receives', async () => {
    const inv = await inventoryOf('wrapper');
    assert.deepEqual(inv.servers.map((s) => [s.id, s.variable, s.tools.map((t) => t.name).join(',')]), [['route.ts#server', 'server', 'roll_dice']]);
    assert.equal(inv.servers[0]!.tools[0]!.description?.value, 'Roll a die');
  });
});

describe('TypeScript inventory: tricky cases', () => {
  it('handles a server held in a class field, enum names and bound handler methods', async () => {
    const s = server(await inventoryOf('tricky'), 'classes.ts#this.server');
    assert.deepEqual(s.tools.map((t) => t.name), ['echo_text', 'repo_stats', 'search', 'remote']);
    const echo = tool(s, 'echo_text');
    assert.deepEqual([echo.description?.value, echo.handler?.name], ['Echo the text back.\nUseful for testing.', 'handleEcho']);
    assert.deepEqual(bindings(echo), ['text=text']);
    assert.deepEqual(s.transports.map((t) => t.kind), ['stdio']);
    assert.equal(s.version?.origin, 'dynamic');
  });

  it('resolves descriptions through constant objects, concatenation and templates, and marks env text dynamic', async () => {
    const s = server(await inventoryOf('tricky'), 'classes.ts#this.server');
    assert.deepEqual([tool(s, 'repo_stats').description?.value, tool(s, 'repo_stats').description?.origin], ['Count files and lines.', 'concatenation']);
    const search = tool(s, 'search');
    assert.deepEqual([search.description?.origin, search.description?.dynamicFrom], ['dynamic', ['environment']]);
    assert.equal(search.params[0]!.description?.value, 'Search query');
  });

  it('follows Schema.shape and .extend, and keeps unresolved imported schemas dynamic', async () => {
    const s = server(await inventoryOf('tricky'), 'classes.ts#this.server');
    assert.deepEqual(tool(s, 'repo_stats').params.map((p) => [p.name, p.required, p.default?.value]), [['repo', true, undefined], ['branch', false, 'main']]);
    const remote = tool(s, 'remote');
    assert.deepEqual([remote.schemaKind, remote.params.length, remote.description?.origin], ['dynamic', 0, 'dynamic']);
    assert.equal(remote.handler?.argsObject, 'args');
  });

  it('registers one tool per element when a loop walks a constant array', async () => {
    const s = server(await inventoryOf('tricky'), 'loops.ts#server');
    assert.deepEqual(s.tools.map((t) => [t.name, t.nameResolved, t.description?.value]), [['uppercase', true, 'Upper-case the text'], ['reverse', true, 'Reverse the text']]);
    assert.deepEqual(tool(s, 'reverse').params.map((p) => [p.name, p.maxLength]), [['text', 500]]);
    assert.deepEqual(bindings(tool(s, 'uppercase')), ['text=text']);
    assert.deepEqual(bindings(tool(s, 'reverse')), ['text=args.text']);
    assert.deepEqual(s.prompts.map((p) => [p.name, p.body?.[0]?.value]), [['haiku', 'Write a haiku.']]);
  });

  it('keeps same-named servers in different functions apart', async () => {
    const inv = await inventoryOf('tricky');
    const pub = server(inv, 'factories.ts#server');
    const admin = server(inv, 'factories.ts#server:20');
    assert.deepEqual([pub.name?.value, admin.name?.value], ['public', 'admin']);
    assert.deepEqual(pub.tools.map((t) => [t.name, t.nameResolved]), [['status', true], ['d.name', false]]);
    assert.deepEqual(admin.tools.map((t) => t.name), ['shutdown']);
  });
});

describe('TypeScript inventory: files without MCP code', () => {
  it('yields nothing for look-alike calls', async () => {
    const inv = await inventoryOf('plain');
    assert.equal(inv.isMcpServer, false);
    assert.deepEqual(inv.servers, []);
    assert.deepEqual(inv.files, []);
  });

  it('survives deeply nested expressions without errors', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mcpvet-ts-deep-'));
    try {
      const depth = 20000;
      const src = [
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";',
        'import { z } from "zod";',
        'const server = new McpServer({ name: "deep", version: "1" });',
        // Spaced out so the file is not mistaken for minified code.
        `const nested = ${'[\n'.repeat(depth)}1${'\n]'.repeat(depth)};`,
        `server.tool("chain", "Deep chain", { q: z.string()${'\n  .optional()'.repeat(depth)} }, async ({ q }) => ({ content: [nested, q] }));`,
        `server.tool("sum", ${'(\n'.repeat(depth)}"Deep"${'\n)'.repeat(depth)}, async () => ({ content: [] }));`,
      ].join('\n');
      await writeFile(path.join(dir, 'deep.ts'), src);
      const r = await scan({ target: dir, rules: { rules: [] }, config: false, workers: 1, limits: { parseTimeoutMs: 60_000 } });
      assert.deepEqual(r.errors.filter((e) => e.kind === 'internal'), []);
      const s = server(r.inventory, 'deep.ts#server');
      assert.deepEqual(s.tools.map((t) => t.name), ['chain', 'sum']);
      assert.equal(tool(s, 'chain').params[0]!.required, false);
      assert.equal(tool(s, 'sum').description?.value, 'Deep');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
