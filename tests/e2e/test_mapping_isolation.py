"""Mapping can never take the process down (issue 9): jq mappings run in worker processes.
A mapping that crashes libjq or never ends on one resource costs that resource only: the resync
maps the others, reports the item, keeps the kind incomplete (nothing of it is deleted) and
exits 1; in `sail`, /health/live keeps answering during a runaway mapping and SIGTERM ends the
process (and its workers) within seconds, as it ends `resync` (exit 3, aborted); `ocean-aws map`
reports crashing and looping lines and maps the others."""
import json
import os
import signal
import subprocess
import threading
import time

from conftest import ACCOUNT_B, REGIONS
from resync_helpers import kind_report, resync_env, run_resync, sqlite_entities
from test_sail import Sail, get, runs
from ocean_bin import ocean_aws_bin

MAPPING = """
resources:
  - kind: AWS::SQS::Queue
    selector: {{query: 'true'}}
    port:
      entity:
        mappings:
          identifier: .Properties.QueueArn
          title: .Properties.QueueUrl | split("/") | .[-1]
          blueprint: '"sqsQueue"'
          properties:
            probe: 'if (.Properties.QueueUrl | endswith("{poisoned}")) then ({poison}) else "ok" end'
  - kind: AWS::S3::Bucket
    selector: {{query: 'true'}}
    port:
      entity:
        mappings:
          identifier: .Properties.Arn
          title: .Properties.BucketName
          blueprint: '"s3Bucket"'
"""


def write(tmp_path, poisoned="-never-", poison='"x"'):
    path = tmp_path / "port-app-config.yml"
    path.write_text(MAPPING.format(poisoned=poisoned, poison=poison))
    return str(path)


def children(pid):
    out = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as f:
            out += [int(p) for p in f.read().split()]
    return out


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def seed_and_delete_a_queue(aws, tmp_path, env):
    """A clean resync that records a queue, which is then deleted in AWS: a complete resync would
    now delete its entity."""
    sqs = aws.client("sqs", ACCOUNT_B, "us-east-1")
    url = sqs.create_queue(QueueName="e2e-map-doomed")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    code, report, _, err = run_resync(env, tmp_path, "--config-file", write(tmp_path),
                                      "--sqlite-path", str(tmp_path / "catalog.db"))
    assert code == 0, err
    assert ("sqsQueue", arn) in sqlite_entities(str(tmp_path / "catalog.db"))
    sqs.delete_queue(QueueUrl=url)
    return arn


def test_a_crashing_mapping_fails_only_its_item_and_deletes_nothing(aws, tmp_path):
    env = resync_env(aws.endpoint)
    doomed = seed_and_delete_a_queue(aws, tmp_path, env)
    db = str(tmp_path / "catalog.db")
    code, report, _, err = run_resync(
        env, tmp_path, "--config-file", write(tmp_path, "e2e-b-eu", "1e300 | todate"),
        "--sqlite-path", db)
    assert code == 1, err  # failed, not crashed
    sqs = kind_report(report, "AWS::SQS::Queue")
    assert sqs["complete"] is False
    assert sqs["failedItems"] == 1
    errors = [e for e in sqs["mapErrors"] if e["field"] == "mapping"]
    assert len(errors) == 1 and "crashed the mapping worker" in errors[0]["message"], sqs
    assert errors[0]["item"].endswith(":e2e-b-eu"), errors[0]
    assert kind_report(report, "AWS::S3::Bucket")["complete"] is True
    got = sqlite_entities(db)
    assert ("sqsQueue", doomed) in got  # the kind is incomplete: nothing of it deleted
    probes = {i: e["properties"]["probe"] for (b, i), e in got.items() if b == "sqsQueue"}
    assert sum(1 for p in probes.values() if p == "ok") >= 3  # the other queues were mapped


