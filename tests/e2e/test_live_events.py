"""Live events end to end on moto (issue 12): `ocean-aws sail` takes CloudTrail-shaped events
through its webhook and from an SQS queue in moto, fetches the resource from moto through the
kind's get and writes the SQLite catalog (and the fake Port API).

Covered: the API key (missing, wrong); malformed JSON, a payload that is no CloudTrail envelope,
an unmapped event and an event with errorCode (counted, ignored); an SQS queue created, changed
and deleted in moto with the matching events -> the catalog follows; a delete of an entity that
does not exist; the same through an SQS queue, with messages deleted only once applied; kill -9
while SQS messages are being processed, then a restart -> every event applied, the queue
drained; a live event during a resync is not deleted by that resync (a later resync does); the
same into the fake Port API; a user-defined kind with its own event mappings, where an upsert
whose fetch finds nothing deletes; a security group named only by groupName (get.byName)."""
import json
import os
import signal
import threading
import time
import uuid

from conftest import ACCOUNT_A
from resync_helpers import sqlite_entities
from test_sail import Sail, SlowProxy, get, runs
from ocean_bin import ocean_aws_bin

API_KEY = "live-events-test-key"
HEADER = "x-port-aws-ocean-api-key"

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
          properties:
            delay: .Properties.DelaySeconds
            region: .__ExtraContext.Region
