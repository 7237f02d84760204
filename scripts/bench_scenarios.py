#!/usr/bin/env python3
"""End-to-end benchmark scenarios (issue 5.2): ocean-aws against ocean-aws-fakeaws.

Builds nothing: give it the two binaries. For each scenario it starts the fake endpoint with the
scenario's universe and behaviour, runs the exporter, measures it, writes
bench/out/<scenario>.json (<scenario>-small.json with --small) and appends a row to bench/RESULTS.md (date, commit, machine, figures).

  scripts/bench_scenarios.py --ocean-aws build/ocean-aws --fakeaws build/ocean-aws-fakeaws \
      [--scenario cpu|scale|throttle|faults|soak|all] [--small] [--command export|resync]

Scenarios:
  cpu       no latency, no throttling, >= 100,000 resources of every kind with their default
            actions -> resources per CPU-second of the exporter, peak RSS.
  scale     1,000 accounts x 17 regions (Organizations discovery), 5% of scopes populated ->
            wall time, peak RSS, AWS requests, time until the catalog holds its first entity.
  throttle  AWS's token buckets and 50 ms latency -> wall time against the lower bound computed
            from the buckets (below), and the share of throttled requests.
  faults    10% injected faults (5xx, resets, slow, truncated and malformed bodies) -> the set of
            exported entities must equal the fault-free run's; with --command resync also that a
            faulty run deletes nothing from a catalog the fault-free run filled.
  kinds     per kind: `ocean-aws export --kind K` of N resources (1 account, 1 region; N = 1000,
            --small 300) minus the same kind's run with none (process start, models, empty
            listing) -> CPU per resource and per AWS request, and the ratio to AWS::SQS::Queue's
            CPU per resource at the same number of AWS requests per resource (target <= 2x).
            Always `export` (one process per kind is what makes per-kind CPU measurable).
  soak      `ocean-aws sail` (WEBHOOK) resynced every few seconds, N times (100; --small 15;
            --iterations): RSS, fds, threads of the main process and its mapping workers stay
            flat (scripts/bench_soak.py). Ignores --command.

Every kind of the kind table takes part: the fake serves each (the hand-written services or the
model-driven responder) and lists them at GET /_fake/kinds, which this script reads at start;
scenarios give every kind the fake lists generically `--kind-resources` resources per scope.

Exporter commands: `--command resync` (the default) runs one `ocean-aws resync` end to end
(listing, default actions, jq mapping with the default mappings of .port/resources plus SQS and
Organizations accounts and one generated mapping per other kind, SQLite catalog); `--command export` runs `ocean-aws export --kind K` once
per kind (raw envelopes, no mapping; in sequence, figures summed/maxed over the processes).
CPU and peak RSS come from os.wait4()'s rusage of each exporter process (ru_utime + ru_stime,
ru_maxrss); the fake's own CPU is reported next to them (`fake_cpu_s`, per request).

Every figure with a target (docs/BENCHMARKS.md) gets a verdict in `figures.targets` and in the
RESULTS.md row: "met" or "missed by <how much>". The machine column carries the 1-minute load
average; rows taken with a load above half the CPUs say "loaded".

Throttle lower bound. L = the fake's latency. For every (account, region, API) key the fake
counts the requests it admitted (n) and knows the bucket (burst B, refill r per second). A key
cannot finish before
  list APIs (pages of one scope follow each other's tokens):  P + max(n*L, (n-B)/r + L) + A
  other APIs (any concurrency):                               P + L + max(0, (n-B)/r) + L
where P = L (the account's AssumeRole / GetCallerIdentity precedes its calls), A = L when the
kind enriches its listing with calls (the last page's resources still need one), and the extra
L of other APIs is the first list page they wait for. The bound is the largest over the keys of
one exporter run; for `--command export` the kinds run one after another, so their bounds add.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import sqlite3
import tempfile
import threading
import time
import urllib.request

import bench_soak

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# kind -> (the Properties key that identifies a resource ("" = none: the fake's marker
# "<slug>-<index>" in the envelope does), its list API, whether default actions call AWS after
# the listing). Filled from the fake's GET /_fake/kinds (load_kinds), so that a kind added as a
# data file is benchmarked without an edit here.
KINDS = {}
# kind -> the kind its listing runs under (GET /_fake/kinds "parent"): such a kind holds its count
# per parent item, so the kinds scenario gives it CHILD_PARENTS parents of n / CHILD_PARENTS each.
KIND_PARENTS = {}
CHILD_PARENTS = 10
LIST_APIS = set()
MARKER = re.compile(r"(?<![a-z0-9])[a-z0-9]+-[0-9]{7}(?![0-9])")
BASE_KEY = "AKIDBENCHBASE0000000"
MANAGEMENT_ACCOUNT = "123456789012"
DEFAULT_FAULTS = ["error500:p=0.02", "error503:p=0.02", "reset:p=0.02", "slow:p=0.02",
                  "truncated:p=0.01", "malformed:p=0.01"]

# The default mappings (.port/resources/port-app-config.yml, read at run time so the benchmark
# follows them) plus the two implemented kinds they leave out, mapped in the same style.
DEFAULT_MAPPINGS = os.path.join(ROOT, ".port", "resources", "port-app-config.yml")
EXTRA_KINDS_MAPPING = """\
  - kind: AWS::Organizations::Account
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .Properties.Id
          title: .Properties.Name
          blueprint: '"awsOrganizationsAccount"'
          properties:
            arn: .Properties.Arn
            email: .Properties.Email
            status: .Properties.Status
  - kind: AWS::SQS::Queue
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .Properties.QueueArn
          title: .Properties.QueueUrl | split("/") | .[-1]
          blueprint: '"sqsQueue"'
          properties:
            url: .Properties.QueueUrl
            visibilityTimeout: .Properties.VisibilityTimeout
            fifo: .Properties.FifoQueue
          relations:
            account: .__ExtraContext.AccountId
