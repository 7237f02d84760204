"""moto seed scenarios for the issue-15 "beyond the original" kinds, group A (imported by
moto_seed.py, which registers them): EC2 networking and AMIs, ELBv2, Auto Scaling,
CloudFormation, ACM, CloudFront, API Gateway (v1 and v2), Step Functions and Elastic Beanstalk.
Regional scenarios seed us-east-1 and eu-west-1 (the goldens export both); each function's
docstring says what it makes."""

REGIONS = ("us-east-1", "eu-west-1")


def _tags(resource_type, **tags):
    return [{"ResourceType": resource_type,
             "Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}]


def seed_network(client, endpoint):
    """Per region: a tagged VPC 10.20.0.0/16 with DNS hostnames on, a tagged subnet in its zone a
    and a tagged security group allowing HTTPS in (besides moto's default VPC, subnets and
    groups)."""
    out = {}
    for region in REGIONS:
        ec2 = client(endpoint, "ec2", region)
        vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16",
                             TagSpecifications=_tags("vpc", Name=f"ocean-{region}"))["Vpc"]["VpcId"]
        ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.1.0/24",
                                   AvailabilityZone=f"{region}a",
                                   TagSpecifications=_tags("subnet", Name="ocean-app"))
        sg = ec2.create_security_group(GroupName="ocean-web", Description="web tier", VpcId=vpc,
                                       TagSpecifications=_tags("security-group", team="web"))
        ec2.authorize_security_group_ingress(GroupId=sg["GroupId"], IpPermissions=[{
            "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
            "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "https"}]}])
        out[region] = {"vpc": vpc, "subnet": subnet["Subnet"]["SubnetId"], "sg": sg["GroupId"]}
    return out


def seed_amis(client, endpoint):
    """Per region: one AMI of the account made from an instance, tagged, and in us-east-1 shared
    with account 111111111111 (moto's public AMIs are not the account's)."""
    out = {}
    for region in REGIONS:
        ec2 = client(endpoint, "ec2", region)
        base = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
        inst = ec2.run_instances(ImageId=base, MinCount=1, MaxCount=1,
                                 InstanceType="t3.micro")["Instances"][0]["InstanceId"]
        ami = ec2.create_image(InstanceId=inst, Name=f"ocean-app-{region}",
                               Description="ocean app image",
                               TagSpecifications=_tags("image", app="ocean"))["ImageId"]
        if region == "us-east-1":
            ec2.modify_image_attribute(ImageId=ami, LaunchPermission={
                "Add": [{"UserId": "111111111111"}]})
        out[region] = ami
    return out


def seed_elbv2(client, endpoint):
    """Per region: a VPC with two subnets, an internet-facing application load balancer
    `ocean-web` (tagged), a target group `ocean-web` (tagged) with one registered instance, and
    an HTTP:80 listener forwarding to it (tagged)."""
    out = {}
    for region in REGIONS:
        ec2 = client(endpoint, "ec2", region)
        elb = client(endpoint, "elbv2", region)
        vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
        subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.30.{i}.0/24",
                                     AvailabilityZone=f"{region}{z}")["Subnet"]["SubnetId"]
                   for i, z in ((1, "a"), (2, "b"))]
        lb = elb.create_load_balancer(Name="ocean-web", Subnets=subnets, Scheme="internet-facing",
                                      Type="application",
                                      Tags=[{"Key": "team", "Value": "web"}])["LoadBalancers"][0]
        tg = elb.create_target_group(Name="ocean-web", Protocol="HTTP", Port=80, VpcId=vpc,
                                     HealthCheckPath="/health",
                                     Tags=[{"Key": "team", "Value": "web"}])["TargetGroups"][0]
        base = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
        inst = ec2.run_instances(ImageId=base, MinCount=1, MaxCount=1, InstanceType="t3.micro",
                                 SubnetId=subnets[0])["Instances"][0]["InstanceId"]
        elb.register_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[{"Id": inst, "Port": 80}])
        listener = elb.create_listener(
            LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
            DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}],
            Tags=[{"Key": "port", "Value": "80"}])["Listeners"][0]
        out[region] = {"lb": lb["LoadBalancerArn"], "tg": tg["TargetGroupArn"],
                       "listener": listener["ListenerArn"]}
    return out


def seed_autoscaling(client, endpoint):
    """Per region: a launch template and a tagged group `ocean-workers` (1 instance) with a
    target-tracking scaling policy."""
    out = {}
    for region in REGIONS:
        ec2 = client(endpoint, "ec2", region)
        asg = client(endpoint, "autoscaling", region)
        base = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
        ec2.create_launch_template(LaunchTemplateName="ocean-workers", LaunchTemplateData={
            "ImageId": base, "InstanceType": "t3.micro"})
        asg.create_auto_scaling_group(
            AutoScalingGroupName="ocean-workers", MinSize=1, MaxSize=3, DesiredCapacity=1,
            LaunchTemplate={"LaunchTemplateName": "ocean-workers", "Version": "$Latest"},
            AvailabilityZones=[f"{region}a"],
            Tags=[{"Key": "team", "Value": "batch", "PropagateAtLaunch": True}])
        asg.put_scaling_policy(AutoScalingGroupName="ocean-workers", PolicyName="cpu50",
                               PolicyType="TargetTrackingScaling", TargetTrackingConfiguration={
                                   "PredefinedMetricSpecification": {
                                       "PredefinedMetricType": "ASGAverageCPUUtilization"},
                                   "TargetValue": 50.0})
        out[region] = "ocean-workers"
    return out


