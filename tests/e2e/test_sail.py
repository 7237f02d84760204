"""ocean-aws sail (Ocean's run modes) end to end on moto, into the SQLite catalog:
ONCE exits 0 after a completed resync and 1 when a scope failed; WEBHOOK serves health and
metrics under OCEAN__PATH_PREFIX and resyncs on POST /resync; SIGTERM during a resync records
the run as aborted, deletes nothing and exits promptly; POLLING (into the fake Port API)
resyncs once per new resync request of Port's."""
import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from conftest import ACCOUNT_A, ACCOUNT_B, REGIONS
from resync_helpers import resync_env, sqlite_entities
from ocean_bin import ocean_aws_bin

# Two kinds are enough to see per-kind series and a kind protected by its failed scopes.
MAPPING = """
resources:
  - kind: AWS::SQS::Queue
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .Properties.QueueArn
          title: .Properties.QueueUrl | split("/") | .[-1]
          blueprint: '"sqsQueue"'
  - kind: AWS::S3::Bucket
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .Properties.Arn
          title: .Properties.BucketName
          blueprint: '"s3Bucket"'
"""


def sail_cmd(tmp_path, mapping_text=MAPPING):
    mapping = tmp_path / "port-app-config.yml"
    mapping.write_text(mapping_text)
    cmd = [ocean_aws_bin(), "sail", "--config-file",
           str(mapping), "--sqlite-path", str(tmp_path / "catalog.db")]
    for r in REGIONS:
        cmd += ["--region", r]
    return cmd + ["--reconcile-narrowed"]  # moto holds resources in REGIONS only


def run_once(aws, tmp_path, **env):
    p = subprocess.run(sail_cmd(tmp_path), env=resync_env(aws.endpoint, OCEAN__EVENT_LISTENER__TYPE="ONCE",
                                                          **env),
                       capture_output=True, text=True, timeout=120, cwd=tmp_path)
    return p.returncode, p.stdout, p.stderr


def runs(db):
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT status FROM runs").fetchall()]
    finally:
        con.close()


def queue_arns(aws):
    out = set()
    for account in (ACCOUNT_A, ACCOUNT_B):
        for region in REGIONS:
            sqs = aws.client("sqs", account, region)
            for url in sqs.list_queues().get("QueueUrls", []):
                out.add(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
                        ["Attributes"]["QueueArn"])
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, method="GET", timeout=60):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request(method, path)
        r = c.getresponse()
        return r.status, r.read().decode()
    finally:
        c.close()


