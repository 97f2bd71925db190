import { App, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "stack-synth", version: "1.0.0" });

server.registerTool(
  "synth_report_stack",
  { description: "Synthesize the CloudFormation template of a team's report stack.", inputSchema: { team: z.string().regex(/^[a-z0-9-]+$/) } },
  async ({ team }) => {
    const app = new App();
    const stack = new Stack(app, `reports-${team}`);
    const role = new iam.Role(stack, "JobRole", { assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com") });
    // Administrator access for a job that only writes report files.
    role.addToPolicy(new iam.PolicyStatement({ actions: ["*"], resources: ["*"] }));
    const template = app.synth().getStackByName(stack.stackName).template;
    return { content: [{ type: "text", text: JSON.stringify(template) }] };
  },
);

await server.connect(new StdioServerTransport());
