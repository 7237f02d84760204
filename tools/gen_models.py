#!/usr/bin/env python3
"""Generate ocean-aws's embedded AWS API models from an installed botocore.

For each service it reads botocore's newest `service-2.json` and `paginators-1.json` (plain or
.gz) and writes `data/aws/<service>.json`: botocore's own format, trimmed of what the engine never
reads (documentation, examples, enums, validation bounds) so the binary stays small, with the
paginators folded in under "paginators". The engine parses exactly this format, so botocore's own
files load as well.

Usage: tools/gen_models.py [--botocore-data DIR] [--out data/aws] [service ...]
Regenerating is this one command; the normal build only reads data/aws/.
"""
import argparse
import gzip
import json
import os
import sys

# The services ocean-aws needs (issue 2); extend here to add a service.
SERVICES = [
    "sts", "account", "organizations", "ec2", "s3", "sqs", "ecs", "eks", "ecr", "iam", "rds",
    "lambda", "kafka", "elasticache", "memorydb", "codebuild", "codedeploy", "codepipeline",
    "sesv2", "dynamodb", "sns",
    # issue 15: the older integration's kinds, and Cloud Control as the fallback
    "elbv2", "cloudformation", "acm", "autoscaling", "cloudfront", "apigateway", "apigatewayv2",
    "stepfunctions", "elasticbeanstalk", "apprunner", "kinesis", "cognito-idp", "ssm", "route53",
    "kms", "secretsmanager", "cloudwatch", "logs", "efs", "resource-groups", "cloudcontrol",
]

# Keys dropped everywhere: prose and input validation the engine does not perform.
DROP_KEYS = {
    "documentation", "documentationUrl", "examples", "enum", "min", "max", "pattern",
    "deprecated", "deprecatedMessage", "deprecatedSince", "box", "wrapper", "fault",
    "synthetic", "retryable", "contextParam", "staticContextParams",
    "operationContextParams", "httpChecksum", "endpointdiscovery", "endpointoperation",
    "authtype", "auth", "unsigned", "requestcompression",
}
# Metadata keys the engine reads.
KEEP_METADATA = {
    "apiVersion", "endpointPrefix", "globalEndpoint", "jsonVersion", "protocol", "protocols",
    "serviceAbbreviation", "serviceFullName", "serviceId", "signatureVersion", "signingName",
    "targetPrefix", "uid", "xmlNamespace", "awsQueryCompatible", "checksumFormat",
}


def load(path):
    if os.path.exists(path):
        with open(path, "rb") as f:
            return json.load(f)
    if os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rb") as f:
            return json.load(f)
    return None


def strip(node):
    if isinstance(node, dict):
        # Integer bounds stay: the paginator sends each API's largest page size (its limit key).
        keep = {"min", "max"} if node.get("type") in ("integer", "long") else set()
        return {k: strip(v) for k, v in node.items() if k not in DROP_KEYS or k in keep}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def newest_version(service_dir):
    versions = sorted(d for d in os.listdir(service_dir)
                      if os.path.isdir(os.path.join(service_dir, d)))
    if not versions:
        raise SystemExit(f"no API versions under {service_dir}")
    return versions[-1]


def generate(data_dir, service):
    service_dir = os.path.join(data_dir, service)
    if not os.path.isdir(service_dir):
        raise SystemExit(f"botocore has no service '{service}' in {data_dir}")
    version = newest_version(service_dir)
    model = load(os.path.join(service_dir, version, "service-2.json"))
    if model is None:
        raise SystemExit(f"{service}/{version}: no service-2.json")
    pag = load(os.path.join(service_dir, version, "paginators-1.json")) or {"pagination": {}}
    out = {
        "metadata": {k: v for k, v in model["metadata"].items() if k in KEEP_METADATA},
        "operations": strip(model["operations"]),
        "shapes": strip(model["shapes"]),
        "paginators": pag.get("pagination", {}),
    }
    out["metadata"]["serviceName"] = service
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--botocore-data", help="botocore's data directory (default: the installed one)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "aws"))
    ap.add_argument("services", nargs="*", default=SERVICES)
    args = ap.parse_args()
    data_dir = args.botocore_data
    if not data_dir:
        import botocore  # generation-time only dependency
        data_dir = os.path.join(os.path.dirname(botocore.__file__), "data")
        version = botocore.__version__
    else:
        version = "unknown"
    os.makedirs(args.out, exist_ok=True)
    for service in args.services:
        out = generate(data_dir, service)
        path = os.path.join(args.out, f"{service}.json")
        with open(path, "w") as f:
            json.dump(out, f, separators=(",", ":"), sort_keys=False)
            f.write("\n")
        print(f"{service}: {len(out['operations'])} operations, "
              f"{len(out['paginators'])} paginators -> {os.path.relpath(path)}")
    with open(os.path.join(args.out, "SOURCE"), "w") as f:
        f.write(f"Generated by tools/gen_models.py from botocore {version} (Apache-2.0).\n"
                f"Services: {' '.join(args.services)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