def seed_cloudformation(client, endpoint):
    """Per region: a tagged stack `ocean-app` with a parameter, an output and one SQS queue."""
    import json
    template = json.dumps({
        "Parameters": {"Env": {"Type": "String", "Default": "dev"}},
        "Resources": {"Queue": {"Type": "AWS::SQS::Queue",
                                "Properties": {"QueueName": "ocean-app-jobs"}}},
        "Outputs": {"QueueName": {"Value": {"Fn::GetAtt": ["Queue", "QueueName"]}}}})
    out = {}
    for region in REGIONS:
        cfn = client(endpoint, "cloudformation", region)
        out[region] = cfn.create_stack(StackName="ocean-app", TemplateBody=template,
                                       Parameters=[{"ParameterKey": "Env", "ParameterValue": "prod"}],
                                       Tags=[{"Key": "team", "Value": "platform"}])["StackId"]
    return out


def seed_acm(client, endpoint):
    """Per region: a requested (DNS-validated) certificate for ocean.example.com with a SAN,
    tagged."""
    out = {}
    for region in REGIONS:
        acm = client(endpoint, "acm", region)
        out[region] = acm.request_certificate(
            DomainName="ocean.example.com", ValidationMethod="DNS",
            SubjectAlternativeNames=["ocean.example.com", "www.ocean.example.com"],
            Tags=[{"Key": "team", "Value": "edge"}])["CertificateArn"]
    return out


def seed_cloudfront(client, endpoint):
    """One tagged distribution with an S3 origin (CloudFront is global)."""
    cf = client(endpoint, "cloudfront")
    config = {
        "CallerReference": "ocean-web", "Comment": "ocean web", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{
            "Id": "site", "DomainName": "ocean-site.s3.amazonaws.com",
            "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "site", "ViewerProtocolPolicy": "redirect-to-https",
                                 "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"}}
    d = cf.create_distribution_with_tags(DistributionConfigWithTags={
        "DistributionConfig": config,
        "Tags": {"Items": [{"Key": "team", "Value": "edge"}]}})["Distribution"]
    return {"distribution": d["Id"]}


def seed_apigateway(client, endpoint):
    """Per region: a tagged REST API `ocean-orders` with a deployed `prod` stage, and a tagged
    HTTP API `ocean-events` with a `prod` stage."""
    out = {}
    for region in REGIONS:
        apigw = client(endpoint, "apigateway", region)
        api = apigw.create_rest_api(name="ocean-orders", description="orders API",
                                    endpointConfiguration={"types": ["REGIONAL"]},
                                    tags={"team": "orders"})["id"]
        root = apigw.get_resources(restApiId=api)["items"][0]["id"]
        apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
        apigw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
        apigw.create_deployment(restApiId=api, stageName="prod")
        v2 = client(endpoint, "apigatewayv2", region)
        http = v2.create_api(Name="ocean-events", ProtocolType="HTTP",
                             Tags={"team": "events"})["ApiId"]
        v2.create_stage(ApiId=http, StageName="prod", AutoDeploy=True)
        out[region] = {"rest": api, "http": http}
    return out


def seed_stepfunctions(client, endpoint):
    """Per region: a tagged standard state machine `ocean-pipeline`."""
    import json
    out = {}
    for region in REGIONS:
        sfn = client(endpoint, "stepfunctions", region)
        out[region] = sfn.create_state_machine(
            name="ocean-pipeline", roleArn="arn:aws:iam::123456789012:role/ocean-sfn",
            definition=json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}),
            tags=[{"key": "team", "value": "data"}])["stateMachineArn"]
    return out


def seed_beanstalk(client, endpoint):
    """Per region: a tagged application `ocean-site` and a tagged environment `ocean-site-prod`
    (moto 5.2 answers an empty EnvironmentId: the environment kind is tested on a loopback)."""
    out = {}
    for region in REGIONS:
        eb = client(endpoint, "elasticbeanstalk", region)
        eb.create_application(ApplicationName="ocean-site", Description="ocean site",
                              Tags=[{"Key": "team", "Value": "web"}])
        env = eb.create_environment(ApplicationName="ocean-site", EnvironmentName="ocean-site-prod",
                                    SolutionStackName="64bit Amazon Linux 2 v3.5.0 running Python 3.8",
                                    Tags=[{"Key": "team", "Value": "web"}])
        out[region] = env["EnvironmentId"]
    return out


def register(scenarios, client):
    for name, fn in (("network", seed_network), ("amis", seed_amis), ("elbv2", seed_elbv2),
                     ("autoscaling", seed_autoscaling), ("cloudformation", seed_cloudformation),
                     ("acm", seed_acm), ("cloudfront", seed_cloudfront),
                     ("apigateway", seed_apigateway), ("stepfunctions", seed_stepfunctions),
                     ("beanstalk", seed_beanstalk)):
        scenarios[name] = (lambda f: lambda endpoint: f(client, endpoint))(fn)
