package main

import (
	"context"
	"fmt"
	"os"
	"reflect"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

type facts struct{}

func (facts) Hostname() (string, error) { return os.Hostname() }
func (facts) Workdir() (string, error)  { return os.Getwd() }

// ResetCache is exported for the admin CLI; reflection makes it callable from the tool as well.
func (facts) ResetCache() (string, error) { return "cleared", nil }

func processFact(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := req.GetString("fact", "Hostname")
	method := reflect.ValueOf(facts{}).MethodByName(name)
	if !method.IsValid() {
		return mcp.NewToolResultError("unknown fact"), nil
	}
	out := method.Call(nil)
	return mcp.NewToolResultText(fmt.Sprint(out[0].Interface())), nil
}

func main() {
	s := server.NewMCPServer("process-facts", "1.0.0")
	s.AddTool(mcp.NewTool("process_fact", mcp.WithDescription("Return a fact about the host, such as Hostname or Workdir."), mcp.WithString("fact")), processFact)
	_ = server.ServeStdio(s)
}
