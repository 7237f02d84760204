#!/usr/bin/env python3
"""Writes the seed corpora of fuzz/ (fuzz/corpus/<harness>/) from the repository's own inputs.

Run from the repository root after changing a seed source; the output is committed. Seeds are
small: golden AWS responses (tests/aws/protocol/parse), the shipped port-app-configs, the jq
expressions in them, a few HTTP requests, settings files and mapping items.
"""
import glob
import hashlib
import json
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def write(harness, name, data):
    d = os.path.join(CORPUS, harness)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def aws_response():
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/aws/protocol/parse/*.json"))):
        case = json.load(open(path))
        r = case["response"]
        text = f"{case['service']} {case['operation']} {r['status']}\n"
        text += "".join(f"{k}: {v}\n" for k, v in r.get("headers", []))
        text += "\n" + r.get("body", "")
        write("aws_response", os.path.basename(path)[:-5], text)


def port_app_config():
    for rel in [".port/resources/port-app-config.yml", "examples/all-kinds/port-app-config.yml",
                "fuzz/mapping_extra.yml"]:
        write("port_app_config", rel.replace("/", "_"), open(os.path.join(ROOT, rel)).read())
    write("port_app_config", "json", json.dumps({
        "deleteDependentEntities": False, "entityDeletionThreshold": 0.5,
        "resources": [{"kind": "AWS::S3::Bucket",
                       "selector": {"query": "true", "regionPolicy": {"allow": ["us-east-1"]}},
                       "port": {"entity": {"mappings": {"identifier": ".Properties.Arn",
                                                        "blueprint": '"s3Bucket"'}}}}]}))


def jq_expressions():
    exprs = set()
    for rel in [".port/resources/port-app-config.yml", "examples/all-kinds/port-app-config.yml",
                "fuzz/mapping_extra.yml"]:
        for line in open(os.path.join(ROOT, rel)):
            m = re.match(r"\s*[A-Za-z_]+:\s+(.+)$", line)
            if m and m.group(1)[0] in "'.\"[":
                exprs.add(m.group(1).strip().strip("'").replace("''", "'"))
    exprs.update([
        "if .a then 1 end", "if .a then 1 elif .b then 2 end", ".a.[0]", ".a.[]", '.a.["k"]',
        "{$k: .v}", "{if: 1, then: 2}", "'single' + \"double\"", '"\\(.a | \'x\')"',
        "# comment\n.a", "[.[] | select(.x == 'y')]", "(.a", '"unterminated',
    ])
    for e in sorted(exprs):
        write("jq_rewrite", hashlib.sha1(e.encode()).hexdigest()[:12], e)


def http_request():
    reqs = {
        "get_health": "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "post_resync": "POST /resync HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                       "Content-Length: 2\r\n\r\n{}",
        "chunked": "POST /integration/webhook?x=1&y=%20 HTTP/1.1\r\nHost: x\r\n"
                   "Transfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n",
        "absolute": "GET http://localhost:8000/metrics/?a%2Fb HTTP/1.1\r\nHost: x\r\n"
                    "Connection: close\r\n\r\n",
        "expect": "PUT /a%2fb%ZZ HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
    }
    for i, (name, text) in enumerate(sorted(reqs.items())):
        write("http_request", name, bytes([i * 13 % 64]) + text.encode())


def settings():
    write("settings", "dotenv_only",
          "# comment\nexport OCEAN__INTEGRATION__IDENTIFIER=my-aws\nOCEAN__LOG_LEVEL = DEBUG # c\n"
          "OCEAN__INTEGRATION__CONFIG__AWS_ACCESS_KEY_ID='raw # kept'\nEMPTY=\n"
          'MULTI="line\\nbreak \\"q\\""\n')
    write("settings", "both",
          "OCEAN__EVENT_LISTENER__TYPE=ONCE\n---8<---\n"
          "integration:\n  identifier: from-yaml\n  config:\n"
          "    awsAccessKeyId: \"{{ from env FUZZ_VALUE }}\"\n    maximumConcurrentAccounts: 3\n"
          "port:\n  baseUrl: https://api.getport.io\nscheduledResyncInterval: 60\n")
    write("settings", "yaml_only", "---8<---\n{\"sendRawDataExamples\": false, \"port\": {}}\n")


def mapping():
    ctx = {"AccountId": "123456789012", "Region": "us-east-1"}
    items = [
        {"Type": "AWS::S3::Bucket", "Properties": {
            "BucketName": "b1", "Arn": "arn:aws:s3:::b1", "CreationDate": "2024-01-01T00:00:00Z",
            "Tags": [{"Key": "team", "Value": "a"}, {"Key": "env", "Value": ""}]},
         "__ExtraContext": ctx},
        {"Type": "AWS::EC2::Instance", "Properties": {
            "InstanceId": "i-0abc", "InstanceType": "t3.micro", "State": {"Name": "running"},
            "Tags": [{"Key": "Name", "Value": "web"}], "Count": 2, "Blueprint": "ec2Instance",
            "SecurityGroups": [{"GroupName": "sg"}]}, "__ExtraContext": ctx},
        {"Properties": {"Id": "123456789012", "Name": "acct"}, "__ExtraContext": ctx},
        [{"Properties": {"Arn": ""}}, {"Properties": None}, 3, "x"],
    ]
    for i in range(16):
        write("mapping", f"resource{i:02d}", bytes([i]) + json.dumps(items[i % len(items)]).encode())


def event_route():
    """EventBridge envelopes of the live-event tests (tests/catalog/events/cloudtrail/)."""
    import glob
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "catalog", "events", "cloudtrail", "*.json"))):
        stem = os.path.splitext(os.path.basename(path))[0]
        for i, case in enumerate(json.load(open(path))["cases"]):
            write("event_route", f"{stem}_{i}", json.dumps(case["envelope"], separators=(",", ":")))


if __name__ == "__main__":
    aws_response()
    port_app_config()
    jq_expressions()
    http_request()
    settings()
    mapping()
    event_route()
