"""ocean-aws resync into Port, end to end: moto (2 accounts x 2 regions) on the AWS side and the
loopback fake Port API (tests/tools/fake_port_api.py) on the other. The first resync creates the
integration and the default blueprints and upserts entities with the exporter User-Agent and
Ocean's query flags; a resource removed between two resyncs loses its entity in Port; a failed
scope protects its kind; an exceeded deletion threshold deletes nothing; the mapping comes from
Port's integration config when no --config-file is given; secrets never reach the output."""
import json
import os
import subprocess
import sys
import urllib.request

import pytest

from conftest import ACCOUNT_A, ACCOUNT_B
from resync_helpers import kind_report, resync_env, run_resync, write_mapping
from ocean_bin import ocean_aws_bin

HERE = os.path.dirname(os.path.abspath(__file__))
FAKE = os.path.join(HERE, "..", "tools", "fake_port_api.py")
IDENTIFIER = "e2e-port"
CLIENT_ID = "e2e-client-id"
CLIENT_SECRET = "e2e-port-secret-Xk42vQ9"
DEFAULT_BLUEPRINTS = {"awsAccount", "s3Bucket", "ec2Instance", "ecsCluster"}
UPSERT_FLAGS = {"upsert": "true", "merge": "true", "create_missing_related_entities": "true",
                "validation_only": "false", "ocean_info_event_type": "resync"}


def binary_version():
    bin_path = ocean_aws_bin()
    out = subprocess.run([bin_path, "version"], capture_output=True, text=True, timeout=30)
    return (out.stdout + out.stderr).split()[-1]


def exporter_agent():
    """The User-Agent Port must see on entity writes; the fake refuses any other."""
    return f"port-ocean/aws-v3/{binary_version()}/{IDENTIFIER}/exporter"


