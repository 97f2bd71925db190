// Server constructions of a Python file and the routing of registrations to a server or an orphan receiver.
import type { Node } from 'web-tree-sitter';
import type { FileInventory, SdkRef, ServerDef } from '../../model/inventory.js';
import { descendantsOfType } from '../../parse/walk.js';
import { receiverText, type PythonFacts } from './python-facts.js';

/** FastMCP-style servers register with decorators and start with `run()`; low-level ones use handler decorators. */
export type ServerFlavor = 'fastmcp' | 'lowlevel';

export interface PyServer {
  def: ServerDef;
  flavor: ServerFlavor;
  call: Node;
  /** Transport settings given to the constructor or assigned later (`mcp.settings.host = …`). */
  settings: { host?: Node; port?: Node; transportSecurity?: Node };
}

export type Orphan = FileInventory['orphans'][number];
export type Target = { server: PyServer; orphan?: undefined } | { server?: undefined; orphan: Orphan };
/** What the receiver is used for: registrations accept any imported object, `run()` needs more evidence. */
export type TargetUse = 'registration' | 'run';

interface Ctor {
  sdk: SdkRef;
  flavor: ServerFlavor;
  /** Positional parameter order of the constructor for name / instructions / version. */
  positional: ('name' | 'instructions' | 'version')[];
}

const FASTMCP_OFFICIAL: Ctor = { sdk: { package: 'mcp', api: 'fastmcp' }, flavor: 'fastmcp', positional: ['name', 'instructions'] };
const MCPSERVER: Ctor = { sdk: { package: 'mcp', api: 'mcpserver' }, flavor: 'fastmcp', positional: ['name'] };
const LOWLEVEL: Ctor = { sdk: { package: 'mcp', api: 'lowlevel' }, flavor: 'lowlevel', positional: ['name', 'version', 'instructions'] };
const FASTMCP_STANDALONE: Ctor = { sdk: { package: 'fastmcp', api: 'fastmcp' }, flavor: 'fastmcp', positional: ['name', 'instructions'] };
const FASTMCP_GENERATED: Ctor = { sdk: { package: 'fastmcp', api: 'fastmcp' }, flavor: 'fastmcp', positional: [] };

/** Canonical constructor names (after import resolution) of MCP server objects. */
export const SERVER_CONSTRUCTORS: ReadonlyMap<string, Ctor> = new Map([
  ['mcp.server.fastmcp.FastMCP', FASTMCP_OFFICIAL],
  ['mcp.server.fastmcp.server.FastMCP', FASTMCP_OFFICIAL],
  ['mcp.server.FastMCP', FASTMCP_OFFICIAL],
  ['mcp.server.mcpserver.MCPServer', MCPSERVER],
  ['mcp.server.mcpserver.server.MCPServer', MCPSERVER],
  ['mcp.server.MCPServer', MCPSERVER],
  ['mcp.server.lowlevel.Server', LOWLEVEL],
  ['mcp.server.lowlevel.server.Server', LOWLEVEL],
  ['mcp.server.Server', LOWLEVEL],
  ['fastmcp.FastMCP', FASTMCP_STANDALONE],
  ['fastmcp.server.FastMCP', FASTMCP_STANDALONE],
  ['fastmcp.server.server.FastMCP', FASTMCP_STANDALONE],
  ['fastmcp.FastMCP.from_fastapi', FASTMCP_GENERATED],
  ['fastmcp.FastMCP.from_openapi', FASTMCP_GENERATED],
  ['fastmcp.server.server.FastMCP.from_fastapi', FASTMCP_GENERATED],
  ['fastmcp.server.server.FastMCP.from_openapi', FASTMCP_GENERATED],
]);

/**
 * Frameworks whose objects also have `.tool`, `.run` or `.route`-like methods; a receiver coming from them is never
 * an MCP server (pydantic-ai `@agent.tool`, Flask `app.run()`, `uvicorn.Server(config).run()`…).
 */
const NON_MCP_MODULES = new Set([
  'flask', 'fastapi', 'starlette', 'uvicorn', 'hypercorn', 'aiohttp', 'django', 'celery', 'typer', 'click', 'pydantic_ai',
  'langchain', 'langchain_core', 'langgraph', 'crewai', 'agents', 'smolagents', 'autogen', 'llama_index', 'semantic_kernel',
  'openai', 'anthropic', 'threading', 'asyncio', 'multiprocessing', 'subprocess', 'gradio', 'streamlit', 'sanic', 'quart',
  'tornado', 'socketserver', 'http', 'bottle', 'falcon', 'litestar', 'dramatiq', 'rq', 'schedule', 'apscheduler',
  'anyio', 'trio', 'curio', 'gevent', 'uvloop', 'waitress', 'gunicorn',
]);

export class ServerRegistry {
  readonly servers: PyServer[] = [];
  readonly orphans: Orphan[] = [];
  private readonly byVariable = new Map<string, PyServer>();
  private readonly byCall = new Map<number, PyServer>();
  private readonly aliasCache = new Map<string, PyServer | null>();

  constructor(private readonly facts: PythonFacts, readonly hasSdkImport: boolean) {
    for (const site of facts.calls) {
      const ctor = site.name ? SERVER_CONSTRUCTORS.get(site.name) : undefined;
      if (ctor) this.addServer(site.node, ctor);
    }
    this.readSettingsAssignments();
  }

