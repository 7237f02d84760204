"""ocean-aws export, end to end: every kind over two accounts (AssumeRole) and two regions on
moto; each envelope is checked against what boto3 reads from the same account and region."""
from conftest import ACCOUNT_A, ACCOUNT_B, REGIONS, run_export


def by_scope(envelopes):
    out = {}
    for e in envelopes:
        x = e.get("__ExtraContext", {})
        out.setdefault((x.get("AccountId"), x.get("Region")), []).append(e)
    return out


def test_sqs_queue(aws):
    envs, scopes = run_export(aws.endpoint, "AWS::SQS::Queue", "--include", "ListQueueTagsAction")
    assert len(scopes) == 4
    got = by_scope(envs)
    for account in (ACCOUNT_A, ACCOUNT_B):
        for region in REGIONS:
            sqs = aws.client("sqs", account, region)
            urls = sqs.list_queues().get("QueueUrls", [])
            mine = {e["Properties"]["QueueUrl"]: e for e in got.get((account, region), [])}
            assert sorted(mine) == sorted(urls), (account, region)
            for url in urls:
                attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
                p = mine[url]["Properties"]
                assert mine[url]["Type"] == "AWS::SQS::Queue"
                assert p["QueueArn"] == attrs["QueueArn"]
                assert p["DelaySeconds"] == int(attrs["DelaySeconds"])
                assert p["Tags"] == sqs.list_queue_tags(QueueUrl=url).get("Tags", {})


def test_ecs_cluster(aws):
    envs, scopes = run_export(aws.endpoint, "AWS::ECS::Cluster")
    assert len(scopes) == 4
    got = by_scope(envs)
    for account in (ACCOUNT_A, ACCOUNT_B):
        for region in REGIONS:
            ecs = aws.client("ecs", account, region)
            arns = ecs.list_clusters()["clusterArns"]
            mine = {e["Properties"]["ClusterArn"]: e["Properties"] for e in got.get((account, region), [])}
            assert sorted(mine) == sorted(arns)
            if arns:
                for c in ecs.describe_clusters(clusters=arns, include=["TAGS"])["clusters"]:
                    assert mine[c["clusterArn"]]["ClusterName"] == c["clusterName"]
                    assert mine[c["clusterArn"]]["Tags"] == c.get("tags", [])


def test_ec2_instance(aws):
    envs, scopes = run_export(aws.endpoint, "AWS::EC2::Instance")
    assert len(scopes) == 4
    got = by_scope(envs)
    for account in (ACCOUNT_A, ACCOUNT_B):
        for region in REGIONS:
            ec2 = aws.client("ec2", account, region)
            expected = {}
            for r in ec2.describe_instances()["Reservations"]:
                for i in r["Instances"]:
                    expected[i["InstanceId"]] = (r["ReservationId"], i)
            mine = {e["Properties"]["InstanceId"]: e for e in got.get((account, region), [])}
            assert sorted(mine) == sorted(expected), (account, region)
            for iid, (rid, inst) in expected.items():
                e = mine[iid]
                assert e["__ExtraContext"]["ReservationId"] == rid
                assert e["Properties"]["State"]["Name"] == inst["State"]["Name"]
                assert e["Properties"].get("Tags", []) == inst.get("Tags", [])


def test_s3_bucket(aws):
    envs, scopes = run_export(aws.endpoint, "AWS::S3::Bucket")
    assert len(scopes) == 2  # global: one scope per account
    for account in (ACCOUNT_A, ACCOUNT_B):
        s3 = aws.client("s3", account)
        names = sorted(b["Name"] for b in s3.list_buckets()["Buckets"])
        mine = {e["Properties"]["BucketName"]: e for e in envs
                if e["__ExtraContext"] == {"AccountId": account}}
        assert sorted(mine) == names
        for name in names:
            try:
                tags = s3.get_bucket_tagging(Bucket=name)["TagSet"]
            except s3.exceptions.ClientError:
                tags = []
            assert mine[name]["Properties"]["Tags"] == tags
            assert mine[name]["Properties"]["Arn"] == f"arn:aws:s3:::{name}"


def test_account_info(aws):
    envs, _ = run_export(aws.endpoint, "AWS::Account::Info")
    assert sorted(e["Properties"]["Id"] for e in envs) == sorted([ACCOUNT_A, ACCOUNT_B])
    assert all("__ExtraContext" not in e for e in envs)


def test_organizations_account(aws):
    envs, scopes = run_export(aws.endpoint, "AWS::Organizations::Account",
                              "--include", "ListParentsAction")
    assert len(scopes) == 1
    org = aws.client("organizations", ACCOUNT_A)
    expected = {a["Id"]: a for a in org.list_accounts()["Accounts"]}
    mine = {e["Properties"]["Id"]: e["Properties"] for e in envs}
    assert sorted(mine) == sorted(expected)
    for aid, acct in expected.items():
        assert mine[aid]["Email"] == acct["Email"]
        parents = org.list_parents(ChildId=aid)["Parents"]
        assert mine[aid]["Parents"] == parents
