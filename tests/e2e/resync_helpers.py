"""Helpers for the resync end-to-end tests: a mapping for every implemented kind, the process
environment that points ocean-aws at moto over two accounts, and a runner that returns the
exit status, the report and the captured output."""
import json
import os
import sqlite3
import subprocess

from conftest import ACCOUNT_A, ACCOUNT_B
from ocean_bin import ocean_aws_bin

# Every kind we implement, mapped the way upstream's examples map them (keys as in §4.3).
ALL_KINDS_MAPPING = """
deleteDependentEntities: true
createMissingRelatedEntities: true
entityDeletionThreshold: {threshold}
resources:
  - kind: AWS::Account::Info
    selector: {{query: 'true'}}
    port:
      entity:
        mappings:
          identifier: .Properties.Id
          title: .Properties.Name
          blueprint: '"awsAccount"'
  - kind: AWS::S3::Bucket
    selector: {{query: 'true'}}
    port:
      entity:
        mappings:
          identifier: .Properties.Arn
          title: .Properties.BucketName
          blueprint: '"s3Bucket"'
          properties:
            arn: .Properties.Arn
            tags: .Properties.Tags
          relations:
            account: .__ExtraContext.AccountId
  - kind: AWS::EC2::Instance
    selector: {{query: 'true'}}
    port:
      entity:
        mappings:
          identifier: .Properties.InstanceId
          title: .Properties.InstanceId
          blueprint: '"ec2Instance"'
          properties:
            state: .Properties.State.Name
            arn: '"arn:aws:ec2:" + .__ExtraContext.Region + ":" + .__ExtraContext.AccountId + ":instance/" + .Properties.InstanceId'
          relations:
            account: .__ExtraContext.AccountId
  - kind: AWS::ECS::Cluster
    selector: {{query: 'true'}}
    port:
      entity:
        mappings:
          identifier: .Properties.ClusterArn
          title: .Properties.ClusterName
          blueprint: '"ecsCluster"'
          properties:
            status: .Properties.Status
  - kind: AWS::SQS::Queue
    selector: {{query: '.Properties.QueueUrl | test("skipped-by-selector") | not'}}
    port:
      entity:
        mappings:
          identifier: .Properties.QueueArn
          title: .Properties.QueueUrl | split("/") | .[-1]
          blueprint: '"sqsQueue"'
          properties:
            region: .__ExtraContext.Region
            delay: .Properties.DelaySeconds
  - kind: AWS::Organizations::Account
    selector: {{query: 'true'}}
    port:
      entity:
        mappings:
          identifier: .Properties.Id
          title: .Properties.Name
          blueprint: '"organizationsAccount"'
"""


def write_mapping(tmp_path, threshold=0.9):
    path = tmp_path / "port-app-config.yml"
    path.write_text(ALL_KINDS_MAPPING.format(threshold=threshold))
    return str(path)


def resync_env(endpoint, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("OCEAN__")}
    env.update({
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": endpoint,
        "OCEAN__INTEGRATION__CONFIG__ACCOUNT_ROLE_ARNS": json.dumps(
            [f"arn:aws:iam::{ACCOUNT_A}:role/ocean", f"arn:aws:iam::{ACCOUNT_B}:role/ocean"]),
    })
    env.update(extra)
    return env


def run_resync(env, tmp_path, *args, timeout=600, regions=("us-east-1", "eu-west-1"),
               reconcile_narrowed=True):
    """Runs `ocean-aws resync`; returns (exit status, report dict, stdout, stderr).

    moto holds resources in REGIONS only, so by default the run is narrowed to them and
    reconciles as if they were every region (--reconcile-narrowed)."""
    report = tmp_path / "report.json"
    if report.exists():
        report.unlink()
    cmd = [ocean_aws_bin(), "resync", "--no-progress",
           "--report-json", str(report)]
    for r in regions:
        cmd += ["--region", r]
    if reconcile_narrowed:
        cmd.append("--reconcile-narrowed")
    p = subprocess.run(cmd + list(args), env=env, capture_output=True, text=True,
                       timeout=timeout, cwd=tmp_path)
    data = json.loads(report.read_text()) if report.exists() else None
    return p.returncode, data, p.stdout, p.stderr


def sqlite_entities(path):
    """{(blueprint, identifier): entity dict} from the SQLite catalog."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT blueprint, identifier, entity_json FROM entities").fetchall()
    finally:
        con.close()
    return {(b, i): json.loads(e) for b, i, e in rows}


def kind_report(report, kind):
    return next(k for k in report["kinds"] if k["kind"] == kind)
