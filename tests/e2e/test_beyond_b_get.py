"""`ocean-aws get` for issue 15's group-B kinds on moto: an existing resource comes back as its
envelope (with its identity), a missing one is absent ("error: no <kind> '<id>'", exit 1), never
a failure. Log groups and resource groups are left out: moto 5.2 ignores DescribeLogGroups'
logGroupIdentifiers and reads only GetGroup's deprecated GroupName (see their goldens)."""
import json
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
import moto_seed_beyond_b as seeds  # noqa: E402
from ocean_bin import ocean_aws_bin


def binary():
    return ocean_aws_bin()


@pytest.fixture(scope="module")
def moto():
    proc = subprocess.Popen([sys.executable, os.path.join(HERE, "..", "tools", "moto_server.py")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline().split()
    if len(line) != 2 or line[0] != "PORT":
        proc.kill()
        pytest.fail(f"moto did not start: {line}; run scripts/setup.sh")
    endpoint = f"http://127.0.0.1:{line[1]}"
    made = {}
    for name in ("iam", "route53", "kms", "secrets", "cloudwatch_logs", "efs", "kinesis", "cognito"):
        made[name] = seeds.SCENARIOS[name](endpoint)
    yield endpoint, made
    proc.stdin.close()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def get(endpoint, kind, ident):
    env = dict(os.environ)
    env.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": endpoint})
    return subprocess.run([binary(), "get", kind, ident, "--region", "us-east-1"], env=env,
                          capture_output=True, text=True, timeout=120)


def cases(made):
    kms = made["kms"]["us-east-1"][0]
    return [
        ("AWS::IAM::Role", "ocean-app", "RoleName", "nosuch-role"),
        ("AWS::IAM::User", "ocean-dev", "UserName", "nosuch-user"),
        ("AWS::IAM::Policy", made["iam"]["policy"], "Arn", "arn:aws:iam::123456789012:policy/nosuch"),
        ("AWS::Route53::HostedZone", made["route53"]["zones"][0].split("/")[-1], "Id", "ZNOSUCH"),
        ("AWS::KMS::Key", f"arn:aws:kms:us-east-1:123456789012:key/{kms}", "Arn",
         "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000"),
        ("AWS::SecretsManager::Secret", made["secrets"]["us-east-1"], "ARN", "nosuch/secret"),
        ("AWS::SSM::Parameter", "/ocean/db/host", "Name", "/nosuch/parameter"),
        ("AWS::CloudWatch::Alarm", "ocean-cpu-high", "AlarmName", "nosuch-alarm"),
        ("AWS::EFS::FileSystem", made["efs"]["us-east-1"][0], "FileSystemId", "fs-00000000"),
        ("AWS::Kinesis::Stream", made["kinesis"]["us-east-1"], "StreamARN",
         "arn:aws:kinesis:us-east-1:123456789012:stream/nosuch"),
        ("AWS::Cognito::UserPool", made["cognito"]["us-east-1"][0], "Id", "us-east-1_nosuch"),
    ]


def test_get_finds_existing_and_reports_missing_as_absent(moto):
    endpoint, made = moto
    for kind, ident, prop, missing in cases(made):
        p = get(endpoint, kind, ident)
        assert p.returncode == 0, (kind, p.stderr)
        env = json.loads(p.stdout)
        assert env["Type"] == kind
        assert ident.split("/")[-1] in str(env["Properties"][prop]), (kind, env["Properties"])
        p = get(endpoint, kind, missing)
        assert p.returncode == 1, (kind, missing, p.stdout, p.stderr)
        assert f"error: no {kind} '{missing}'" in p.stderr, (kind, p.stderr)