"""


def envelope(name, params=None, response=None, region="us-east-1", error=None):
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    detail = {"eventVersion": "1.08", "eventTime": now, "eventSource": "sqs.amazonaws.com",
              "eventName": name, "awsRegion": region, "recipientAccountId": ACCOUNT_A,
              "requestParameters": params, "responseElements": response,
              "eventID": str(uuid.uuid4())}
    if error:
        detail["errorCode"] = error
        detail["errorMessage"] = "denied"
    return {"version": "0", "id": str(uuid.uuid4()), "detail-type": "AWS API Call via CloudTrail",
            "source": "aws.sqs", "account": ACCOUNT_A, "time": now, "region": region,
            "resources": [], "detail": detail}


def post(port, body, key=API_KEY, raw=None):
    import http.client
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Content-Type": "application/json"}
        if key is not None:
            headers[HEADER] = key
        c.request("POST", "/integration/webhook", raw if raw is not None else json.dumps(body),
                  headers)
        r = c.getresponse()
        return r.status, r.read().decode()
    finally:
        c.close()


def metric(port, name, **labels):
    _, text = get(port, "/metrics")
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    total = 0.0
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        key, _, value = line.rpartition(" ")
        if key == name or (key.startswith(name + "{") and (not want or want in key)):
            total += float(value)
    return total


def wait_for(check, timeout=30, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        got = check()
        if got:
            return got
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def queue_arn(sqs, url):
    return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def entity(db, arn):
    if not os.path.exists(db):
        return None
    return sqlite_entities(db).get(("sqsQueue", arn))


def start(aws, tmp_path, **env):
    sail = Sail(aws, tmp_path, "WEBHOOK", mapping=MAPPING,
                OCEAN__INTEGRATION__CONFIG__LIVE_EVENTS_API_KEY=API_KEY,
                OCEAN__LIVE_EVENTS_WINDOW_MS="50", **env)
    sail.wait_ready("/health/ready")
    return sail


def test_webhook_refuses_bad_keys_and_payloads_and_ignores_failed_or_unmapped_calls(aws, tmp_path):
    sail = start(aws, tmp_path)
    try:
        body = envelope("CreateQueue", {"queueName": "x"}, {"queueUrl": "http://nope/1/x"})
        assert post(sail.port, body, key=None)[0] == 401
        assert post(sail.port, body, key="wrong")[0] == 401
        status, text = post(sail.port, None, raw="{not json")
        assert status == 400 and "malformed JSON" in text, text
        status, text = post(sail.port, {"hello": "world"})
        assert status == 400 and "CloudTrail" in text, text
        status, text = post(sail.port, envelope("ListQueues", {}))
        assert status == 200 and text == '{"status":"ok"}'
        assert metric(sail.port, "ocean_aws_live_events_ignored_total", reason="unmapped") == 1
        status, _ = post(sail.port, envelope("DeleteQueue", {"queueUrl": "http://x/1/q"},
                                             error="AccessDenied"))
        assert status == 200
        assert metric(sail.port, "ocean_aws_live_events_ignored_total", reason="error_code") == 1
        assert metric(sail.port, "ocean_aws_live_events_ignored_total", reason="unauthorized") == 2
        assert metric(sail.port, "ocean_aws_live_events_queued_total") == 0
    finally:
        sail.close()


def test_webhook_create_change_delete_follow_moto(aws, tmp_path):
    sqs = aws.client("sqs", ACCOUNT_A, "us-east-1")
    name = "live-" + uuid.uuid4().hex[:8]
    db = str(tmp_path / "catalog.db")
    sail = start(aws, tmp_path)
    try:
        url = sqs.create_queue(QueueName=name)["QueueUrl"]
        arn = queue_arn(sqs, url)
        assert post(sail.port, envelope("CreateQueue", {"queueName": name},
                                        {"queueUrl": url}))[0] == 200
        got = wait_for(lambda: entity(db, arn), what="the created queue in the catalog")
        assert got["title"] == name and got["properties"]["region"] == "us-east-1"
        assert str(got["properties"]["delay"]) == "0"

        sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "7"})
        assert post(sail.port, envelope("SetQueueAttributes",
                                        {"queueUrl": url, "attributes": {"DelaySeconds": "7"}}))[0] == 200
        wait_for(lambda: str((entity(db, arn) or {}).get("properties", {}).get("delay")) == "7",
                 what="the changed delay")

        sqs.delete_queue(QueueUrl=url)
        assert post(sail.port, envelope("DeleteQueue", {"queueUrl": url}))[0] == 200
        wait_for(lambda: entity(db, arn) is None, what="the deleted queue gone")

        # A delete of an entity the catalog never had: applied, nothing fails.
        ghost = url.rsplit("/", 1)[0] + "/never-existed-" + uuid.uuid4().hex[:6]
        before = metric(sail.port, "ocean_aws_live_events_applied_total", action="delete")
        assert post(sail.port, envelope("DeleteQueue", {"queueUrl": ghost}))[0] == 200
        wait_for(lambda: metric(sail.port, "ocean_aws_live_events_applied_total",
                                action="delete") == before + 1, what="the ghost delete applied")
        assert metric(sail.port, "ocean_aws_live_events_failed_total") == 0
        assert metric(sail.port, "ocean_aws_live_events_lag_seconds_count") >= 4

        sail.proc.send_signal(signal.SIGTERM)
        assert sail.proc.wait(timeout=20) == 0
    finally:
        sail.close()


def _events_queue(aws, name):
    sqs = aws.client("sqs", ACCOUNT_A, "us-east-1")
    dlq = sqs.create_queue(QueueName=name + "-dlq")["QueueUrl"]
    redrive = json.dumps({"deadLetterTargetArn": queue_arn(sqs, dlq), "maxReceiveCount": "3"})
    url = sqs.create_queue(QueueName=name, Attributes={"RedrivePolicy": redrive})["QueueUrl"]
    return sqs, url, dlq


def _in_flight(sqs, url):
    a = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=[
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
    return int(a["ApproximateNumberOfMessages"]) + int(a["ApproximateNumberOfMessagesNotVisible"])


def test_sqs_delivery_applies_then_deletes_and_survives_kill_9(aws, tmp_path):
    name = "live-events-" + uuid.uuid4().hex[:6]
    sqs, events_url, dlq = _events_queue(aws, name)
    db = str(tmp_path / "catalog.db")
    created = []
    env = dict(OCEAN__INTEGRATION__CONFIG__LIVE_EVENTS_SQS_QUEUE_URL=events_url,
               OCEAN__LIVE_EVENTS_SQS_WAIT_SECONDS="1",
               OCEAN__LIVE_EVENTS_SQS_VISIBILITY_SECONDS="3")
    try:
        for i in range(12):
            url = sqs.create_queue(QueueName=f"{name}-r{i}")["QueueUrl"]
            created.append(url)
        sqs.send_message(QueueUrl=events_url, MessageBody="{poison")  # never deleted by us
        for url in created:
            sqs.send_message(QueueUrl=events_url, MessageBody=json.dumps(
                envelope("CreateQueue", {"queueName": url.rsplit("/", 1)[1]}, {"queueUrl": url})))
        # First run: killed with SIGKILL as soon as it has applied anything.
        sail = start(aws, tmp_path, **env)
        try:
            wait_for(lambda: metric(sail.port, "ocean_aws_live_events_applied_total") >= 1,
                     what="a first applied event")
            sail.proc.send_signal(signal.SIGKILL)
            sail.proc.wait(timeout=10)
        finally:
            sail.close()
        # Second run: what was not deleted comes back (visibility timeout) and is applied.
        sail = start(aws, tmp_path, **env)
        try:
            arns = [queue_arn(sqs, u) for u in created]
            wait_for(lambda: all(entity(db, a) for a in arns), timeout=60,
                     what="every queue in the catalog")
            # Everything but the poison message is deleted from the events queue, which goes
            # to the dead-letter queue after maxReceiveCount receives.
            wait_for(lambda: _in_flight(sqs, events_url) == 0 and _in_flight(sqs, dlq) == 1,
                     timeout=60, what="the events queue drained, the poison in the DLQ")
            assert "is poison" in sail.stderr()
            assert len([k for k in sqlite_entities(db) if k[0] == "sqsQueue"]) == len(arns)
        finally:
            sail.close()
    finally:
        for url in created + [events_url, dlq]:
            try:
                sqs.delete_queue(QueueUrl=url)
            except Exception:
                pass


def test_live_event_during_a_resync_is_not_deleted_by_it(aws, tmp_path):
    # The resync covers us-east-1 and eu-west-1 (reconciling as if they were all regions); the
    # live event writes a queue of us-west-2, which that resync never lists: it is stale for it,
    # but written after it began, so it must survive; a resync started afterwards deletes it.
    proxy = SlowProxy(aws.endpoint, 0.3)
    sqs = aws.client("sqs", ACCOUNT_A, "us-west-2")
    name = "live-during-" + uuid.uuid4().hex[:6]
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = queue_arn(sqs, url)
    db = str(tmp_path / "catalog.db")
    sail = Sail(aws, tmp_path, "WEBHOOK", mapping=MAPPING, AWS_ENDPOINT_URL=proxy.url,
                OCEAN__INTEGRATION__CONFIG__LIVE_EVENTS_API_KEY=API_KEY,
                OCEAN__LIVE_EVENTS_WINDOW_MS="0")
    try:
        sail.wait_ready("/health/ready")
        result = {}
        t = threading.Thread(target=lambda: result.setdefault(
            "r", get(sail.port, "/resync", method="POST", timeout=300)))
        t.start()
        wait_for(lambda: os.path.exists(db) and runs(db) == ["running"], what="the resync running")
        assert post(sail.port, envelope("CreateQueue", {"queueName": name}, {"queueUrl": url},
                                        region="us-west-2"))[0] == 200
        wait_for(lambda: entity(db, arn), timeout=60, what="the live event applied")
        t.join(timeout=300)
        assert result["r"][0] == 200
        assert runs(db) == ["completed"]
        assert entity(db, arn), "the resync deleted what a live event wrote during it"
        # A resync that starts after the live write reconciles it like any stale entity.
        assert get(sail.port, "/resync", method="POST", timeout=300)[0] == 200
        assert entity(db, arn) is None
    finally:
        sail.close()
        proxy.close()
        sqs.delete_queue(QueueUrl=url)


def test_webhook_into_the_fake_port_api(aws, tmp_path):
    from test_resync_port import FakePort, entities, port_env
    fake = FakePort()
    sqs = aws.client("sqs", ACCOUNT_A, "us-east-1")
    name = "live-port-" + uuid.uuid4().hex[:6]
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = queue_arn(sqs, url)
    mapping = tmp_path / "port-app-config.yml"
    mapping.write_text(MAPPING)
    env = port_env(aws, fake, OCEAN__EVENT_LISTENER__TYPE="WEBHOOK",
                   OCEAN__INTEGRATION__CONFIG__LIVE_EVENTS_API_KEY=API_KEY,
                   OCEAN__LIVE_EVENTS_WINDOW_MS="0")
    from test_sail import free_port
    import subprocess
    port = free_port()
    env["APPLICATION__PORT"] = str(port)
    err = open(tmp_path / "sail.err", "w+")
    proc = subprocess.Popen([ocean_aws_bin(), "sail",
                             "--config-file", str(mapping)], cwd=tmp_path, env=env,
                            stdout=subprocess.DEVNULL, stderr=err)
    try:
        wait_for(lambda: _ready(port), what="sail ready")
        assert post(port, envelope("CreateQueue", {"queueName": name}, {"queueUrl": url}))[0] == 200
        wait_for(lambda: ("sqsQueue", arn) in entities(fake.state()), what="the entity in Port")
        writes = [r for r in fake.state()["requests"] if r["path"].endswith("/entities/bulk")]
        assert writes and all(r["query"].get("ocean_info_event_type") == "live_event"
                              for r in writes), writes
        sqs.delete_queue(QueueUrl=url)
        assert post(port, envelope("DeleteQueue", {"queueUrl": url}))[0] == 200
        wait_for(lambda: ("sqsQueue", arn) not in entities(fake.state()),
                 what="the entity gone from Port")
    finally:
        proc.kill()
        proc.wait()
        err.close()
        fake.stop()


def _ready(port):
    try:
        return get(port, "/health/ready", timeout=2)[0] == 200
    except OSError:
        return False


VPC_KIND = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "kinds",
                        "ec2_vpc_live.yaml")
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
"""


