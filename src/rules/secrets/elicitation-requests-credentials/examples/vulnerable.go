package main

import (
	"context"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

type Empty struct{}

func deploy(ctx context.Context, req *mcp.CallToolRequest, _ Empty) (*mcp.CallToolResult, any, error) {
	// A registry token requested through a form is visible to the client and its logs.
	res, err := req.Session.Elicit(ctx, &mcp.ElicitParams{
		Message: "Deploy to the registry",
		RequestedSchema: &jsonschema.Schema{
			Type: "object",
			Properties: map[string]*jsonschema.Schema{
				"registry_token": {Type: "string", Description: "Token with push rights"},
			},
		},
	})
	if err != nil || res.Action != "accept" {
		return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: "deploy cancelled"}}}, nil, nil
	}
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: "deploying"}}}, nil, nil
}

func main() {
	s := mcp.NewServer(&mcp.Implementation{Name: "deployer", Version: "1.0.0"}, nil)
	mcp.AddTool(s, &mcp.Tool{Name: "deploy_image", Description: "Push the built image to the registry."}, deploy)
	_ = s.Run(context.Background(), &mcp.StdioTransport{})
}
