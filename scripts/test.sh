#!/usr/bin/env bash
# Runs every test of ocean-aws: installs what is missing, builds, runs the AWS parsers' tests
# under AddressSanitizer + UndefinedBehaviorSanitizer, fuzzes every parser briefly (fuzz/), then
# the whole suite (unit tests, moto round trips, fault-injection tests). Exit status 0 only if
# everything passed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --fuzz

echo "== source checks"
python3 tools/check_coroutine_temporaries.py
# Includes point down the layers only (core <- net <- aws <- catalog <- ocean <- app).
python3 tools/check_layers.py
# gtest's MatchesRegex/ContainsRegex use glibc's regexec, which deadlocks under ASan's
# interceptor; the tests run under the sanitizers below must use std::regex instead.
if grep -rlE '(MatchesRegex|ContainsRegex)\(' tests/core tests/aws/protocol; then
  echo "the files above use gtest's POSIX regex matchers in sanitizer tests; use std::regex"
  exit 1
fi

echo "== build"
BUILD_DIR=build scripts/build.sh

echo "== sanitizers: protocol parsers/serializers and core under ASan+UBSan"
if [ ! -f build-asan/build.ninja ]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DOCEAN_AWS_BUILD_BENCH=OFF \
    -DOCEAN_AWS_SANITIZE=address,undefined >/dev/null
fi
# Only what it runs: the core and AWS-protocol test executables and the two layers under them.
SAN_TARGETS="core_tests aws_protocol_tests"
# shellcheck disable=SC2086
ninja -C build-asan $SAN_TARGETS
for t in $SAN_TARGETS; do
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    timeout 600 "build-asan/$t" --gtest_brief=1 >"build-asan/$t.log" 2>&1 ||
    { cat "build-asan/$t.log"; echo "sanitizer run failed: $t"; exit 1; }
  echo "  $t: $(grep -E '^\[  PASSED  \]' "build-asan/$t.log")"
done

echo "== fuzzing: every harness in fuzz/ briefly under ASan+UBSan, plus its regression inputs"
# Bounded: a clang build of the layers the harnesses need plus FUZZ_TIME seconds per harness
# (scripts/fuzz.sh runs them longer).
scripts/fuzz.sh --time "${FUZZ_TIME:-15}"

echo "== all tests"
cd build
ctest --output-on-failure -j2 --timeout 600
