#!/usr/bin/env python3
"""Measures ocean-aws's raw output against the original Python integration's on one moto state.

Usage: compare.py --upstream DIR --ocean-aws BIN [--python PY] [--kind K]... [--scenario S]...
                  [--region R]... [--keep DIR]
                  [--endpoint URL]
  DIR  a checkout of upstream's integrations/aws-v3 (outside this repo; never committed)
  BIN  the ocean-aws binary
  PY   a Python with upstream's dependencies (port-ocean, aioboto3, ...); default python3
Starts one moto (tests/tools/moto_server.py), seeds it once with each SCENARIO in order (default
DEFAULT_SCENARIOS), then
for every kind (default: the original's 33) and for two action sets — the defaults and every
optional action upstream's action map declares — runs upstream's exporters (run_upstream.py)
and `ocean-aws export` for the same regions, and compares the raw resources. One line per
(kind, actions) on stdout: identical / DIFFERS (with the first differences) / NOT RUNNABLE.
Exit 1 when anything differs or could not run. --keep DIR writes both sides' NDJSON there;
--endpoint URL reuses a moto seeded before (iterating on one kind without reseeding).

The only normalization (normalize.py): resources are paired by identity instead of by their
position in the list (both sides run regions and pages concurrently in their own order).
Everything inside a resource — key names, key order, JSON types, values, __ExtraContext — is
compared as printed. Single-threaded; not meant to be imported.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys

from normalize import compare_resources

# demo: every kind moto serves; s3_bucket_configs: the S3 configurations the optional S3 actions
# read (public-access block, encryption, ownership controls) on one of demo's buckets.
DEFAULT_SCENARIOS = ["demo", "s3_bucket_configs"]
HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent


def start_moto():
    proc = subprocess.Popen([sys.executable, str(REPO / "tests/tools/moto_server.py")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline().split()
    if len(line) != 2 or line[0] != "PORT":
        raise SystemExit(f"moto did not start: {' '.join(line)}")
    return proc, f"http://127.0.0.1:{line[1]}"


def aws_env(endpoint):
    env = dict(os.environ)
    env.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
               AWS_ENDPOINT_URL=endpoint, AWS_EC2_METADATA_DISABLED="true",
               AWS_DEFAULT_REGION="us-east-1")
    for k in list(env):
        if k.startswith("OCEAN__") or k in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
            del env[k]
    return env


def run(cmd, env):
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
    rows = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    return p.returncode, rows, p.stderr


def upstream_kinds(py, upstream):
    code = ("import sys; sys.path.insert(0, sys.argv[1]);"
            "from aws.core.helpers.types import ObjectKind;"
            "print(' '.join(k.value for k in ObjectKind))")
    out = subprocess.run([py, "-c", code, upstream], capture_output=True, text=True, check=True)
    return out.stdout.split()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--upstream", required=True)
    ap.add_argument("--ocean-aws", required=True)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--kind", action="append", default=[])
    ap.add_argument("--scenario", action="append", default=[])
    ap.add_argument("--region", action="append", default=[])
    ap.add_argument("--keep")
    ap.add_argument("--endpoint", help="use this already seeded moto instead of starting one")
    a = ap.parse_args()
    regions = a.region or ["us-east-1", "eu-west-1"]
    kinds = a.kind or upstream_kinds(a.python, a.upstream)
    moto, endpoint = (None, a.endpoint) if a.endpoint else start_moto()
    status = 0
    try:
        for scenario in (a.scenario or DEFAULT_SCENARIOS) if moto else []:
            subprocess.run([sys.executable, str(REPO / "tests/tools/moto_seed.py"), "--endpoint",
                            endpoint, scenario], check=True, stdout=subprocess.DEVNULL)
        env = aws_env(endpoint)
        up = [a.python, str(HERE / "run_upstream.py"), "--upstream", a.upstream]
        for kind in kinds:
            p = subprocess.run(up + ["--kind", kind, "--list-actions"], env=env,
                               capture_output=True, text=True)
            options = p.stdout.split()
            sets = [("defaults", [])] + ([("all-actions", options)] if options else [])
            for label, include in sets:
                regs = sum((["--region", r] for r in regions), [])
                incs = sum((["--include", i] for i in include), [])
                urc, urows, uerr = run(up + ["--kind", kind] + regs + incs, env)
                orc, orows, oerr = run([a.ocean_aws, "export", "--kind", kind] + regs + incs, env)
                if a.keep:
                    stem = pathlib.Path(a.keep) / f"{kind.replace('::', '_')}.{label}"
                    stem.parent.mkdir(parents=True, exist_ok=True)
                    for side, rows, err in (("upstream", urows, uerr), ("ocean", orows, oerr)):
                        pathlib.Path(f"{stem}.{side}.ndjson").write_text(
                            "".join(json.dumps(r) + "\n" for r in rows))
                        pathlib.Path(f"{stem}.{side}.err").write_text(err)
                head = f"{kind} [{label}]"
                if urc != 0 or orc != 0:
                    why = []
                    if urc:
                        why.append("upstream: " + (uerr.strip().splitlines() or ["?"])[-1])
                    if orc:
                        why.append("ocean-aws: " + (oerr.strip().splitlines() or ["?"])[-1])
                    print(f"NOT RUNNABLE {head}: {'; '.join(why)}", flush=True)
                    status = 1
                    continue
                diffs = compare_resources(urows, orows)
                if diffs:
                    status = 1
                    print(f"DIFFERS {head} ({len(urows)} upstream / {len(orows)} ocean-aws "
                          "resources):", flush=True)
                    for d in diffs[:25]:
                        print(f"    {d}")
                    if len(diffs) > 25:
                        print(f"    ... {len(diffs) - 25} more")
                else:
                    print(f"identical {head}: {len(urows)} resources", flush=True)
    finally:
        if moto:
            moto.stdin.close()
            moto.wait(timeout=30)
    return status


if __name__ == "__main__":
    sys.exit(main())
