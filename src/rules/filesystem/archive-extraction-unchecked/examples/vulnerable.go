package main

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const downloads = "/srv/datasets/downloads"
const workspace = "/srv/datasets/unpacked"

func unzipTo(archive, dest string) error {
	r, err := zip.OpenReader(archive)
	if err != nil {
		return err
	}
	defer r.Close()
	for _, f := range r.File {
		// A member named "../../home/me/.bashrc" ends up outside dest.
		target := filepath.Join(dest, f.Name)
		if f.FileInfo().IsDir() {
			if err := os.MkdirAll(target, 0o750); err != nil {
				return err
			}
			continue
		}
		if err := writeMember(f, target); err != nil {
			return err
		}
	}
	return nil
}

func writeMember(f *zip.File, target string) error {
	if err := os.MkdirAll(filepath.Dir(target), 0o750); err != nil {
		return err
	}
	src, err := f.Open()
	if err != nil {
		return err
	}
	defer src.Close()
	out, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o640)
	if err != nil {
		return err
	}
	defer out.Close()
	_, err = io.Copy(out, io.LimitReader(src, 1<<30))
	return err
}

func unpackDataset(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := req.GetString("name", "weather")
	if name != "weather" && name != "traffic" {
		return mcp.NewToolResultError("unknown dataset"), nil
	}
	if err := unzipTo(filepath.Join(downloads, name+".zip"), filepath.Join(workspace, name)); err != nil {
		return mcp.NewToolResultError("unpack failed"), nil
	}
	return mcp.NewToolResultText("unpacked " + name), nil
}

func main() {
	s := server.NewMCPServer("dataset-loader", "1.0.0")
	s.AddTool(mcp.NewTool("unpack_dataset", mcp.WithDescription("Unpack a downloaded dataset into the workspace."), mcp.WithString("name", mcp.Enum("weather", "traffic"))), unpackDataset)
	_ = server.ServeStdio(s)
}
