"""`ocean-aws events` from the binary (issue 12 point 7): the example port-app-config's kinds and
--all give EventBridge rules whose patterns match exactly the events the kind definitions map,
and a user-defined kind's own mapping joins them; the CloudFormation output is a template whose
rules target the webhook's API destination or an SQS queue."""
import json
import os
import subprocess

import yaml
from ocean_bin import ocean_aws_bin

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
BINARY = ocean_aws_bin()


def events(*args, env=None):
    r = subprocess.run([BINARY, "events", *args], capture_output=True, text=True, timeout=60,
                       env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    return json.loads(r.stdout), r.stderr


def mapped_events(paths):
    """{eventSource: {eventName}} of the definitions' `events:`."""
    out = {}
    for p in paths:
        for m in (yaml.safe_load(open(p)).get("events") or []):
            out.setdefault(m["source"], set()).update(m["names"])
    return out


def test_all_rules_match_the_kind_definitions():
    doc, _ = events("--all")
    got = {}
    for rule in doc["rules"]:
        p = rule["eventPattern"]
        assert p["detail-type"] == ["AWS API Call via CloudTrail", "AWS Service Event via CloudTrail"]
        (source,) = p["detail"]["eventSource"]
        assert p["source"] == ["aws." + source.split(".")[0]]
        got[source] = set(p["detail"]["eventName"])
    kinds = os.path.join(ROOT, "data", "kinds")
    want = mapped_events(os.path.join(kinds, f) for f in os.listdir(kinds) if f.endswith(".yaml"))
    assert got == want


def test_example_config_and_a_user_kind(tmp_path):
    kind = tmp_path / "vpc.yaml"
    kind.write_text("""
kind: AWS::EC2::VPC
service: ec2
list: {operation: DescribeVpcs, items: Vpcs, identity: VpcId, properties: item}
get: {operation: DescribeVpcs, params: {VpcIds: ["{id}"]}, asListing: true}
events:
  - {source: ec2.amazonaws.com, names: [CreateVpc], action: upsert, identifiers: [responseElements.vpc.vpcId]}
  - {source: ec2.amazonaws.com, names: [DeleteVpc], action: delete, identifiers: [requestParameters.vpcId]}
deleteStub: {VpcId: "{id}"}
""")
    config = tmp_path / "pac.yml"
    config.write_text("""
resources:
  - kind: AWS::EC2::VPC
    selector: {query: 'true'}
    port: {entity: {mappings: {identifier: .Properties.VpcId, blueprint: '"vpc"'}}}
  - kind: AWS::EC2::Volume
    selector: {query: 'true'}
    port: {entity: {mappings: {identifier: .Properties.VolumeId, blueprint: '"ebs"'}}}
""")
    env = dict(os.environ, OCEAN__INTEGRATION__CONFIG__CUSTOM_KINDS_PATH=str(kind))
    doc, _ = events("--config-file", str(config), env=env)
    (rule,) = doc["rules"]
    assert rule["kinds"] == ["AWS::EC2::VPC", "AWS::EC2::Volume"]
    names = rule["eventPattern"]["detail"]["eventName"]
    assert "CreateVpc" in names and "DeleteVpc" in names and "CreateVolume" in names


def test_cloudformation_targets():
    config = os.path.join(ROOT, "examples", "all-kinds", "port-app-config.yml")
    webhook, _ = events("--config-file", config, "--format", "cloudformation")
    types = {r["Type"] for r in webhook["Resources"].values()}
    assert {"AWS::Events::Connection", "AWS::Events::ApiDestination", "AWS::IAM::Role",
            "AWS::Events::Rule"} <= types
    sqs, _ = events("--config-file", config, "--format", "cloudformation", "--target", "sqs")
    rules = [k for k, r in sqs["Resources"].items() if r["Type"] == "AWS::Events::Rule"]
    assert rules
    policy = sqs["Resources"]["OceanAwsEventsQueuePolicy"]["Properties"]["PolicyDocument"]
    arns = policy["Statement"][0]["Condition"]["ArnEquals"]["aws:SourceArn"]
    assert sorted(a["Fn::GetAtt"][0] for a in arns) == sorted(rules)
