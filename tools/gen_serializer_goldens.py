#!/usr/bin/env python3
"""Generates golden request-serialization cases from botocore, the reference implementation.

For each case (service, operation, params) below, runs botocore's own serializer
(`botocore.serialize.create_serializer(protocol).serialize_to_request`) with the operation model
of the installed botocore (the same version data/aws was generated from) and writes what it
produced into tests/aws/protocol/serialize/<protocol>.json:

  {"botocore": "1.43.11", "cases": [{"name", "service", "operation", "params",
    "expected": {"method", "path", "query": [[k, v], ...], "headers": {k: v},
                 "body", "body_kind": "form" | "json" | "xml" | "raw" | "empty",
                 "host_prefix"}}]}

Conventions (they match aws::protocol::SerializedRequest):
  * path is botocore's url_path without the literal query part of the request URI;
  * query holds the literal query part of the request URI first ("?tagging" -> ["tagging", ""],
    "?list-type=2" -> ["list-type", "2"]), then the serialized query-string members in botocore's
    order, lists expanded to one pair per element, values unencoded;
  * a query/ec2 body is the exact x-www-form-urlencoded string botocore sends;
  * only what the serializer produces is recorded: handlers that run later (User-Agent, S3
    checksums, endpoint and bucket-to-host rewriting) are not part of the golden.

Params must be JSON (timestamps as strings or epoch numbers, blobs as strings), because the C++
test feeds the same params to aws::protocol::SerializeRequest.

Usage: tools/gen_serializer_goldens.py [--out tests/aws/protocol/serialize]
"""

import argparse
import json
import os
import sys
import urllib.parse

import botocore
import botocore.session
from botocore.serialize import create_serializer
from botocore.utils import percent_encode_sequence

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, '..', 'tests', 'aws', 'protocol', 'serialize')

