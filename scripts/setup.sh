#!/usr/bin/env bash
# Installs everything ocean-aws needs to build and test on a fresh Debian 12 machine:
# C++ toolchain and libraries (apt-get) and the Python test tools (pip). Idempotent and quick
# when everything is already there. `--fuzz` also installs clang and its libFuzzer/sanitizer
# runtimes (scripts/test.sh and scripts/fuzz.sh ask for them; scripts/run.sh does not need them).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git python3 python3-pip mold
  libboost1.81-dev libboost-json1.81-dev libcurl4-openssl-dev libssl-dev zlib1g-dev
  libpugixml-dev libyaml-cpp-dev libjq-dev libonig-dev libsqlite3-dev sqlite3
  libgtest-dev libgmock-dev libbenchmark-dev libspdlog-dev libfmt-dev libcli11-dev libmimalloc-dev
)
if [ "${1:-}" = "--fuzz" ]; then
  APT_PACKAGES+=(clang-14 libclang-rt-14-dev)  # libFuzzer + sanitizer runtimes for fuzz/
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PY=${PYTHON:-python3}
if ! $PY - <<'PYEOF' 2>/dev/null
import importlib.metadata as md, re, sys
want = {}
for line in open("requirements-test.txt"):
    line = line.split("#")[0].strip()
    if line:
        name, ver = line.split("==")
        want[re.sub(r"\[.*\]", "", name)] = ver
for name, ver in want.items():
    if md.version(name) != ver:
        sys.exit(1)
import flask, werkzeug  # moto[server] extras
PYEOF
then
  echo "setup: installing Python test tools (requirements-test.txt)"
  $PY -m pip install -q --disable-pip-version-check -r requirements-test.txt
fi
echo "setup: ok"
