#!/usr/bin/env python3
"""Generate tests/aws/endpoints/endpoints.json: expected endpoints resolved by botocore.

For every (service, region) pair the script asks botocore's endpoint rule set (the same engine
boto3 uses) for the URL, the SigV4 signing region and the signing name of an ordinary request,
with no endpoint overrides, FIPS or dual-stack. The C++ endpoint resolver is tested against this
table (tests/aws/endpoints/endpoint_resolver_test.cc), so botocore is the oracle and nothing here
is hand-written.

Usage: tools/gen_endpoint_goldens.py [--out tests/aws/endpoints/endpoints.json]
"""
import argparse
import json
import os
import sys

import botocore
import botocore.session

SERVICES = [
    "sts", "account", "organizations", "ec2", "s3", "sqs", "ecs", "eks", "ecr", "iam", "rds",
    "lambda", "kafka", "elasticache", "memorydb", "codebuild", "codedeploy", "codepipeline",
    "sesv2", "dynamodb", "sns",
    # issue 15's kinds, group A (cloudfront is global: one endpoint per partition)
    "elbv2", "autoscaling", "cloudformation", "acm", "cloudfront", "apigateway", "apigatewayv2",
    "stepfunctions", "elasticbeanstalk",
    # issue 15, group B (route53 is global)
    "route53", "kms", "secretsmanager", "ssm", "cloudwatch", "logs", "efs", "kinesis",
    "resource-groups", "cognito-idp", "apprunner",
]
REGIONS = ["us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1"]
# Extra regions exercising partition edges (second region of each partition, a newer region).
EXTRA = [(s, r) for s in ("iam", "organizations", "account", "sts", "s3", "ec2", "route53")
         for r in ("cn-northwest-1", "us-gov-east-1", "ap-southeast-2", "il-central-1")]
EXTRA += [("sts", "aws-global")]
EXTRA += [("cloudfront", r) for r in ("cn-northwest-1", "us-gov-east-1", "ap-southeast-2",
                                      "aws-global")]


def resolve(session, service, region):
    client = session.create_client(service, region_name=region, aws_access_key_id="AKIDEXAMPLE",
                                   aws_secret_access_key="example")
    model = client.meta.service_model
    op = model.operation_model(model.operation_names[0])
    url, _, props = client._resolve_endpoint_ruleset(op, {}, {})
    schemes = props.get("authSchemes") or [{}]
    scheme = schemes[0]
    return {
        "service": service,
        "region": region,
        "url": url,
        "signing_region": scheme.get("signingRegion", region),
        "signing_name": scheme.get("signingName", model.signing_name),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(
        os.path.dirname(__file__), "..", "tests", "aws", "endpoints", "endpoints.json"))
    args = parser.parse_args()
    for key in list(os.environ):  # no profile, override or FIPS setting may leak in
        if key.startswith("AWS_"):
            del os.environ[key]
    os.environ["AWS_CONFIG_FILE"] = os.devnull
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    session = botocore.session.get_session()
    cases = [resolve(session, s, r) for s in SERVICES for r in REGIONS]
    cases += [resolve(session, s, r) for s, r in EXTRA]
    doc = {"generator": "tools/gen_endpoint_goldens.py", "botocore": botocore.__version__,
           "cases": cases}
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
