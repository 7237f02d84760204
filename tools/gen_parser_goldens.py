#!/usr/bin/env python3
"""Generates the response/error parser goldens in tests/aws/protocol/parse/ from botocore.

botocore (the version data/aws was generated from, see data/aws/SOURCE) is the oracle: each case
is a realistic HTTP response crafted here, parsed by botocore.parsers with the operation's output
shape, plus the after-call handlers boto3 runs that change the result (iam policy decoding,
s3.GetBucketLocation). The result is rendered as upstream renders it: no ResponseMetadata,
datetimes as UTC ISO-8601 with 'Z' (microseconds only when non-zero), bytes as base64 text.

Each case file: {"service", "operation", "response": {"status", "headers": [[k, v]...], "body"},
                 and "expected" (parsed JSON) or "expected_error" {code, message, request_id,
                 http_status}}.

Usage: python3 tools/gen_parser_goldens.py [--out tests/aws/protocol/parse]
"""
import argparse
import base64
import datetime
import json
import os
import sys

import botocore
import botocore.handlers
import botocore.parsers
import botocore.session
from urllib3._collections import HTTPHeaderDict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parser_golden_cases import CASES, ERROR_CASES  # noqa: E402

_SESSION = botocore.session.get_session()


def render(value):
    if isinstance(value, dict):
        return {k: render(v) for k, v in value.items()}
    if isinstance(value, list):
        return [render(v) for v in value]
    if isinstance(value, datetime.datetime):
        text = value.astimezone(datetime.timezone.utc).isoformat()
        return text.replace('+00:00', 'Z')
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode('ascii')
    return value


class _FakeHttpResponse:
    def __init__(self, body):
        self.raw = True
        self.content = body


def botocore_parse(service, operation, status, headers, body):
    model = _SESSION.get_service_model(service)
    op = model.operation_model(operation)
    parser = botocore.parsers.create_parser(model.metadata['protocol'])
    response = {'body': body.encode('utf-8'), 'headers': HTTPHeaderDict(headers),
                'status_code': status}
    parsed = parser.parse(response, op.output_shape)
    # The after-call handlers that reshape results (botocore/handlers.py BUILTIN_HANDLERS).
    if service == 'iam' and status < 300:
        botocore.handlers.json_decode_policies(parsed, op)
    if service == 's3' and operation == 'GetBucketLocation' and status < 300:
        botocore.handlers.parse_get_bucket_location(parsed, _FakeHttpResponse(body.encode()))
    return parsed


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--out', default=os.path.join(here, '..', 'tests', 'aws', 'protocol', 'parse'))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    written = 0
    for name, c in CASES.items():
        headers = c.get('headers', [])
        parsed = botocore_parse(c['service'], c['operation'], c.get('status', 200), headers,
                                c['body'])
        parsed.pop('ResponseMetadata', None)
        doc = {'service': c['service'], 'operation': c['operation'],
               'response': {'status': c.get('status', 200), 'headers': headers,
                            'body': c['body']},
               'expected': render(parsed)}
        written += _write(args.out, name, doc)
    for name, c in ERROR_CASES.items():
        headers = c.get('headers', [])
        parsed = botocore_parse(c['service'], c['operation'], c['status'], headers, c['body'])
        err = parsed.get('Error', {})
        doc = {'service': c['service'], 'operation': c['operation'],
               'response': {'status': c['status'], 'headers': headers, 'body': c['body']},
               'expected_error': {
                   'code': err.get('Code') or '',
                   'message': err.get('Message') or '',
                   'request_id': parsed.get('ResponseMetadata', {}).get('RequestId', ''),
                   'http_status': c['status']}}
        written += _write(args.out, 'error_' + name, doc)
    print(f'{written} goldens from botocore {botocore.__version__} in {args.out}')


def _write(out, name, doc):
    with open(os.path.join(out, name + '.json'), 'w', encoding='utf-8') as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write('\n')
    return 1


if __name__ == '__main__':
    main()
