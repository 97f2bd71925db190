package main

import (
	"context"
	"os"

	"github.com/golang-jwt/jwt/v5"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var linkKey = []byte(os.Getenv("REPORT_LINK_KEY"))

func shareReport(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	// The claims carry no "exp": the link never stops working.
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub":    req.GetString("recipient", ""),
		"report": req.GetString("report_id", ""),
		"scope":  "reports:download",
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
		mcp.WithDescription("Create a link that lets one recipient download one report."),
		mcp.WithString("report_id", mcp.Required()),
		mcp.WithString("recipient", mcp.Required()),
	), shareReport)
	_ = server.ServeStdio(s)
}
