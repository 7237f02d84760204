#!/usr/bin/env python3
"""Seeds a moto server with resources for ocean-aws's tests and prints what it made as JSON.

Scenarios:
  engine  - resources the AWS-engine round-trip tests read: S3 buckets (one tagged, one not),
            12 EC2 reservations in us-east-1 (>= 3 pages at MaxResults 5) and 2 in eu-west-1,
            SQS queues, ECS clusters, an organization with member accounts, and a bucket in a
            second account reached through AssumeRole.
  accounts - an organization for account discovery: an OU tree (platform > nested, sandbox) with
            ACTIVE member accounts at every level and one SUSPENDED (closed) account in
            platform. Prints the management account, root, OU and account ids.
  s3_bucket_configs - on top of engine: a public-access block, default encryption (aws:kms) and
            ownership controls on ocean-third. Prints the bucket and what was put.
  sns_topics, dynamodb_tables, lambda_functions, ... - one scenario per kind golden
            (tests/golden/kinds/<kind>.yaml names it); each function's docstring says what it makes.
  demo    - engine plus every kind scenario moto serves (scripts/run.sh, the README demo).
Usage: moto_seed.py --endpoint URL SCENARIO
"""
import argparse
import json
import sys

import boto3

SECOND_ACCOUNT = "111111111111"


def client(endpoint, service, region="us-east-1", creds=None):
    creds = creds or {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    return boto3.client(service, region_name=region, endpoint_url=endpoint, **creds)


def assume(endpoint, account):
    sts = client(endpoint, "sts")
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/ocean-test",
                        RoleSessionName="seed")["Credentials"]
    return {"aws_access_key_id": c["AccessKeyId"], "aws_secret_access_key": c["SecretAccessKey"],
            "aws_session_token": c["SessionToken"]}


# The first of moto's bundled AMIs (the same in every region). Asking for it by id takes
# milliseconds; listing all ~1,200 bundled images takes 6-12 s per region.
KNOWN_AMI = "ami-03cf127a"


def first_image(ec2):
    """moto's first bundled AMI id: KNOWN_AMI if this moto has it, else the first listed."""
    try:
        images = ec2.describe_images(ImageIds=[KNOWN_AMI])["Images"]
        if images:
            return images[0]["ImageId"]
    except Exception:  # noqa: BLE001 - another moto version: fall back to the full listing
        pass
    return ec2.describe_images()["Images"][0]["ImageId"]


def seed_engine(endpoint):
    out = {}
    s3 = client(endpoint, "s3")
    for name in ("ocean-tagged", "ocean-plain", "ocean-third"):
        s3.create_bucket(Bucket=name)
    s3.put_bucket_tagging(Bucket="ocean-tagged", Tagging={"TagSet": [
        {"Key": "team", "Value": "platform"}, {"Key": "env", "Value": "prod"}]})
    out["buckets"] = ["ocean-plain", "ocean-tagged", "ocean-third"]

    instances = {}
    for region, count in (("us-east-1", 12), ("eu-west-1", 2)):
        ec2 = client(endpoint, "ec2", region)
        ami = first_image(ec2)
        ids = []
        for i in range(count):
            r = ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=2 if i % 4 == 0 else 1,
                                  InstanceType="t3.micro",
                                  TagSpecifications=[{"ResourceType": "instance", "Tags": [
                                      {"Key": "Name", "Value": f"{region}-{i}"}]}])
            ids += [x["InstanceId"] for x in r["Instances"]]
        instances[region] = ids
    out["instances"] = instances

    sqs = client(endpoint, "sqs")
    urls = [sqs.create_queue(QueueName=n, Attributes=a)["QueueUrl"] for n, a in (
        ("ocean-orders", {"VisibilityTimeout": "45"}),
        ("ocean-events.fifo", {"FifoQueue": "true", "ContentBasedDeduplication": "true"}),
        ("ocean-dlq", {}))]
    sqs.tag_queue(QueueUrl=urls[0], Tags={"team": "platform"})
    out["queues"] = urls

    ecs = client(endpoint, "ecs")
    arns = [ecs.create_cluster(clusterName=n, tags=[{"key": "team", "value": "x"}])["cluster"]
            ["clusterArn"] for n in ("ocean-a", "ocean-b")]
    out["clusters"] = arns

    org = client(endpoint, "organizations")
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    ou = org.create_organizational_unit(ParentId=root, Name="workloads")["OrganizationalUnit"]["Id"]
    accounts = []
    for n in ("alpha", "beta", "gamma"):
        st = org.create_account(AccountName=n, Email=f"{n}@example.com")["CreateAccountStatus"]
        accounts.append(st["AccountId"])
    org.move_account(AccountId=accounts[0], SourceParentId=root, DestinationParentId=ou)
    out["organization"] = {"root": root, "ou": ou, "accounts": accounts}

    second = client(endpoint, "s3", creds=assume(endpoint, SECOND_ACCOUNT))
    second.create_bucket(Bucket="ocean-second-account")
    out["second_account"] = {"id": SECOND_ACCOUNT, "buckets": ["ocean-second-account"]}
    return out


