"""No kind reads a secret value (issue 15): a Secrets Manager secret and SSM SecureString, String
and StringList parameters are seeded in moto with canary values (tests/tools/
moto_seed_beyond_b.py), then EVERY kind ocean-aws knows is exported with ALL its optional
actions at trace log level, and the secret and parameter kinds are fetched one by one with
`get`; no canary may appear in any NDJSON line or any log line. The validator side (no kind may
call GetSecretValue, GetParameter(s), ...) is tested in tests/catalog/definition/
secret_reads_test.cc."""
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
import moto_seed_beyond_b as seeds  # noqa: E402
from ocean_bin import ocean_aws_bin

CANARIES = (seeds.SECRET_VALUE, seeds.SECURE_PARAMETER_VALUE, seeds.PLAIN_PARAMETER_VALUE)


def binary():
    return ocean_aws_bin()


def env_for(endpoint):
    env = dict(os.environ)
    env.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": endpoint})
    return env


def kinds_and_options():
    """{kind: [optional action, ...]} from `ocean-aws kinds`."""
    out = subprocess.run([binary(), "kinds"], capture_output=True, text=True, check=True).stdout
    kinds, current = {}, None
    for line in out.splitlines():
        if not line.startswith(" "):
            current = line.strip()
            if "<" in current:  # the Cloud Control family (AWS::<Service>::<Type>), not a kind
                current = None
                continue
            kinds[current] = []
        elif current and line.strip().startswith("optional:"):
            names = line.split(":", 1)[1].strip()
            kinds[current] = [] if names == "-" else [n.strip() for n in names.split(",")]
    return kinds


@pytest.fixture(scope="module")
def seeded():
    # A moto of its own: exporting every kind leaves the server busy for a while, and this test
    # must not slow down or pollute the session's shared server.
    proc = subprocess.Popen([sys.executable, os.path.join(HERE, "..", "tools", "moto_server.py")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline().split()
    if len(line) != 2 or line[0] != "PORT":
        proc.kill()
        pytest.fail(f"moto did not start: {line}; run scripts/setup.sh")
    endpoint = f"http://127.0.0.1:{line[1]}"
    seeds.seed_secrets(endpoint)
    yield endpoint
    proc.stdin.close()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def assert_clean(what, text):
    for canary in CANARIES:
        assert canary not in text, f"{what} contains a seeded secret/parameter value"


def test_the_seed_really_holds_the_values(seeded):
    # Guard against a vacuous pass: boto3 can read the canaries back (ocean-aws must not).
    sm = seeds.client(seeded, "secretsmanager")
    ssm = seeds.client(seeded, "ssm")
    assert sm.get_secret_value(SecretId="ocean/db-password")["SecretString"] == seeds.SECRET_VALUE
    got = ssm.get_parameter(Name="/ocean/db/password", WithDecryption=True)["Parameter"]["Value"]
    assert got == seeds.SECURE_PARAMETER_VALUE


def test_no_kind_outputs_a_secret_or_parameter_value(seeded):
    kinds = kinds_and_options()
    assert "AWS::SecretsManager::Secret" in kinds and "AWS::SSM::Parameter" in kinds
    exported = {}
    for kind, options in kinds.items():
        cmd = [binary(), "--log-level", "trace", "export", "--kind", kind,
               "--region", "us-east-1", "--region", "eu-west-1"]
        for o in options:
            cmd += ["--include", o]
        p = subprocess.run(cmd, env=env_for(seeded), capture_output=True, text=True, timeout=300)
        assert_clean(f"{kind} NDJSON", p.stdout)
        assert_clean(f"{kind} log", p.stderr)
        exported[kind] = p
    # The kinds that hold the values did export them (metadata), so the check is not vacuous.
    for kind, name in (("AWS::SecretsManager::Secret", "ocean/db-password"),
                       ("AWS::SSM::Parameter", "/ocean/db/password")):
        p = exported[kind]
        assert p.returncode == 0, p.stderr
        assert name in p.stdout, f"{kind}: {name} was not exported"


def test_get_of_a_secret_and_a_parameter_reads_metadata_only(seeded):
    sm = seeds.client(seeded, "secretsmanager")
    arn = sm.describe_secret(SecretId="ocean/db-password")["ARN"]
    for kind, ident in (("AWS::SecretsManager::Secret", arn),
                        ("AWS::SSM::Parameter", "/ocean/db/password"),
                        ("AWS::SSM::Parameter", "/ocean/db/host")):
        p = subprocess.run([binary(), "--log-level", "trace", "get", kind, ident,
                            "--region", "us-east-1"],
                           env=env_for(seeded), capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr
        assert ident.split("/")[-1] in p.stdout
        assert_clean(f"get {kind} {ident}", p.stdout + p.stderr)
