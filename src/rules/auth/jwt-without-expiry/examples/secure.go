package main

import (
	"context"
	"os"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var linkKey = []byte(os.Getenv("REPORT_LINK_KEY"))

type linkClaims struct {
	Report string `json:"report"`
	Scope  string `json:"scope"`
	jwt.RegisteredClaims
}

func shareReport(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	now := time.Now()
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, linkClaims{
		Report: req.GetString("report_id", ""),
		Scope:  "reports:download",
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   req.GetString("recipient", ""),
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(time.Hour)),
		},
	})
	signed, err := token.SignedString(linkKey)
	if err != nil {
		return mcp.NewToolResultError("could not sign the link"), nil
	}
	return mcp.NewToolResultText("https://reports.example.com/shared/" + signed), nil
}

func main() {
	s := server.NewMCPServer("reports", "1.0.0")
	s.AddTool(mcp.NewTool("share_report",
		mcp.WithDescription("Create a link that lets one recipient download one report for the next hour."),
		mcp.WithString("report_id", mcp.Required()),
		mcp.WithString("recipient", mcp.Required()),
	), shareReport)
	_ = server.ServeStdio(s)
}
