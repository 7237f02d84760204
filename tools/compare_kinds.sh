#!/usr/bin/env bash
# Byte-for-byte comparison of two ocean-aws binaries' `export` output for every built-in kind,
# with and without its optional actions, on one moto seeded with the "engine" scenario.
# Usage: tools/compare_kinds.sh OLD_BIN NEW_BIN   (exit 1 when any kind differs)
set -euo pipefail
old=$1 new=$2
cd "$(dirname "$0")/.."
coproc MOTO { python3 tests/tools/moto_server.py 2>/dev/null; }
read -r _ port <&"${MOTO[0]}"
ep="http://127.0.0.1:$port"
python3 tests/tools/moto_seed.py --endpoint "$ep" engine > /dev/null
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_EC2_METADATA_DISABLED=true
export AWS_ENDPOINT_URL=$ep
run() {
  local bin=$1 kind=$2; shift 2
  local args=()
  for a in "$@"; do args+=(--include "$a"); done
  "$bin" export --kind "$kind" --region us-east-1 --region eu-west-1 "${args[@]}" 2>/dev/null | sort
}
status=0
while read -r -a spec; do
  if cmp -s <(run "$old" "${spec[@]}") <(run "$new" "${spec[@]}"); then
    echo "identical: ${spec[*]}"
  else
    echo "DIFFERENT: ${spec[*]}"; status=1
  fi
done <<'KINDS'
AWS::SQS::Queue
AWS::SQS::Queue ListQueueTagsAction
AWS::S3::Bucket
AWS::S3::Bucket GetPublicAccessBlockAction GetBucketOwnershipControlsAction GetBucketEncryptionAction GetBucketLocationAction
AWS::EC2::Instance
AWS::EC2::Instance DescribeInstanceStatusAction
AWS::ECS::Cluster
AWS::Organizations::Account
AWS::Organizations::Account ListParentsAction ListTagsForResourceAction
AWS::Account::Info
KINDS
exec {MOTO[1]}>&-
exit $status
