#!/usr/bin/env python3
"""The `cpu` scenario's CPU floor (issue 13.2): how few CPU-seconds any implementation can spend
on the work the scenario cannot avoid, on this machine.

  scripts/bench_floor.py --ocean-bench build/ocean_bench [--cpu-json bench/out/cpu.json] [--no-append]

Reads what the scenario did from a `cpu` run of scripts/bench_scenarios.py (its bench/out JSON:
AWS requests, bytes answered, entities upserted, rows in the catalog, CPU-seconds spent) and
prices each unavoidable unit of work with the floor micro-benchmarks of bench/floor*_bench.cc,
run pinned to one CPU:

  requests       x BM_FloorHttpRoundTrip (raw sockets, keep-alive, several in flight; the
                   cheapest of K >= 4)
  new rows       x BM_FloorSqliteUpsertEc2/1 (prepared upsert, texts written beforehand, the
                   sink's schema, WAL, synchronous=NORMAL, new keys)
  rewritten rows x BM_FloorSqliteUpsertEc2/0 (the same keys again)
  signatures     x BM_FloorSigV4Hashes (the hashes of one SigV4 signature, key cached)
  answer bytes   / the faster of pugixml's DOM parse and Boost.JSON's parse into an arena
  entities       x BM_FloorEntityCopyEc21000 (copying a mapped EC2 entity into an arena)
  catalog texts  / Boost.JSON's serializer (entity, properties, relations and raw JSON bytes)

Everything else is priced at zero: the model-shaped conversion of each answer, retries and rate
limiting, building the requests, merging action answers into resources, property order, the jq
mapping's evaluation, reconciliation. So the figure is a lower bound for any
implementation that makes the original's requests and keeps the SQLite catalog; the resources
per CPU-second it allows is an upper bound.

Appends a row to bench/RESULTS.md (date, commit, machine, figures) unless --no-append.
"""
import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_floors(bench, reps):
    cmd = [bench, "--benchmark_filter=^BM_Floor", "--benchmark_format=json",
           f"--benchmark_repetitions={reps}", "--benchmark_report_aggregates_only=true"]
    if shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        cmd = ["taskset", "-c", "1"] + cmd
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    medians = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            medians[b["run_name"]] = b
    return medians


def per_item_us(b):
    """CPU microseconds per item of a MeasureProcessCPUTime benchmark (its rate is per CPU-s)."""
    return 1e6 / b["items_per_second"]


def floors(medians):
    def find(prefix):
        hits = [v for k, v in medians.items() if k.startswith(prefix)]
        if not hits:
            raise SystemExit(f"no floor benchmark {prefix} in the ocean_bench output")
        return hits
    http = min(b["cpu_us_per_request"] for b in find("BM_FloorHttpRoundTrip/")
               if int(b["run_name"].split("/")[1]) >= 4)
    sql_new = min(per_item_us(b) for b in find("BM_FloorSqliteUpsertEc2/1/"))
    sql_same = min(per_item_us(b) for b in find("BM_FloorSqliteUpsertEc2/0/"))
    parse_bps = max(find("BM_FloorXmlLoadEc2Page1000")[0]["bytes_per_second"],
                    find("BM_FloorJsonParseEcs100")[0]["bytes_per_second"])
    write_bps = find("BM_FloorJsonSerializeEc2Envelopes1000")[0]["bytes_per_second"]
    sign = per_item_us(find("BM_FloorSigV4Hashes")[0])
    entity = per_item_us(find("BM_FloorEntityCopyEc21000")[0])
    return {"http_us_per_request": http, "sign_us_per_request": sign,
            "sqlite_us_per_new_row": sql_new, "sqlite_us_per_rewritten_row": sql_same,
            "parse_bytes_per_cpu_s": parse_bps, "write_bytes_per_cpu_s": write_bps,
            "entity_us": entity}


def machine():
    load = os.getloadavg()[0]
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip().split()[:2]
                    model = " ".join(model)
                    break
    except OSError:
        pass
    loaded = ", loaded" if load > (os.cpu_count() or 1) / 2 else ""
    return f"{os.cpu_count()} cpu {model}, load {load:.2f}{loaded}"


