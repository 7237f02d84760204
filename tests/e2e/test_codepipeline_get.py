"""The CodePipeline kinds on moto through the binary: `ocean-aws get` of stages and actions by
their '<pipeline>/...' ids, found (exit 0, the envelope) or absent (exit 1 and a message); and a
resync mapping Pipeline, Stage and Action (run concurrently, createMissingRelatedEntities) that
makes one GetPipeline per pipeline, counted by a forwarding proxy in front of moto."""
import http.server
import json
import os
import subprocess
import sys
import threading
import urllib.request

import yaml

import pytest
from ocean_bin import ocean_aws_bin

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")


@pytest.fixture(scope="module")
def pipelines(moto_endpoint):
    subprocess.run([sys.executable, os.path.join(HERE, "..", "tools", "moto_seed.py"), "--endpoint",
                    moto_endpoint, "codepipeline"], check=True, stdout=subprocess.DEVNULL)
    return moto_endpoint


def get(endpoint, kind, ident):
    binary = ocean_aws_bin()
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


class CountingProxy:
    """Forwards every request to `upstream` and counts them by X-Amz-Target."""

    def __init__(self, upstream):
        self.counts = {}
        lock = threading.Lock()
        counts = self.counts

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                target = self.headers.get("X-Amz-Target", "")
                with lock:
                    counts[target] = counts.get(target, 0) + 1
                req = urllib.request.Request(upstream + self.path, data=body, method="POST",
                                             headers={k: v for k, v in self.headers.items()
                                                      if k.lower() not in ("host", "content-length")})
                try:
                    resp = urllib.request.urlopen(req, timeout=60)
                    status, headers, data = resp.status, resp.headers.items(), resp.read()
                except urllib.error.HTTPError as e:
                    status, headers, data = e.code, e.headers.items(), e.read()
                self.send_response(status)
                for k, v in headers:
                    if k.lower() not in ("content-length", "transfer-encoding", "connection",
                                         "server", "date"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()


def test_resync_makes_one_get_pipeline_per_pipeline(pipelines, tmp_path):
    proxy = CountingProxy(pipelines)
    try:
        config = {"createMissingRelatedEntities": True, "resources": []}
        all_kinds = yaml.safe_load(open(os.path.join(ROOT, "examples", "all-kinds",
                                                     "port-app-config.yml")))
        for r in all_kinds["resources"]:
            if r["kind"] in ("AWS::CodePipeline::Pipeline", "AWS::CodePipeline::Stage",
                             "AWS::CodePipeline::Action"):
                config["resources"].append(r)
        (tmp_path / "mapping.yml").write_text(yaml.safe_dump(config))
        binary = ocean_aws_bin()
        env = {k: v for k, v in os.environ.items() if not k.startswith("OCEAN__")}
        env.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                   AWS_EC2_METADATA_DISABLED="true", AWS_ENDPOINT_URL=proxy.url)
        p = subprocess.run([binary, "resync", "--no-progress", "--region", "us-east-1",
                            "--region", "eu-west-1", "--sqlite-path", str(tmp_path / "c.db"),
                            "--config-file", str(tmp_path / "mapping.yml"),
                            "--report-json", str(tmp_path / "report.json")],
                           env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)
        assert p.returncode == 0, p.stderr
        report = json.loads((tmp_path / "report.json").read_text())
        resources = {k["kind"]: k["raw"] for k in report["kinds"]}
        assert all(k["complete"] for k in report["kinds"]), report["kinds"]
        assert resources == {"AWS::CodePipeline::Pipeline": 3, "AWS::CodePipeline::Stage": 7,
                             "AWS::CodePipeline::Action": 8}
        # 3 pipelines (2 in us-east-1, 1 in eu-west-1): 3 GetPipeline, not 9.
        assert proxy.counts.get("CodePipeline_20150709.GetPipeline") == 3, proxy.counts
        assert proxy.counts.get("CodePipeline_20150709.ListPipelines") == 6, proxy.counts
    finally:
        proxy.close()
