// Dev helper: builds the server, then opens it in the MCP Inspector.
import { spawn } from "node:child_process";

// The Inspector prints its session token and a pre-filled URL; auth stays on.
const inspector = spawn("npx", ["@modelcontextprotocol/inspector", "node", "dist/index.js"], {
  stdio: "inherit",
  env: { ...process.env, CLIENT_PORT: "6274", SERVER_PORT: "6277" },
});
inspector.on("exit", (code) => process.exit(code ?? 0));
