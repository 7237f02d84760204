#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/<name>_fuzz.cc, clang, ASan+UBSan, in build-fuzz/) and
# runs each one: first every saved regression input (fuzz/regressions/<name>/*, must all pass),
# then fuzzing from the seed corpus (fuzz/corpus/<name>/) for --time seconds.
#
#   scripts/fuzz.sh [--time SECONDS] [--replay-only] [name...]   default: 300 s, every harness
#
# Inputs the fuzzer finds interesting go to build-fuzz/corpus/<name>/ (not the repository).
# A crash, leak, timeout or sanitizer report stops that harness, saves the input under
# fuzz/findings/<name>/ and makes the script exit 1; it prints how to replay it and how to keep
# it as a regression input once fixed. scripts/test.sh runs this with a short --time.
set -euo pipefail
cd "$(dirname "$0")/.."

TIME=300
REPLAY_ONLY=0
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time) TIME="$2"; shift 2 ;;
    --replay-only) REPLAY_ONLY=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) names+=("${1%_fuzz}"); shift ;;
  esac
done
if [ ${#names[@]} -eq 0 ]; then
  for f in fuzz/*_fuzz.cc; do names+=("$(basename "$f" _fuzz.cc)"); done
fi

scripts/setup.sh --fuzz >/dev/null
CXX_FUZZ=${CXX_FUZZ:-clang++-14}
if [ ! -f build-fuzz/build.ninja ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER="$CXX_FUZZ" \
    "${launcher[@]}" -DOCEAN_AWS_FUZZ=ON -DOCEAN_AWS_BUILD_TESTS=OFF -DOCEAN_AWS_BUILD_BENCH=OFF \
    >/dev/null
fi
targets=()
for n in "${names[@]}"; do targets+=("${n}_fuzz"); done
nice -n 5 ninja -C build-fuzz -j"${FUZZ_JOBS:-2}" "${targets[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Per input: 10 s and 2 GiB at most (a parser that needs more is a finding).
FUZZ_FLAGS=(-timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=0)

failed=()
for n in "${names[@]}"; do
  bin="build-fuzz/${n}_fuzz"
  if [ -d "fuzz/regressions/$n" ] && [ -n "$(ls -A "fuzz/regressions/$n")" ]; then
    if "$bin" "${FUZZ_FLAGS[@]}" fuzz/regressions/"$n"/* >"build-fuzz/$n.replay.log" 2>&1; then
      echo "  $n: $(ls "fuzz/regressions/$n" | wc -l) regression input(s) pass"
    else
      tail -40 "build-fuzz/$n.replay.log"
      echo "  $n: a regression input fails again (log: build-fuzz/$n.replay.log)"
      failed+=("$n")
      continue
    fi
  fi
  [ "$REPLAY_ONLY" -eq 1 ] && continue
  mkdir -p "build-fuzz/corpus/$n" "fuzz/findings/$n"
  if "$bin" "${FUZZ_FLAGS[@]}" -max_total_time="$TIME" -artifact_prefix="fuzz/findings/$n/" \
      "build-fuzz/corpus/$n" "fuzz/corpus/$n" >"build-fuzz/$n.fuzz.log" 2>&1; then
    echo "  $n: ${TIME}s, $(grep -oE '#[0-9]+' "build-fuzz/$n.fuzz.log" | tail -1 | tr -d '#') runs, no finding"
  else
    tail -60 "build-fuzz/$n.fuzz.log"
    finding=$(grep -oE "fuzz/findings/$n/[^ ]+" "build-fuzz/$n.fuzz.log" | tail -1 || true)
    echo "  $n: FINDING ${finding:-(see build-fuzz/$n.fuzz.log)}"
    echo "    replay:  $bin $finding"
    echo "    once fixed, keep it: mkdir -p fuzz/regressions/$n &&" \
         "git mv -f $finding fuzz/regressions/$n/<what-it-caught> (or cp)"
    failed+=("$n")
  fi
  rmdir "fuzz/findings/$n" 2>/dev/null || true
done
rmdir fuzz/findings 2>/dev/null || true

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in: ${failed[*]}"
  exit 1
fi
echo "fuzz: ok"