  private addServer(call: Node, ctor: Ctor): void {
    const { facts } = this;
    const parent = call.parent;
    const variable = parent?.type === 'assignment' && parent.childForFieldName('right')?.id === call.id ? receiverText(parent.childForFieldName('left')) : undefined;
    const line = call.startPosition.row + 1;
    const id = variable && !this.byVariable.has(variable) ? `${facts.path}#${variable}` : `${facts.path}:${line}`;
    const def: ServerDef = {
      id,
      language: 'python',
      sdk: { ...ctor.sdk },
      transports: [],
      auth: [],
      tools: [],
      prompts: [],
      resources: [],
      location: facts.loc(call),
    };
    if (variable) def.variable = variable;
    for (const field of ['name', 'instructions', 'version'] as const) {
      const index = ctor.positional.indexOf(field);
      const node = facts.arg(call, field, index >= 0 ? index : undefined);
      if (node && !facts.isNone(node)) def[field] = facts.text(node);
    }
    const server: PyServer = {
      def,
      flavor: ctor.flavor,
      call,
      settings: {
        host: facts.arg(call, 'host'),
        port: facts.arg(call, 'port'),
        transportSecurity: facts.arg(call, 'transport_security'),
      },
    };
    this.servers.push(server);
    this.byCall.set(call.id, server);
    if (variable && !this.byVariable.has(variable)) this.byVariable.set(variable, server);
  }

  /** `mcp.settings.host = "0.0.0.0"` and friends, in document order (later ones win). */
  private readSettingsAssignments(): void {
    if (!this.servers.length) return;
    for (const a of this.facts.nodes('assignment')) {
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      const parts = left && right ? receiverText(left)?.split('.') : undefined;
      if (!parts || parts.length < 3 || parts[parts.length - 2] !== 'settings') continue;
      const server = this.byVariable.get(parts.slice(0, -2).join('.'));
      const field = parts[parts.length - 1];
      if (!server) continue;
      if (field === 'host') server.settings.host = right!;
      else if (field === 'port') server.settings.port = right!;
      else if (field === 'transport_security') server.settings.transportSecurity = right!;
    }
  }

  serverOfCall(call: Node): PyServer | undefined {
    return this.byCall.get(call.id);
  }

  /** The server or orphan group a receiver expression (`mcp`, `self.server`, `FastMCP("x")`) stands for. */
  targetFor(receiver: Node | null | undefined, use: TargetUse = 'registration'): Target | undefined {
    if (!receiver) return undefined;
    if (receiver.type === 'call') {
      const s = this.byCall.get(receiver.id);
      return s ? { server: s } : undefined;
    }
    const text = receiverText(receiver);
    if (!text) return undefined;
    const server = this.byVariable.get(text) ?? this.alias(text);
    if (server) return { server };
    if (!this.orphanEligible(text, use)) return undefined;
    let orphan = this.orphans.find((o) => o.receiver === text);
    if (!orphan) {
      orphan = { receiver: text, tools: [], prompts: [], resources: [], transports: [] };
      this.orphans.push(orphan);
    }
    return { orphan };
  }

  /** A name bound once to another server variable or to a local factory that returns a server. */
  private alias(text: string): PyServer | undefined {
    if (text.includes('.')) return undefined;
    const cached = this.aliasCache.get(text);
    if (cached !== undefined) return cached ?? undefined;
    this.aliasCache.set(text, null);
    let found: PyServer | undefined;
    const values = this.facts.assignments.get(text);
    const v = values?.length === 1 ? values[0]! : undefined;
    if (v?.type === 'identifier') found = this.byVariable.get(v.text);
    else if (v?.type === 'call' || v?.type === 'await') {
      const call = v.type === 'await' ? v.namedChildren[0] : v;
      const fn = call?.type === 'call' ? call.childForFieldName('function') : undefined;
      const def = fn?.type === 'identifier' ? this.facts.functionsNamed(fn.text)[0] : undefined;
      if (def) {
        for (const r of descendantsOfType(def, 'return_statement')) {
          const value = r.namedChildren[0];
          if (!value) continue;
          found = value.type === 'call' ? this.byCall.get(value.id) : this.byVariable.get(value.text);
          if (found) break;
        }
      }
    }
    this.aliasCache.set(text, found ?? null);
    return found;
  }

  private orphanEligible(text: string, use: TargetUse): boolean {
    const { facts } = this;
    const head = text.split('.')[0]!;
    const imp = facts.imports.get(head);
    if (imp) {
      if (NON_MCP_MODULES.has(imp.module.split('.')[0]!)) return false;
      // A module is never the server itself (`anyio.run(main)`); an attribute of one may be (`app_module.mcp`).
      if (imp.imported === '*' && (head === text || !/mcp|server/i.test(text.slice(text.lastIndexOf('.') + 1)))) return false;
      return use === 'registration' || this.hasSdkImport || /mcp|server/i.test(text);
    }
    if (!this.hasSdkImport) return false;
    const values = facts.assignments.get(head);
    if (values && head === text) {
      // Bound in this file to something that is not a server: only an opaque factory call may still return one.
      return values.every((v) => {
        const call = v.type === 'await' ? v.namedChildren[0] : v;
        if (call?.type !== 'call') return false;
        const name = facts.calleeOf(call) ?? '';
        return !NON_MCP_MODULES.has(name.split('.')[0]!) && !/^[A-Z]/.test(name.slice(name.lastIndexOf('.') + 1));
      });
    }
    return true;
  }
}
