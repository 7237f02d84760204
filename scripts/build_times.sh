#!/usr/bin/env bash
# Measures what the README's two commands cost, stage by stage, on a fresh clone:
#   scripts/build_times.sh [--rev REV] [--tests] [--out FILE]
# clones REV (default HEAD) into a temporary directory and, as run.sh and test.sh do there:
# setup (apt/pip; near zero when already installed), configure, build of the product (run.sh),
# build of everything else (test.sh), the sanitizer stage, and with --tests the whole ctest run.
# Every compile and link step goes through tools/time_step.py, so the table gives both wall time
# and CPU time (user+sys, which other work on the machine does not inflate), split into compile
# and link, plus the 10 slowest translation units. The machine's load average is printed with
# it: wall times are only comparable on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rev=HEAD tests=0 out=""
while [ $# -gt 0 ]; do
  case $1 in
    --rev) rev=$2; shift 2 ;;
    --tests) tests=1; shift ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: $0 [--rev REV] [--tests] [--out FILE]"; exit 2 ;;
  esac
done
work=$(mktemp -d /tmp/ocean-aws-build-times.XXXXXX)
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/src"
git -C "$work/src" checkout -q "$(git rev-parse "$rev")"
cd "$work/src"
steps=$work/steps.tsv
export OCEAN_AWS_STEP_LOG=$steps
launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER="$root/tools/time_step.py"
          -DCMAKE_CXX_LINKER_LAUNCHER="$root/tools/time_step.py")
rows=()
now() { date +%s.%N; }
# stage NAME COMMAND...: wall time of the command, CPU and step counts from the step log.
stage() {
  local name=$1; shift
  : >"$steps"
  local t0; t0=$(now)
  "$@" >"$work/$name.log" 2>&1 || { cat "$work/$name.log"; echo "stage $name failed"; exit 1; }
  local wall; wall=$(awk -v a="$t0" -v b="$(now)" 'BEGIN {print b - a}')
  local stats; stats=$(awk -F'\t' '{c[$1]+=$2; n[$1]++} END {printf "%d|%.0f|%d|%.0f", n["compile"], c["compile"], n["link"], c["link"]}' "$steps")
  rows+=("$name|$(printf '%.0f' "$wall")|$stats")
  cat "$steps" >>"$work/all_steps.tsv"
}
stage setup scripts/setup.sh
stage configure cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}"
stage build_product ninja -C build ocean-aws
stage build_rest ninja -C build
san_configure() {
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DOCEAN_AWS_BUILD_BENCH=OFF \
    -DOCEAN_AWS_SANITIZE=address,undefined "${launcher[@]}"
  # The sanitizer targets of either layout: core_tests/aws_protocol_tests, or one per file.
  ninja -C build-asan $(ninja -C build-asan -t targets all |
    grep -oE '^(aws_protocol|core)_[a-z0-9_]*tests?' | sort -u)
}
stage sanitizer_build san_configure
if [ "$tests" = 1 ]; then
  stage ctest bash -c 'cd build && ctest -j2 --timeout 600 --output-on-failure'
fi

{
  echo "build times of $(git rev-parse --short HEAD) ($(git log -1 --format=%s | cut -c1-60))"
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo
  echo "| stage | wall s | compile steps | compile CPU s | link steps | link CPU s |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  for r in "${rows[@]}"; do echo "| ${r//|/ | } |"; done
  echo
  echo "10 slowest steps by CPU:"
  sort -t$'\t' -k2 -rn "$work/all_steps.tsv" | head -10 |
    awk -F'\t' '{sub(/.*CMakeFiles\//, "", $4); printf "  %6.1f s  %s  %s\n", $2, $1, $4}'
} | tee "${out:-/dev/null}"
