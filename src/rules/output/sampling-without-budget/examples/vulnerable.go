package main

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func explain(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	code := req.GetString("code", "")
	srv := server.ServerFromContext(ctx)
	// No MaxTokens: the request carries no budget at all.
	res, err := srv.RequestSampling(ctx, mcp.CreateMessageRequest{
		CreateMessageParams: mcp.CreateMessageParams{
			Messages: []mcp.SamplingMessage{{Role: mcp.RoleUser, Content: mcp.TextContent{Type: "text", Text: "Explain this code:\n" + code}}},
		},
	})
	if err != nil {
		return mcp.NewToolResultError("sampling failed"), nil
	}
	if text, ok := res.Content.(mcp.TextContent); ok {
		return mcp.NewToolResultText(text.Text), nil
	}
	return mcp.NewToolResultText(""), nil
}

func main() {
	s := server.NewMCPServer("explainer", "1.0.0")
	s.EnableSampling()
	s.AddTool(mcp.NewTool("explain_code", mcp.WithDescription("Explain a code snippet."), mcp.WithString("code", mcp.Required(), mcp.MaxLength(8000))), explain)
	_ = server.ServeStdio(s)
}
