"""`ocean-aws get` for the CodePipeline kinds on moto: stages and actions by their
'<pipeline>/...' ids, found (exit 0, the envelope) or absent (exit 1 and a message)."""
import json
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")


@pytest.fixture(scope="module")
def pipelines(moto_endpoint):
    subprocess.run([sys.executable, os.path.join(HERE, "..", "tools", "moto_seed.py"), "--endpoint",
                    moto_endpoint, "codepipeline"], check=True, stdout=subprocess.DEVNULL)
    return moto_endpoint


def get(endpoint, kind, ident):
    binary = os.path.abspath(os.environ.get("OCEAN_AWS_BIN", os.path.join(ROOT, "build", "ocean-aws")))
    env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
               AWS_EC2_METADATA_DISABLED="true")
    return subprocess.run([binary, "get", "--endpoint-url", endpoint, "--region", "us-east-1",
                           kind, ident], capture_output=True, text=True, timeout=120, env=env)


def test_stage_and_action_by_id(pipelines):
    r = get(pipelines, "AWS::CodePipeline::Stage", "ocean-api/Build")
    assert r.returncode == 0, r.stderr
    stage = json.loads(r.stdout)["Properties"]
    assert (stage["Name"], stage["Order"], stage["PipelineName"]) == ("Build", 2, "ocean-api")
    assert [a["name"] for a in stage["Actions"]] == ["Build", "Test"]
    r = get(pipelines, "AWS::CodePipeline::Action", "ocean-api/Build/Test")
    assert r.returncode == 0, r.stderr
    action = json.loads(r.stdout)["Properties"]
    assert action["ActionTypeId"] == {"Category": "Test", "Owner": "AWS", "Provider": "CodeBuild",
                                      "Version": "1"}
    assert (action["StageName"], action["RunOrder"]) == ("Build", 2)


@pytest.mark.parametrize("kind,ident", [("AWS::CodePipeline::Pipeline", "nope"),
                                        ("AWS::CodePipeline::Stage", "ocean-api/Nope"),
                                        ("AWS::CodePipeline::Stage", "nope/Build"),
                                        ("AWS::CodePipeline::Action", "ocean-api/Build/Nope")])
def test_absent_is_reported(pipelines, kind, ident):
    r = get(pipelines, kind, ident)
    assert r.returncode == 1
    assert f"no {kind} '{ident}'" in r.stderr
    assert r.stdout.strip() == ""
