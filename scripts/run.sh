#!/usr/bin/env bash
# The main job: builds ocean-aws and runs it. Until the exporter lands (issues 3-4) this lists
# the embedded AWS services; it becomes a full resync into the local catalog.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
BUILD_DIR=build NINJA_TARGETS=ocean-aws scripts/build.sh >/dev/null
./build/ocean-aws models