def ec2_envelope(name, params, response=None):
    e = envelope(name, params, response)
    e["source"] = "aws.ec2"
    e["detail"]["eventSource"] = "ec2.amazonaws.com"
    return e


def test_a_user_defined_kind_with_its_own_event_mappings(aws, tmp_path):
    # A kind defined only in a data file, with `events:`; an upsert whose fetch finds nothing
    # (the VPC is gone) deletes the entity.
    ec2 = aws.client("ec2", ACCOUNT_A, "us-east-1")
    db = str(tmp_path / "catalog.db")
    sail = Sail(aws, tmp_path, "WEBHOOK", mapping=VPC_MAPPING,
                OCEAN__INTEGRATION__CONFIG__LIVE_EVENTS_API_KEY=API_KEY,
                OCEAN__INTEGRATION__CONFIG__CUSTOM_KINDS_PATH=VPC_KIND,
                OCEAN__LIVE_EVENTS_WINDOW_MS="0")
    vpc_id = ec2.create_vpc(CidrBlock="10.77.0.0/16")["Vpc"]["VpcId"]
    try:
        sail.wait_ready("/health/ready")
        assert post(sail.port, ec2_envelope("CreateVpc", {"cidrBlock": "10.77.0.0/16"},
                                            {"vpc": {"vpcId": vpc_id}}))[0] == 200
        got = wait_for(lambda: os.path.exists(db) and
                       sqlite_entities(db).get(("awsVpc", vpc_id)), what="the VPC entity")
        assert got["title"] == "10.77.0.0/16"
        ec2.delete_vpc(VpcId=vpc_id)
        vpc_id_deleted = vpc_id
        vpc_id = None
        # An upsert event for a VPC that no longer exists: the get finds nothing -> delete.
        assert post(sail.port, ec2_envelope("ModifyVpcAttribute",
                                            {"vpcId": vpc_id_deleted,
                                             "enableDnsSupport": {"value": True}}))[0] == 200
        wait_for(lambda: ("awsVpc", vpc_id_deleted) not in sqlite_entities(db),
                 what="the VPC entity deleted")
    finally:
        sail.close()
        if vpc_id:
            ec2.delete_vpc(VpcId=vpc_id)


