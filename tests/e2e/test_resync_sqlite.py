"""ocean-aws resync into the embedded SQLite catalog, end to end on moto (2 accounts x 2
regions): every kind is mapped and stored; a resource removed between two resyncs loses its
entity; a failed scope protects its kind's entities while other kinds still reconcile; an
exceeded deletion threshold deletes nothing."""
import json
import sqlite3

from conftest import ACCOUNT_A, ACCOUNT_B, REGIONS
from resync_helpers import kind_report, resync_env, run_resync, sqlite_entities, write_mapping


def expected_queues(aws):
    out = {}
    for account in (ACCOUNT_A, ACCOUNT_B):
        for region in REGIONS:
            sqs = aws.client("sqs", account, region)
            for url in sqs.list_queues().get("QueueUrls", []):
                arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
                out[arn["Attributes"]["QueueArn"]] = (url, region)
    return out


def test_every_kind_lands_in_sqlite(aws, tmp_path):
    db = str(tmp_path / "catalog.db")
    code, report, out, err = run_resync(resync_env(aws.endpoint), tmp_path, "--config-file",
                                        write_mapping(tmp_path), "--sqlite-path", db)
    assert code == 0, err
    assert report["status"] == "completed"
    got = sqlite_entities(db)

    queues = expected_queues(aws)
    sqs_entities = {i: e for (b, i), e in got.items() if b == "sqsQueue"}
    assert sorted(sqs_entities) == sorted(queues)
    for arn, (url, region) in queues.items():
        e = sqs_entities[arn]
        assert e["title"] == url.split("/")[-1]
        assert e["properties"]["region"] == region

    buckets = set()
    for account in (ACCOUNT_A, ACCOUNT_B):
        for b in aws.client("s3", account).list_buckets()["Buckets"]:
            buckets.add(f"arn:aws:s3:::{b['Name']}")
    s3 = {i: e for (b, i), e in got.items() if b == "s3Bucket"}
    assert sorted(s3) == sorted(buckets)
    assert all(e["relations"]["account"] in (ACCOUNT_A, ACCOUNT_B) for e in s3.values())

    instances = set()
    for account in (ACCOUNT_A, ACCOUNT_B):
        for region in REGIONS:
            for r in aws.client("ec2", account, region).describe_instances()["Reservations"]:
                instances.update(i["InstanceId"] for i in r["Instances"])
    ec2 = {i: e for (b, i), e in got.items() if b == "ec2Instance"}
    assert sorted(ec2) == sorted(instances)
    some = next(iter(ec2.values()))
    assert some["properties"]["arn"].startswith("arn:aws:ec2:")
    assert some["properties"]["arn"].endswith(":instance/" + some["identifier"])

    assert {i for (b, i) in got if b == "awsAccount"} == {ACCOUNT_A, ACCOUNT_B}
    assert kind_report(report, "AWS::Organizations::Account")["entities"] > 0
    # The summary table names every kind and where the catalog is.
    for kind in ("AWS::S3::Bucket", "AWS::SQS::Queue", "AWS::EC2::Instance"):
        assert kind in out
    assert db in out

    con = sqlite3.connect(db)
    raw = con.execute("SELECT raw_json FROM entities WHERE blueprint='sqsQueue' LIMIT 1").fetchone()
    runs = con.execute("SELECT status FROM runs").fetchall()
    scopes = con.execute("SELECT COUNT(*) FROM scopes").fetchone()[0]
    con.close()
    assert json.loads(raw[0])["Type"] == "AWS::SQS::Queue"
    assert runs == [("completed",)]
    assert scopes >= 4


def test_removed_resource_is_deleted_and_failed_scope_protects_its_kind(aws, tmp_path):
    db = str(tmp_path / "catalog.db")
    mapping = write_mapping(tmp_path)
    env = resync_env(aws.endpoint)
    sqs = aws.client("sqs", ACCOUNT_B, "eu-west-1")
    doomed = sqs.create_queue(QueueName="e2e-doomed")["QueueUrl"]
    kept = sqs.create_queue(QueueName="e2e-kept-while-sqs-fails")["QueueUrl"]
    # An S3 bucket, not an ECS cluster: moto (like AWS for a while) still lists deleted clusters.
    s3 = aws.client("s3", ACCOUNT_A, "us-east-1")
    s3.create_bucket(Bucket="e2e-doomed-bucket")

    code, report, _, err = run_resync(env, tmp_path, "--config-file", mapping, "--sqlite-path", db)
    assert code == 0, err
    names = {e["title"] for (b, _), e in sqlite_entities(db).items() if b in ("sqsQueue", "s3Bucket")}
    assert {"e2e-doomed", "e2e-kept-while-sqs-fails", "e2e-doomed-bucket"} <= names

    # Removed while everything answers: deleted on the next resync.
    sqs.delete_queue(QueueUrl=doomed)
    code, report, _, err = run_resync(env, tmp_path, "--config-file", mapping, "--sqlite-path", db)
    assert code == 0, err
    titles = {e["title"] for e in sqlite_entities(db).values()}
    assert "e2e-doomed" not in titles
    assert report["reconcile"]["deleted"]["deleted"] == 1

    # SQS unreachable: its scopes fail, so its stale entity stays; S3 still reconciles.
    sqs.delete_queue(QueueUrl=kept)
    s3.delete_bucket(Bucket="e2e-doomed-bucket")
    failing = resync_env(aws.endpoint, AWS_ENDPOINT_URL_SQS="http://127.0.0.1:9",
                         AWS_MAX_ATTEMPTS="1")
    code, report, out, err = run_resync(failing, tmp_path, "--config-file", mapping,
                                        "--sqlite-path", db)
    assert code == 1, err  # a failed scope fails the run
    assert report["status"] == "failed"
    sqs_report = kind_report(report, "AWS::SQS::Queue")
    assert any(s["state"] == "failed" for s in sqs_report["scopes"])
    titles = {e["title"] for e in sqlite_entities(db).values()}
    assert "e2e-kept-while-sqs-fails" in titles
    assert "e2e-doomed-bucket" not in titles, report["reconcile"]
    assert report["reconcile"]["protectedStale"] >= 1


def test_threshold_exceeded_deletes_nothing(aws, tmp_path):
    db = str(tmp_path / "catalog.db")
    env = resync_env(aws.endpoint)
    sqs = aws.client("sqs", ACCOUNT_A, "us-east-1")
    url = sqs.create_queue(QueueName="e2e-threshold")["QueueUrl"]
    code, _, _, err = run_resync(env, tmp_path, "--config-file", write_mapping(tmp_path),
                                 "--sqlite-path", db)
    assert code == 0, err
    sqs.delete_queue(QueueUrl=url)
    code, report, out, err = run_resync(env, tmp_path, "--config-file",
                                        write_mapping(tmp_path, threshold=0.0), "--sqlite-path", db)
    assert code == 0, err
    assert "e2e-threshold" in {e["title"] for e in sqlite_entities(db).values()}
    assert report["reconcile"]["deleted"]["deleted"] == 0
    assert "entityDeletionThreshold" in report["reconcile"]["skippedReason"]
    assert "nothing deleted" in out
