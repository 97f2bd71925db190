// Consent page of the MCP server's OAuth proxy: a signed-in user approves an MCP client.
import express from "express";
import session from "express-session";
import { approveClient } from "./clients.js";

const app = express();
app.use(express.urlencoded({ extended: false }));
// SameSite=Strict: the browser never sends the session cookie on requests started by another site.
app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false, cookie: { secure: true, httpOnly: true, sameSite: "strict" } }));

app.post("/oauth/consent", (req, res) => {
  if (!req.session.userId) {
    res.status(401).end();
    return;
  }
  approveClient(req.session.userId, String(req.body.client_id));
  res.redirect("/oauth/done");
});

export default app;
