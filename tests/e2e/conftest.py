"""Fixtures for ocean-aws's end-to-end tests: a moto server seeded in two accounts and two
regions, and a runner for the ocean-aws binary (OCEAN_AWS_BIN, set by CTest)."""
import json
import os
import subprocess
import sys

import boto3
import pytest
from ocean_bin import ocean_aws_bin

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.join(HERE, "..", "tools")
ACCOUNT_A = "123456789012"  # moto's default account; also the organization's management account
ACCOUNT_B = "111111111111"
REGIONS = ("us-east-1", "eu-west-1")


@pytest.fixture(scope="session")
def moto_endpoint():
    proc = subprocess.Popen([sys.executable, os.path.join(TOOLS, "moto_server.py")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline().split()
    if len(line) != 2 or line[0] != "PORT":  # fail, never skip: moto is part of the test bed
        proc.kill()
        pytest.fail(f"moto did not start: {line}; run scripts/setup.sh")
    yield f"http://127.0.0.1:{line[1]}"
    proc.stdin.close()
    proc.wait(timeout=10)


def credentials(endpoint, account):
    """Keys acting in `account` (moto maps assumed-role keys to the role's account)."""
    sts = boto3.client("sts", region_name="us-east-1", endpoint_url=endpoint,
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/ocean",
                        RoleSessionName="e2e")["Credentials"]
    return {"aws_access_key_id": c["AccessKeyId"], "aws_secret_access_key": c["SecretAccessKey"],
            "aws_session_token": c["SessionToken"]}


class Aws:
    """boto3 clients per (account, region) against moto: the expected side of every check."""

    def __init__(self, endpoint):
        self.endpoint = endpoint
        self._creds = {a: credentials(endpoint, a) for a in (ACCOUNT_A, ACCOUNT_B)}

    def client(self, service, account, region="us-east-1"):
        return boto3.client(service, region_name=region, endpoint_url=self.endpoint,
                            **self._creds[account])


@pytest.fixture(scope="session")
def aws(moto_endpoint):
    subprocess.run([sys.executable, os.path.join(TOOLS, "moto_seed.py"), "--endpoint",
                    moto_endpoint, "engine"], check=True, stdout=subprocess.DEVNULL)
    a = Aws(moto_endpoint)
    # The engine scenario fills account A in us-east-1 (and EC2 in eu-west-1); add the rest of
    # the 2 accounts x 2 regions grid.
    for account, region, suffix in ((ACCOUNT_A, "eu-west-1", "a-eu"), (ACCOUNT_B, "us-east-1", "b-us"),
                                    (ACCOUNT_B, "eu-west-1", "b-eu")):
        sqs = a.client("sqs", account, region)
        url = sqs.create_queue(QueueName=f"e2e-{suffix}", Attributes={"DelaySeconds": "3"})["QueueUrl"]
        sqs.tag_queue(QueueUrl=url, Tags={"grid": suffix})
        a.client("ecs", account, region).create_cluster(
            clusterName=f"e2e-{suffix}", tags=[{"key": "grid", "value": suffix}])
        ec2 = a.client("ec2", account, region)
        ami = ec2.describe_images()["Images"][0]["ImageId"]
        ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, TagSpecifications=[{
            "ResourceType": "instance", "Tags": [{"Key": "grid", "Value": suffix}]}])
    return a


def run_export(endpoint, kind, *args):
    """Runs `ocean-aws export` over both accounts and regions; returns (envelopes, scopes)."""
    env = dict(os.environ)
    env.update({
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": endpoint,
        "OCEAN__INTEGRATION__CONFIG__ACCOUNT_ROLE_ARNS": json.dumps(
            [f"arn:aws:iam::{ACCOUNT_A}:role/ocean", f"arn:aws:iam::{ACCOUNT_B}:role/ocean"]),
    })
    cmd = [ocean_aws_bin(), "export", "--kind", kind]
    for r in REGIONS:
        cmd += ["--region", r]
    p = subprocess.run(cmd + list(args), env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    envelopes = [json.loads(line) for line in p.stdout.splitlines()]
    scopes = [dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
              for line in p.stderr.splitlines() if line.startswith("scope ")]
    for s in scopes:
        assert s["state"] == "complete", s
    return envelopes, scopes
