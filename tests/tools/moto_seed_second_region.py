"""The second region of the original kinds' golden scenarios (issue 11: "seeded in two regions").

moto_seed.py's per-kind scenarios (sns_topics, dynamodb_tables, lambda_functions, ...) seed one
region. `extend(scenarios, client)` wraps each of them so that the same scenario name also seeds
the other region with resources of DIFFERENT names (a region's export that read the wrong region
would show the other region's names): eu-west-1 for the us-east-1 scenarios, us-east-1 for
ec2_volumes (which seeds eu-west-1). What a wrapped scenario prints is the original's answer
with the second region's under its region name. Each function's docstring says what it makes.
"""
import io
import json
import zipfile

EU = "eu-west-1"
ACCOUNT = "123456789012"


def sns_topics(client, endpoint):
    """SNS (eu-west-1): a tagged standard topic with a display name."""
    sns = client(endpoint, "sns", EU)
    return {"topics": [sns.create_topic(Name="ocean-eu-alerts", Attributes={
        "DisplayName": "EU alerts"}, Tags=[{"Key": "region", "Value": "eu"}])["TopicArn"]]}


def dynamodb_tables(client, endpoint):
    """DynamoDB (eu-west-1): a tagged on-demand table with a sort key, point-in-time recovery
    off."""
    ddb = client(endpoint, "dynamodb", EU)
    ddb.create_table(TableName="ocean-eu-sessions", BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "sid", "KeyType": "HASH"},
                                {"AttributeName": "ts", "KeyType": "RANGE"}],
                     AttributeDefinitions=[{"AttributeName": "sid", "AttributeType": "S"},
                                           {"AttributeName": "ts", "AttributeType": "N"}],
                     Tags=[{"Key": "region", "Value": "eu"}])
    return {"tables": ["ocean-eu-sessions"]}


