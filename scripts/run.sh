#!/usr/bin/env bash
# The main job. Installs what it needs, builds ocean-aws, and:
#   scripts/run.sh            starts a local AWS emulator (moto) seeded with sample resources of
#                             every implemented kind — no AWS or Port account needed — and runs a
#                             full resync with the default port-app-config into the embedded
#                             SQLite catalog, then prints the summary and where the catalog is;
#                             OCEAN_AWS_DEMO_MAPPING=FILE uses that port-app-config instead,
#                             e.g. examples/all-kinds/port-app-config.yml (every implemented kind);
#   scripts/run.sh ARGS...    runs `ocean-aws ARGS...` instead (e.g. `resync` against your real
#                             AWS credentials, or with Port; see the README).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
BUILD_DIR=build NINJA_TARGETS=ocean-aws scripts/build.sh >/dev/null
BIN=$PWD/build/ocean-aws
if [ $# -gt 0 ]; then
  exec "$BIN" "$@"
fi

log=$(mktemp)
coproc MOTO { exec python3 tests/tools/moto_server.py 2>"$log"; }
trap 'exec {MOTO[1]}>&-; wait 2>/dev/null || true; rm -f "$log"' EXIT
read -r -t 60 word port <&"${MOTO[0]}" || { echo "moto did not start:"; cat "$log"; exit 1; }
[ "$word" = PORT ] || { echo "moto did not start: $word $port"; cat "$log"; exit 1; }
endpoint="http://127.0.0.1:$port"
echo "== local AWS emulator (moto) at $endpoint; seeding sample resources of every kind"
python3 tests/tools/moto_seed.py --endpoint "$endpoint" demo >/dev/null

# The emulator's fake credentials; everything else is ocean-aws's defaults: no Port credentials,
# so the sink is the embedded SQLite catalog, and the mapping is the default port-app-config.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
export AWS_ENDPOINT_URL="$endpoint"
catalog=${OCEAN__SQLITE_PATH:-$PWD/ocean-aws-catalog.db}
mapping_args=()
mapping_name="the default port-app-config"
if [ -n "${OCEAN_AWS_DEMO_MAPPING:-}" ]; then
  mapping_args=(--config-file "$OCEAN_AWS_DEMO_MAPPING")
  mapping_name=$OCEAN_AWS_DEMO_MAPPING
fi
echo "== ocean-aws resync ($mapping_name -> SQLite catalog $catalog)"
echo
status=0
"$BIN" resync --sqlite-path "$catalog" "${mapping_args[@]}" || status=$?
echo
echo "The catalog is $catalog (SQLite: tables entities, runs, scopes). Try:"
echo "  sqlite3 $catalog 'select blueprint, identifier from entities'"
echo "Every implemented kind: OCEAN_AWS_DEMO_MAPPING=examples/all-kinds/port-app-config.yml scripts/run.sh"
exit $status
