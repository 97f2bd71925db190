import json

import boto3
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("sandbox-provisioner")
iam = boto3.client("iam")

TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


@mcp.tool()
def create_report_role(team: str) -> str:
    """Create the IAM role a team's nightly report job runs as."""
    role = f"report-job-{team}"
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(TRUST))
    # Only what the job does: write its own prefix of the reports bucket.
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["s3:PutObject"], "Resource": f"arn:aws:s3:::acme-reports/{team}/*"},
        ],
    }
    iam.put_role_policy(RoleName=role, PolicyName="reports", PolicyDocument=json.dumps(policy))
    return f"created {role}"


if __name__ == "__main__":
    mcp.run()
