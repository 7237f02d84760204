#!/usr/bin/env bash
# The main job. Installs what it needs, builds ocean-aws, and:
#   scripts/run.sh            exports every kind from a local AWS emulator (moto) seeded with
#                             sample resources — no AWS account needed — and shows the engine;
#   scripts/run.sh ARGS...    runs `ocean-aws ARGS...` (e.g. `aws ec2 describe-instances`
#                             against your real AWS credentials).
# The full resync into the local catalog (issue 4) replaces the walkthrough when it lands.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
BUILD_DIR=build NINJA_TARGETS=ocean-aws scripts/build.sh >/dev/null
BIN=./build/ocean-aws
if [ $# -gt 0 ]; then
  exec "$BIN" "$@"
fi

log=$(mktemp)
coproc MOTO { exec python3 tests/tools/moto_server.py 2>"$log"; }
trap 'exec {MOTO[1]}>&-; wait 2>/dev/null || true; rm -f "$log"' EXIT
read -r -t 60 word port <&"${MOTO[0]}" || { echo "moto did not start:"; cat "$log"; exit 1; }
[ "$word" = PORT ] || { echo "moto did not start: $word $port"; cat "$log"; exit 1; }
endpoint="http://127.0.0.1:$port"
echo "== local AWS emulator at $endpoint; seeding sample resources"
python3 tests/tools/moto_seed.py --endpoint "$endpoint" engine >/dev/null

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
export AWS_ENDPOINT_URL="$endpoint"
run() { echo; echo "\$ ocean-aws $*"; "$BIN" "$@"; }
run aws sts get-caller-identity
run aws s3 list-buckets --compact
run aws ec2 describe-instances --paginate --page-size 5 --compact | cut -c1-400
run aws sqs list-queues
run aws ecs describe-clusters --params '{"clusters":["ocean-a"],"include":["TAGS"]}' --compact
run aws organizations list-accounts --paginate --compact | cut -c1-400
echo
echo "\$ ocean-aws aws s3 get-bucket-tagging --params '{\"Bucket\":\"ocean-plain\"}'   (an AWS error)"
"$BIN" aws s3 get-bucket-tagging --params '{"Bucket":"ocean-plain"}' || true

echo
echo "== exporting every kind (raw resources as NDJSON; scope outcomes on stderr)"
export OCEAN__INTEGRATION__CONFIG__AWS_ACCESS_KEY_ID=testing
export OCEAN__INTEGRATION__CONFIG__AWS_SECRET_ACCESS_KEY=testing
out=$(mktemp -d)
"$BIN" kinds | grep '^AWS::' | while read -r kind; do
  file="$out/$(echo "$kind" | tr ':' '_' | tr -s '_').ndjson"
  "$BIN" --log-level warn export --kind "$kind" --region us-east-1 --region eu-west-1 >"$file"
  echo "$kind: $(wc -l <"$file") resources -> $file"
done
echo
echo "first AWS::SQS::Queue resource:"
head -n 1 "$out/AWS_SQS_Queue.ndjson"
