"""Issue 15 point 2 end to end: a CloudFormation type without a native definition is a Cloud
Control kind (data/kinds/cloudcontrol_any.yaml). moto 5.2 has no Cloud Control, so a scripted
server answers cloudcontrol (AWS_ENDPOINT_URL_CLOUDCONTROL) while moto serves S3 and STS.

A first resync exports the type (two pages, one throttled answer, the older integration's
envelope members in the mapping) beside S3 buckets; a second one, in which Cloud Control no longer
knows the type, fails that kind with an error naming it and deletes none of its entities, while
the S3 kind of the same resync completes and reconciles (a bucket deleted meanwhile goes)."""
import http.server
import json
import threading

from conftest import ACCOUNT_A
from resync_helpers import kind_report, resync_env, run_resync, sqlite_entities

TYPE = "AWS::Lightsail::Instance"

MAPPING = """
resources:
  - kind: AWS::S3::Bucket
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .Properties.Arn
          title: .Properties.BucketName
          blueprint: '"s3Bucket"'
  - kind: AWS::Lightsail::Instance
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .__AccountId + "/" + .__Region + "/" + .Identifier
          title: .Properties.InstanceName
          blueprint: '"lightsailInstance"'
          properties:
            state: .Properties.State.Name
            kind: .__Kind
            account: .__ExtraContext.AccountId
"""


class CloudControl(http.server.BaseHTTPRequestHandler):
    mode = "ok"           # "ok": the type lists; "unknown": TypeNotFoundException
    throttled = False     # the first second-page request answers ThrottlingException once
    lock = threading.Lock()

    def _send(self, status, body, error=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        if error:
            self.send_header("x-amzn-ErrorType", error)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        target = self.headers.get("X-Amz-Target", "")
        if target != "CloudApiService.ListResources" or body.get("TypeName") != TYPE:
            return self._send(400, {"__type": "InvalidRequestException", "Message": target},
                              "InvalidRequestException")
        if CloudControl.mode == "unknown":
            return self._send(400, {"__type": "TypeNotFoundException",
                                    "Message": "type not found"}, "TypeNotFoundException")
        def desc(name, state):
            return {"Identifier": name,
                    "Properties": json.dumps({"InstanceName": name, "State": {"Name": state}})}
        if "NextToken" not in body:
            return self._send(200, {"TypeName": TYPE, "NextToken": "p2",
                                    "ResourceDescriptions": [desc("web-1", "running"),
                                                             desc("web-2", "stopped")]})
        with CloudControl.lock:
            throttle = not CloudControl.throttled
            CloudControl.throttled = True
        if throttle:
            return self._send(400, {"__type": "ThrottlingException", "Message": "Rate exceeded"},
                              "ThrottlingException")
        return self._send(200, {"TypeName": TYPE, "ResourceDescriptions": [desc("db-1", "running")]})

    def log_message(self, *args):
        pass


def instances(db):
    return {i: e for (b, i), e in sqlite_entities(db).items() if b == "lightsailInstance"}


def buckets(db):
    return {i for (b, i) in sqlite_entities(db) if b == "s3Bucket"}


def test_cloudcontrol_kind_exports_and_a_failed_type_deletes_nothing(aws, tmp_path):
    s3 = aws.client("s3", ACCOUNT_A, "us-east-1")
    for name in ("e2e-cc-keep", "e2e-cc-gone"):
        s3.create_bucket(Bucket=name)
    config = tmp_path / "pac.yml"
    config.write_text(MAPPING)
    db = str(tmp_path / "catalog.db")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CloudControl)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        env = resync_env(aws.endpoint, AWS_MAX_ATTEMPTS="4",
                         AWS_ENDPOINT_URL_CLOUDCONTROL=f"http://127.0.0.1:{server.server_address[1]}")
        CloudControl.mode = "ok"
        code, report, _, err = run_resync(env, tmp_path, "--config-file", str(config),
                                          "--sqlite-path", db)
        assert code == 0, err
        got = instances(db)
        # Two accounts x two regions x three instances (both pages of every scope).
        assert len(got) == 12, sorted(got)
        one = got[f"{ACCOUNT_A}/us-east-1/web-1"]
        assert one["title"] == "web-1"
        assert one["properties"] == {"state": "running", "kind": TYPE, "account": ACCOUNT_A}
        assert f"{ACCOUNT_A}/eu-west-1/db-1" in got
        assert CloudControl.throttled
        k = kind_report(report, TYPE)
        assert k["complete"] is True

        before_instances = instances(db)
        s3.delete_bucket(Bucket="e2e-cc-gone")
        CloudControl.mode = "unknown"
        code, report, _, err = run_resync(env, tmp_path, "--config-file", str(config),
                                          "--sqlite-path", db)
    finally:
        server.shutdown()
    assert code == 1, err
    assert instances(db) == before_instances  # a failed kind deletes nothing
    k = kind_report(report, TYPE)
    assert k["complete"] is False
    failed = [s for s in k["scopes"] if s["state"] == "failed"]
    assert failed and f"Cloud Control has no type {TYPE}" in failed[0]["error"], k["scopes"]
    # The other kind of the same resync completed and reconciled.
    assert kind_report(report, "AWS::S3::Bucket")["complete"] is True
    left = buckets(db)
    assert "arn:aws:s3:::e2e-cc-keep" in left and "arn:aws:s3:::e2e-cc-gone" not in left