def commit():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ocean-bench", required=True)
    ap.add_argument("--cpu-json", default=os.path.join(ROOT, "bench", "out", "cpu.json"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--results", default=os.path.join(ROOT, "bench", "RESULTS.md"))
    ap.add_argument("--no-append", action="store_true")
    args = ap.parse_args()

    with open(args.cpu_json) as f:
        run = json.load(f)
    fig = run["figures"]
    need = ["requests", "answer_bytes", "upserts", "catalog_rows", "catalog_text_bytes", "resources",
            "cpu_s"]
    missing = [k for k in need if fig.get(k) is None]
    if missing or run.get("command") != "resync":
        raise SystemExit(f"{args.cpu_json}: not a `cpu` resync run with {', '.join(missing) or need}"
                         " (run scripts/bench_scenarios.py --scenario cpu first)")
    fl = floors(run_floors(args.ocean_bench, args.reps))
    rewritten = max(fig["upserts"] - fig["catalog_rows"], 0)
    parts = [
        ("AWS requests", fig["requests"], fl["http_us_per_request"] * 1e-6),
        ("new catalog rows", fig["catalog_rows"], fl["sqlite_us_per_new_row"] * 1e-6),
        ("rewritten catalog rows", rewritten, fl["sqlite_us_per_rewritten_row"] * 1e-6),
        ("requests signed", fig["requests"], fl["sign_us_per_request"] * 1e-6),
        ("answer bytes parsed", fig["answer_bytes"], 1.0 / fl["parse_bytes_per_cpu_s"]),
        ("mapped entities built", fig["upserts"], fl["entity_us"] * 1e-6),
        ("catalog text bytes written", fig["catalog_text_bytes"], 1.0 / fl["write_bytes_per_cpu_s"]),
    ]
    total = sum(n * each for _, n, each in parts)
    budget = fig["resources"] / 50000.0
    print(f"cpu run: {args.cpu_json} ({run.get('commit')}, {run.get('date')}): "
          f"{fig['resources']:,} resources, {fig['cpu_s']:.1f} CPU-s")
    print(f"{'work':26s} {'units':>14s} {'floor each':>14s} {'floor CPU-s':>12s}")
    for name, n, each in parts:
        print(f"{name:26s} {n:>14,} {each * 1e6:>11.3f} us {n * each:>12.2f}")
    print(f"{'floor (sum)':26s} {'':>14s} {'':>14s} {total:>12.2f}")
    print(f"50,000 resources/cpu-s needs <= {budget:.2f} CPU-s; the floor allows at most "
          f"{fig['resources'] / total:,.0f} resources/cpu-s; the measured run spent "
          f"{fig['cpu_s'] / total:.1f}x the floor")
    summary = (f"floor of the `cpu` run {run.get('commit')}: {total:.2f} CPU-s "
               f"(requests {fig['requests']:,} x {fl['http_us_per_request']:.1f} us, "
               f"new rows {fig['catalog_rows']:,} x {fl['sqlite_us_per_new_row']:.1f} us, "
               f"rewritten rows {rewritten:,} x {fl['sqlite_us_per_rewritten_row']:.1f} us, "
               f"{fig['answer_bytes'] / 1e6:,.0f} MB parsed at "
               f"{fl['parse_bytes_per_cpu_s'] / 1e6:,.0f} MB/cpu-s, signing "
               f"{fl['sign_us_per_request']:.1f} us/request, {fig['catalog_text_bytes'] / 1e6:,.0f} MB "
               f"of JSON written at {fl['write_bytes_per_cpu_s'] / 1e6:,.0f} MB/cpu-s, "
               f"{fig['upserts']:,} entities built at {fl['entity_us']:.2f} us) -> at most "
               f"{fig['resources'] / total:,.0f} resources/cpu-s for any implementation; "
               f"target 50,000 needs <= {budget:.2f} CPU-s; measured {fig['cpu_s']:.1f} CPU-s = "
               f"{fig['cpu_s'] / total:.1f}x the floor")
    if not args.no_append:
        row = (f"| {datetime.date.today().isoformat()} | {commit()} | {machine()} | "
               f"floor (scripts/bench_floor.py) | {summary} |\n")
        with open(args.results, "a") as f:
            f.write(row)
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
