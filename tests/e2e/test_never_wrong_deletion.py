"""Issue 9, item 1: situations in which ocean-aws used to delete entities it should have kept.
Each test first fills a SQLite catalog with a normal resync, then runs the faulty one and checks
that nothing was deleted, that the report says why and that the exit status is not 0 when the
run could not know what exists."""
import http.server
import threading

from conftest import ACCOUNT_A
from resync_helpers import kind_report, resync_env, run_resync, sqlite_entities

S3_MAPPING = """
entityDeletionThreshold: {threshold}
resources:
  - kind: AWS::S3::Bucket
    selector: {{query: 'true'}}
{extra}    port:
      entity:
        mappings:
          identifier: {identifier}
          title: .Properties.BucketName
          blueprint: '"s3Bucket"'
"""


def s3_mapping(tmp_path, identifier=".Properties.Arn", threshold=0.9, extra="", name="m.yml"):
    path = tmp_path / name
    path.write_text(S3_MAPPING.format(identifier=identifier, threshold=threshold, extra=extra))
    return str(path)


def buckets(db):
    return {i for (b, i) in sqlite_entities(db) if b == "s3Bucket"}


def seeded(aws, tmp_path, *names):
    """A catalog holding the S3 buckets of the emulator (names created first)."""
    s3 = aws.client("s3", ACCOUNT_A, "us-east-1")
    for n in names:
        s3.create_bucket(Bucket=n)
    db = str(tmp_path / "catalog.db")
    env = resync_env(aws.endpoint)
    code, _, _, err = run_resync(env, tmp_path, "--config-file", s3_mapping(tmp_path),
                                 "--sqlite-path", db)
    assert code == 0, err
    before = buckets(db)
    for n in names:
        assert f"arn:aws:s3:::{n}" in before
    return db, env, before


def test_identifier_jq_error_keeps_the_entity_and_fails_the_run(aws, tmp_path):
    db, env, before = seeded(aws, tmp_path, "e2e-safety-boom", "e2e-safety-fine")
    boom = ("'if .Properties.BucketName == \"e2e-safety-boom\" then error(\"boom\") "
            "else .Properties.Arn end'")
    code, report, _, err = run_resync(env, tmp_path, "--config-file",
                                      s3_mapping(tmp_path, identifier=boom, name="boom.yml"),
                                      "--sqlite-path", db)
    assert code == 1, err
    assert buckets(db) == before
    k = kind_report(report, "AWS::S3::Bucket")
    assert k["complete"] is False
    assert k["failedItems"] == 1
    assert any(e["field"] == "identifier" and e["message"] == "boom" for e in k["mapErrors"])
    assert report["reconcile"]["deleted"]["deleted"] == 0


def test_items_to_parse_yielding_a_non_array_keeps_every_entity(aws, tmp_path):
    db, env, before = seeded(aws, tmp_path, "e2e-safety-itp")
    # A string where an array is expected: every item is skipped.
    path = tmp_path / "itp.yml"
    path.write_text(S3_MAPPING.format(identifier=".Properties.Arn + \"/\" + .item", threshold=0.9,
                                      extra="").replace(
        "    port:\n", "    port:\n      itemsToParse: .Properties.BucketName\n"))
    code, report, _, err = run_resync(env, tmp_path, "--config-file", str(path),
                                      "--sqlite-path", db)
    assert code == 1, err
    assert buckets(db) == before
    k = kind_report(report, "AWS::S3::Bucket")
    assert k["complete"] is False
    assert k["failedItems"] == k["raw"] > 0
    assert report["reconcile"]["deleted"]["deleted"] == 0


def test_a_run_narrowed_by_region_deletes_nothing_unless_asked(aws, tmp_path):
    sqs_east = aws.client("sqs", ACCOUNT_A, "us-east-1")
    sqs_west = aws.client("sqs", ACCOUNT_A, "eu-west-1")
    sqs_east.create_queue(QueueName="e2e-safety-east")
    sqs_west.create_queue(QueueName="e2e-safety-west")
    mapping = tmp_path / "sqs.yml"
    mapping.write_text("""
resources:
  - kind: AWS::SQS::Queue
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .Properties.QueueArn
          title: .Properties.QueueUrl | split("/") | .[-1]
          blueprint: '"sqsQueue"'
""")
    db = str(tmp_path / "catalog.db")
    env = resync_env(aws.endpoint)
    code, _, _, err = run_resync(env, tmp_path, "--config-file", str(mapping), "--sqlite-path", db)
    assert code == 0, err

    def titles():
        return {e["title"] for (b, _), e in sqlite_entities(db).items() if b == "sqsQueue"}

    assert {"e2e-safety-east", "e2e-safety-west"} <= titles()
    before = set(sqlite_entities(db))
    code, report, _, err = run_resync(env, tmp_path, "--config-file", str(mapping),
                                      "--sqlite-path", db, regions=("us-east-1",),
                                      reconcile_narrowed=False)
    assert code == 0, err
    assert set(sqlite_entities(db)) == before
    assert report["reconcile"]["ran"] is False
    assert "--region" in report["reconcile"]["skippedReason"]
    assert "reconciliation skipped" in err and "us-east-1" in err
    # Asked explicitly: the listed region is taken as the whole catalog.
    code, report, _, err = run_resync(env, tmp_path, "--config-file", str(mapping),
                                      "--sqlite-path", db, regions=("us-east-1",),
                                      reconcile_narrowed=True)
    assert code == 0, err
    assert "e2e-safety-west" not in titles()
    assert "e2e-safety-east" in titles()