def test_webhook_event_accepted_then_kill_9_is_applied_after_restart(aws, tmp_path):
    """The webhook answers only once the event is in its on-disk journal: killed with SIGKILL
    after the answer and before the apply (AWS is slow), the next start applies it."""
    sqs = aws.client("sqs", ACCOUNT_A, "us-east-1")
    name = "live-journal-" + uuid.uuid4().hex[:6]
    db = str(tmp_path / "catalog.db")
    journal = tmp_path / "state" / "webhook.journal"
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = queue_arn(sqs, url)
    proxy = SlowProxy(aws.endpoint, 5.0)  # every SQS call of the first run takes 5 s
    try:
        sail = start(aws, tmp_path, AWS_ENDPOINT_URL_SQS=proxy.url,
                     OCEAN__LIVE_EVENTS_JOURNAL_PATH=str(journal))
        try:
            status, text = post(sail.port, envelope("CreateQueue", {"queueName": name},
                                                    {"queueUrl": url}))
            assert status == 200 and text == '{"status":"ok"}', text
            assert journal.stat().st_size > 0
            assert proxy.received.wait(10), "the apply never reached AWS"
            assert entity(db, arn) is None  # not applied yet
            sail.proc.send_signal(signal.SIGKILL)
            sail.proc.wait(timeout=10)
        finally:
            sail.close()
        assert entity(db, arn) is None
        # Restarted (AWS fast again): the journaled event is applied, and then marked applied.
        sail = start(aws, tmp_path, OCEAN__LIVE_EVENTS_JOURNAL_PATH=str(journal))
        try:
            got = wait_for(lambda: entity(db, arn), what="the journaled event applied")
            assert got["title"] == name
            assert "accepted but not applied before the last stop" in sail.stderr()
            sail.proc.send_signal(signal.SIGTERM)
            assert sail.proc.wait(timeout=20) == 0
        finally:
            sail.close()
        # A third start has nothing left to replay.
        sail = start(aws, tmp_path, OCEAN__LIVE_EVENTS_JOURNAL_PATH=str(journal))
        try:
            time.sleep(1)
            assert "accepted but not applied" not in sail.stderr()
            assert metric(sail.port, "ocean_aws_live_events_queued_total") == 0
        finally:
            sail.close()
    finally:
        proxy.close()
        sqs.delete_queue(QueueUrl=url)