# (name, service, operation, params), grouped by the service's protocol automatically.
CASES = [
    # --- ec2 ------------------------------------------------------------------------------
    ('describe_instances_full', 'ec2', 'DescribeInstances', {
        'InstanceIds': ['i-0123456789abcdef0', 'i-0fedcba9876543210'],
        'Filters': [{'Name': 'instance-state-name', 'Values': ['running', 'stopped']},
                    {'Name': 'tag:Name', 'Values': ['web server']}],
        'MaxResults': 50, 'NextToken': 'abc/def+ghi=', 'DryRun': False}),
    ('describe_instances_empty', 'ec2', 'DescribeInstances', {}),
    ('describe_instances_empty_list', 'ec2', 'DescribeInstances', {'InstanceIds': []}),
    ('describe_instance_status_all', 'ec2', 'DescribeInstanceStatus',
     {'IncludeAllInstances': True, 'MaxResults': 1000}),
    ('describe_spot_price_history_timestamps', 'ec2', 'DescribeSpotPriceHistory', {
        'StartTime': '2024-01-02T03:04:05Z', 'EndTime': 1704164645.25,
        'InstanceTypes': ['m5.large'], 'ProductDescriptions': ['Linux/UNIX']}),
    ('run_instances_nested', 'ec2', 'RunInstances', {
        'ImageId': 'ami-12345678', 'MinCount': 1, 'MaxCount': 2, 'ClientToken': 'token-1',
        'BlockDeviceMappings': [{'DeviceName': '/dev/sda1',
                                 'Ebs': {'VolumeSize': 8, 'DeleteOnTermination': True}}],
        'TagSpecifications': [{'ResourceType': 'instance',
                               'Tags': [{'Key': 'Name', 'Value': 'a b&c=d'}]}],
        'UserData': 'IyEvYmluL2Jhc2g='}),
    ('describe_regions', 'ec2', 'DescribeRegions', {'AllRegions': True}),
    # --- query ----------------------------------------------------------------------------
    ('sts_assume_role', 'sts', 'AssumeRole', {
        'RoleArn': 'arn:aws:iam::123456789012:role/ocean-reader',
        'RoleSessionName': 'ocean-aws', 'ExternalId': 'ext id/42', 'DurationSeconds': 3600,
        'Tags': [{'Key': 'team', 'Value': 'platform'}, {'Key': 'env', 'Value': 'prod'}],
        'PolicyArns': [{'arn': 'arn:aws:iam::aws:policy/ReadOnlyAccess'}]}),
    ('sts_assume_role_empty_list', 'sts', 'AssumeRole', {
        'RoleArn': 'arn:aws:iam::123456789012:role/r', 'RoleSessionName': 'sess',
        'PolicyArns': []}),
    ('sts_get_caller_identity', 'sts', 'GetCallerIdentity', {}),
    ('rds_describe_db_instances', 'rds', 'DescribeDBInstances', {
        'Filters': [{'Name': 'engine', 'Values': ['postgres', 'mysql']}],
        'MaxRecords': 100, 'Marker': 'm1'}),
    ('rds_describe_events_timestamp', 'rds', 'DescribeEvents', {
        'StartTime': '2024-01-02T03:04:05.123456Z', 'EndTime': 1704164645,
        'EventCategories': ['backup']}),
    ('sns_get_topic_attributes', 'sns', 'GetTopicAttributes',
     {'TopicArn': 'arn:aws:sns:us-east-1:123456789012:my-topic'}),
    ('sns_create_topic_map', 'sns', 'CreateTopic', {
        'Name': 'topic', 'Attributes': {'DisplayName': 'Mine', 'Policy': '{"a": 1}'},
        'Tags': [{'Key': 'k', 'Value': 'v'}]}),
    ('sns_publish_message_attributes', 'sns', 'Publish', {
        'Message': 'héllo wörld', 'TopicArn': 'arn:aws:sns:us-east-1:123456789012:t',
        'MessageAttributes': {'attr': {'DataType': 'Binary', 'BinaryValue': 'bytes!'}}}),
    ('iam_list_roles', 'iam', 'ListRoles', {'PathPrefix': '/service-role/', 'MaxItems': 100,
                                            'Marker': 'AAA+/='}),
    ('elasticache_describe_cache_clusters', 'elasticache', 'DescribeCacheClusters',
     {'ShowCacheNodeInfo': True, 'MaxRecords': 100,
      'ShowCacheClustersNotInReplicationGroups': False}),
    # --- json -----------------------------------------------------------------------------
    ('ecs_describe_clusters', 'ecs', 'DescribeClusters', {
        'clusters': ['arn:aws:ecs:us-east-1:123456789012:cluster/default'],
        'include': ['ATTACHMENTS', 'SETTINGS', 'STATISTICS', 'TAGS']}),
    ('sqs_get_queue_attributes', 'sqs', 'GetQueueAttributes', {
        'QueueUrl': 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
        'AttributeNames': ['All']}),
    ('sqs_send_message_attributes', 'sqs', 'SendMessage', {
        'QueueUrl': 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
        'MessageBody': 'body', 'DelaySeconds': 5,
        'MessageAttributes': {'a': {'DataType': 'Binary', 'BinaryValue': 'raw bytes'},
                              'b': {'DataType': 'String', 'StringValue': 'x'}}}),
    ('dynamodb_describe_table', 'dynamodb', 'DescribeTable', {'TableName': 'orders'}),
    ('dynamodb_list_tables_empty', 'dynamodb', 'ListTables', {}),
    ('dynamodb_list_backups_timestamps', 'dynamodb', 'ListBackups', {
        'TableName': 'orders', 'TimeRangeLowerBound': '2024-01-02T03:04:05Z',
        'TimeRangeUpperBound': 1704164645, 'Limit': 10}),
    ('dynamodb_put_item_blob', 'dynamodb', 'PutItem', {
        'TableName': 't', 'Item': {'pk': {'S': 'k'}, 'data': {'B': 'binary\u0001data'},
                                   'n': {'N': '1.5'}, 'ok': {'BOOL': True},
                                   'l': {'L': [{'S': 'a'}, {'NULL': True}]}}}),
    ('organizations_list_accounts', 'organizations', 'ListAccounts',
     {'MaxResults': 20, 'NextToken': 'tok'}),
    # --- rest-json ------------------------------------------------------------------------
    ('lambda_list_functions', 'lambda', 'ListFunctions', {
        'MasterRegion': 'ALL', 'FunctionVersion': 'ALL', 'Marker': 'a b/c', 'MaxItems': 50}),
    ('lambda_get_function', 'lambda', 'GetFunction',
     {'FunctionName': 'arn:aws:lambda:us-east-1:123456789012:function:my-fn',
      'Qualifier': '$LATEST'}),
    ('lambda_invoke_payload_headers', 'lambda', 'Invoke', {
        'FunctionName': 'fn', 'InvocationType': 'DryRun', 'LogType': 'Tail',
        'ClientContext': 'e30=', 'Payload': '{"k": "v"}'}),
    ('lambda_tag_resource_body', 'lambda', 'TagResource', {
        'Resource': 'arn:aws:lambda:us-east-1:123456789012:function:f',
        'Tags': {'team': 'a', 'env': 'b'}}),
    ('eks_describe_cluster', 'eks', 'DescribeCluster', {'name': 'prod cluster'}),
    ('eks_list_clusters_include', 'eks', 'ListClusters',
     {'maxResults': 10, 'include': ['all', 'other'], 'nextToken': 'n'}),
    ('account_list_regions_body', 'account', 'ListRegions', {
        'MaxResults': 50, 'NextToken': 't', 'RegionOptStatusContains': ['ENABLED',
                                                                         'ENABLED_BY_DEFAULT']}),
    ('account_list_regions_empty', 'account', 'ListRegions', {}),
    ('kafka_list_clusters_v2', 'kafka', 'ListClustersV2', {
        'ClusterNameFilter': 'prod', 'ClusterTypeFilter': 'PROVISIONED', 'MaxResults': 10,
        'NextToken': 'x'}),
    ('kafka_list_tags_arn_label', 'kafka', 'ListTagsForResource', {
        'ResourceArn': 'arn:aws:kafka:us-east-1:123456789012:cluster/c/abc-1'}),
    ('sesv2_get_email_identity', 'sesv2', 'GetEmailIdentity',
     {'EmailIdentity': 'user+tag@example.com'}),
    # --- rest-xml -------------------------------------------------------------------------
    ('s3_list_buckets', 's3', 'ListBuckets', {'MaxBuckets': 100, 'Prefix': 'logs'}),
    ('s3_list_buckets_empty', 's3', 'ListBuckets', {}),
    ('s3_get_bucket_tagging', 's3', 'GetBucketTagging', {'Bucket': 'my-bucket'}),
    ('s3_get_bucket_location', 's3', 'GetBucketLocation',
     {'Bucket': 'my-bucket', 'ExpectedBucketOwner': '123456789012'}),
    ('s3_put_bucket_tagging', 's3', 'PutBucketTagging', {
        'Bucket': 'my-bucket',
        'Tagging': {'TagSet': [{'Key': 'team', 'Value': 'a&b <c>'},
                               {'Key': 'env', 'Value': 'prod'}]}}),
    ('s3_get_object_greedy_key', 's3', 'GetObject', {
        'Bucket': 'my-bucket', 'Key': 'dir/sub dir/ünï cödé+x~y.txt',
        'Range': 'bytes=0-9', 'IfModifiedSince': '2024-01-02T03:04:05Z',
        'IfNoneMatch': '"etag"', 'VersionId': 'v 1', 'ResponseContentType': 'text/plain',
        'PartNumber': 1}),
    ('s3_head_object_timestamp_header', 's3', 'HeadObject', {
        'Bucket': 'b', 'Key': 'k', 'IfUnmodifiedSince': 1704164645,
        'ChecksumMode': 'ENABLED'}),
    ('s3_list_objects_v2', 's3', 'ListObjectsV2', {
        'Bucket': 'b', 'Prefix': 'a/b', 'Delimiter': '/', 'MaxKeys': 10,
        'ContinuationToken': 'c+t', 'FetchOwner': True}),
    ('s3_put_object_metadata', 's3', 'PutObject', {
        'Bucket': 'b', 'Key': 'k.txt', 'Body': 'hello', 'ContentType': 'text/plain',
        'Metadata': {'owner': 'me', 'Color': 'blue'}, 'ObjectLockRetainUntilDate':
            '2030-01-01T00:00:00Z'}),
    ('s3_delete_objects_flattened', 's3', 'DeleteObjects', {
        'Bucket': 'b', 'Delete': {'Objects': [{'Key': 'a'}, {'Key': 'b', 'VersionId': 'v'}],
                                  'Quiet': True}}),
    ('s3_put_bucket_acl_xml_attribute', 's3', 'PutBucketAcl', {
        'Bucket': 'b', 'AccessControlPolicy': {
            'Grants': [{'Grantee': {'Type': 'CanonicalUser', 'ID': 'abc'},
                        'Permission': 'READ'}],
            'Owner': {'ID': 'abc'}}}),
    ('s3_get_object_attributes_header_list', 's3', 'GetObjectAttributes', {
        'Bucket': 'b', 'Key': 'k', 'ObjectAttributes': ['ETag', 'ObjectSize'],
        'MaxParts': 5}),
    ('s3_write_get_object_response_host_prefix', 's3', 'WriteGetObjectResponse', {
        'RequestRoute': 'io-route-1', 'RequestToken': 'tok', 'Body': 'data',
        'StatusCode': 200, 'Metadata': {'k': 'v'}}),
]

