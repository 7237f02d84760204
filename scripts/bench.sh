#!/usr/bin/env bash
# Benchmarks (docs/BENCHMARKS.md). They measure; they never pass or fail a build, and they are
# not part of scripts/test.sh or ctest.
#
#   scripts/bench.sh                 the Google Benchmark suite (bench/*_bench.cc)
#   scripts/bench.sh --scenarios     the end-to-end scenarios (cpu, scale, throttle, faults, kinds,
#                                    soak)
#   scripts/bench.sh --scenarios cpu,faults [--small]   some scenarios; --small = a tenth
#   scripts/bench.sh --all           both
#
# Each appends rows to bench/RESULTS.md (date, commit, machine with load average, figures) and
# writes machine-readable results to bench/out/ (micro-<time>.json, <scenario>.json).
# BUILD_DIR (default build) is configured as RelWithDebInfo if it has no build.ninja.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
micro=1
scenarios=""
small=""
while [ $# -gt 0 ]; do
  case "$1" in
    --scenarios)
      micro=0
      if [ $# -gt 1 ] && [[ "$2" != --* ]]; then scenarios="$2"; shift; else scenarios=all; fi ;;
    --all) micro=1; scenarios=all ;;
    --small) small=--small ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

scripts/setup.sh >/dev/null
targets=""
[ "$micro" = 1 ] && targets="ocean_bench"
[ -n "$scenarios" ] && targets="$targets ocean-aws ocean-aws-fakeaws"
BUILD_DIR=$BUILD_DIR NINJA_TARGETS="$targets" scripts/build.sh >/dev/null
mkdir -p bench/out

if [ "$micro" = 1 ]; then
  out=bench/out/micro-$(date -u +%Y%m%dT%H%M%SZ).json
  "./$BUILD_DIR/ocean_bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_format=json --benchmark_out="$out" --benchmark_out_format=json >/dev/null
  python3 - "$out" <<'PY'
import json, subprocess, sys, datetime, os
data = json.load(open(sys.argv[1]))
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                        text=True).stdout.strip() or "uncommitted"
ctx = data["context"]
machine = f'{ctx.get("num_cpus")} cpu @ {ctx.get("mhz_per_cpu")} MHz'
if isinstance(ctx.get("load_avg"), list) and ctx.get("load_avg"):
    load = ctx["load_avg"][0]
    machine += f', load {load:.2f}' + (', loaded' if load > ctx.get("num_cpus", 1) / 2 else '')
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
fi

if [ -n "$scenarios" ]; then
  IFS=, read -r -a names <<<"$scenarios"
  for name in "${names[@]}"; do
    python3 scripts/bench_scenarios.py --ocean-aws "$BUILD_DIR/ocean-aws" \
      --fakeaws "$BUILD_DIR/ocean-aws-fakeaws" --scenario "$name" $small
  done
fi
