#!/usr/bin/env bash
# Runs the Google Benchmark suite (bench/*_bench.cc) and appends its figures to
# bench/RESULTS.md (commit, date, machine, figures); raw JSON goes to bench/out/.
# Benchmarks measure; they never pass or fail a build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
BUILD_DIR=build NINJA_TARGETS=ocean_bench scripts/build.sh >/dev/null
mkdir -p bench/out
out=bench/out/micro-$(date -u +%Y%m%dT%H%M%SZ).json
./build/ocean_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_format=json --benchmark_out="$out" --benchmark_out_format=json >/dev/null
python3 - "$out" <<'PY'
import json, subprocess, sys, datetime, os
data = json.load(open(sys.argv[1]))
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                        text=True).stdout.strip() or "uncommitted"
ctx = data["context"]
machine = f'{ctx.get("num_cpus")} cpu @ {ctx.get("mhz_per_cpu")} MHz, load {ctx.get("load_avg", ["?"])[0]:.2f}' \
    if isinstance(ctx.get("load_avg"), list) and ctx.get("load_avg") else f'{ctx.get("num_cpus")} cpu'
rows = []
for b in data["benchmarks"]:
    if b.get("aggregate_name") != "median":
        continue
    figs = []
    if "items_per_second" in b:
        figs.append(f'{b["items_per_second"]:,.0f} items/s')
    figs.append(f'{b["cpu_time"]:.2f} {b["time_unit"]} cpu')
    rows.append(f'| {datetime.date.today()} | {commit} | {machine} | {b["run_name"]} | {", ".join(figs)} |')
path = "bench/RESULTS.md"
if not os.path.exists(path):
    open(path, "w").write("# Benchmark results\n\nAppended by scripts/bench.sh (medians of 5).\n\n"
                          "| date | commit | machine | benchmark | figures |\n|---|---|---|---|---|\n")
with open(path, "a") as f:
    f.write("\n".join(rows) + "\n")
print("\n".join(rows))
PY