"""


def generated_mapping(kind, key):
    """A mapping in the default style for a kind no shipped mapping covers."""
    ident = (f'.Properties["{key}"] | tostring' if key else
             '.Properties | tostring | match("(?<![a-z0-9])[a-z0-9]+-[0-9]{7}").string')
    blueprint = "fake" + re.sub(r"[^A-Za-z0-9]", "", kind.replace("AWS::", ""))
    return (f"  - kind: {kind}\n    selector:\n      query: 'true'\n    port:\n      entity:\n"
            f"        mappings:\n          identifier: '{ident}'\n          title: '{ident}'\n"
            f"          blueprint: '\"{blueprint}\"'\n")


def port_app_config():
    with open(DEFAULT_MAPPINGS) as f:
        text = f.read()
    if not text.endswith("\n"):
        text += "\n"
    text += EXTRA_KINDS_MAPPING
    mapped = set(re.findall(r"- kind: (AWS::\S+)", text))
    for kind, (key, _, _) in KINDS.items():
        if kind not in mapped:
            text += generated_mapping(kind, key)
    return text


def load_kinds(fakeaws):
    """Every kind the fake serves, from its GET /_fake/kinds (the kind table)."""
    fake = FakeAws(fakeaws, ["--accounts", "1"])
    try:
        doc = fake.get("/_fake/kinds")
    finally:
        fake.stop()
    for k in doc["kinds"]:
        KINDS[k["kind"]] = (k["identity_property"], k["list_api"], k["enriches"])
        if k.get("parent"):
            KIND_PARENTS[k["kind"]] = k["parent"]
    LIST_APIS.update(v[1] for v in KINDS.values() if v[1])


def child_counts(fake_args):
    """--kind-count flags keeping a kind listed under a parent near --kind-resources per scope:
    the fake holds a child kind's count per parent item, so n parents of n children each would
    be n x n (2,500 ECS clusters x 500 services); each parent gets max(1, n / parents)."""
    def flag(name, default=0):
        return int(fake_args[fake_args.index(name) + 1]) if name in fake_args else default
    n = flag("--kind-resources")
    out = []
    for kind, parent in KIND_PARENTS.items():
        parents = flag("--ecs-clusters") if parent == "AWS::ECS::Cluster" else n
        out += ["--kind-count", f"{kind}={max(1, n // parents) if parents else 0}"]
    return out


def scenario_config(name, small):
    """The fake's flags and the discovery mode of each scenario (issue scale; --small shrinks)."""
    s = 10 if small else 1
    four = "us-east-1,us-west-2,eu-west-1,ap-southeast-1"
    if name == "cpu":
        return {"fake": ["--accounts", "1", "--regions", four,
                         "--ec2-instances", str(15000 // s), "--sqs-queues", str(5000 // s),
                         "--ecs-clusters", str(2500 // s), "--s3-buckets", str(10000 // s),
                         "--kind-resources", str(500 // s)],
                "accounts": 1, "discovery": "single"}
    if name == "scale":
        accounts = 50 if small else 1000
        return {"fake": ["--accounts", str(accounts), "--populated", "0.05",
                         "--ec2-instances", "20", "--sqs-queues", "10", "--ecs-clusters", "10",
                         "--s3-buckets", "20", "--kind-resources", "10"],
                "accounts": accounts, "discovery": "organizations"}
    if name == "throttle":
        return {"fake": ["--accounts", "2", "--regions", "us-east-1,eu-west-1,ap-south-1",
                         "--ec2-instances", str(5000 // s), "--sqs-queues", str(400 // s),
                         "--ecs-clusters", str(500 // s), "--s3-buckets", str(300 // s),
                         "--kind-resources", str(200 // s), "--throttle", "--latency-ms", "50"],
                "accounts": 2, "discovery": "roles", "latency_ms": 50.0}
    if name == "faults":
        return {"fake": ["--accounts", "2", "--regions", "us-east-1,eu-west-1,ap-south-1",
                         "--ec2-instances", str(2000 // s), "--sqs-queues", str(300 // s),
                         "--ecs-clusters", str(200 // s), "--s3-buckets", str(200 // s),
                         "--kind-resources", str(100 // s), "--slow-body-ms", "300"],
                "accounts": 2, "discovery": "roles"}
    if name == "kinds":
        return {"fake": ["--accounts", "1", "--regions", "us-east-1"], "accounts": 1,
                "discovery": "single", "per_kind": 300 if small else 1000}
    if name == "soak":
        return {"fake": ["--accounts", "2", "--regions", "us-east-1,eu-west-1",
                         "--ec2-instances", "300", "--sqs-queues", "50", "--ecs-clusters", "20",
                         "--s3-buckets", "50"],
                "accounts": 2, "discovery": "roles", "iterations": 15 if small else 100,
                "warmup": 5}
    if name == "live":
        queues = 100 if small else 1000
        return {"fake": ["--accounts", "1", "--regions", "us-east-1", "--sqs-queues",
                         str(queues), "--ec2-instances", "0", "--ecs-clusters", "0",
                         "--s3-buckets", "0", "--latency-ms", "50"],
                "accounts": 1, "discovery": "single", "queues": queues,
                "events_per_queue": 10}
    raise SystemExit(f"unknown scenario {name}")


class FakeAws:
    """ocean-aws-fakeaws on a free loopback port, for one run."""

    def __init__(self, binary, args):
        self.proc = subprocess.Popen([binary, "--port", "0", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().split()
        if len(line) != 2 or line[0] != "READY":
            err = self.proc.stderr.read() if self.proc.poll() is not None else ""
            self.proc.kill()
            raise SystemExit(f"fakeaws did not start: {line} {err}")
        self.url = f"http://127.0.0.1:{line[1]}"

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=60) as r:
            return json.load(r)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def exporter_env(fake, cfg, extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AWS_", "OCEAN__", "PORT_"))}
    env.update({"AWS_ACCESS_KEY_ID": BASE_KEY, "AWS_SECRET_ACCESS_KEY": "bench-secret",
                "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
                "AWS_ENDPOINT_URL": fake.url, "OCEAN__LOG_LEVEL": "warn"})
    if cfg["discovery"] == "roles":
        arns = [f"arn:aws:iam::{int(MANAGEMENT_ACCOUNT) + i:012d}:role/ocean-bench"
                for i in range(cfg["accounts"])]
        env["OCEAN__INTEGRATION__CONFIG__ACCOUNT_ROLE_ARNS"] = json.dumps(arns)
    elif cfg["discovery"] == "organizations":
        env["OCEAN__INTEGRATION__CONFIG__ACCOUNT_ROLE_ARN"] = \
            f"arn:aws:iam::{MANAGEMENT_ACCOUNT}:role/ocean-bench"
    env.update(extra)
    return env


def wait_rusage(proc):
    """Waits for `proc` with os.wait4: (exit code, cpu seconds, peak RSS in KiB)."""
    _, status, ru = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def identity(kind, line):
    """An exported line's identity: (kind, id) for raw envelopes, (blueprint, id) for entities."""
    doc = json.loads(line)
    if "identifier" in doc:
        return (doc.get("blueprint", ""), str(doc["identifier"]))
    kind = doc.get("Type", kind)
    key = KINDS[kind][0]
    if key and key in doc["Properties"]:
        return (kind, str(doc["Properties"][key]))
    m = MARKER.search(line)
    return (kind, m.group(0) if m else line)


def run_export(args, fake, cfg, extra_env, collect, kinds=None):
    """`ocean-aws export` per kind, in sequence. Returns per-kind measurements."""
    runs = []
    for kind in kinds or KINDS:
        env = exporter_env(fake, cfg, extra_env)
        before = fake.get("/_fake/stats?keys=1") if args.want_keys else None
        start = time.monotonic()
        proc = subprocess.Popen([args.ocean_aws, "export", "--kind", kind, "--endpoint-url",
                                 fake.url], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=env, text=True)
        first, lines, ids, err = [None], [0], set(), []
        def read_out():
            for line in proc.stdout:
                if first[0] is None:
                    first[0] = time.monotonic() - start
                lines[0] += 1
                if collect:
                    ids.add(identity(kind, line))
        def read_err():
            err.extend(proc.stderr)
        threads = [threading.Thread(target=read_out), threading.Thread(target=read_err)]
        for t in threads:
            t.start()
        code, cpu, rss = wait_rusage(proc)
        for t in threads:
            t.join()
        wall = time.monotonic() - start
        after = fake.get("/_fake/stats?keys=1") if args.want_keys else None
        failed = [l.strip() for l in err if "state=failed" in l or "state=incomplete" in l]
        runs.append({"kind": kind, "exit": code, "wall_s": wall, "cpu_s": cpu, "maxrss_kb": rss,
                     "resources": lines[0], "first_resource_s": first[0], "ids": ids,
                     "failed_scopes": failed, "stderr_tail": [l.rstrip() for l in err[-5:]],
                     "keys_before": before, "keys_after": after})
    return runs


def db_identities(path, resync_id=None):
    """{(blueprint, identifier)} in the SQLite catalog (only rows written by `resync_id`)."""
    con = sqlite3.connect(path)
    try:
        if resync_id is None:
            rows = con.execute("SELECT blueprint, identifier FROM entities")
        else:
            rows = con.execute("SELECT blueprint, identifier FROM entities WHERE resync_id = ?",
                               (resync_id,))
        return {(b, i) for b, i in rows}
    finally:
        con.close()


def db_entities(path):
    """{(blueprint, identifier): entity_json} of the SQLite catalog."""
    con = sqlite3.connect(path)
    try:
        return {(b, i): e for b, i, e in
                con.execute("SELECT blueprint, identifier, entity_json FROM entities")}
    finally:
        con.close()


def catalog_size(path):
    """(entity rows, bytes of their entity/properties/relations/raw texts) of the catalog."""
    con = sqlite3.connect(path)
    try:
        return con.execute(
            "SELECT count(*), coalesce(sum(length(entity_json) + coalesce(length(properties_json), 0)"
            " + coalesce(length(relations_json), 0) + coalesce(length(raw_json), 0)), 0)"
            " FROM entities").fetchone()
    finally:
        con.close()


def last_resync_id(path):
    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT resync_id FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
        return row[0] if row else None
    finally:
        con.close()


# The working directories of every resync (catalog, config, report): removed when the script
# ends unless --keep-catalogs (a full `cpu` catalog is ~600 MB).
RESYNC_DIRS = []


def run_resync(args, fake, cfg, extra_env, collect, sqlite_path=None):
    """One `ocean-aws resync` with the default mappings into a SQLite catalog (a fresh one unless
    `sqlite_path` names one)."""
    out = tempfile.mkdtemp(prefix="bench-resync-")
    RESYNC_DIRS.append(out)
    config = os.path.join(out, "port-app-config.yml")
    with open(config, "w") as f:
        f.write(port_app_config())
    db = sqlite_path or os.path.join(out, "catalog.sqlite")
    report = os.path.join(out, "report.json")
    cmd = [args.ocean_aws, "resync", "--config-file", config, "--endpoint-url", fake.url,
           "--report-json", report, "--no-progress", "--sink", "sqlite", "--sqlite-path", db]
    env = exporter_env(fake, cfg, extra_env)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            text=True, cwd=out)
    first = [None]
    done = threading.Event()
    def watch():  # time until the catalog holds its first entity (WAL: readers never block it)
        while not done.is_set() and first[0] is None:
            try:
                con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
                try:
                    if con.execute("SELECT 1 FROM entities LIMIT 1").fetchone():
                        first[0] = time.monotonic() - start
                finally:
                    con.close()
            except sqlite3.Error:
                pass
            time.sleep(0.02)
    err = []
    threads = [threading.Thread(target=watch),
               threading.Thread(target=lambda: err.extend(proc.stderr))]
    for t in threads:
        t.start()
    code, cpu, rss = wait_rusage(proc)
    done.set()
    for t in threads:
        t.join()
    wall = time.monotonic() - start
    rep = json.load(open(report)) if os.path.exists(report) else {}
    resync_id = rep.get("resyncId") or (last_resync_id(db) if os.path.exists(db) else None)
    ids = db_identities(db, resync_id) if collect and os.path.exists(db) else set()
    rows, text_bytes = catalog_size(db) if os.path.exists(db) else (None, None)
    kinds = rep.get("kinds", [])
    failed = [dict(s, kind=k.get("kind")) for k in kinds for s in k.get("scopes", [])
              if isinstance(s, dict) and s.get("state") not in (None, "complete", "skipped")]
    return [{"kind": "resync", "exit": code, "wall_s": wall, "cpu_s": cpu, "maxrss_kb": rss,
             "resources": sum(k.get("raw", 0) for k in kinds),
             "entities": sum(k.get("upserted", 0) for k in kinds),
             "first_resource_s": first[0], "ids": ids, "resync_id": resync_id, "db": db,
             "catalog_rows": rows, "catalog_text_bytes": text_bytes,
             "failed_scopes": failed, "report_summary": report_summary(rep),
             "stderr_tail": [l.rstrip() for l in err[-5:]]}]


def report_summary(rep):
    """The report without per-scope lists (kept small for bench/out)."""
    out = {k: v for k, v in rep.items() if k != "kinds"}
    out["kinds"] = [{k: v for k, v in kind.items() if k not in ("scopes", "map_errors")}
                    for kind in rep.get("kinds", [])]
    return out


def run_exporter(args, fake, cfg, extra_env=None, collect=False, **kw):
    extra_env = extra_env or {}
    if args.command == "resync":
        return run_resync(args, fake, cfg, extra_env, collect, **kw)
    return run_export(args, fake, cfg, extra_env, collect, kinds=getattr(args, "kinds", None))


def totals(runs):
    first = [r["first_resource_s"] for r in runs if r["first_resource_s"] is not None]
    return {"wall_s": sum(r["wall_s"] for r in runs), "cpu_s": sum(r["cpu_s"] for r in runs),
            "peak_rss_mb": max(r["maxrss_kb"] for r in runs) / 1024.0,
            "resources": sum(r["resources"] for r in runs),
            "first_resource_s": min(first) if first else None,
            "failed_scopes": sum(len(r["failed_scopes"]) for r in runs),
            "exit_codes": [r["exit"] for r in runs]}


def fake_figures(stats):
    return {"requests": stats["requests"], "throttled": stats["throttled"],
            "faults": stats["faults"], "fake_cpu_s": stats["cpu_seconds"],
            "fake_cpu_us_per_request": stats["cpu_us_per_request"]}


def key_bound(key, n, latency, enriches):
    """Lower bound (s) of one (account, region, API) key with n admitted requests."""
    burst, refill = key["burst"], key["refill"]
    tokens = max(0.0, (n - burst) / refill) if refill > 0 else (0.0 if n <= burst else float("inf"))
    api = key["api"].split(" ")[0]
    if api in LIST_APIS:
        return latency + max(n * latency, tokens + latency) + (latency if enriches else 0.0)
    return latency + latency + tokens + latency


def lower_bound(keys_before, keys_after, latency, enriches):
    """The run's bound from the keys' admitted counts between two stats snapshots."""
    prior = {(k["account"], k["region"], k["api"]): k["admitted"]
             for k in (keys_before or {}).get("keys", [])}
    bound, worst = 0.0, None
    for k in keys_after["keys"]:
        n = k["admitted"] - prior.get((k["account"], k["region"], k["api"]), 0)
        if n <= 0:
            continue
        b = key_bound(k, n, latency, enriches)
        if b > bound:
            bound, worst = b, dict(k, n=n, bound_s=b)
    return bound, worst


def machine():
    model = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0]
    loaded = ", loaded" if load > (os.cpu_count() or 1) / 2 else ""
    return f"{os.cpu_count()} cpu {model}, load {load:.2f}{loaded}"


def verdict(value, target, at_least):
    """"met" or "missed by X" for a figure against its target."""
    if value is None:
        return "not measured"
    ok = value >= target if at_least else value <= target
    if ok:
        return "met"
    if at_least:
        return f"missed by {target / value:.1f}x" if value else "missed (0)"
    return f"missed by {value / target:.2f}x" if target else f"missed ({value})"


def commit():
    r = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                       text=True)
    return r.stdout.strip() or "uncommitted"


def scenario_cpu(args, cfg):
    fake = FakeAws(args.fakeaws, cfg["fake"])
    try:
        runs = run_exporter(args, fake, cfg)
        stats = fake.get("/_fake/stats")
    finally:
        fake.stop()
    t = totals(runs)
    fig = {**t, **fake_figures(stats),
           "resources_per_cpu_s": t["resources"] / t["cpu_s"] if t["cpu_s"] else None,
           "expected_resources": sum(stats["resources"].values()) + 1}
    fig["fake_cpu_share"] = fig["fake_cpu_s"] / t["cpu_s"] if t["cpu_s"] else None
    # What scripts/bench_floor.py needs to bound the scenario's CPU from below.
    fig["answer_bytes"] = stats.get("bytes_sent")
    fig["upserts"] = sum(r.get("entities", 0) for r in runs)
    fig["catalog_rows"] = sum(r.get("catalog_rows") or 0 for r in runs)
    fig["catalog_text_bytes"] = sum(r.get("catalog_text_bytes") or 0 for r in runs)
    fig["targets"] = {"resources_per_cpu_s >= 50000":
                      verdict(fig["resources_per_cpu_s"], 50000, True)}
    summary = (f'{fig["resources"]:,} resources, {fig["resources_per_cpu_s"]:,.0f} resources/cpu-s '
               f'(target 50,000: {fig["targets"]["resources_per_cpu_s >= 50000"]}), '
               f'peak RSS {fig["peak_rss_mb"]:.0f} MB, wall {fig["wall_s"]:.1f} s, '
               f'{fig["requests"]:,} requests, fake {fig["fake_cpu_us_per_request"]:.0f} us cpu/request '
               f'({100 * (fig["fake_cpu_share"] or 0):.1f}% of the exporter\'s cpu)')
    return fig, runs, summary


def scenario_scale(args, cfg):
    fake = FakeAws(args.fakeaws, cfg["fake"])
    try:
        universe = fake.get("/_fake/universe")
        runs = run_exporter(args, fake, cfg)
        stats = fake.get("/_fake/stats")
    finally:
        fake.stop()
    t = totals(runs)
    fig = {**t, **fake_figures(stats), "accounts": cfg["accounts"],
           "regions": len(universe["regions"]), "expected_resources": universe["resources"],
           "populated_scopes": universe["populated_scopes"]}
    first = f'{t["first_resource_s"]:.2f} s' if t["first_resource_s"] is not None else "n/a"
    fig["expected_total"] = sum(universe["resources"].values()) + 2 * cfg["accounts"]
    # Issue 13.4: <= 128 MB at 1,000 accounts x 17 regions, <= 256 MB at 10,000 (sparse).
    limit = 128 if cfg["accounts"] <= 1000 else 256
    key = f"peak_rss_mb <= {limit}"
    fig["targets"] = {key: verdict(t["peak_rss_mb"], limit, False)}
    scopes = cfg["accounts"] * fig["regions"]
    summary = (f'{cfg["accounts"]} accounts x {fig["regions"]} regions: wall {t["wall_s"]:.1f} s, '
               f'{t["cpu_s"]:.1f} CPU-s ({1e3 * t["cpu_s"] / scopes:.2f} ms per scope), '
               f'peak RSS {t["peak_rss_mb"]:.0f} MB (target {limit}: '
               f'{fig["targets"][key]}), {fig["requests"]:,} requests, first resource '
               f'after {first}, {t["resources"]:,} of {fig["expected_total"]:,} resources, '
               f'{t["failed_scopes"]} failed scopes')
    return fig, runs, summary


def scenario_throttle(args, cfg):
    args.want_keys = True
    fake = FakeAws(args.fakeaws, cfg["fake"])
    try:
        runs = run_exporter(args, fake, cfg)
        stats = fake.get("/_fake/stats")
        keys_end = fake.get("/_fake/stats?keys=1")
    finally:
        fake.stop()
    latency = cfg["latency_ms"] / 1000.0
    bound, worst = 0.0, []
    if args.command == "resync":
        bound, w = lower_bound(None, keys_end, latency, True)
        worst.append(w)
    else:
        for r in runs:
            enriches = KINDS[r["kind"]][2]
            b, w = lower_bound(r["keys_before"], r["keys_after"], latency, enriches)
            r["lower_bound_s"] = b
            bound += b
            worst.append(w)
    t = totals(runs)
    fig = {**t, **fake_figures(stats), "lower_bound_s": bound,
           "wall_over_bound": t["wall_s"] / bound if bound else None,
           "throttled_share": stats["throttled"] / stats["requests"] if stats["requests"] else 0,
           "binding_keys": worst,
           # where the requests and throttles went: the busiest and the most throttled keys
           "busiest_keys": sorted(keys_end["keys"], key=lambda k: -k["admitted"])[:8],
           "most_throttled_keys": [k for k in sorted(keys_end["keys"],
                                                     key=lambda k: -k["throttled"])[:8]
                                   if k["throttled"]]}
    fig["targets"] = {"wall_over_bound <= 1.15": verdict(fig["wall_over_bound"], 1.15, False),
                      "throttled_share < 0.01": verdict(fig["throttled_share"], 0.01, False)}
    summary = (f'wall {t["wall_s"]:.2f} s vs lower bound {bound:.2f} s '
               f'({fig["wall_over_bound"]:.2f}x; target 1.15x: '
               f'{fig["targets"]["wall_over_bound <= 1.15"]}), {100 * fig["throttled_share"]:.2f}% '
               f'(target < 1%: {fig["targets"]["throttled_share < 0.01"]}) of '
               f'{fig["requests"]:,} requests throttled, {t["resources"]:,} resources, '
               f'{t["failed_scopes"]} failed scopes')
    return fig, runs, summary


def scenario_faults(args, cfg):
    """A fault-free run, then a faulty one. export: the two runs' entity sets. resync: both runs
    write one catalog; the faulty run's entities (rows it wrote) must equal the fault-free
    run's, and whatever the fault-free run wrote must still be there (nothing deleted wrongly)."""
    faults = []
    for f in args.faults or DEFAULT_FAULTS:
        faults += ["--fault", f]
    extra = {"AWS_MAX_ATTEMPTS": str(args.max_attempts)} if args.max_attempts else {}
    fake = FakeAws(args.fakeaws, cfg["fake"])
    try:
        base = run_exporter(args, fake, cfg, extra, collect=True)
    finally:
        fake.stop()
    shared_db = base[0].get("db") if args.command == "resync" else None
    before = db_entities(shared_db) if shared_db else None
    fake = FakeAws(args.fakeaws, cfg["fake"] + faults)
    try:
        kw = {"sqlite_path": shared_db} if shared_db else {}
        faulty = run_exporter(args, fake, cfg, extra, collect=True, **kw)
        stats = fake.get("/_fake/stats")
    finally:
        fake.stop()
    base_ids = set().union(*(r["ids"] for r in base))
    faulty_ids = set().union(*(r["ids"] for r in faulty))
    fig = {**totals(faulty), **fake_figures(stats), "faults_by_type": stats["faults_by_type"],
           "fault_share": stats["faults"] / stats["requests"] if stats["requests"] else 0,
           "entities_fault_free": len(base_ids), "entities_with_faults": len(faulty_ids),
           "missing": sorted(map(list, base_ids - faulty_ids))[:20],
           "missing_count": len(base_ids - faulty_ids),
           "extra_count": len(faulty_ids - base_ids), "identical": base_ids == faulty_ids,
           "fault_free_wall_s": totals(base)["wall_s"]}
    deleted = "n/a (export writes no catalog)"
    if shared_db:
        after = db_entities(shared_db)
        fig["wrongly_deleted"] = len(set(before) - set(after))
        # Entities the faulty run wrote with other content than the fault-free run (e.g. an
        # enrichment lost to a fault: tags or attributes missing).
        changed = sorted(k for k in faulty_ids & set(before) if after.get(k) != before[k])
        fig["changed_content_count"] = len(changed)
        fig["changed_content"] = [list(k) for k in changed[:20]]
        fig["deleted_by_faulty_run"] = faulty[0]["report_summary"].get("reconcile", {})
        deleted = (f'{fig["wrongly_deleted"]} wrongly deleted, '
                   f'{fig["changed_content_count"]} with other content')
    fig["targets"] = {"identical entities": "met" if fig["identical"] else
                      f'missed: {fig["missing_count"]} missing, {fig["extra_count"]} extra',
                      "nothing deleted wrongly": "met" if not fig.get("wrongly_deleted") else
                      f'missed: {fig["wrongly_deleted"]} deleted',
                      "identical content": "met" if not fig.get("changed_content_count") else
                      f'missed: {fig["changed_content_count"]} entities differ'}
    summary = (f'{100 * fig["fault_share"]:.1f}% of {fig["requests"]:,} requests faulted: '
               f'{"identical" if fig["identical"] else "DIFFERENT"} entity sets '
               f'({fig["entities_with_faults"]:,} vs {fig["entities_fault_free"]:,}, '
               f'{fig["missing_count"]} missing, {fig["extra_count"]} extra), '
               f'{fig["failed_scopes"]} failed scopes, {deleted}')
    return fig, base + faulty, summary


CHILDREN_OF_A_MEASURED_PARENT = 3


def one_kind_export(args, cfg, kind, n):
    """`ocean-aws export --kind K` against a fake holding n resources of every kind."""
    counts = ["--ec2-instances", "--sqs-queues", "--ecs-clusters", "--s3-buckets",
              "--kind-resources"]
    base = list(cfg["fake"])
    if kind == "AWS::Organizations::Account":  # its resources are the accounts themselves
        base[base.index("--accounts") + 1] = str(max(n, 1))
    extra = []
    parent = KIND_PARENTS.get(kind)
    if parent:  # n resources in all: CHILD_PARENTS parents holding n / CHILD_PARENTS each
        flag = {"AWS::ECS::Cluster": "--ecs-clusters"}.get(parent)
        parents = CHILD_PARENTS if n else 0
        if flag:
            counts = [c for c in counts if c != flag]
            extra += [flag, str(parents)]
        else:
            extra += ["--kind-count", f"{parent}={parents}"]
        # Every kind under the same parent too (CodePipeline's stages and actions share one
        # GetPipeline answer): n / CHILD_PARENTS each, not n per parent.
        for other, p in KIND_PARENTS.items():
            if p == parent:
                extra += ["--kind-count", f"{other}={n // CHILD_PARENTS}"]
    # A measured kind that is itself a parent (a pipeline's GetPipeline answer carries its
    # stages and actions) gets a few children per resource, as real resources have, not n each
    # (1,000 stages x 1,000 actions made every pipeline a 1 MB answer).
    for other, p in KIND_PARENTS.items():
        if p == kind:
            extra += ["--kind-count", f"{other}={CHILDREN_OF_A_MEASURED_PARENT}"]
    fake = FakeAws(args.fakeaws, base + [a for c in counts for a in (c, str(n))] + extra)
    try:
        run = run_export(args, fake, cfg, {}, False, kinds=[kind])[0]
        stats = fake.get("/_fake/stats")
        run["requests"], run["bytes"] = stats["requests"], stats.get("bytes_sent", 0)
    finally:
        fake.stop()
    return run


def scenario_kinds(args, cfg):
    """CPU per resource of each kind, net of the kind's empty run; ratio to SQS's."""
    n, reps = cfg["per_kind"], args.reps
    rows, runs = [], []
    for kind, (_, list_api, _) in KINDS.items():
        if args.kinds and kind not in args.kinds and kind != "AWS::SQS::Queue":
            continue
        if not list_api:
            continue  # no listing (AWS::Account::Info): nothing per resource to measure
        full = min((one_kind_export(args, cfg, kind, n) for _ in range(reps)),
                   key=lambda r: r["cpu_s"])
        empty = min((one_kind_export(args, cfg, kind, 0) for _ in range(reps)),
                    key=lambda r: r["cpu_s"])
        res = full["resources"]
        req = full["requests"] - empty["requests"]
        cpu = max(full["cpu_s"] - empty["cpu_s"], 0.0)
        rows.append({"kind": kind, "resources": res, "requests": req,
                     "requests_per_resource": req / res if res else None,
                     "kb_per_resource": (full["bytes"] - empty["bytes"]) / 1024 / res if res else None,
                     "net_cpu_s": cpu, "cpu_us_per_resource": 1e6 * cpu / res if res else None,
                     "cpu_us_per_request": 1e6 * cpu / req if req else None,
                     "exit": full["exit"], "failed_scopes": full["failed_scopes"]})
        runs += [full, empty]
    sqs = next(r for r in rows if r["kind"] == "AWS::SQS::Queue")
    worst = None
    for r in rows:
        if not r["cpu_us_per_resource"] or not sqs["cpu_us_per_resource"]:
            r["ratio_to_sqs"] = r["ratio_at_sqs_requests"] = None
            continue
        r["ratio_to_sqs"] = r["cpu_us_per_resource"] / sqs["cpu_us_per_resource"]
        # At SQS's number of AWS requests per resource: a kind that needs more requests per
        # resource is charged for SQS's count only (CPU scaled down by the request ratio); one
        # that needs fewer is compared as is.
        scale = max(1.0, r["requests_per_resource"] / sqs["requests_per_resource"])
        r["ratio_at_sqs_requests"] = r["ratio_to_sqs"] / scale
        r["verdict"] = verdict(r["ratio_at_sqs_requests"], 2.0, False)
        if worst is None or r["ratio_at_sqs_requests"] > worst["ratio_at_sqs_requests"]:
            worst = r
    table = ["| kind | resources | AWS requests | req/resource | KB/resource | net cpu ms | "
             "cpu us/resource | cpu us/request | x SQS per resource | x SQS at SQS's requests | "
             "<= 2x |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    fmt = lambda v, f: "n/a" if v is None else format(v, f)
    for r in rows:
        table.append(f'| {r["kind"]} | {r["resources"]} | {r["requests"]} | '
                     f'{fmt(r["requests_per_resource"], ".3f")} | {fmt(r["kb_per_resource"], ".2f")} | '
                     f'{1000 * r["net_cpu_s"]:.0f} | '
                     f'{fmt(r["cpu_us_per_resource"], ".1f")} | {fmt(r["cpu_us_per_request"], ".1f")} | '
                     f'{fmt(r["ratio_to_sqs"], ".2f")} | {fmt(r["ratio_at_sqs_requests"], ".2f")} | '
                     f'{r.get("verdict", "n/a")} |')
    print("\n".join(table), flush=True)
    failing = [r["kind"] for r in rows if r.get("verdict", "met") != "met"]
    fig = {"per_kind": rows, "table": table, "resources_per_kind": n,
           "worst": worst and {"kind": worst["kind"], "ratio": worst["ratio_at_sqs_requests"]},
           "over_2x": failing}
    fig["targets"] = {"every kind <= 2x SQS": "met" if not failing else
                      f'missed by {len(failing)} kinds: {", ".join(failing)}'}
    summary = (f'{len(rows)} kinds x {n} resources (1 account, 1 region, export, net of an '
               f'empty run, min of {reps}{", only " + ", ".join(args.kinds) if args.kinds else ""}): SQS {sqs["cpu_us_per_resource"]:.1f} us cpu/resource; '
               f'worst {worst["kind"]} {worst["ratio_at_sqs_requests"]:.2f}x at SQS\'s requests '
               f'per resource (target <= 2x: {fig["targets"]["every kind <= 2x SQS"]})')
    return fig, runs, summary


def scenario_soak(args, cfg):
    note = ", shared machine: other developers building" if os.getloadavg()[0] > 1 else ""
    return bench_soak.scenario_soak(args, cfg, FakeAws, exporter_env, port_app_config(), note)


def scenario_live(args, cfg):
    import bench_live  # scripts/bench_live.py (issue 12: live events under load)
    note = ", shared machine: other developers building" if os.getloadavg()[0] > 1 else ""
    return bench_live.scenario_live(args, cfg, FakeAws, exporter_env, note)


SCENARIOS = {"cpu": scenario_cpu, "scale": scenario_scale, "throttle": scenario_throttle,
             "faults": scenario_faults, "kinds": scenario_kinds, "soak": scenario_soak,
             "live": scenario_live}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--ocean-aws", required=True, help="the ocean-aws binary")
    p.add_argument("--fakeaws", required=True, help="the ocean-aws-fakeaws binary")
    p.add_argument("--scenario", default="all", choices=[*SCENARIOS, "all"])
    p.add_argument("--command", default="resync", choices=["export", "resync"])
    p.add_argument("--small", action="store_true", help="a tenth of the issue's scale (smoke)")
    p.add_argument("--fault", dest="faults", action="append", help="fault schedule override")
    p.add_argument("--max-attempts", type=int, default=0, help="AWS_MAX_ATTEMPTS for faults")
    p.add_argument("--kind", dest="kinds", action="append",
                   help="kinds scenario: only this kind (repeatable; SQS always runs); "
                        "with --command export, the other scenarios export only these kinds")
    p.add_argument("--scale-accounts", type=int, default=0,
                   help="scale scenario: accounts instead of 1,000 (e.g. 10000)")
    p.add_argument("--populated", type=float, default=None,
                   help="scale scenario with --scale-accounts: share of populated scopes (0.05)")
    p.add_argument("--reps", type=int, default=3, help="kinds scenario: runs per kind (min)")
    p.add_argument("--iterations", type=int, default=0, help="soak: resyncs (100; --small 15)")
    p.add_argument("--interval", type=float, default=2.0, help="soak: seconds after each resync")
    p.add_argument("--soak-workers", type=int, default=2, help="soak: mapping worker processes")
    p.add_argument("--soak-resync-timeout", type=float, default=600, help="soak: per resync, s")
    p.add_argument("--out-dir", default=os.path.join(ROOT, "bench", "out"))
    p.add_argument("--results", default=os.path.join(ROOT, "bench", "RESULTS.md"))
    p.add_argument("--no-append", action="store_true", help="do not touch RESULTS.md")
    p.add_argument("--keep-catalogs", action="store_true",
                   help="keep each resync's directory (/tmp/bench-resync-*: catalog.sqlite, report)")
    args = p.parse_args()
    try:
        run_scenarios(args)
    finally:
        for d in RESYNC_DIRS:
            if args.keep_catalogs:
                print(f"kept {d}", file=sys.stderr)
            else:
                shutil.rmtree(d, ignore_errors=True)


def run_scenarios(args):
    args.want_keys = False
    args.ocean_aws, args.fakeaws = os.path.abspath(args.ocean_aws), os.path.abspath(args.fakeaws)
    for b in (args.ocean_aws, args.fakeaws):
        if not os.access(b, os.X_OK):
            raise SystemExit(f"not an executable: {b}")
    os.makedirs(args.out_dir, exist_ok=True)
    load_kinds(args.fakeaws)
    names = list(SCENARIOS) if args.scenario == "all" else [args.scenario]
    for name in names:
        cfg = scenario_config(name, args.small)
        if name == "scale" and args.scale_accounts:  # e.g. 10,000 x 17, sparse (issue 13.4)
            fake = cfg["fake"]
            fake[fake.index("--accounts") + 1] = str(args.scale_accounts)
            if args.populated is not None:
                fake[fake.index("--populated") + 1] = str(args.populated)
            cfg["accounts"] = args.scale_accounts
        if name != "kinds":
            cfg["fake"] += child_counts(cfg["fake"])
        fig, runs, summary = SCENARIOS[name](args, cfg)
        for r in runs:
            r["ids"] = len(r["ids"])
            r.pop("keys_before", None)
            r.pop("keys_after", None)
        doc = {"scenario": name, "command": args.command, "small": args.small,
               "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
               "commit": commit(), "machine": machine(), "fake_args": cfg["fake"],
               "figures": fig, "runs": runs, "summary": summary}
        stem = f"{name}-small" if args.small else name  # never overwrite a full run's results
        with open(os.path.join(args.out_dir, f"{stem}.json"), "w") as f:
            json.dump(doc, f, indent=2, default=str)
        mode = "sail" if name in ("soak", "live") else "export" if name == "kinds" else args.command
        label = f"scenario {name} ({mode}{', small' if args.small else ''})"
        row = (f"| {datetime.date.today()} | {doc['commit']} | {doc['machine']} | {label} | "
               f"{summary} |")
        print(row, flush=True)
        if not args.no_append:
            with open(args.results, "a") as f:
                f.write(row + "\n")


if __name__ == "__main__":
    main()