def seed_accounts(endpoint):
    org = client(endpoint, "organizations")
    org.create_organization(FeatureSet="ALL")
    management = org.describe_organization()["Organization"]["MasterAccountId"]
    root = org.list_roots()["Roots"][0]["Id"]

    def ou(parent, name):
        return org.create_organizational_unit(ParentId=parent, Name=name)[
            "OrganizationalUnit"]["Id"]

    ous = {"platform": ou(root, "platform")}
    ous["nested"] = ou(ous["platform"], "nested")
    ous["sandbox"] = ou(root, "sandbox")
    placement = {"alpha": "platform", "beta": "nested", "gamma": "sandbox",
                 "delta": "platform", "epsilon": None}
    accounts = {}
    for name, parent in placement.items():
        acct = org.create_account(AccountName=name, Email=f"{name}@example.com")[
            "CreateAccountStatus"]["AccountId"]
        if parent:
            org.move_account(AccountId=acct, SourceParentId=root,
                             DestinationParentId=ous[parent])
        accounts[name] = acct
    org.close_account(AccountId=accounts["delta"])  # State becomes SUSPENDED
    return {"management": management, "root": root, "ous": ous, "accounts": accounts,
            "suspended": [accounts["delta"]]}


def seed_s3_bucket_configs(endpoint):
    s3 = client(endpoint, "s3")
    bucket = "ocean-third"
    pab = {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": False,
           "RestrictPublicBuckets": False}
    s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration=pab)
    sse = {"Rules": [{"ApplyServerSideEncryptionByDefault": {
        "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/ocean"}, "BucketKeyEnabled": True}]}
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration=sse)
    ownership = {"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]}
    s3.put_bucket_ownership_controls(Bucket=bucket, OwnershipControls=ownership)
    return {"bucket": bucket, "public_access_block": pab, "encryption": sse,
            "ownership_controls": ownership}


def seed_ec2_instances(endpoint):
    """Reservations of 1, 2 and 3 instances in us-east-1 (one instance stopped), 1 in eu-west-1."""
    out = {"reservations": {}, "stopped": None}
    for region, sizes in (("us-east-1", (1, 2, 3)), ("eu-west-1", (1,))):
        ec2 = client(endpoint, "ec2", region)
        ami = first_image(ec2)
        reservations = {}
        for n in sizes:
            r = ec2.run_instances(ImageId=ami, MinCount=n, MaxCount=n, InstanceType="t3.micro",
                                  TagSpecifications=[{"ResourceType": "instance", "Tags": [
                                      {"Key": "Name", "Value": f"{region}-x{n}"}]}])
            reservations[r["ReservationId"]] = [x["InstanceId"] for x in r["Instances"]]
        out["reservations"][region] = reservations
        if region == "us-east-1":
            out["stopped"] = reservations[r["ReservationId"]][-1]
            ec2.stop_instances(InstanceIds=[out["stopped"]])
    return out


def seed_sns_topics(endpoint):
    """SNS: a plain topic, a tagged FIFO topic with a display name (us-east-1)."""
    sns = client(endpoint, "sns")
    plain = sns.create_topic(Name="ocean-plain")["TopicArn"]
    fifo = sns.create_topic(Name="ocean-orders.fifo", Attributes={
        "FifoTopic": "true", "ContentBasedDeduplication": "true", "DisplayName": "Orders"},
        Tags=[{"Key": "team", "Value": "platform"}])["TopicArn"]
    return {"topics": [plain, fifo]}


def seed_dynamodb_tables(endpoint):
    """DynamoDB: an on-demand tagged table with point-in-time recovery, a provisioned one with a GSI."""
    ddb = client(endpoint, "dynamodb")
    ddb.create_table(TableName="ocean-orders", BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                     Tags=[{"Key": "team", "Value": "platform"}])
    ddb.update_continuous_backups(TableName="ocean-orders", PointInTimeRecoverySpecification={
        "PointInTimeRecoveryEnabled": True})
    ddb.create_table(TableName="ocean-users", BillingMode="PROVISIONED",
                     ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 2},
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                {"AttributeName": "sk", "KeyType": "RANGE"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "sk", "AttributeType": "N"},
                                           {"AttributeName": "email", "AttributeType": "S"}],
                     GlobalSecondaryIndexes=[{
                         "IndexName": "by-email",
                         "KeySchema": [{"AttributeName": "email", "KeyType": "HASH"}],
                         "Projection": {"ProjectionType": "ALL"},
                         "ProvisionedThroughput": {"ReadCapacityUnits": 1,
                                                   "WriteCapacityUnits": 1}}])
    return {"tables": ["ocean-orders", "ocean-users"]}