class Sail:
    """A long-running `ocean-aws sail`, its output in files, stopped (SIGKILL) if still alive."""

    def __init__(self, aws, tmp_path, listener, mapping=MAPPING, **env):
        self.port = free_port()
        self.err = open(tmp_path / "sail.err", "w+")
        self.proc = subprocess.Popen(
            sail_cmd(tmp_path, mapping), cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=self.err,
            env=resync_env(aws.endpoint, OCEAN__EVENT_LISTENER__TYPE=listener,
                           APPLICATION__PORT=str(self.port), **env))

    def wait_ready(self, path):
        deadline = time.time() + 20
        while time.time() < deadline:
            assert self.proc.poll() is None, self.stderr()
            try:
                if get(self.port, path, timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise AssertionError("sail never became ready: " + self.stderr())

    def stderr(self):
        self.err.flush()
        self.err.seek(0)
        return self.err.read()

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.err.close()


class SlowProxy:
    """Forwards every request to moto after `delay` seconds; counts the requests received."""

    def __init__(self, upstream, delay):
        target = urllib.parse.urlparse(upstream)
        proxy = self
        self.received = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _forward(self):
                proxy.received.set()
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                time.sleep(delay)
                c = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                headers["Host"] = target.netloc
                c.request(self.command, self.path, body=body, headers=headers)
                r = c.getresponse()
                data = r.read()
                self.send_response(r.status)
                for k, v in r.getheaders():
                    if k.lower() not in ("transfer-encoding", "content-length", "connection"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                c.close()

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_once_exits_0_after_a_completed_resync(aws, tmp_path):
    code, out, err = run_once(aws, tmp_path)
    assert code == 0, err
    db = str(tmp_path / "catalog.db")
    got = sqlite_entities(db)
    assert {i for (b, i) in got if b == "sqsQueue"} == queue_arns(aws)
    assert any(b == "s3Bucket" for (b, _) in got)
    assert runs(db) == ["completed"]
    assert "AWS::SQS::Queue" in out  # the summary table


def test_once_exits_1_when_a_scope_failed(aws, tmp_path):
    code, out, err = run_once(aws, tmp_path, AWS_ENDPOINT_URL_SQS="http://127.0.0.1:9",
                              AWS_MAX_ATTEMPTS="1")
    assert code == 1, err
    db = str(tmp_path / "catalog.db")
    got = sqlite_entities(db)
    assert not any(b == "sqsQueue" for (b, _) in got)
    assert any(b == "s3Bucket" for (b, _) in got)  # the other kind still lands
    assert runs(db) == ["failed"]


def test_webhook_serves_health_metrics_and_resyncs_on_post(aws, tmp_path):
    sail = Sail(aws, tmp_path, "WEBHOOK", OCEAN__PATH_PREFIX="/ocean/")
    try:
        sail.wait_ready("/ocean/health/ready")
        status, body = get(sail.port, "/ocean/health/live")
        assert status == 200 and '"check":"live"' in body
        status, body = get(sail.port, "/ocean/health/ready")
        assert status == 200 and '"check":"ready"' in body
        assert get(sail.port, "/health/live")[0] == 404  # only under the prefix
        assert not os.path.exists(tmp_path / "catalog.db") or not runs(str(tmp_path / "catalog.db"))

        # Ocean's POST /resync has no prefix and answers when the resync has ended.
        status, body = get(sail.port, "/resync", method="POST", timeout=120)
        assert status == 200 and body == "null"
        db = str(tmp_path / "catalog.db")
        assert runs(db) == ["completed"]
        got = sqlite_entities(db)
        assert {i for (b, i) in got if b == "sqsQueue"} == queue_arns(aws)
        # With a prefix set, {prefix}/resync works too.
        status, _ = get(sail.port, "/ocean/resync", method="POST", timeout=120)
        assert status == 200
        assert runs(db) == ["completed", "completed"]

        status, metrics = get(sail.port, "/ocean/metrics")
        assert status == 200
        lines = metrics.splitlines()
        assert any(l.startswith('object_count{kind="AWS::SQS::Queue-0",phase="extract"')
                   for l in lines), metrics
        assert any(l.startswith('duration_seconds{kind="AWS::S3::Bucket-1",phase="resync"}')
                   for l in lines), metrics
        assert any(l.startswith('ocean_aws_aws_requests_total{service="sqs"}') for l in lines)
        assert any(l.startswith('ocean_aws_aws_calls_total{') and 'service="s3"' in l
                   for l in lines)

        sail.proc.send_signal(signal.SIGTERM)
        assert sail.proc.wait(timeout=10) == 0
    finally:
        sail.close()


def test_sigterm_during_a_resync_aborts_it_and_deletes_nothing(aws, tmp_path):
    sqs = aws.client("sqs", ACCOUNT_B, "us-east-1")
    doomed = sqs.create_queue(QueueName="e2e-sail-doomed")["QueueUrl"]
    doomed_arn = sqs.get_queue_attributes(QueueUrl=doomed, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    code, _, err = run_once(aws, tmp_path)
    assert code == 0, err
    db = str(tmp_path / "catalog.db")
    before = sqlite_entities(db)
    assert ("sqsQueue", doomed_arn) in before
    sqs.delete_queue(QueueUrl=doomed)  # a full resync would now delete its entity

    proxy = SlowProxy(aws.endpoint, delay=1.0)
    sail = Sail(aws, tmp_path, "WEBHOOK", AWS_ENDPOINT_URL_SQS=proxy.url)
    try:
        sail.wait_ready("/health/ready")
        resync = threading.Thread(target=lambda: get(sail.port, "/resync", method="POST"),
                                  daemon=True)
        resync.start()
        assert proxy.received.wait(30), "the resync never reached SQS"
        sail.proc.send_signal(signal.SIGTERM)
        start = time.time()
        assert sail.proc.wait(timeout=15) == 0, sail.stderr()
        assert time.time() - start < 10
        assert "SIGTERM received" in sail.stderr()
    finally:
        sail.close()
        proxy.close()
    assert runs(db) == ["completed", "aborted"]
    after = sqlite_entities(db)
    assert ("sqsQueue", doomed_arn) in after
    assert set(before) <= set(after)


S3_ONLY = MAPPING[MAPPING.index("  - kind: AWS::S3::Bucket"):]


def fake_port(*args):
    """The fake Port API (tests/tools/fake_port_api.py); returns (process, base URL)."""
    fake = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools",
                        "fake_port_api.py")
    proc = subprocess.Popen([sys.executable, fake, "--port", "0", "--identifier", "e2e-sail",
                             *args], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().split()
    assert len(line) == 2 and line[0] == "READY", line
    return proc, f"http://127.0.0.1:{line[1]}"


def fake_call(url, path, method="GET"):
    u = urllib.parse.urlparse(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    try:
        c.request(method, path)
        return json.loads(c.getresponse().read())
    finally:
        c.close()


def final_states(url):
    return [s["status"] for s in fake_call(url, "/_fake/state")["resync_states"]
            if s["status"] != "running"]


def wait_for(predicate, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)


def test_polling_resyncs_once_per_new_resync_request(aws, tmp_path):
    # Port already holds a resync request: with no watermark yet it triggers the first resync.
    fake, url = fake_port("--resync-request-updated-at", "2024-05-01T10:00:00.000Z")
    sail = None
    try:
        sail = Sail(aws, tmp_path, "POLLING", mapping="resources:\n" + S3_ONLY,
                    OCEAN__EVENT_LISTENER__INTERVAL="1", OCEAN__PORT__CLIENT_ID="fake-client-id",
                    OCEAN__PORT__CLIENT_SECRET="fake-client-secret", OCEAN__PORT__BASE_URL=url,
                    OCEAN__INTEGRATION__IDENTIFIER="e2e-sail")
        wait_for(lambda: final_states(url) == ["completed"], 30, "the first resync")
        buckets = [e for e in fake_call(url, "/_fake/state")["entities"]
                   if e["blueprint"] == "s3Bucket"]
        assert buckets
        time.sleep(2.5)  # two more polls of the same request: nothing to do
        assert final_states(url) == ["completed"]
        fake_call(url, "/_fake/resync_request", method="POST")  # a newer request
        wait_for(lambda: final_states(url) == ["completed", "completed"], 30, "the second resync")
        polls = [r for r in fake_call(url, "/_fake/state")["requests"]
                 if r["path"].endswith("/resync-request")]
        assert len(polls) >= 3
        sail.proc.send_signal(signal.SIGINT)
        assert sail.proc.wait(timeout=10) == 0, sail.stderr()
    finally:
        if sail:
            sail.close()
        fake.kill()
        fake.wait()


def test_a_newer_webhook_resync_aborts_the_running_one(aws, tmp_path):
    proxy = SlowProxy(aws.endpoint, delay=0.3)
    sail = Sail(aws, tmp_path, "WEBHOOK", AWS_ENDPOINT_URL_SQS=proxy.url)
    try:
        sail.wait_ready("/health/ready")
        first = []
        t = threading.Thread(target=lambda: first.append(get(sail.port, "/resync", method="POST")),
                             daemon=True)
        t.start()
        assert proxy.received.wait(30), "the first resync never reached SQS"
        status, _ = get(sail.port, "/resync", method="POST", timeout=120)  # the newer one
        assert status == 200
        t.join(30)
        assert first and first[0][0] == 200  # Ocean answers 200 for the aborted one too
        db = str(tmp_path / "catalog.db")
        assert runs(db) == ["aborted", "completed"]
        assert {i for (b, i) in sqlite_entities(db) if b == "sqsQueue"} == queue_arns(aws)
        assert "a newer resync was requested" in sail.stderr()
        sail.proc.send_signal(signal.SIGTERM)
        assert sail.proc.wait(timeout=10) == 0
    finally:
        sail.close()
        proxy.close()


def test_once_sigint_during_the_resync_exits_0_with_the_run_aborted(aws, tmp_path):
    proxy = SlowProxy(aws.endpoint, delay=1.0)
    proc = subprocess.Popen(sail_cmd(tmp_path), cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True,
                            env=resync_env(aws.endpoint, OCEAN__EVENT_LISTENER__TYPE="ONCE",
                                           AWS_ENDPOINT_URL_SQS=proxy.url))
    try:
        assert proxy.received.wait(30), "the resync never reached SQS"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=15)
        assert proc.returncode == 0, err
        assert "interrupted (SIGINT)" in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proxy.close()
    assert runs(str(tmp_path / "catalog.db")) == ["aborted"]
