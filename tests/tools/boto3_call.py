#!/usr/bin/env python3
"""Calls one AWS operation with boto3 and prints the result as ocean-aws renders it.

This is the reference our engine's JSON is compared with: boto3's parsed result, without
ResponseMetadata, datetimes rendered like upstream (ISO-8601 UTC with 'Z', microseconds only when
non-zero), bytes as base64.

Usage: boto3_call.py --endpoint URL --service S --operation Op [--params JSON] [--region R]
                     [--paginate] [--access-key K --secret-key S [--session-token T]]
"""
import argparse
import base64
import datetime
import json
import sys

import boto3
import botocore.config


def render(v):
    if isinstance(v, datetime.datetime):
        v = v.astimezone(datetime.timezone.utc)
        s = v.strftime("%Y-%m-%dT%H:%M:%S")
        if v.microsecond:
            s += ".%06d" % v.microsecond
        return s + "Z"
    if isinstance(v, (bytes, bytearray)):
        return base64.b64encode(v).decode()
    if isinstance(v, dict):
        return {k: render(x) for k, x in v.items() if k != "ResponseMetadata"}
    if isinstance(v, list):
        return [render(x) for x in v]
    if hasattr(v, "read"):  # streaming body
        return v.read().decode(errors="replace")
    return v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--service", required=True)
    ap.add_argument("--operation", required=True)
    ap.add_argument("--params", default="{}")
    ap.add_argument("--region", default="us-east-1")
    ap.add_argument("--paginate", action="store_true")
    ap.add_argument("--access-key", default="testing")
    ap.add_argument("--secret-key", default="testing")
    ap.add_argument("--session-token")
    a = ap.parse_args()
    client = boto3.client(
        a.service, region_name=a.region, endpoint_url=a.endpoint,
        aws_access_key_id=a.access_key, aws_secret_access_key=a.secret_key,
        aws_session_token=a.session_token,
        config=botocore.config.Config(retries={"max_attempts": 1}))
    params = json.loads(a.params)
    op = client.meta.method_to_api_mapping
    name = {v: k for k, v in op.items()}[a.operation]
    try:
        if a.paginate:
            result = client.get_paginator(name).paginate(**params).build_full_result()
        else:
            result = getattr(client, name)(**params)
    except client.exceptions.ClientError as e:
        err = e.response.get("Error", {})
        print(json.dumps({"__error__": {"Code": err.get("Code"), "Message": err.get("Message")}}))
        return 0
    print(json.dumps(render(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
