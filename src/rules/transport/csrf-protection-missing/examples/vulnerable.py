# Consent page of the MCP server's OAuth proxy: a signed-in user approves an MCP client.
import os

from fastapi import FastAPI, Form, HTTPException, Request
from starlette.middleware.sessions import SessionMiddleware

from clients import approve_client

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET"], https_only=True)


# A cross-site form post carries the session cookie: the attacker's MCP client is approved for the victim.
@app.post("/oauth/consent")
async def consent(request: Request, client_id: str = Form(...)):
    user_id = request.session.get("user_id")
    if not user_id:
        raise HTTPException(status_code=401)
    approve_client(user_id, client_id)
    return {"approved": client_id}
