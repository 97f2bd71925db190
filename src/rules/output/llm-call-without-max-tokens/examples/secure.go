package main

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	openai "github.com/sashabaranov/go-openai"
)

var client = openai.NewClient("") // key read from the environment in real code

func classify(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	ticket := req.GetString("ticket", "")
	resp, err := client.CreateChatCompletion(ctx, openai.ChatCompletionRequest{
		Model: openai.GPT4oMini,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: "Answer with one label: bug, feature or question."},
			{Role: openai.ChatMessageRoleUser, Content: ticket},
		},
		// A label needs a handful of tokens.
		MaxCompletionTokens: 16,
	})
	if err != nil || len(resp.Choices) == 0 {
		return mcp.NewToolResultError("classification failed"), nil
	}
	return mcp.NewToolResultText(resp.Choices[0].Message.Content), nil
}

func main() {
	s := server.NewMCPServer("triage", "1.0.0")
	s.AddTool(mcp.NewTool("classify_ticket", mcp.WithDescription("Label a support ticket."), mcp.WithString("ticket", mcp.Required(), mcp.MaxLength(8000))), classify)
	_ = server.ServeStdio(s)
}