def test_event_for_a_deleted_queue_deletes_its_entity_instead_of_a_partial_one(aws, tmp_path):
    """A queue URL needs no call to be a queue's identity: GetQueueAttributes' answer
    (NonExistentQueue, the action's absentOn) is what tells that the queue is gone. Any event
    naming it then deletes the entity; no entity without attributes is ever written."""
    sqs = aws.client("sqs", ACCOUNT_A, "us-east-1")
    name = "live-gone-" + uuid.uuid4().hex[:6]
    db = str(tmp_path / "catalog.db")
    sail = start(aws, tmp_path)
    try:
        url = sqs.create_queue(QueueName=name)["QueueUrl"]
        arn = queue_arn(sqs, url)
        assert post(sail.port, envelope("CreateQueue", {"queueName": name},
                                        {"queueUrl": url}))[0] == 200
        wait_for(lambda: entity(db, arn), what="the created queue in the catalog")
        sqs.delete_queue(QueueUrl=url)
        # An upsert event (late SetQueueAttributes) for the queue that is gone: a delete.
        before = metric(sail.port, "ocean_aws_live_events_applied_total", action="delete")
        assert post(sail.port, envelope("SetQueueAttributes", {"queueUrl": url}))[0] == 200
        wait_for(lambda: entity(db, arn) is None, what="the gone queue's entity deleted")
        assert metric(sail.port, "ocean_aws_live_events_applied_total",
                      action="delete") == before + 1
        # A CreateQueue event of a queue deleted since: nothing is written.
        other = "live-gone-" + uuid.uuid4().hex[:6]
        other_url = sqs.create_queue(QueueName=other)["QueueUrl"]
        other_arn = queue_arn(sqs, other_url)
        sqs.delete_queue(QueueUrl=other_url)
        assert post(sail.port, envelope("CreateQueue", {"queueName": other},
                                        {"queueUrl": other_url}))[0] == 200
        wait_for(lambda: metric(sail.port, "ocean_aws_live_events_applied_total",
                                action="delete") == before + 2, what="the second event applied")
        assert entity(db, other_arn) is None
        assert not [k for k in sqlite_entities(db) if k[0] == "sqsQueue" and other in k[1]] \
            if os.path.exists(db) else True
        assert metric(sail.port, "ocean_aws_live_events_failed_total") == 0
    finally:
        sail.close()


CRASHING_MAPPING = """
resources:
  - kind: AWS::SQS::Queue
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .Properties.QueueArn
          title: 'if (.Properties.QueueUrl | endswith("-boom")) then (1e300 | todate) else (.Properties.QueueUrl | split("/") | .[-1]) end'
          blueprint: '"sqsQueue"'
"""


