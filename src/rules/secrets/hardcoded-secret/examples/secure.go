package main

import (
	"context"
	"log"
	"os"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/slack-go/slack"
)

var api *slack.Client

func postMessage(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	channel := req.GetString("channel", "")
	text := req.GetString("text", "")
	if _, _, err := api.PostMessageContext(ctx, channel, slack.MsgOptionText(text, false)); err != nil {
		log.Printf("slack post failed: %v", err)
		return mcp.NewToolResultError("could not post the message"), nil
	}
	return mcp.NewToolResultText("sent"), nil
}

func main() {
	token := os.Getenv("SLACK_BOT_TOKEN")
	if token == "" {
		log.Fatal("SLACK_BOT_TOKEN is not set")
	}
	api = slack.New(token)
	s := server.NewMCPServer("slack-poster", "1.0.0")
	s.AddTool(mcp.NewTool("post_message", mcp.WithDescription("Post a message to a Slack channel."), mcp.WithString("channel"), mcp.WithString("text")), postMessage)
	_ = server.ServeStdio(s)
}