def lambda_functions(client, endpoint):
    """Lambda (eu-west-1): a tagged nodejs function with a timeout, using the us-east-1 part's
    role (IAM is global)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.js", "exports.handler = async (e) => e;\n")
    lam = client(endpoint, "lambda", EU)
    return {"functions": [lam.create_function(
        FunctionName="ocean-eu-edge", Runtime="nodejs20.x",
        Role=f"arn:aws:iam::{ACCOUNT}:role/ocean-lambda", Handler="index.handler",
        Code={"ZipFile": buf.getvalue()}, Timeout=30,
        Tags={"region": "eu"})["FunctionArn"]]}


def ecr_repositories(client, endpoint):
    """ECR (eu-west-1): a tagged repository with a lifecycle policy and no repository policy."""
    ecr = client(endpoint, "ecr", EU)
    ecr.create_repository(repositoryName="ocean/eu-api", tags=[{"Key": "region", "Value": "eu"}])
    ecr.put_lifecycle_policy(repositoryName="ocean/eu-api", lifecyclePolicyText=json.dumps({
        "rules": [{"rulePriority": 1, "selection": {
            "tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 10},
            "action": {"type": "expire"}}]}))
    return {"repositories": ["ocean/eu-api"]}


def eks_clusters(client, endpoint):
    """EKS (eu-west-1): one tagged cluster."""
    eks = client(endpoint, "eks", EU)
    eks.create_cluster(name="ocean-eu", version="1.30",
                       roleArn=f"arn:aws:iam::{ACCOUNT}:role/ocean-eks",
                       resourcesVpcConfig={"subnetIds": ["subnet-3"]},
                       tags={"region": "eu"})
    return {"clusters": ["ocean-eu"]}


def ec2_volumes(client, endpoint):
    """EC2 (us-east-1, the scenario's other region): a tagged 8 GiB gp2 volume."""
    ec2 = client(endpoint, "ec2", "us-east-1")
    return {"volumes": [ec2.create_volume(
        AvailabilityZone="us-east-1a", Size=8, VolumeType="gp2",
        TagSpecifications=[{"ResourceType": "volume", "Tags": [
            {"Key": "Name", "Value": "ocean-us-logs"}]}])["VolumeId"]]}


def rds(client, endpoint):
    """RDS (eu-west-1): a tagged Aurora MySQL cluster and a tagged MySQL instance."""
    r = client(endpoint, "rds", EU)
    cluster = r.create_db_cluster(
        DBClusterIdentifier="ocean-eu-aurora", Engine="aurora-mysql",
        EngineVersion="8.0.mysql_aurora.3.05.2",
        MasterUsername="ocean", MasterUserPassword="ocean-secret",
        Tags=[{"Key": "region", "Value": "eu"}])["DBCluster"]["DBClusterArn"]
    instance = r.create_db_instance(
        DBInstanceIdentifier="ocean-eu-mysql", DBInstanceClass="db.t3.small", Engine="mysql",
        EngineVersion="8.0.39", AllocatedStorage=30, MasterUsername="ocean",
        MasterUserPassword="ocean-secret", Port=3306,
        Tags=[{"Key": "region", "Value": "eu"}])["DBInstance"]["DBInstanceArn"]
    return {"cluster": cluster, "instance": instance}


def elasticache_clusters(client, endpoint):
    """ElastiCache (eu-west-1): a tagged redis cluster."""
    ec = client(endpoint, "elasticache", EU)
    ec.create_cache_cluster(CacheClusterId="ocean-eu-redis", Engine="redis",
                            CacheNodeType="cache.t3.small", NumCacheNodes=1,
                            Tags=[{"Key": "region", "Value": "eu"}])
    return {"clusters": ["ocean-eu-redis"]}


def msk_provisioned(client, endpoint):
    """MSK (eu-west-1): a tagged provisioned cluster of two brokers."""
    kafka = client(endpoint, "kafka", EU)
    return {"cluster": kafka.create_cluster(
        ClusterName="ocean-eu-events", KafkaVersion="3.5.1", NumberOfBrokerNodes=2,
        BrokerNodeGroupInfo={"InstanceType": "kafka.t3.small",
                             "ClientSubnets": ["subnet-eu-1", "subnet-eu-2"]},
        Tags={"region": "eu"})["ClusterArn"]}


def msk_serverless(client, endpoint):
    """MSK (eu-west-1): a tagged serverless cluster."""
    kafka = client(endpoint, "kafka", EU)
    return {"cluster": kafka.create_cluster_v2(ClusterName="ocean-eu-serverless", Serverless={
        "VpcConfigs": [{"SubnetIds": ["subnet-eu-1"]}]},
        Tags={"region": "eu"})["ClusterArn"]}


def ci_kinds(client, endpoint):
    """eu-west-1: a tagged CodeBuild project with one build, a CodeDeploy application with a
    deployment group and a deployment, a SESv2 configuration set and a domain identity in it."""
    cb = client(endpoint, "codebuild", EU)
    cb.create_project(name="ocean-eu-build", description="eu build",
                      source={"type": "S3", "location": "ocean-eu-src/app.zip"},
                      artifacts={"type": "NO_ARTIFACTS"},
                      environment={"type": "ARM_CONTAINER",
                                   "image": "aws/codebuild/amazonlinux2-aarch64-standard:3.0",
                                   "computeType": "BUILD_GENERAL1_LARGE"},
                      serviceRole=f"arn:aws:iam::{ACCOUNT}:role/ocean-codebuild",
                      tags=[{"key": "region", "value": "eu"}])
    build = cb.start_build(projectName="ocean-eu-build")["build"]["id"]
    cd = client(endpoint, "codedeploy", EU)
    cd.create_application(applicationName="ocean-eu-app", computePlatform="Server",
                          tags=[{"Key": "region", "Value": "eu"}])
    cd.create_deployment_group(applicationName="ocean-eu-app", deploymentGroupName="eu-prod",
                               serviceRoleArn=f"arn:aws:iam::{ACCOUNT}:role/ocean-codedeploy")
    deployment = cd.create_deployment(
        applicationName="ocean-eu-app", deploymentGroupName="eu-prod",
        description="eu release",
        revision={"revisionType": "S3", "s3Location": {
            "bucket": "ocean-eu-artifacts", "key": "eu.zip", "bundleType": "tgz"}})["deploymentId"]
    ses = client(endpoint, "sesv2", EU)
    ses.create_configuration_set(ConfigurationSetName="ocean-eu-transactional",
                                 SendingOptions={"SendingEnabled": False},
                                 Tags=[{"Key": "region", "Value": "eu"}])
    ses.create_email_identity(EmailIdentity="eu.example.net",
                              ConfigurationSetName="ocean-eu-transactional",
                              Tags=[{"Key": "region", "Value": "eu"}])
    return {"projects": ["ocean-eu-build"], "builds": [build], "applications": ["ocean-eu-app"],
            "deployments": [deployment], "configuration_sets": ["ocean-eu-transactional"],
            "email_identities": ["eu.example.net"]}


SECOND = {"sns_topics": (EU, sns_topics), "dynamodb_tables": (EU, dynamodb_tables),
          "lambda_functions": (EU, lambda_functions), "ecr_repositories": (EU, ecr_repositories),
          "eks_clusters": (EU, eks_clusters), "ec2_volumes": ("us-east-1", ec2_volumes),
          "rds": (EU, rds), "elasticache_clusters": (EU, elasticache_clusters),
          "msk_provisioned": (EU, msk_provisioned), "msk_serverless": (EU, msk_serverless),
          "ci_kinds": (EU, ci_kinds)}


def extend(scenarios, client):
    """Wraps each scenario of SECOND in `scenarios`: the original, then its second region."""
    for name, (region, second) in SECOND.items():
        first = scenarios[name]

        def both(endpoint, first=first, region=region, second=second):
            out = first(endpoint)
            out[region] = second(client, endpoint)
            return out
        scenarios[name] = both