def test_a_live_event_whose_mapping_crashes_its_worker_fails_alone(aws, tmp_path):
    """The mapping runs in the worker pool: the crash fails that event (counted by reason, one
    log line naming the kind, the queue and why), sail keeps running, the next event applies."""
    sqs = aws.client("sqs", ACCOUNT_A, "us-east-1")
    stem = "live-" + uuid.uuid4().hex[:6]
    db = str(tmp_path / "catalog.db")
    sail = Sail(aws, tmp_path, "WEBHOOK", mapping=CRASHING_MAPPING,
                OCEAN__INTEGRATION__CONFIG__LIVE_EVENTS_API_KEY=API_KEY,
                OCEAN__LIVE_EVENTS_WINDOW_MS="50")
    sail.wait_ready("/health/ready")
    try:
        boom = sqs.create_queue(QueueName=stem + "-boom")["QueueUrl"]
        fine = sqs.create_queue(QueueName=stem + "-fine")["QueueUrl"]
        assert post(sail.port, envelope("CreateQueue", {"queueName": stem + "-boom"},
                                        {"queueUrl": boom}))[0] == 200
        wait_for(lambda: metric(sail.port, "ocean_aws_live_events_failed_total",
                                reason="mapping_worker") == 1, what="the crashing event failed")
        assert sail.proc.poll() is None
        assert post(sail.port, envelope("CreateQueue", {"queueName": stem + "-fine"},
                                        {"queueUrl": fine}))[0] == 200
        got = wait_for(lambda: entity(db, queue_arn(sqs, fine)), what="the next event applied")
        assert got["title"] == stem + "-fine"
        assert entity(db, queue_arn(sqs, boom)) is None
        assert metric(sail.port, "ocean_aws_live_events_failed_total") == 1
        log = sail.stderr()
        assert f"live event for AWS::SQS::Queue '{boom}'" in log, log
        assert "crashed the mapping worker" in log, log
    finally:
        sail.close()


def test_a_webhook_journal_that_cannot_be_opened_stops_sail_at_startup(aws, tmp_path):
    """No durability, no webhook: exit 2 naming the path and the OS error, no port opened."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    sail = Sail(aws, tmp_path, "WEBHOOK", mapping=MAPPING,
                OCEAN__INTEGRATION__CONFIG__LIVE_EVENTS_API_KEY=API_KEY,
                OCEAN__LIVE_EVENTS_JOURNAL_PATH=str(blocker / "journal"))
    try:
        assert sail.proc.wait(timeout=30) == 2
        err = sail.stderr()
        assert str(blocker) in err and "Not a directory" in err, err
        assert "OCEAN__LIVE_EVENTS_JOURNAL_PATH" in err, err
        try:
            get(sail.port, "/health", timeout=2)
            assert False, "sail served HTTP without its journal"
        except OSError:
            pass
    finally:
        sail.close()


IAM_MAPPING = """
resources:
  - kind: AWS::IAM::Role
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .Properties.Arn
          title: .Properties.RoleName
          blueprint: '"iamRole"'
          properties:
            path: .Properties.Path