FILE_FOR_PROTOCOL = {'ec2': 'ec2', 'query': 'query', 'json': 'json', 'rest-json': 'rest_json',
                     'rest-xml': 'rest_xml'}


def split_literal_query(url_path):
    path, _, literal = url_path.partition('?')
    pairs = []
    if literal:
        for part in literal.split('&'):
            k, _, v = part.partition('=')
            pairs.append([k, v])
    return path, pairs


def expand_query(query_string):
    pairs = []
    if not query_string:
        return pairs
    items = query_string.items() if hasattr(query_string, 'items') else query_string
    for k, v in items:
        for e in (v if isinstance(v, list) else [v]):
            pairs.append([k, str(e)])
    return pairs


def run_case(session, name, service, op_name, params):
    model = session.get_service_model(service)
    op = model.operation_model(op_name)
    protocol = model.metadata['protocol']
    req = create_serializer(protocol).serialize_to_request(dict(params), op)
    path, query = split_literal_query(req['url_path'])
    query += expand_query(req['query_string'])
    body = req['body']
    if isinstance(body, dict):
        body, kind = percent_encode_sequence(body), 'form'
    else:
        if isinstance(body, bytes):
            body = body.decode('utf-8')
        payload = op.input_shape.serialization.get('payload') if op.input_shape else None
        streaming = payload and op.input_shape.members[payload].type_name in ('blob', 'string')
        if not body:
            kind = 'empty'
        elif streaming:
            kind = 'raw'
        elif protocol == 'rest-xml':
            kind = 'xml'
        else:
            kind = 'json'
    expected = {
        'method': req['method'],
        'path': path,
        'query': query,
        'headers': {k: str(v) for k, v in req['headers'].items()},
        'body': body,
        'body_kind': kind,
        'host_prefix': req.get('host_prefix') or '',
    }
    return protocol, {'name': name, 'service': service, 'operation': op_name,
                      'params': params, 'expected': expected}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default=DEFAULT_OUT)
    args = ap.parse_args()
    session = botocore.session.get_session()
    by_file = {}
    for name, service, op, params in CASES:
        protocol, case = run_case(session, name, service, op, params)
        by_file.setdefault(FILE_FOR_PROTOCOL[protocol], []).append(case)
    os.makedirs(args.out, exist_ok=True)
    for fname, cases in sorted(by_file.items()):
        doc = {'generator': 'tools/gen_serializer_goldens.py',
               'botocore': botocore.__version__, 'cases': cases}
        with open(os.path.join(args.out, fname + '.json'), 'w', encoding='utf-8') as f:
            json.dump(doc, f, indent=1, ensure_ascii=False)
            f.write('\n')
        print(f'{fname}.json: {len(cases)} cases', file=sys.stderr)


if __name__ == '__main__':
    main()
