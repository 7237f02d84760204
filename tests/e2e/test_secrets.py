"""Secrets never reach ocean-aws's output (issue 4.6): the Port client secret and the AWS keys
and session token given as OCEAN__INTEGRATION__CONFIG__* stay out of stdout, stderr, the report
and the SQLite catalog, with debug logging, in text and JSON log formats, when Port is
unreachable and when a setting is invalid. Also: JSON log lines parse (issue 4.7)."""
import json
import subprocess
import time

from resync_helpers import resync_env, write_mapping
from ocean_bin import ocean_aws_bin

PORT_SECRET = "PortClientSecret-e2e-7Q2w9Z"
ACCESS_KEY_ID = "AKIAE2ESECRETKEYID42"
SECRET_KEY = "e2eSecretAccessKey/Zx81Lm0Pq+Rt"
SESSION_TOKEN = "e2eSessionToken-Fk39Hs02Lw71Qp55Vz"
SECRETS = (PORT_SECRET, ACCESS_KEY_ID, SECRET_KEY, SESSION_TOKEN)


def binary():
    return ocean_aws_bin()


def secret_env(endpoint, **extra):
    env = resync_env(endpoint)
    # The AWS keys come from the integration config only, as in a Port-hosted installation.
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        env.pop(name, None)
    env.update({
        "HOME": "/nonexistent",  # no ~/.aws
        "OCEAN__INTEGRATION__CONFIG__AWS_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "OCEAN__INTEGRATION__CONFIG__AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "OCEAN__INTEGRATION__CONFIG__AWS_SESSION_TOKEN": SESSION_TOKEN,
        "OCEAN__PORT__CLIENT_SECRET": PORT_SECRET,  # no client id: the SQLite sink is used
    })
    env.update(extra)
    return env


def resync_cmd(tmp_path, *global_args):
    return [binary(), "--log-level", "debug", *global_args, "resync", "--no-progress",
            "--region", "us-east-1", "--region", "eu-west-1",
            "--config-file", write_mapping(tmp_path),
            "--sqlite-path", str(tmp_path / "catalog.db"),
            "--report-json", str(tmp_path / "report.json")]


def assert_no_secret(where, text):
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked into {where}"


def assert_outputs_clean(tmp_path):
    """The files a run writes: the report and the SQLite catalog (raw bytes)."""
    for name in ("report.json", "catalog.db", "catalog.db-wal"):
        path = tmp_path / name
        if path.exists():
            assert_no_secret(name, path.read_bytes().decode("latin-1"))


def test_debug_resync_into_sqlite_shows_no_secret(aws, tmp_path):
    p = subprocess.run(resync_cmd(tmp_path), env=secret_env(aws.endpoint), capture_output=True,
                       text=True, timeout=600, cwd=tmp_path)
    assert p.returncode == 0, p.stderr[-4000:]
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["status"] == "completed"
    assert any(k["entities"] > 0 for k in report["kinds"])
    assert_no_secret("stdout", p.stdout)
    assert_no_secret("stderr", p.stderr)
    assert_outputs_clean(tmp_path)


def test_json_logs_parse_and_show_no_secret(aws, tmp_path):
    p = subprocess.run(resync_cmd(tmp_path, "--log-format", "json"), env=secret_env(aws.endpoint),
                       capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert p.returncode == 0, p.stderr[-4000:]
    lines = [line for line in p.stderr.splitlines() if line.strip()]
    assert lines
    levels = set()
    for line in lines:
        record = json.loads(line)  # every stderr line is one JSON object
        assert isinstance(record["message"], str)
        levels.add(record["level"])
        assert record["time"].endswith("Z")
    assert "info" in levels
    assert_no_secret("stdout", p.stdout)
    assert_no_secret("stderr", p.stderr)
    assert_outputs_clean(tmp_path)


def test_json_format_from_the_environment(aws, tmp_path):
    env = secret_env(aws.endpoint, ocean__log_format="json")  # names are case-insensitive
    cmd = resync_cmd(tmp_path)
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert p.returncode == 0, p.stderr[-4000:]
    first = json.loads(p.stderr.splitlines()[0])
    assert first["level"] in ("debug", "info")


def test_unreachable_port_shows_no_secret(aws, tmp_path):
    env = secret_env(aws.endpoint, OCEAN__PORT__BASE_URL="http://127.0.0.1:9",
                     OCEAN__PORT__CLIENT_ID="e2e-client-id")
    proc = subprocess.Popen(resync_cmd(tmp_path), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=tmp_path)
    # The Port client retries for minutes; stop it once a few attempts have been logged.
    deadline = time.time() + 60
    seen = []
    while time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen.append(line)
        if "failed (attempt 1 of" in line:  # every retry is logged at warning (issue 9.4)
            break
    proc.terminate()
    out, err = proc.communicate(timeout=30)
    stderr = "".join(seen) + err
    assert "/v1/auth/access_token" in stderr, stderr[-4000:]  # the Port sink was used
    assert " warning " in stderr and "retrying in" in stderr  # unreachable Port is said at once
    assert "127.0.0.1:9" in stderr
    assert_no_secret("stdout", out)
    assert_no_secret("stderr", stderr)
    assert_outputs_clean(tmp_path)


def test_bad_settings_name_the_variable_and_show_no_secret(aws, tmp_path):
    cases = {
        "OCEAN__EVENT_LISTENER__INTERVAL": "often",
        "OCEAN__INTEGRATION__CONFIG__AWS_PARTITION": "aws-mars",
        "OCEAN__PORT__BASE_URL": "ftp://port.example",
    }
    for name, value in cases.items():
        env = secret_env(aws.endpoint, **{name: value})
        p = subprocess.run(resync_cmd(tmp_path), env=env, capture_output=True, text=True,
                           timeout=120, cwd=tmp_path)
        assert p.returncode == 2, (name, p.stderr)
        assert name in p.stderr, p.stderr
        assert_no_secret("stdout", p.stdout)
        assert_no_secret("stderr", p.stderr)
    # A secret given in the wrong shape is refused without being shown.
    env = secret_env(aws.endpoint, OCEAN__PORT=json.dumps({"client_secret": {"x": PORT_SECRET}}))
    del env["OCEAN__PORT__CLIENT_SECRET"]  # it would refine OCEAN__PORT and win
    p = subprocess.run(resync_cmd(tmp_path), env=env, capture_output=True, text=True,
                       timeout=120, cwd=tmp_path)
    assert p.returncode == 2, p.stderr
    assert "OCEAN__PORT__CLIENT_SECRET" in p.stderr
    assert_no_secret("stderr", p.stderr)
    # A bad log format is an error naming the flag.
    p = subprocess.run(resync_cmd(tmp_path, "--log-format", "xml"), env=secret_env(aws.endpoint),
                       capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert p.returncode == 2
    assert "--log-format: expected text or json" in p.stderr
