package main

import (
	"context"
	"math/rand"
	"os"
	"strconv"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"golang.org/x/oauth2"
)

var calendarOAuth = &oauth2.Config{
	ClientID:    os.Getenv("CALENDAR_CLIENT_ID"),
	RedirectURL: "http://127.0.0.1:8765/callback",
	Endpoint: oauth2.Endpoint{
		AuthURL:  "https://calendar.example.com/oauth/authorize",
		TokenURL: "https://calendar.example.com/oauth/token",
	},
}

var pending = map[string]string{}

func connectCalendar(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	// math/rand is predictable, so the callback's state check can be forged.
	state := strconv.FormatInt(rand.Int63(), 36)
	pending[state] = req.GetString("user", "")
	return mcp.NewToolResultText(calendarOAuth.AuthCodeURL(state)), nil
}

func main() {
	s := server.NewMCPServer("calendar-connector", "1.0.0")
	s.AddTool(mcp.NewTool("connect_calendar",
		mcp.WithDescription("Return the link the user opens to connect their calendar account."),
		mcp.WithString("user", mcp.Required()),
	), connectCalendar)
	_ = server.ServeStdio(s)
}
