// The "workspace assistant" MCP server of ../vulnerable-server, rewritten safely (mark3labs/mcp-go over Streamable
// HTTP). Same tools; each fix is commented where the vulnerable version went wrong.
package main

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/template"

	"github.com/golang-jwt/jwt/v5"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const (
	issuer      = "https://login.example.com"
	resource    = "https://workspace.example.com/mcp"
	metadataURL = "https://workspace.example.com/.well-known/oauth-protected-resource"
)

var workspace = filepath.Join(os.Getenv("HOME"), "workspace")

// insideWorkspace resolves a caller-supplied path (symlinks included) and refuses anything outside the workspace.
func insideWorkspace(rel string) (string, error) {
	root, err := filepath.EvalSymlinks(workspace)
	if err != nil {
		return "", err
	}
	target, err := filepath.EvalSymlinks(filepath.Join(root, rel))
	if err != nil {
		return "", err
	}
	if r, err := filepath.Rel(root, target); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", errors.New("path is outside the workspace")
	}
	return target, nil
}

func searchCode(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	dir, err := insideWorkspace(req.GetString("folder", "."))
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	// No shell: grep gets an argument list, and -e keeps a pattern that starts with "-" from becoming an option.
	out, err := exec.CommandContext(ctx, "grep", "-rn", "-e", req.GetString("pattern", ""), "--", dir).Output()
	if err != nil {
		return mcp.NewToolResultError("search failed"), nil
	}
	return mcp.NewToolResultText(string(out)), nil
}

// Fixed templates chosen by name, rendered over data that holds nothing secret.
var reports = map[string]*template.Template{
	"short": template.Must(template.New("short").Parse("workspace: {{.Workspace}}")),
	"long":  template.Must(template.New("long").Parse("workspace: {{.Workspace}}\nfiles: {{.Files}}")),
}

func renderReport(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	tpl, ok := reports[req.GetString("format", "short")]
	if !ok {
		return mcp.NewToolResultError("format must be short or long"), nil
	}
	entries, _ := os.ReadDir(workspace)
	var b strings.Builder
	_ = tpl.Execute(&b, map[string]any{"Workspace": workspace, "Files": len(entries)})
	return mcp.NewToolResultText(b.String()), nil
}

func workspaceReadFile(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	p, err := req.RequireString("path")
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	p, err = insideWorkspace(p)
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return mcp.NewToolResultError("cannot read file"), nil
	}
	return mcp.NewToolResultText(string(data)), nil
}

func weather(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	// The key comes from the environment (or a secret manager), never from the source tree.
	q := url.Values{"q": {req.GetString("city", "")}, "key": {os.Getenv("WEATHER_API_KEY")}}
	resp, err := http.Get("https://api.weather.example.com/v1/current?" + q.Encode())
	if err != nil {
		return mcp.NewToolResultError("weather service unavailable"), nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return mcp.NewToolResultText(string(body)), nil
}

// requireToken checks signature, algorithm, issuer, audience and expiry; a 401 points clients at the metadata.
func requireToken(key *rsa.PublicKey, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		_, err := jwt.Parse(raw, func(*jwt.Token) (any, error) { return key, nil },
			jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuer(issuer), jwt.WithAudience(resource), jwt.WithExpirationRequired())
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer resource_metadata="`+metadataURL+`"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func main() {
	pem, err := os.ReadFile(os.Getenv("ISSUER_PUBLIC_KEY_FILE"))
	if err != nil {
		panic(err)
	}
	key, err := jwt.ParseRSAPublicKeyFromPEM(pem)
	if err != nil {
		panic(err)
	}

	s := server.NewMCPServer("workspace-assistant", "0.4.0")
	s.AddTool(mcp.NewTool("search_code", mcp.WithDescription("Search the workspace for a text pattern and return matching lines."),
		mcp.WithString("pattern", mcp.Required()), mcp.WithString("folder")), searchCode)
	s.AddTool(mcp.NewTool("render_report", mcp.WithDescription("Render a short or long status report of the workspace."),
		mcp.WithString("format", mcp.Enum("short", "long"))), renderReport)
	// A distinctive name, so it cannot be mistaken for the filesystem server's read_file; a plain description.
	s.AddTool(mcp.NewTool("workspace_read_file", mcp.WithDescription("Read a UTF-8 text file from the user's workspace folder (paths are relative to it)."),
		mcp.WithString("path", mcp.Required())), workspaceReadFile)
	s.AddTool(mcp.NewTool("weather", mcp.WithDescription("Current weather for a city."), mcp.WithString("city", mcp.Required())), weather)

	// Protected-resource metadata tells clients which authorization server issues tokens for this resource.
	http.HandleFunc("/.well-known/oauth-protected-resource", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"resource": resource, "authorization_servers": []string{issuer}, "scopes_supported": []string{"workspace"}})
	})
	http.Handle("/mcp", requireToken(key, server.NewStreamableHTTPServer(s)))
	// Loopback only; put a TLS-terminating proxy in front if other machines must reach it.
	_ = http.ListenAndServe("127.0.0.1:8080", nil)
}