def seed_lambda_functions(endpoint):
    """Lambda: a tagged python function with environment and a plain one (us-east-1)."""
    import io
    import zipfile
    iam = client(endpoint, "iam")
    role = iam.create_role(RoleName="ocean-lambda", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                "Principal": {"Service": "lambda.amazonaws.com"}}]}))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("app.py", "def handler(event, context):\n    return event\n")
    lam = client(endpoint, "lambda")
    arns = []
    for name, extra in (("ocean-api", {"Environment": {"Variables": {"STAGE": "prod"}},
                                       "Tags": {"team": "platform"}, "MemorySize": 256}),
                        ("ocean-worker", {})):
        arns.append(lam.create_function(FunctionName=name, Runtime="python3.12",
                                        Role=role["Role"]["Arn"], Handler="app.handler",
                                        Code={"ZipFile": buf.getvalue()}, **extra)["FunctionArn"])
    return {"functions": arns}


def seed_ecr_repositories(endpoint):
    """ECR: a tagged repository with a policy and a lifecycle policy, and a plain one."""
    ecr = client(endpoint, "ecr")
    ecr.create_repository(repositoryName="ocean/api", imageTagMutability="IMMUTABLE",
                          imageScanningConfiguration={"scanOnPush": True},
                          tags=[{"Key": "team", "Value": "platform"}])
    ecr.create_repository(repositoryName="ocean/worker")
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "pull", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
        "Action": ["ecr:BatchGetImage"]}]})
    ecr.set_repository_policy(repositoryName="ocean/api", policyText=policy)
    lifecycle = json.dumps({"rules": [{"rulePriority": 1, "selection": {
        "tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 5},
        "action": {"type": "expire"}}]})
    ecr.put_lifecycle_policy(repositoryName="ocean/api", lifecyclePolicyText=lifecycle)
    return {"repositories": ["ocean/api", "ocean/worker"]}


def seed_eks_clusters(endpoint):
    """EKS: one tagged cluster (us-east-1)."""
    eks = client(endpoint, "eks")
    eks.create_cluster(name="ocean-prod", version="1.31",
                       roleArn="arn:aws:iam::123456789012:role/ocean-eks",
                       resourcesVpcConfig={"subnetIds": ["subnet-1", "subnet-2"]},
                       tags={"team": "platform"})
    return {"clusters": ["ocean-prod"]}


def seed_ec2_volumes(endpoint):
    """EC2 volumes in eu-west-1 (a region with no instances in this scenario): a tagged gp3 and
    an encrypted io1."""
    ec2 = client(endpoint, "ec2", "eu-west-1")
    a = ec2.create_volume(AvailabilityZone="eu-west-1a", Size=20, VolumeType="gp3",
                          TagSpecifications=[{"ResourceType": "volume", "Tags": [
                              {"Key": "Name", "Value": "ocean-data"}]}])["VolumeId"]
    b = ec2.create_volume(AvailabilityZone="eu-west-1b", Size=50, VolumeType="io1", Iops=1000,
                          Encrypted=True)["VolumeId"]
    return {"volumes": [a, b]}


def seed_rds(endpoint):
    """RDS (us-east-1): a tagged Aurora PostgreSQL cluster and a tagged PostgreSQL instance."""
    rds = client(endpoint, "rds")
    cluster = rds.create_db_cluster(
        DBClusterIdentifier="ocean-aurora", Engine="aurora-postgresql", EngineVersion="15.4",
        MasterUsername="ocean", MasterUserPassword="ocean-secret", DatabaseName="ocean",
        Tags=[{"Key": "team", "Value": "platform"}])["DBCluster"]["DBClusterArn"]
    instance = rds.create_db_instance(
        DBInstanceIdentifier="ocean-pg", DBInstanceClass="db.t3.micro", Engine="postgres",
        EngineVersion="16.3", AllocatedStorage=20, MasterUsername="ocean",
        MasterUserPassword="ocean-secret", Port=5432,
        Tags=[{"Key": "env", "Value": "prod"}])["DBInstance"]["DBInstanceArn"]
    return {"cluster": cluster, "instance": instance}


def seed_elasticache_clusters(endpoint):
    """ElastiCache (us-east-1): a tagged redis cluster and an untagged memcached one."""
    ec = client(endpoint, "elasticache")
    ec.create_cache_cluster(CacheClusterId="ocean-redis", Engine="redis", CacheNodeType="cache.t3.micro",
                            NumCacheNodes=1, Tags=[{"Key": "team", "Value": "platform"}])
    ec.create_cache_cluster(CacheClusterId="ocean-memcached", Engine="memcached",
                            CacheNodeType="cache.t3.micro", NumCacheNodes=2)
    return {"clusters": ["ocean-redis", "ocean-memcached"]}


def seed_msk_provisioned(endpoint):
    """MSK (us-east-1): a tagged provisioned cluster."""
    kafka = client(endpoint, "kafka")
    return {"cluster": kafka.create_cluster(
        ClusterName="ocean-events", KafkaVersion="3.6.0", NumberOfBrokerNodes=3,
        BrokerNodeGroupInfo={"InstanceType": "kafka.m5.large",
                             "ClientSubnets": ["subnet-1", "subnet-2", "subnet-3"]},
        Tags={"team": "platform"})["ClusterArn"]}


def seed_msk_serverless(endpoint):
    """MSK (us-east-1): a tagged serverless cluster only (moto 5.2's ListClustersV2 ignores
    ClusterTypeFilter, so a provisioned one would show up where AWS filters it out)."""
    kafka = client(endpoint, "kafka")
    return {"cluster": kafka.create_cluster_v2(ClusterName="ocean-serverless", Serverless={
        "VpcConfigs": [{"SubnetIds": ["subnet-1", "subnet-2"]}]},
        Tags={"env": "prod"})["ClusterArn"]}


SCENARIOS = {"engine": seed_engine, "accounts": seed_accounts,
             "s3_bucket_configs": seed_s3_bucket_configs,
             "ec2_instances": seed_ec2_instances,
             "sns_topics": seed_sns_topics,
             "dynamodb_tables": seed_dynamodb_tables,
             "lambda_functions": seed_lambda_functions,
             "ecr_repositories": seed_ecr_repositories,
             "eks_clusters": seed_eks_clusters,
             "ec2_volumes": seed_ec2_volumes,
             "rds": seed_rds,
             "elasticache_clusters": seed_elasticache_clusters,
             "msk_provisioned": seed_msk_provisioned,
             "msk_serverless": seed_msk_serverless,
             }


def seed_ci_kinds(endpoint):
    """CodeBuild projects and builds, CodeDeploy applications (created out of name order), a
    deployment group and a deployment, SESv2 email identities and configuration sets."""
    out = {}
    cb = client(endpoint, "codebuild")
    role = "arn:aws:iam::123456789012:role/ocean-codebuild"
    for name in ("ocean-api", "ocean-web"):
        cb.create_project(name=name, description=f"{name} build",
                          source={"type": "GITHUB", "location": f"https://github.com/o/{name}"},
                          artifacts={"type": "NO_ARTIFACTS"},
                          environment={"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0",
                                       "computeType": "BUILD_GENERAL1_SMALL"},
                          serviceRole=role, tags=[{"key": "team", "value": "platform"}])
    out["projects"] = ["ocean-api", "ocean-web"]
    out["builds"] = [cb.start_build(projectName="ocean-api")["build"]["id"] for _ in range(2)]

    cd = client(endpoint, "codedeploy")
    for name in ("ocean-zeta", "ocean-alpha", "ocean-mid"):
        cd.create_application(applicationName=name, computePlatform="Server",
                              tags=[{"Key": "app", "Value": name}])
    cd.create_deployment_group(applicationName="ocean-alpha", deploymentGroupName="prod",
                               serviceRoleArn="arn:aws:iam::123456789012:role/ocean-codedeploy")
    out["applications"] = ["ocean-alpha", "ocean-mid", "ocean-zeta"]
    out["deployments"] = [cd.create_deployment(
        applicationName="ocean-alpha", deploymentGroupName="prod",
        revision={"revisionType": "S3", "s3Location": {
            "bucket": "ocean-artifacts", "key": "app.zip", "bundleType": "zip"}})["deploymentId"]]

    ses = client(endpoint, "sesv2")
    ses.create_configuration_set(ConfigurationSetName="ocean-marketing",
                                 TrackingOptions={"CustomRedirectDomain": "click.example.com"},
                                 SendingOptions={"SendingEnabled": True},
                                 Tags=[{"Key": "team", "Value": "growth"}])
    ses.create_configuration_set(ConfigurationSetName="ocean-plain")
    ses.create_email_identity(EmailIdentity="example.com", Tags=[{"Key": "team", "Value": "growth"}],
                              ConfigurationSetName="ocean-marketing")
    ses.create_email_identity(EmailIdentity="ops@example.org")
    out["configuration_sets"] = ["ocean-marketing", "ocean-plain"]
    out["email_identities"] = ["example.com", "ops@example.org"]
    return out


SCENARIOS["ci_kinds"] = seed_ci_kinds

import moto_seed_beyond_a  # noqa: E402  issue 15's kinds, group A (network, elbv2, acm, ...)
moto_seed_beyond_a.register(SCENARIOS, client)


def seed_ecs_services(endpoint):
    """ECS in two regions. us-east-1: clusters ocean-big (12 services: two DescribeServices
    calls of at most 10) and ocean-small (one tagged service with a load-balancer-free network
    configuration), three task definitions (ocean-web revisions 1 and 2, tagged; ocean-worker
    revision 1 deregistered, so not ACTIVE). eu-west-1: cluster ocean-eu with one service and
    one task definition."""
    out = {}
    for region, clusters, families in (
            ("us-east-1", {"ocean-big": 12, "ocean-small": 1}, ("ocean-web", "ocean-web", "ocean-worker")),
            ("eu-west-1", {"ocean-eu": 1}, ("ocean-eu-task",))):
        ecs = client(endpoint, "ecs", region)
        tds = []
        for family in families:
            td = ecs.register_task_definition(
                family=family, cpu="256", memory="512", networkMode="awsvpc",
                requiresCompatibilities=["FARGATE"],
                executionRoleArn="arn:aws:iam::123456789012:role/ocean-exec",
                containerDefinitions=[{"name": "app", "image": "nginx:1.27", "memory": 128,
                                       "portMappings": [{"containerPort": 80}]}],
                tags=[{"key": "team", "value": "web"}] if family == "ocean-web" else [])
            tds.append(td["taskDefinition"]["taskDefinitionArn"])
        if region == "us-east-1":
            ecs.deregister_task_definition(taskDefinition=tds[2])
        services = []
        for cluster, count in clusters.items():
            ecs.create_cluster(clusterName=cluster)
            for i in range(count):
                svc = ecs.create_service(
                    cluster=cluster, serviceName=f"{cluster}-svc-{i:02d}", taskDefinition=tds[0],
                    desiredCount=1 + i % 3, launchType="FARGATE",
                    tags=[{"key": "index", "value": str(i)}] if i % 2 == 0 else [])
                services.append(svc["service"]["serviceArn"])
        out[region] = {"services": services, "task_definitions": tds}
    return out


SCENARIOS["ecs_services"] = seed_ecs_services
def _pipeline(name, stages, role="arn:aws:iam::123456789012:role/ocean-codepipeline"):
    return {"name": name, "roleArn": role,
            "artifactStore": {"type": "S3", "location": "ocean-pipeline-artifacts"},
            "stages": stages, "version": 1}


def _action(name, category, provider, run_order=1, config=None, inputs=(), outputs=()):
    return {"name": name, "runOrder": run_order,
            "actionTypeId": {"category": category, "owner": "AWS", "provider": provider,
                             "version": "1"},
            "configuration": config or {},
            "inputArtifacts": [{"name": a} for a in inputs],
            "outputArtifacts": [{"name": a} for a in outputs]}


def seed_codepipeline(endpoint):
    """CodePipeline: two pipelines in us-east-1 (three and two stages, one tagged) and one in
    eu-west-1, so a region's export shows only its own pipelines, stages and actions."""
    src = _action("Source", "Source", "S3", config={"S3Bucket": "ocean-src", "S3ObjectKey": "app.zip"},
                  outputs=["src"])
    build = _action("Build", "Build", "CodeBuild", config={"ProjectName": "ocean-api"},
                    inputs=["src"], outputs=["bin"])
    test = _action("Test", "Test", "CodeBuild", run_order=2, config={"ProjectName": "ocean-test"},
                   inputs=["bin"])
    deploy = _action("Deploy", "Deploy", "S3", config={"BucketName": "ocean-site", "Extract": "true"},
                     inputs=["bin"])
    out = {}
    # moto checks that CodePipeline may assume the pipeline's role.
    client(endpoint, "iam").create_role(
        RoleName="ocean-codepipeline",
        AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": "codepipeline.amazonaws.com"},
            "Action": "sts:AssumeRole"}]}))
    us = client(endpoint, "codepipeline", "us-east-1")
    us.create_pipeline(pipeline=_pipeline("ocean-api", [
        {"name": "Source", "actions": [src]},
        {"name": "Build", "actions": [build, test]},
        {"name": "Deploy", "actions": [deploy]}]),
        tags=[{"key": "team", "value": "platform"}])
    us.create_pipeline(pipeline=_pipeline("ocean-web", [
        {"name": "Source", "actions": [src]},
        {"name": "Deploy", "actions": [dict(deploy, inputArtifacts=[{"name": "src"}])]}]))
    eu = client(endpoint, "codepipeline", "eu-west-1")
    eu.create_pipeline(pipeline=_pipeline("ocean-eu", [
        {"name": "Source", "actions": [src]},
        {"name": "Build", "actions": [build]}]),
        tags=[{"key": "region", "value": "eu"}])
    out["pipelines"] = {"us-east-1": ["ocean-api", "ocean-web"], "eu-west-1": ["ocean-eu"]}
    return out


