"""Seed scenarios for issue 15's group B kinds (IAM, Route 53, KMS, Secrets Manager, SSM,
CloudWatch, Logs, EFS, Kinesis, Resource Groups, ...), one per golden test
(tests/golden/kinds/<kind>.yaml). moto_seed.py merges SCENARIOS into its own table.

Regional scenarios seed us-east-1 and eu-west-1 (goldens export both regions). The secret and
parameter values below are canaries: tests/e2e/test_no_secret_values.py greps every output of
every kind for them."""
import boto3

REGIONS = ("us-east-1", "eu-west-1")
# Canaries that must never appear in any ocean-aws output.
SECRET_VALUE = "canary-secret-value-7f3Kq9Zp"
SECURE_PARAMETER_VALUE = "canary-securestring-value-Q81xLm"
PLAIN_PARAMETER_VALUE = "canary-string-value-Vb55Ht"

TRUST = ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": '
         '{"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}')
READ_POLICY = ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
               '"Action": ["s3:GetObject"], "Resource": "*"}]}')


def client(endpoint, service, region="us-east-1"):
    return boto3.client(service, region_name=region, endpoint_url=endpoint,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def seed_iam(endpoint):
    """IAM (global): a tagged customer-managed policy attached to a tagged role (with an inline
    policy and an instance profile) and to a tagged user (in a group, with an access key), a
    plain role, a plain user and an unattached policy."""
    iam = client(endpoint, "iam")
    arn = iam.create_policy(PolicyName="ocean-read", Path="/ocean/", PolicyDocument=READ_POLICY,
                            Description="read objects",
                            Tags=[{"Key": "team", "Value": "platform"}])["Policy"]["Arn"]
    iam.create_policy(PolicyName="ocean-unused", PolicyDocument=READ_POLICY)
    iam.create_role(RoleName="ocean-app", Path="/service/", AssumeRolePolicyDocument=TRUST,
                    Description="the app", MaxSessionDuration=7200,
                    Tags=[{"Key": "team", "Value": "platform"}])
    iam.attach_role_policy(RoleName="ocean-app", PolicyArn=arn)
    iam.put_role_policy(RoleName="ocean-app", PolicyName="inline-logs", PolicyDocument=READ_POLICY)
    iam.create_instance_profile(InstanceProfileName="ocean-app-profile")
    iam.add_role_to_instance_profile(InstanceProfileName="ocean-app-profile", RoleName="ocean-app")
    iam.create_role(RoleName="ocean-plain", AssumeRolePolicyDocument=TRUST)
    iam.create_user(UserName="ocean-dev", Tags=[{"Key": "team", "Value": "platform"}])
    iam.create_group(GroupName="ocean-devs")
    iam.add_user_to_group(GroupName="ocean-devs", UserName="ocean-dev")
    iam.attach_user_policy(UserName="ocean-dev", PolicyArn=arn)
    iam.put_user_policy(UserName="ocean-dev", PolicyName="inline-dev", PolicyDocument=READ_POLICY)
    iam.create_access_key(UserName="ocean-dev")  # its secret is never readable again
    iam.create_user(UserName="ocean-plain-user")
    return {"policy": arn, "roles": ["ocean-app", "ocean-plain"],
            "users": ["ocean-dev", "ocean-plain-user"]}




def seed_route53(endpoint):
    """Route 53 (global): a tagged public zone and a private zone attached to a VPC."""
    r53 = client(endpoint, "route53")
    public = r53.create_hosted_zone(Name="ocean.example.com", CallerReference="ocean-public",
                                    HostedZoneConfig={"Comment": "public zone"})["HostedZone"]["Id"]
    r53.change_tags_for_resource(ResourceType="hostedzone", ResourceId=public.split("/")[-1],
                                 AddTags=[{"Key": "team", "Value": "platform"}])
    vpc = client(endpoint, "ec2").create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
    private = r53.create_hosted_zone(Name="internal.ocean", CallerReference="ocean-private",
                                     VPC={"VPCRegion": "us-east-1", "VPCId": vpc},
                                     HostedZoneConfig={"Comment": "private", "PrivateZone": True}
                                     )["HostedZone"]["Id"]
    return {"zones": [public, private], "vpc": vpc}


def seed_kms(endpoint):
    """KMS in both regions: a tagged symmetric key with rotation and an alias, and an asymmetric
    signing key (no rotation status: AWS answers UnsupportedOperationException)."""
    out = {}
    for region in REGIONS:
        kms = client(endpoint, "kms", region)
        k = kms.create_key(Description=f"ocean data {region}",
                           Tags=[{"TagKey": "team", "TagValue": "platform"}])["KeyMetadata"]["KeyId"]
        kms.enable_key_rotation(KeyId=k)
        kms.create_alias(AliasName="alias/ocean-data", TargetKeyId=k)
        s = kms.create_key(Description="ocean signing", KeyUsage="SIGN_VERIFY",
                           KeySpec="RSA_2048")["KeyMetadata"]["KeyId"]
        out[region] = [k, s]
    return out


def seed_secrets(endpoint):
    """Secrets Manager in both regions: a tagged secret holding SECRET_VALUE (with a resource
    policy) and a plain one; SSM in both regions: a tagged SecureString holding
    SECURE_PARAMETER_VALUE, a String holding PLAIN_PARAMETER_VALUE and a StringList."""
    out = {}
    for region in REGIONS:
        sm = client(endpoint, "secretsmanager", region)
        arn = sm.create_secret(Name="ocean/db-password", Description="database password",
                               SecretString=SECRET_VALUE,
                               Tags=[{"Key": "team", "Value": "platform"}])["ARN"]
        sm.put_resource_policy(SecretId=arn, ResourcePolicy=(
            '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", '
            '"Action": "secretsmanager:DeleteSecret", "Resource": "*"}]}'))
        sm.create_secret(Name="ocean/plain", SecretString=SECRET_VALUE + "-2")
        ssm = client(endpoint, "ssm", region)
        ssm.put_parameter(Name="/ocean/db/password", Type="SecureString",
                          Value=SECURE_PARAMETER_VALUE, Description="db password",
                          Tags=[{"Key": "team", "Value": "platform"}])
        ssm.put_parameter(Name="/ocean/db/host", Type="String", Value=PLAIN_PARAMETER_VALUE)
        ssm.put_parameter(Name="/ocean/azs", Type="StringList", Value=PLAIN_PARAMETER_VALUE + ",b")
        out[region] = arn
    return out


def seed_cloudwatch_logs(endpoint):
    """CloudWatch in both regions: a tagged metric alarm and a plain one; Logs: a tagged log
    group with retention, a metric filter and a subscription filter, and a plain group."""
    out = {}
    for region in REGIONS:
        cw = client(endpoint, "cloudwatch", region)
        cw.put_metric_alarm(AlarmName="ocean-cpu-high", AlarmDescription="cpu above 80",
                            MetricName="CPUUtilization", Namespace="AWS/EC2", Statistic="Average",
                            Period=300, EvaluationPeriods=2, Threshold=80.0,
                            ComparisonOperator="GreaterThanThreshold",
                            Dimensions=[{"Name": "AutoScalingGroupName", "Value": "ocean"}],
                            Tags=[{"Key": "team", "Value": "platform"}])
        cw.put_metric_alarm(AlarmName="ocean-queue-depth", MetricName="ApproximateNumberOfMessagesVisible",
                            Namespace="AWS/SQS", Statistic="Maximum", Period=60,
                            EvaluationPeriods=1, Threshold=100.0,
                            ComparisonOperator="GreaterThanOrEqualToThreshold")
        logs = client(endpoint, "logs", region)
        logs.create_log_group(logGroupName="/ocean/app", tags={"team": "platform"})
        logs.put_retention_policy(logGroupName="/ocean/app", retentionInDays=30)
        logs.put_metric_filter(logGroupName="/ocean/app", filterName="errors",
                               filterPattern="ERROR", metricTransformations=[{
                                   "metricName": "Errors", "metricNamespace": "Ocean",
                                   "metricValue": "1"}])
        logs.create_log_group(logGroupName="/ocean/plain")
        out[region] = ["ocean-cpu-high", "ocean-queue-depth"]
    return out


def seed_efs(endpoint):
    """EFS in both regions: a tagged encrypted file system with a lifecycle policy, a backup
    policy, a file-system policy and a mount target, and a plain one."""
    out = {}
    for region in REGIONS:
        efs = client(endpoint, "efs", region)
        ec2 = client(endpoint, "ec2", region)
        vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.1.0/24")["Subnet"]["SubnetId"]
        fs = efs.create_file_system(CreationToken=f"ocean-data-{region}", Encrypted=True,
                                    PerformanceMode="generalPurpose",
                                    Tags=[{"Key": "Name", "Value": "ocean-data"}])["FileSystemId"]
        efs.put_lifecycle_configuration(FileSystemId=fs, LifecyclePolicies=[
            {"TransitionToIA": "AFTER_30_DAYS"}])
        efs.create_mount_target(FileSystemId=fs, SubnetId=subnet)
        plain = efs.create_file_system(CreationToken=f"ocean-plain-{region}")["FileSystemId"]
        out[region] = [fs, plain]
    return out


def seed_kinesis(endpoint):
    """Kinesis in both regions: a tagged provisioned stream with a consumer and an on-demand one."""
    out = {}
    for region in REGIONS:
        k = client(endpoint, "kinesis", region)
        k.create_stream(StreamName="ocean-events", ShardCount=2)
        k.add_tags_to_stream(StreamName="ocean-events", Tags={"team": "platform"})
        k.create_stream(StreamName="ocean-clicks", StreamModeDetails={"StreamMode": "ON_DEMAND"})
        arn = k.describe_stream_summary(StreamName="ocean-events")["StreamDescriptionSummary"]["StreamARN"]
        k.register_stream_consumer(StreamARN=arn, ConsumerName="ocean-reader")
        out[region] = arn
    return out


def seed_resource_groups(endpoint):
    """Resource Groups in both regions: a tagged tag-query group and a plain one."""
    out = {}
    query = {"Type": "TAG_FILTERS_1_0", "Query": (
        '{"ResourceTypeFilters": ["AWS::AllSupported"], "TagFilters": '
        '[{"Key": "team", "Values": ["platform"]}]}')}
    for region in REGIONS:
        rg = client(endpoint, "resource-groups", region)
        a = rg.create_group(Name="ocean-platform", Description="platform resources",
                            ResourceQuery=query, Tags={"team": "platform"})["Group"]["GroupArn"]
        b = rg.create_group(Name="ocean-plain", ResourceQuery=query)["Group"]["GroupArn"]
        out[region] = [a, b]
    return out


def seed_cognito(endpoint):
    """Cognito in both regions: a tagged user pool with optional TOTP MFA and a plain pool."""
    out = {}
    for region in REGIONS:
        idp = client(endpoint, "cognito-idp", region)
        pool = idp.create_user_pool(PoolName="ocean-users", UserPoolTags={"team": "platform"},
                                    AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
        idp.set_user_pool_mfa_config(UserPoolId=pool, MfaConfiguration="OPTIONAL",
                                     SoftwareTokenMfaConfiguration={"Enabled": True})
        plain = idp.create_user_pool(PoolName="ocean-plain")["UserPool"]["Id"]
        out[region] = [pool, plain]
    return out


def manifest(layer_digest, size):
    """A Docker image manifest (schema 2) with one layer: moto digests the text, so the image's
    digest and size are stable."""
    return ('{"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json", '
            '"config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 100, '
            '"digest": "sha256:' + "c" * 64 + '"}, "layers": [{"mediaType": '
            '"application/vnd.docker.image.rootfs.diff.tar.gzip", "size": ' + str(size) +
            ', "digest": "sha256:' + layer_digest * 64 + '"}]}')


def seed_ecr_images(endpoint):
    """ECR images in both regions: repository ocean/app with two images (one pushed under two
    tags, v1 and stable; one under v2), repository ocean/empty without images."""
    out = {}
    for region in REGIONS:
        ecr = client(endpoint, "ecr", region)
        ecr.create_repository(repositoryName="ocean/app")
        ecr.create_repository(repositoryName="ocean/empty")
        one = ecr.put_image(repositoryName="ocean/app", imageManifest=manifest("a", 1000),
                            imageTag="v1")["image"]["imageId"]["imageDigest"]
        ecr.put_image(repositoryName="ocean/app", imageManifest=manifest("a", 1000), imageTag="stable")
        two = ecr.put_image(repositoryName="ocean/app", imageManifest=manifest("b", 2000),
                            imageTag="v2")["image"]["imageId"]["imageDigest"]
        out[region] = [one, two]
    return out


SCENARIOS = {"ecr_images": seed_ecr_images, "iam": seed_iam, "route53": seed_route53, "kms": seed_kms, "secrets": seed_secrets,
             "cloudwatch_logs": seed_cloudwatch_logs, "efs": seed_efs, "kinesis": seed_kinesis,
             "resource_groups": seed_resource_groups, "cognito": seed_cognito}
