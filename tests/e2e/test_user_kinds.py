"""User-defined kinds, end to end on moto: a kind defined only in a test data file
(tests/e2e/data/kinds/ec2_vpc.yaml) works through `kinds`, `export`, `get` and `resync` into
SQLite; a kind on a service loaded from a botocore models directory works through `export`; a
bad definition exits 2 naming the file and the path inside it."""
import json
import os
import shutil
import subprocess

import botocore

from conftest import ACCOUNT_A, ACCOUNT_B, REGIONS
from resync_helpers import resync_env, run_resync, sqlite_entities
from ocean_bin import ocean_aws_bin

HERE = os.path.dirname(os.path.abspath(__file__))
VPC_KIND = os.path.join(HERE, "data", "kinds", "ec2_vpc.yaml")
KMS_KIND = os.path.join(HERE, "data", "kinds", "kms_key.yaml")
BIN = ocean_aws_bin()

VPC_MAPPING = """
resources:
  - kind: AWS::EC2::VPC
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .Properties.VpcId
          title: .Properties.CidrBlock
          blueprint: '"awsVpc"'
          properties:
            arn: .Properties.Arn
            region: .__ExtraContext.Region
"""


def run(endpoint, *args, **env_extra):
    env = resync_env(endpoint, **env_extra)
    p = subprocess.run([BIN] + list(args), env=env, capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def export(endpoint, kind, *args, **env_extra):
    cmd = ["export", "--kind", kind]
    for r in REGIONS:
        cmd += ["--region", r]
    code, out, err = run(endpoint, *cmd, *args, **env_extra)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def expected_vpcs(aws):
    out = {}
    for account in (ACCOUNT_A, ACCOUNT_B):
        for region in REGIONS:
            for v in aws.client("ec2", account, region).describe_vpcs()["Vpcs"]:
                out[v["VpcId"]] = (account, region, v)
    return out


def test_kinds_lists_the_user_kind(aws):
    code, out, err = run(aws.endpoint, "--custom-kinds-path", VPC_KIND, "kinds")
    assert code == 0, err
    assert "AWS::EC2::VPC\n  default: DescribeVpcsAction\n  optional: DescribeVpcAttributeAction" in out
    assert "AWS::SQS::Queue" in out  # built-in kinds stay


def test_export_of_a_user_kind_matches_boto3(aws):
    envs = export(aws.endpoint, "AWS::EC2::VPC", "--include", "DescribeVpcAttributeAction",
                  OCEAN__INTEGRATION__CONFIG__CUSTOM_KINDS_PATH=VPC_KIND)
    vpcs = expected_vpcs(aws)
    assert vpcs, "moto has default VPCs"
    mine = {e["Properties"]["VpcId"]: e for e in envs}
    assert sorted(mine) == sorted(vpcs)
    for vpc_id, (account, region, v) in vpcs.items():
        e = mine[vpc_id]
        assert e["Type"] == "AWS::EC2::VPC"
        assert e["__ExtraContext"] == {"AccountId": account, "Region": region}
        p = e["Properties"]
        assert list(p)[:2] == ["VpcId", "Arn"]  # the definition's propertyOrder
        assert p["Arn"] == f"arn:aws:ec2:{region}:{account}:vpc/{vpc_id}"
        assert p["CidrBlock"] == v["CidrBlock"]
        attr = aws.client("ec2", account, region).describe_vpc_attribute(
            VpcId=vpc_id, Attribute="enableDnsSupport")
        assert p["EnableDnsSupport"] == attr["EnableDnsSupport"]["Value"]


def test_get_of_a_user_kind(aws):
    vpc_id, (account, region, v) = next(
        (k, x) for k, x in expected_vpcs(aws).items() if x[0] == ACCOUNT_A)
    code, out, err = run(aws.endpoint, "--custom-kinds-path", VPC_KIND, "get", "AWS::EC2::VPC",
                         vpc_id, "--region", region)
    assert code == 0, err
    got = json.loads(out)
    assert got["Properties"]["VpcId"] == vpc_id
    assert got["Properties"]["Arn"].endswith(f":vpc/{vpc_id}")


def test_resync_of_a_user_kind_into_sqlite(aws, tmp_path):
    mapping = tmp_path / "port-app-config.yml"
    mapping.write_text(VPC_MAPPING)
    db = str(tmp_path / "catalog.db")
    env = resync_env(aws.endpoint, OCEAN__INTEGRATION__CONFIG__CUSTOM_KINDS_PATH=VPC_KIND)
    code, report, out, err = run_resync(env, tmp_path, "--config-file", str(mapping),
                                        "--sqlite-path", db)
    assert code == 0, err
    got = sqlite_entities(db)
    vpcs = expected_vpcs(aws)
    stored = {i: e for (b, i), e in got.items() if b == "awsVpc"}
    assert sorted(stored) == sorted(vpcs)
    for vpc_id, (account, region, _) in vpcs.items():
        assert stored[vpc_id]["properties"]["region"] == region
        assert stored[vpc_id]["properties"]["arn"] == f"arn:aws:ec2:{region}:{account}:vpc/{vpc_id}"


def test_user_kind_on_a_service_from_a_botocore_models_directory(aws, tmp_path):
    models = tmp_path / "models"
    shutil.copytree(os.path.join(os.path.dirname(botocore.__file__), "data", "kms"),
                    models / "kms")
    kms = aws.client("kms", ACCOUNT_A, "eu-west-1")
    key = kms.create_key(Description="user kind e2e")["KeyMetadata"]
    envs = export(aws.endpoint, "AWS::KMS::Key",
                  OCEAN__INTEGRATION__CONFIG__CUSTOM_KINDS_PATH=KMS_KIND,
                  OCEAN__INTEGRATION__CONFIG__AWS_MODELS_PATH=str(models))
    mine = {e["Properties"]["KeyId"]: e["Properties"] for e in envs}
    assert key["KeyId"] in mine
    assert mine[key["KeyId"]]["KeyArn"] == key["Arn"]
    assert mine[key["KeyId"]]["Description"] == "user kind e2e"


def test_a_kind_on_an_unknown_service_says_where_it_looked(aws, tmp_path):
    # kms is embedded since issue 15: a service no model folder has stands in for it.
    kind = tmp_path / "kms_key.yaml"
    kind.write_text(open(KMS_KIND).read().replace("service: kms", "service: nosuchsvc"))
    code, out, err = run(aws.endpoint, "--custom-kinds-path", str(kind), "kinds")
    assert code == 2
    assert "kms_key.yaml: kind AWS::KMS::Key: /service: unknown AWS service 'nosuchsvc'" in err
    assert "embedded models" in err and "awsModelsPath" in err


def test_a_bad_definition_exits_2_before_any_aws_call(aws, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(open(VPC_KIND).read().replace("DescribeVpcAttribute", "ModifyVpcAttribute"))
    code, out, err = run(aws.endpoint, "export", "--kind", "AWS::EC2::VPC",
                         OCEAN__INTEGRATION__CONFIG__CUSTOM_KINDS_PATH=str(bad))
    assert code == 2
    assert f"{bad}: kind AWS::EC2::VPC: /actions/1/call/operation: operation " \
           "ec2.ModifyVpcAttribute is not a read-only operation" in err
    assert out == ""
