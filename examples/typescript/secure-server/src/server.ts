// The "workspace assistant" MCP server of ../vulnerable-server, rewritten safely (@modelcontextprotocol/sdk
// McpServer over Streamable HTTP). Same tools; each fix is commented where the vulnerable version went wrong.
import { execFile } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import { readFile, realpath } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { getOAuthProtectedResourceMetadataUrl, mcpAuthMetadataRouter } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { z } from "zod";

const run = promisify(execFile);
const WORKSPACE = path.join(os.homedir(), "workspace");
const ISSUER = "https://login.example.com";
const RESOURCE = new URL("https://workspace.example.com/mcp");

/** Resolves a caller-supplied path (symlinks included) and refuses anything outside the workspace. */
async function insideWorkspace(relative: string): Promise<string> {
  const root = await realpath(WORKSPACE);
  const target = await realpath(path.resolve(root, relative));
  const rel = path.relative(root, target);
  if (rel.startsWith("..") || path.isAbsolute(rel)) throw new Error("path is outside the workspace");
  return target;
}

const server = new McpServer({ name: "workspace-assistant", version: "0.4.0" });

server.registerTool(
  "search_code",
  { description: "Search the workspace for a text pattern and return matching lines.", inputSchema: { pattern: z.string().min(1), folder: z.string().default(".") } },
  async ({ pattern, folder }) => {
    // No shell: grep gets an argument list, and `-e` keeps a pattern that starts with "-" from becoming an option.
    const { stdout } = await run("grep", ["-rn", "-e", pattern, "--", await insideWorkspace(folder)], { timeout: 20_000 });
    return { content: [{ type: "text", text: stdout.slice(0, 20_000) }] };
  },
);

const OPERATIONS = { add: (a: number, b: number) => a + b, subtract: (a: number, b: number) => a - b, multiply: (a: number, b: number) => a * b, divide: (a: number, b: number) => a / b };

server.registerTool(
  "calculate",
  {
    description: "Apply an arithmetic operation (add, subtract, multiply, divide) to two numbers.",
    // Structured input and a dispatch table instead of evaluating an expression string.
    inputSchema: { a: z.number(), op: z.enum(["add", "subtract", "multiply", "divide"]), b: z.number() },
  },
  async ({ a, op, b }) => ({ content: [{ type: "text", text: String(OPERATIONS[op](a, b)) }] }),
);

server.registerTool(
  "restore_session",
  { description: "Restore a saved assistant session from the token returned by save_session.", inputSchema: { state: z.string() } },
  async ({ state }) => {
    // JSON carries no code, and the HMAC proves this server issued the token.
    const raw = Buffer.from(state, "base64url");
    const body = raw.subarray(0, -32);
    const expected = createHmac("sha256", process.env.SESSION_SIGNING_KEY ?? "").update(body).digest();
    if (raw.length < 33 || !timingSafeEqual(raw.subarray(-32), expected)) throw new Error("session token was not issued by this server");
    const session = z.object({ history: z.array(z.unknown()) }).parse(JSON.parse(body.toString("utf8")));
    return { content: [{ type: "text", text: `restored session with ${session.history.length} messages` }] };
  },
);

server.registerTool(
  // A distinctive name, so it cannot be mistaken for the filesystem server's read_file; a plain description.
  "workspace_read_file",
  { description: "Read a UTF-8 text file from the user's workspace folder (paths are relative to it).", inputSchema: { path: z.string() } },
  async ({ path: p }) => ({ content: [{ type: "text", text: (await readFile(await insideWorkspace(p), "utf8")).slice(0, 100_000) }] }),
);

server.registerTool(
  "workspace_list_github_issues",
  { description: "List open GitHub issues of a repository (owner/name).", inputSchema: { repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/) } },
  async ({ repo }) => {
    // The token comes from the environment (or a secret manager), never from the source tree.
    const r = await fetch(`https://api.github.com/repos/${repo}/issues`, { headers: { authorization: `Bearer ${process.env.GITHUB_TOKEN}` } });
    return { content: [{ type: "text", text: await r.text() }] };
  },
);

// Signature, algorithm, issuer, audience and expiry are all checked against the issuer's published keys.
const jwks = createRemoteJWKSet(new URL(`${ISSUER}/.well-known/jwks.json`));
const verifier = {
  async verifyAccessToken(token: string) {
    const { payload } = await jwtVerify(token, jwks, { issuer: ISSUER, audience: RESOURCE.href, algorithms: ["RS256"] });
    return { token, clientId: String(payload.sub), scopes: String(payload.scope ?? "").split(" ").filter(Boolean), expiresAt: payload.exp };
  },
};

// createMcpExpressApp() binds to 127.0.0.1 by default and rejects foreign Host headers (DNS rebinding).
const app = createMcpExpressApp();
// Protected-resource metadata tells clients which authorization server issues tokens for this resource.
app.use(
  mcpAuthMetadataRouter({
    oauthMetadata: { issuer: ISSUER, authorization_endpoint: `${ISSUER}/authorize`, token_endpoint: `${ISSUER}/token`, response_types_supported: ["code"] },
    resourceServerUrl: RESOURCE,
    scopesSupported: ["workspace"],
  }),
);
app.post("/mcp", requireBearerAuth({ verifier, requiredScopes: ["workspace"], resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(RESOURCE) }), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000, "127.0.0.1");