SCENARIOS["codepipeline"] = seed_codepipeline

# The README demo (scripts/run.sh): the engine's resources plus every kind moto serves, each
# scenario once (none of them overlaps another's names). Organizations accounts come from
# engine; Account::Info needs no seed. moto serves neither MemoryDB users nor CodePipeline
# executions and action executions, so those kinds list nothing in the demo.
DEMO = ["engine", "sns_topics", "dynamodb_tables", "lambda_functions", "ecr_repositories",
        "eks_clusters", "ec2_volumes", "rds", "elasticache_clusters", "msk_provisioned",
        "msk_serverless", "ci_kinds", "codepipeline", "ecs_services"]


def seed_demo(endpoint):
    """Every scenario of DEMO, in order: sample resources of every kind moto serves (threads do
    not help: moto's handlers hold the GIL)."""
    return {name: SCENARIOS[name](endpoint) for name in DEMO}


SCENARIOS["demo"] = seed_demo
# Issue 15, group B (IAM, Route 53, KMS, Secrets Manager, SSM, ...): tests/tools/moto_seed_beyond_b.py.
from moto_seed_beyond_b import SCENARIOS as _BEYOND_B  # noqa: E402
SCENARIOS.update(_BEYOND_B)

# Issue 11: the original kinds' scenarios also seed a second region (goldens export both).
import moto_seed_second_region  # noqa: E402
moto_seed_second_region.extend(SCENARIOS, client)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("scenario", choices=sorted(SCENARIOS))
    a = ap.parse_args()
    print(json.dumps(SCENARIOS[a.scenario](a.endpoint)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
