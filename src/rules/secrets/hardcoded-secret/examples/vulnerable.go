package main

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/slack-go/slack"
)

const slackBotToken = "xoxb-528662306422-0061246719699-PkLlKsttqYHHggnJ1n1ob61j"

func postMessage(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	api := slack.New(slackBotToken)
	channel := req.GetString("channel", "")
	text := req.GetString("text", "")
	if _, _, err := api.PostMessageContext(ctx, channel, slack.MsgOptionText(text, false)); err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	return mcp.NewToolResultText("sent"), nil
}

func main() {
	s := server.NewMCPServer("slack-poster", "1.0.0")
	s.AddTool(mcp.NewTool("post_message", mcp.WithDescription("Post a message to a Slack channel."), mcp.WithString("channel"), mcp.WithString("text")), postMessage)
	_ = server.ServeStdio(s)
}
