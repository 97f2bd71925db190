module example.com/workspace-assistant

go 1.23

require (
	github.com/golang-jwt/jwt/v5 v5.2.2
	github.com/mark3labs/mcp-go v0.32.0
)