class FakePort:
    """One fake Port API process; state() is its /_fake/state."""

    def __init__(self, *args):
        self.proc = subprocess.Popen(
            [sys.executable, FAKE, "--port", "0", "--identifier", IDENTIFIER, "--client-id",
             CLIENT_ID, "--client-secret", CLIENT_SECRET, "--user-agent", exporter_agent(),
             *args],
            stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().split()
        if len(line) != 2 or line[0] != "READY":
            self.proc.kill()
            pytest.fail(f"the fake Port API did not start: {line}")
        self.url = f"http://127.0.0.1:{line[1]}"

    def state(self):
        with urllib.request.urlopen(self.url + "/_fake/state", timeout=10) as r:
            return json.load(r)

    def stop(self):
        self.proc.kill()
        self.proc.wait(timeout=10)


@pytest.fixture
def port():
    started = []

    def start(*args):
        started.append(FakePort(*args))
        return started[-1]

    yield start
    for p in started:
        p.stop()


def port_env(aws, fake, **extra):
    settings = {"OCEAN__PORT__CLIENT_ID": CLIENT_ID, "OCEAN__PORT__CLIENT_SECRET": CLIENT_SECRET,
                "OCEAN__PORT__BASE_URL": fake.url, "OCEAN__INTEGRATION__IDENTIFIER": IDENTIFIER}
    settings.update(extra)
    return resync_env(aws.endpoint, **settings)


def entities(state, blueprint=None):
    """{(blueprint, identifier): entity} in the fake, optionally of one blueprint."""
    return {(e["blueprint"], e["identifier"]): e for e in state["entities"]
            if blueprint is None or e["blueprint"] == blueprint}


def titles(state, blueprint):
    return {e.get("title") for e in entities(state, blueprint).values()}


def requests(state, method, suffix):
    return [r for r in state["requests"] if r["method"] == method and r["path"].endswith(suffix)]


def rejected(state):
    """Requests the fake refused, except lookups of what does not exist yet (GET 404)."""
    return [(r["method"], r["path"], r["status"]) for r in state["requests"]
            if r["status"] >= 400 and not (r["method"] == "GET" and r["status"] == 404)]


def expected_buckets(aws):
    return {f"arn:aws:s3:::{b['Name']}" for account in (ACCOUNT_A, ACCOUNT_B)
            for b in aws.client("s3", account).list_buckets()["Buckets"]}


def test_first_resync_creates_the_integration_defaults_and_entities(aws, port, tmp_path):
    fake = port()
    code, report, out, err = run_resync(port_env(aws, fake), tmp_path)
    assert code == 0, err
    assert report["status"] == "completed", report
    st = fake.state()
    assert not rejected(st)

    integration = st["integration"]
    assert integration is not None, "the integration was not created"
    created = requests(st, "POST", "/v1/integration")
    assert len(created) == 1
    assert created[0]["body"]["installationAppType"] == "aws-v3"
    assert created[0]["body"]["createPortResourcesOrigin"] == "Default"
    version = created[0]["body"]["version"]
    assert version == binary_version()
    assert integration["arePortResourcesInitialized"] is True
    # The default mapping became the integration's config, and the resync used it.
    kinds = [r["kind"] for r in integration["config"]["resources"]]
    assert "AWS::S3::Bucket" in kinds
    assert DEFAULT_BLUEPRINTS <= set(st["blueprints"])
    bare = [r["body"] for r in requests(st, "POST", "/v1/blueprints")]
    assert all("relations" not in b for b in bare)  # stage 1 creates bare blueprints

    agent = f"port-ocean/aws-v3/{version}/{IDENTIFIER}/exporter"
    buckets = entities(st, "s3Bucket")
    assert set(i for _, i in buckets) == expected_buckets(aws)
    assert {i for _, i in entities(st, "awsAccount")} == {ACCOUNT_A, ACCOUNT_B}
    assert entities(st, "ec2Instance")
    for e in st["entities"]:
        assert e["$datasource"] == agent, e
    bulk = requests(st, "POST", "/entities/bulk")
    assert bulk
    for r in bulk:
        assert r["user_agent"] == agent
        assert {k: r["query"].get(k) for k in UPSERT_FLAGS} == UPSERT_FLAGS
        assert r["query"]["ocean_info_resync_id"] == report["resyncId"]
        assert r["status"] == 200 and 1 <= r["entity_count"] <= 20
    # Calls that are not entity writes carry the agent without "/exporter".
    gets = requests(st, "GET", f"/v1/integration/{IDENTIFIER}")
    assert gets and all(r["user_agent"] == agent[: -len("/exporter")] for r in gets)
    assert [s["status"] for s in st["resync_states"]] == ["running", "completed"]
    assert st["resync_states"][0]["lastResyncStart"]
    assert st["resync_states"][1]["lastResyncEnd"]

    # A second run finds everything in place: no new integration, no blueprint writes.
    code, _, _, err = run_resync(port_env(aws, fake), tmp_path)
    assert code == 0, err
    st2 = fake.state()
    assert not rejected(st2)
    assert len(requests(st2, "POST", "/v1/integration")) == 1
    assert len(requests(st2, "POST", "/v1/blueprints")) == len(bare)
    assert set(entities(st2)) == set(entities(st))


def test_removed_resource_is_deleted_and_failed_scope_protects_its_kind(aws, port, tmp_path):
    fake = port()
    mapping = write_mapping(tmp_path)
    env = port_env(aws, fake)
    sqs = aws.client("sqs", ACCOUNT_B, "eu-west-1")
    doomed = sqs.create_queue(QueueName="e2e-port-doomed")["QueueUrl"]
    kept = sqs.create_queue(QueueName="e2e-port-kept-while-sqs-fails")["QueueUrl"]
    s3 = aws.client("s3", ACCOUNT_A, "us-east-1")
    s3.create_bucket(Bucket="e2e-port-doomed-bucket")

    code, report, _, err = run_resync(env, tmp_path, "--config-file", mapping)
    assert code == 0, err
    st = fake.state()
    assert {"e2e-port-doomed", "e2e-port-kept-while-sqs-fails"} <= titles(st, "sqsQueue")
    assert "e2e-port-doomed-bucket" in titles(st, "s3Bucket")
    assert not requests(st, "POST", "/bulk/entities/delete")

    # Removed while everything answers: deleted in Port on the next resync.
    sqs.delete_queue(QueueUrl=doomed)
    code, report, _, err = run_resync(env, tmp_path, "--config-file", mapping)
    assert code == 0, err
    st = fake.state()
    assert not rejected(st)
    assert "e2e-port-doomed" not in titles(st, "sqsQueue")
    assert "e2e-port-kept-while-sqs-fails" in titles(st, "sqsQueue")
    assert report["reconcile"]["deleted"]["deleted"] == 1
    deletes = requests(st, "POST", "/bulk/entities/delete")
    assert len(deletes) == 1
    assert deletes[0]["path"] == "/v1/blueprints/sqsQueue/bulk/entities/delete"
    assert deletes[0]["query"]["delete_dependents"] == "true"
    assert deletes[0]["user_agent"].endswith(f"/{IDENTIFIER}/exporter")
    # Ownership is listed through datasource-entities with Ocean's prefix and suffix.
    listing = requests(st, "POST", "/v1/blueprints/entities/datasource-entities")
    assert listing[-1]["body"]["datasource_prefix"] == "port-ocean/aws-v3/"
    assert listing[-1]["body"]["datasource_suffix"] == f"/{IDENTIFIER}/exporter"

    # SQS unreachable: its scopes fail, so its stale entity stays; S3 still reconciles.
    sqs.delete_queue(QueueUrl=kept)
    s3.delete_bucket(Bucket="e2e-port-doomed-bucket")
    failing = port_env(aws, fake, AWS_ENDPOINT_URL_SQS="http://127.0.0.1:9", AWS_MAX_ATTEMPTS="1")
    code, report, _, err = run_resync(failing, tmp_path, "--config-file", mapping)
    assert code == 1, err
    assert report["status"] == "failed"
    assert any(s["state"] == "failed" for s in kind_report(report, "AWS::SQS::Queue")["scopes"])
    st = fake.state()
    assert "e2e-port-kept-while-sqs-fails" in titles(st, "sqsQueue")
    assert "e2e-port-doomed-bucket" not in titles(st, "s3Bucket"), report["reconcile"]
    sqs_deletes = [r for r in requests(st, "POST", "/bulk/entities/delete")
                   if r["path"].startswith("/v1/blueprints/sqsQueue/")]
    assert len(sqs_deletes) == 1  # only the second run's
    assert st["resync_states"][-1]["status"] == "failed"


def test_threshold_exceeded_deletes_nothing(aws, port, tmp_path):
    fake = port()
    env = port_env(aws, fake)
    sqs = aws.client("sqs", ACCOUNT_A, "us-east-1")
    url = sqs.create_queue(QueueName="e2e-port-threshold")["QueueUrl"]
    code, _, _, err = run_resync(env, tmp_path, "--config-file", write_mapping(tmp_path))
    assert code == 0, err
    sqs.delete_queue(QueueUrl=url)
    code, report, out, err = run_resync(env, tmp_path, "--config-file",
                                        write_mapping(tmp_path, threshold=0.0))
    assert code == 0, err
    st = fake.state()
    assert not rejected(st)
    assert "e2e-port-threshold" in titles(st, "sqsQueue")
    assert not requests(st, "POST", "/bulk/entities/delete")
    assert report["reconcile"]["deleted"]["deleted"] == 0
    assert "entityDeletionThreshold" in report["reconcile"]["skippedReason"]


PORT_MAPPING = {
    "deleteDependentEntities": True,
    "resources": [{
        "kind": "AWS::SQS::Queue",
        "selector": {"query": '.Properties.QueueUrl | test("e2e-port-from-config")'},
        "port": {"entity": {"mappings": {
            "identifier": ".Properties.QueueArn",
            "title": '.Properties.QueueUrl | split("/") | .[-1]',
            "blueprint": '"sqsQueue"',
            "properties": {"region": ".__ExtraContext.Region"}}}},
    }],
}


def test_mapping_comes_from_port_and_secrets_stay_out_of_the_output(aws, port, tmp_path):
    mapping = tmp_path / "port-mapping.json"
    mapping.write_text(json.dumps(PORT_MAPPING))
    fake = port("--mapping", str(mapping))
    sqs = aws.client("sqs", ACCOUNT_A, "eu-west-1")
    sqs.create_queue(QueueName="e2e-port-from-config")
    aws_secret = "e2e-aws-secret-Mv77pQ2zR"
    env = port_env(aws, fake, AWS_SECRET_ACCESS_KEY=aws_secret,
                   OCEAN__INITIALIZE_PORT_RESOURCES="false")
    # Debug logging: the most verbose output must not leak either.
    cmd = [ocean_aws_bin(), "--log-level", "debug", "resync",
           "--no-progress", "--region", "eu-west-1"]
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    code, out, err = p.returncode, p.stdout, p.stderr
    assert code == 0, err
    st = fake.state()
    assert not rejected(st)
    got = entities(st)
    assert set(b for b, _ in got) == {"sqsQueue"}, sorted(got)
    assert titles(st, "sqsQueue") == {"e2e-port-from-config"}
    assert got[next(iter(got))]["properties"]["region"] == "eu-west-1"
    # initialize resources off: no blueprint created, the flag not set, Port's mapping untouched.
    assert not requests(st, "POST", "/v1/blueprints")
    assert not st["integration"].get("arePortResourcesInitialized")
    assert st["integration"]["config"] == PORT_MAPPING
    assert st["token_requests"] >= 1
    for secret in (CLIENT_SECRET, aws_secret):
        assert secret not in out
        assert secret not in err
    assert "debug" in err.lower(), "the run did not log at debug level"


def test_wrong_port_credentials_fail_clearly_without_echoing_the_secret(aws, port, tmp_path):
    fake = port()
    wrong = "e2e-wrong-secret-Hq93kT"
    env = port_env(aws, fake, OCEAN__PORT__CLIENT_SECRET=wrong)
    code, report, out, err = run_resync(env, tmp_path)
    assert code == 2, err
    assert "OCEAN__PORT__CLIENT_SECRET" in err
    assert wrong not in out and wrong not in err
    st = fake.state()
    assert st["token_requests"] == 1  # a refused token request is not retried
    assert st["integration"] is None and not st["entities"]