def test_a_runaway_mapping_times_out_its_item(aws, tmp_path):
    env = resync_env(aws.endpoint, OCEAN__PROCESS_IN_QUEUE_TIMEOUT="2")
    db = str(tmp_path / "catalog.db")
    start = time.time()
    code, report, _, err = run_resync(
        env, tmp_path, "--config-file", write(tmp_path, "e2e-a-eu", "def f: f; f"),
        "--sqlite-path", db, timeout=120)
    assert code == 1, err
    assert time.time() - start < 60
    sqs = kind_report(report, "AWS::SQS::Queue")
    assert sqs["complete"] is False and sqs["failedItems"] == 1
    messages = [e["message"] for e in sqs["mapErrors"] if e["field"] == "mapping"]
    assert len(messages) == 1 and "did not finish within 2 s" in messages[0], sqs


def test_sail_stays_live_during_a_runaway_mapping_and_sigterm_ends_it(aws, tmp_path):
    write(tmp_path, "e2e-a-eu", "def f: f; f")
    sail = Sail(aws, tmp_path, "WEBHOOK",
                mapping=(tmp_path / "port-app-config.yml").read_text())
    try:
        sail.wait_ready("/health/live")
        threading.Thread(target=lambda: get(sail.port, "/resync", method="POST", timeout=300),
                         daemon=True).start()
        deadline = time.time() + 60
        workers = []
        while not workers and time.time() < deadline:  # mapping has started in a worker
            workers = children(sail.proc.pid)
            time.sleep(0.05)
        assert workers, sail.stderr()
        time.sleep(2)  # the runaway item is now looping (the deadline is 120 s)
        for _ in range(10):
            t = time.time()
            status, body = get(sail.port, "/health/live", timeout=2)
            assert status == 200, body
            assert time.time() - t < 1
            time.sleep(0.1)
        status, metrics = get(sail.port, "/metrics", timeout=2)
        assert status == 200
        sail.proc.send_signal(signal.SIGTERM)
        start = time.time()
        assert sail.proc.wait(timeout=15) == 0, sail.stderr()
        assert time.time() - start < 10
        time.sleep(0.2)
        assert not any(alive(p) for p in workers)
    finally:
        sail.close()
    assert runs(str(tmp_path / "catalog.db")) == ["aborted"]


def test_the_map_command_survives_crashing_and_looping_items(tmp_path):
    config = tmp_path / "map.yml"
    config.write_text("""
resources:
  - kind: AWS::S3::Bucket
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .Name
          blueprint: '"b"'
          properties:
            x: 'if .crash then (1e300 | todate) elif .loop then (def f: f; f) else "ok" end'
""")
    lines = "".join(json.dumps(item) + "\n" for item in (
        {"Name": "a"}, {"Name": "b", "crash": True}, {"Name": "c", "loop": True}, {"Name": "d"}))
    p = subprocess.run([ocean_aws_bin(), "map", "--config",
                        str(config), "--kind", "AWS::S3::Bucket", "--timeout", "2"],
                       input=lines, capture_output=True, text=True, timeout=60)
    assert p.returncode == 1, p.stderr
    assert [json.loads(l)["identifier"] for l in p.stdout.splitlines()] == ["a", "d"]
    assert "line 2:" in p.stderr and "crashed the mapping worker" in p.stderr
    assert "line 3:" in p.stderr and "did not finish within 2 s" in p.stderr


def test_sigterm_ends_a_resync_stuck_in_a_runaway_mapping_within_seconds(aws, tmp_path):
    cmd = [ocean_aws_bin(), "resync", "--no-progress",
           "--config-file", write(tmp_path, "e2e-a-eu", "def f: f; f"),
           "--sqlite-path", str(tmp_path / "catalog.db"), "--report-json", str(tmp_path / "r.json")]
    for r in REGIONS:
        cmd += ["--region", r]
    err = open(tmp_path / "resync.err", "w+")
    proc = subprocess.Popen(cmd, env=resync_env(aws.endpoint), cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=err)
    try:
        deadline = time.time() + 60
        workers = []
        while not workers and time.time() < deadline and proc.poll() is None:
            workers = children(proc.pid)
            time.sleep(0.05)
        assert workers, "no mapping worker started"
        time.sleep(2)  # the runaway item is looping (deadline 120 s)
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        start = time.time()
        assert proc.wait(timeout=15) == 3  # aborted
        assert time.time() - start < 5
        time.sleep(0.2)
        assert not any(alive(p) for p in workers)
    finally:
        if proc.poll() is None:
            proc.kill()
        err.close()
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["status"] == "aborted"