def test_replacing_every_identifier_is_a_deletion_rate_of_one(aws, tmp_path):
    db, env, before = seeded(aws, tmp_path, "e2e-safety-rename")
    renamed = s3_mapping(tmp_path, identifier=".Properties.Arn + \"-v2\"", threshold=0.5,
                         name="renamed.yml")
    code, report, out, err = run_resync(env, tmp_path, "--config-file", renamed, "--sqlite-path", db)
    assert code == 0, err
    after = buckets(db)
    assert before <= after  # every old entity kept
    assert {b + "-v2" for b in before} <= after
    assert report["reconcile"]["deleted"]["deleted"] == 0
    reason = report["reconcile"]["skippedReason"]
    assert "entityDeletionThreshold" in reason
    assert f"{len(before)} of {len(before)} entities that existed before" in reason


def test_an_invalid_resource_config_is_refused_before_listing_with_exit_2(aws, tmp_path):
    db, env, before = seeded(aws, tmp_path, "e2e-safety-config")
    bad_jq = tmp_path / "bad-jq.yml"
    bad_jq.write_text(open(s3_mapping(tmp_path)).read() + """
  - kind: AWS::SQS::Queue
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .Properties.QueueArn | ||
          blueprint: '"sqsQueue"'
""")
    code, report, _, err = run_resync(env, tmp_path, "--config-file", str(bad_jq),
                                      "--sqlite-path", db)
    assert code == 2, err
    assert report["configurationError"] is True
    assert report["kinds"] == []  # nothing listed
    assert "resources[1]" in report["message"] and "identifier" in report["message"]
    assert buckets(db) == before

    unknown = tmp_path / "unknown-kind.yml"
    unknown.write_text(open(s3_mapping(tmp_path)).read() + """
  - kind: Nope::Thing
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .id
          blueprint: '"x"'
""")
    code, _, _, err = run_resync(env, tmp_path, "--config-file", str(unknown), "--sqlite-path", db)
    assert code == 2, err
    assert "Nope::Thing" in err
    assert buckets(db) == before


PORTAL_PAGE = (b'<?xml version="1.0" encoding="UTF-8"?>'
               b'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Hotel Wi-Fi</title>'
               b'</head><body><p>Please sign in to continue.</p></body></html>')


class Portal(http.server.BaseHTTPRequestHandler):
    """A captive portal: every request gets 200 and a well-formed XHTML page."""

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Type", "application/xhtml+xml")
        self.send_header("Content-Length", str(len(PORTAL_PAGE)))
        self.end_headers()
        self.wfile.write(PORTAL_PAGE)

    do_GET = do_POST = do_HEAD = do_PUT = _answer

    def log_message(self, *args):
        pass


def test_a_captive_portal_page_on_s3_deletes_no_bucket(aws, tmp_path):
    db, _, before = seeded(aws, tmp_path, "e2e-safety-portal")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        env = resync_env(aws.endpoint, AWS_MAX_ATTEMPTS="2",
                         AWS_ENDPOINT_URL_S3=f"http://127.0.0.1:{server.server_address[1]}")
        code, report, _, err = run_resync(env, tmp_path, "--config-file", s3_mapping(tmp_path),
                                          "--sqlite-path", db)
    finally:
        server.shutdown()
    assert code == 1, err
    assert buckets(db) == before
    k = kind_report(report, "AWS::S3::Bucket")
    assert k["complete"] is False
    failed = [s for s in k["scopes"] if s["state"] == "failed"]
    assert failed and "HTML" in failed[0]["error"], k["scopes"]
    assert report["reconcile"]["deleted"]["deleted"] == 0
