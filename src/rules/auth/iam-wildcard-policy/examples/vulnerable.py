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
    # "Temporary" full S3 access: the job (and anyone who can steer this tool) can read or delete every bucket.
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
    iam.put_role_policy(RoleName=role, PolicyName="reports", PolicyDocument=json.dumps(policy))
    return f"created {role}"


if __name__ == "__main__":
    mcp.run()