"""

TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def iam_envelope(name, role_name):
    body = envelope(name, {"roleName": role_name})
    body["source"] = "aws.iam"
    body["detail"]["eventSource"] = "iam.amazonaws.com"
    return body


def test_delete_role_with_a_path_removes_the_entity_a_resync_wrote(aws, tmp_path):
    # DeleteRole names only the role; the entity is identified by the ARN, which holds the path
    # (/team/). The resync remembers each role's identity (deleteIdentity), so the delete finds
    # the ARN; a DeleteRole for a name never seen deletes nothing (no guessed ARN) and is counted.
    iam = aws.client("iam", ACCOUNT_A, "us-east-1")
    tag = uuid.uuid4().hex[:6]
    gone, kept, live = f"gone-{tag}", f"kept-{tag}", f"live-{tag}"
    arns = {n: iam.create_role(RoleName=n, Path="/team/", AssumeRolePolicyDocument=TRUST)
            ["Role"]["Arn"] for n in (gone, kept)}
    assert arns[gone].endswith(f":role/team/{gone}")
    db = str(tmp_path / "catalog.db")
    sail = Sail(aws, tmp_path, "WEBHOOK", mapping=IAM_MAPPING,
                OCEAN__INTEGRATION__CONFIG__LIVE_EVENTS_API_KEY=API_KEY,
                OCEAN__LIVE_EVENTS_WINDOW_MS="0")
    roles = lambda: {i: e for (b, i), e in sqlite_entities(db).items() if b == "iamRole"}
    try:
        sail.wait_ready("/health/ready")
        assert get(sail.port, "/resync", method="POST", timeout=300)[0] == 200
        assert arns[gone] in roles() and arns[kept] in roles()
        before = set(roles())

        iam.delete_role(RoleName=gone)
        assert post(sail.port, iam_envelope("DeleteRole", gone))[0] == 200
        wait_for(lambda: arns[gone] not in roles(), what="the deleted role's entity gone")
        assert set(roles()) == before - {arns[gone]}

        # A name no resync or live event has seen: nothing deleted, counted with its reason.
        assert post(sail.port, iam_envelope("DeleteRole", f"never-seen-{tag}"))[0] == 200
        wait_for(lambda: metric(sail.port, "ocean_aws_live_events_ignored_total",
                                reason="identity_unknown") == 1, what="the unknown delete counted")
        assert set(roles()) == before - {arns[gone]}
        assert metric(sail.port, "ocean_aws_live_events_failed_total") == 0
        assert f"never-seen-{tag}" in sail.stderr() and "nothing deleted" in sail.stderr()

        # A role created after the resync: the live fetch remembers it for its delete.
        live_arn = iam.create_role(RoleName=live, Path="/live/x/",
                                   AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
        assert post(sail.port, iam_envelope("CreateRole", live))[0] == 200
        wait_for(lambda: live_arn in roles(), what="the created role in the catalog")
        iam.delete_role(RoleName=live)
        assert post(sail.port, iam_envelope("DeleteRole", live))[0] == 200
        wait_for(lambda: live_arn not in roles(), what="the live-created role's entity gone")
        assert arns[kept] in roles()
    finally:
        sail.close()
        for n in (gone, kept, live):
            try:
                iam.delete_role(RoleName=n)
            except Exception:
                pass


SG_MAPPING = """
resources:
  - kind: AWS::EC2::SecurityGroup
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .Properties.GroupId
          title: .Properties.GroupName
          blueprint: '"awsSg"'
"""


def test_an_event_naming_a_security_group_only_by_name_upserts_that_group(aws, tmp_path):
    # AuthorizeSecurityGroupIngress may name a default-VPC group by groupName alone: the kind's
    # get.byName finds it by name (exactly: "<name>-x" is another group) and the entity is its
    # GroupId. A name that names no group deletes nothing and fails nothing.
    ec2 = aws.client("ec2", ACCOUNT_A, "us-east-1")
    db = str(tmp_path / "catalog.db")
    name = "byname-" + uuid.uuid4().hex[:8]
    sail = Sail(aws, tmp_path, "WEBHOOK", mapping=SG_MAPPING,
                OCEAN__INTEGRATION__CONFIG__LIVE_EVENTS_API_KEY=API_KEY,
                OCEAN__LIVE_EVENTS_WINDOW_MS="0")
    groups = []
    try:
        sail.wait_ready("/health/ready")
        group_id = ec2.create_security_group(GroupName=name, Description="by name")["GroupId"]
        groups.append(group_id)
        groups.append(ec2.create_security_group(GroupName=name + "-x", Description="x")["GroupId"])
        ec2.authorize_security_group_ingress(GroupName=name, IpProtocol="tcp", FromPort=443,
                                             ToPort=443, CidrIp="0.0.0.0/0")
        assert post(sail.port, ec2_envelope("AuthorizeSecurityGroupIngress",
                                            {"groupName": name}))[0] == 200
        got = wait_for(lambda: os.path.exists(db) and sqlite_entities(db).get(("awsSg", group_id)),
                       what="the security group named by groupName")
        assert got["title"] == name
        assert [k for k in sqlite_entities(db) if k[0] == "awsSg"] == [("awsSg", group_id)]

        before = metric(sail.port, "ocean_aws_live_events_applied_total")  # every action
        assert post(sail.port, ec2_envelope("AuthorizeSecurityGroupIngress",
                                            {"groupName": "never-" + name}))[0] == 200
        wait_for(lambda: metric(sail.port, "ocean_aws_live_events_applied_total") > before,
                 what="the event for a missing name applied")
        assert ("awsSg", group_id) in sqlite_entities(db)
        assert metric(sail.port, "ocean_aws_live_events_failed_total") == 0
    finally:
        sail.close()
        for g in groups:
            ec2.delete_security_group(GroupId=g)
