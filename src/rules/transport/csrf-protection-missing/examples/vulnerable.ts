// Consent page of the MCP server's OAuth proxy: a signed-in user approves an MCP client.
import express from "express";
import session from "express-session";
import { approveClient } from "./clients.js";

const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false, cookie: { secure: true, httpOnly: true } }));

// Any site can auto-submit a form here; the browser adds the session cookie, and the attacker's client gets approved.
app.post("/oauth/consent", (req, res) => {
  if (!req.session.userId) {
    res.status(401).end();
    return;
  }
  approveClient(req.session.userId, String(req.body.client_id));
  res.redirect("/oauth/done");
});

export default app;
