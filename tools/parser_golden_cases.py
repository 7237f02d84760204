"""Response bodies for tools/gen_parser_goldens.py: realistic AWS answers, one per case.

CASES: successful responses (name -> service, operation, [status], [headers], body).
ERROR_CASES: error responses, same fields, status required.
"""

EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/'


def ec2_instance(n, state='running', with_public=True, empty_groups=False):
    """One <item> of an instancesSet; `n` varies the ids."""
    public = (f'<dnsName>ec2-54-194-252-{n}.eu-west-1.compute.amazonaws.com</dnsName>'
              f'<ipAddress>54.194.252.{n}</ipAddress>') if with_public else '<dnsName/>'
    groups = '<groupSet/>' if empty_groups else (
        '<groupSet><item><groupId>sg-e4076980</groupId>'
        '<groupName>SecurityGroup1</groupName></item></groupSet>')
    return f'''<item>
          <instanceId>i-0abc{n:012d}</instanceId>
          <imageId>ami-0bff32cc</imageId>
          <instanceState><code>{16 if state == 'running' else 80}</code><name>{state}</name></instanceState>
          <privateDnsName>ip-192-168-1-{n}.eu-west-1.compute.internal</privateDnsName>
          {public}
          <reason/>
          <keyName>my_keypair</keyName>
          <amiLaunchIndex>{n % 3}</amiLaunchIndex>
          <productCodes/>
          <instanceType>t3.micro</instanceType>
          <launchTime>2024-05-08T16:46:19.000Z</launchTime>
          <placement>
            <availabilityZone>eu-west-1c</availabilityZone>
            <groupName/>
            <tenancy>default</tenancy>
          </placement>
          <monitoring><state>disabled</state></monitoring>
          <subnetId>subnet-56f5f633</subnetId>
          <vpcId>vpc-11112222</vpcId>
          <privateIpAddress>192.168.1.{n}</privateIpAddress>
          <sourceDestCheck>true</sourceDestCheck>
          {groups}
          <architecture>x86_64</architecture>
          <rootDeviceType>ebs</rootDeviceType>
          <rootDeviceName>/dev/xvda</rootDeviceName>
          <blockDeviceMapping>
            <item>
              <deviceName>/dev/xvda</deviceName>
              <ebs>
                <volumeId>vol-0abc{n:012d}</volumeId>
                <status>attached</status>
                <attachTime>2024-05-08T16:46:20.123Z</attachTime>
                <deleteOnTermination>true</deleteOnTermination>
              </ebs>
            </item>
          </blockDeviceMapping>
          <virtualizationType>hvm</virtualizationType>
          <clientToken>xMcwG14507example{n}</clientToken>
          <tagSet>
            <item><key>Name</key><value>server-{n}</value></item>
            <item><key>env</key><value>prod &amp; "staging"</value></item>
          </tagSet>
          <hypervisor>xen</hypervisor>
          <networkInterfaceSet>
            <item>
              <networkInterfaceId>eni-0abc{n:012d}</networkInterfaceId>
              <subnetId>subnet-56f5f633</subnetId>
              <vpcId>vpc-11112222</vpcId>
              <description>Primary network interface</description>
              <ownerId>123456789012</ownerId>
              <status>in-use</status>
              <macAddress>02:dd:2c:5e:01:{n % 100:02d}</macAddress>
              <privateIpAddress>192.168.1.{n}</privateIpAddress>
              <privateDnsName>ip-192-168-1-{n}.eu-west-1.compute.internal</privateDnsName>
              <sourceDestCheck>true</sourceDestCheck>
              <groupSet>
                <item><groupId>sg-e4076980</groupId><groupName>SecurityGroup1</groupName></item>
              </groupSet>
              <attachment>
                <attachmentId>eni-attach-39697adc</attachmentId>
                <deviceIndex>0</deviceIndex>
                <status>attached</status>
                <attachTime>2024-05-08T16:46:19.000Z</attachTime>
                <deleteOnTermination>true</deleteOnTermination>
                <networkCardIndex>0</networkCardIndex>
              </attachment>
              <association>
                <publicIp>54.194.252.{n}</publicIp>
                <publicDnsName>ec2-54-194-252-{n}.eu-west-1.compute.amazonaws.com</publicDnsName>
                <ipOwnerId>amazon</ipOwnerId>
              </association>
              <privateIpAddressesSet>
                <item>
                  <privateIpAddress>192.168.1.{n}</privateIpAddress>
                  <privateDnsName>ip-192-168-1-{n}.eu-west-1.compute.internal</privateDnsName>
                  <primary>true</primary>
                </item>
              </privateIpAddressesSet>
              <ipv6AddressesSet/>
              <interfaceType>interface</interfaceType>
            </item>
          </networkInterfaceSet>
          <ebsOptimized>false</ebsOptimized>
          <enaSupport>true</enaSupport>
          <cpuOptions><coreCount>1</coreCount><threadsPerCore>2</threadsPerCore></cpuOptions>
          <capacityReservationSpecification>
            <capacityReservationPreference>open</capacityReservationPreference>
          </capacityReservationSpecification>
          <hibernationOptions><configured>false</configured></hibernationOptions>
          <metadataOptions>
            <state>applied</state>
            <httpTokens>required</httpTokens>
            <httpPutResponseHopLimit>2</httpPutResponseHopLimit>
            <httpEndpoint>enabled</httpEndpoint>
            <httpProtocolIpv6>disabled</httpProtocolIpv6>
            <instanceMetadataTags>disabled</instanceMetadataTags>
          </metadataOptions>
          <enclaveOptions><enabled>false</enabled></enclaveOptions>
          <bootMode>uefi-preferred</bootMode>
          <platformDetails>Linux/UNIX</platformDetails>
          <usageOperation>RunInstances</usageOperation>
          <usageOperationUpdateTime>2024-05-08T16:46:19Z</usageOperationUpdateTime>
          <privateDnsNameOptions>
            <hostnameType>ip-name</hostnameType>
            <enableResourceNameDnsARecord>false</enableResourceNameDnsARecord>
            <enableResourceNameDnsAAAARecord>false</enableResourceNameDnsAAAARecord>
          </privateDnsNameOptions>
          <maintenanceOptions><autoRecovery>default</autoRecovery></maintenanceOptions>
          <currentInstanceBootMode>legacy-bios</currentInstanceBootMode>
        </item>'''


def ec2_describe_instances(instances_per_reservation=(2, 1)):
    reservations = []
    n = 10
    for r, count in enumerate(instances_per_reservation):
        items = []
        for i in range(count):
            items.append(ec2_instance(n, state='running' if i % 2 == 0 else 'stopped',
                                      with_public=i % 2 == 0, empty_groups=(r == 1)))
            n += 1
        reservations.append(f'''<item>
      <reservationId>r-0abc{r:012d}</reservationId>
      <ownerId>123456789012</ownerId>
      <groupSet/>
      <instancesSet>
        {''.join(items)}
      </instancesSet>
    </item>''')
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="{EC2_NS}">
  <requestId>8f7724cf-496f-496e-8fe3-ef9b7b1ad0b8</requestId>
  <reservationSet>
    {''.join(reservations)}
  </reservationSet>
  <nextToken>eyJ2IjoiMiIsImMiOiJ0b2tlbiJ9</nextToken>
</DescribeInstancesResponse>'''


CASES = {}

CASES['ec2_describe_instances'] = dict(service='ec2', operation='DescribeInstances',
                                       body=ec2_describe_instances())

CASES['ec2_describe_instances_empty'] = dict(service='ec2', operation='DescribeInstances', body=f'''
<DescribeInstancesResponse xmlns="{EC2_NS}">
  <requestId>8f7724cf-496f-496e-8fe3-ef9b7b1ad0b8</requestId>
  <reservationSet/>
</DescribeInstancesResponse>''')

CASES['ec2_describe_regions'] = dict(service='ec2', operation='DescribeRegions', body=f'''
<DescribeRegionsResponse xmlns="{EC2_NS}">
   <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
   <regionInfo>
      <item>
         <regionName>us-east-1</regionName>
         <regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint>
         <optInStatus>opt-in-not-required</optInStatus>
      </item>
      <item>
         <regionName>af-south-1</regionName>
         <regionEndpoint>ec2.af-south-1.amazonaws.com</regionEndpoint>
         <optInStatus>not-opted-in</optInStatus>
      </item>
   </regionInfo>
</DescribeRegionsResponse>''')

CASES['ec2_describe_instance_status'] = dict(
    service='ec2', operation='DescribeInstanceStatus', body=f'''
<DescribeInstanceStatusResponse xmlns="{EC2_NS}">
  <requestId>3be1508e-c444-4fef-89cc-0b1223c4f02fEXAMPLE</requestId>
  <instanceStatusSet>
    <item>
      <instanceId>i-1234567890abcdef0</instanceId>
      <availabilityZone>us-east-1d</availabilityZone>
      <instanceState><code>16</code><name>running</name></instanceState>
      <systemStatus>
        <status>impaired</status>
        <details>
          <item><name>reachability</name><status>failed</status><impairedSince>2024-01-02T03:04:05.000Z</impairedSince></item>
        </details>
      </systemStatus>
      <instanceStatus>
        <status>ok</status>
        <details><item><name>reachability</name><status>passed</status></item></details>
      </instanceStatus>
      <eventsSet>
        <item>
          <code>instance-retirement</code>
          <description>The instance is running on degraded hardware</description>
          <notBefore>2024-02-01T00:00:00.000Z</notBefore>
          <notAfter>2024-02-02T12:30:00.500Z</notAfter>
          <instanceEventId>instance-event-0d59937288b749b32</instanceEventId>
        </item>
      </eventsSet>
      <attachedEbsStatus><status>ok</status><details/></attachedEbsStatus>
    </item>
  </instanceStatusSet>
</DescribeInstanceStatusResponse>''')

STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/'
CASES['sts_get_caller_identity'] = dict(service='sts', operation='GetCallerIdentity', body=f'''
<GetCallerIdentityResponse xmlns="{STS_NS}">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/Alice</Arn>
    <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata>
    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
  </ResponseMetadata>
</GetCallerIdentityResponse>''')

CASES['sts_assume_role'] = dict(service='sts', operation='AssumeRole', body=f'''
<AssumeRoleResponse xmlns="{STS_NS}">
  <AssumeRoleResult>
    <SourceIdentity>Alice</SourceIdentity>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/TestAR</Arn>
      <AssumedRoleId>ARO123EXAMPLE123:TestAR</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==</SessionToken>
      <Expiration>2024-07-15T23:28:33.359Z</Expiration>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>''')

RDS_NS = 'http://rds.amazonaws.com/doc/2014-10-31/'
CASES['rds_describe_db_instances'] = dict(service='rds', operation='DescribeDBInstances', body=f'''
<DescribeDBInstancesResponse xmlns="{RDS_NS}">
  <DescribeDBInstancesResult>
    <DBInstances>
      <DBInstance>
        <DBInstanceIdentifier>mydb</DBInstanceIdentifier>
        <DBInstanceClass>db.t3.micro</DBInstanceClass>
        <Engine>postgres</Engine>
        <DBInstanceStatus>available</DBInstanceStatus>
        <MasterUsername>admin</MasterUsername>
        <DBName>app</DBName>
        <Endpoint>
          <Address>mydb.abcdefghijkl.eu-west-1.rds.amazonaws.com</Address>
          <Port>5432</Port>
          <HostedZoneId>Z29XKXDKYMONMX</HostedZoneId>
        </Endpoint>
        <AllocatedStorage>20</AllocatedStorage>
        <InstanceCreateTime>2023-11-14T22:13:20.456Z</InstanceCreateTime>
        <PreferredBackupWindow>03:00-03:30</PreferredBackupWindow>
        <BackupRetentionPeriod>7</BackupRetentionPeriod>
        <DBSecurityGroups/>
        <VpcSecurityGroups>
          <VpcSecurityGroupMembership>
            <VpcSecurityGroupId>sg-0123456789abcdef0</VpcSecurityGroupId>
            <Status>active</Status>
          </VpcSecurityGroupMembership>
        </VpcSecurityGroups>
        <DBParameterGroups>
          <DBParameterGroup>
            <DBParameterGroupName>default.postgres16</DBParameterGroupName>
            <ParameterApplyStatus>in-sync</ParameterApplyStatus>
          </DBParameterGroup>
        </DBParameterGroups>
        <AvailabilityZone>eu-west-1a</AvailabilityZone>
        <DBSubnetGroup>
          <DBSubnetGroupName>default</DBSubnetGroupName>
          <DBSubnetGroupDescription>default</DBSubnetGroupDescription>
          <VpcId>vpc-11112222</VpcId>
          <SubnetGroupStatus>Complete</SubnetGroupStatus>
          <Subnets>
            <Subnet>
              <SubnetIdentifier>subnet-1</SubnetIdentifier>
              <SubnetAvailabilityZone><Name>eu-west-1a</Name></SubnetAvailabilityZone>
              <SubnetOutpost/>
              <SubnetStatus>Active</SubnetStatus>
            </Subnet>
            <Subnet>
              <SubnetIdentifier>subnet-2</SubnetIdentifier>
              <SubnetAvailabilityZone><Name>eu-west-1b</Name></SubnetAvailabilityZone>
              <SubnetStatus>Active</SubnetStatus>
            </Subnet>
          </Subnets>
        </DBSubnetGroup>
        <PendingModifiedValues/>
        <MultiAZ>false</MultiAZ>
        <EngineVersion>16.3</EngineVersion>
        <AutoMinorVersionUpgrade>true</AutoMinorVersionUpgrade>
        <ReadReplicaDBInstanceIdentifiers/>
        <LicenseModel>postgresql-license</LicenseModel>
        <OptionGroupMemberships>
          <OptionGroupMembership>
            <OptionGroupName>default:postgres-16</OptionGroupName>
            <Status>in-sync</Status>
          </OptionGroupMembership>
        </OptionGroupMemberships>
        <PubliclyAccessible>false</PubliclyAccessible>
        <StorageType>gp3</StorageType>
        <DbInstancePort>0</DbInstancePort>
        <StorageEncrypted>true</StorageEncrypted>
        <KmsKeyId>arn:aws:kms:eu-west-1:123456789012:key/abcd</KmsKeyId>
        <DbiResourceId>db-ABCDEFGHIJKL</DbiResourceId>
        <CACertificateIdentifier>rds-ca-rsa2048-g1</CACertificateIdentifier>
        <DomainMemberships/>
        <CopyTagsToSnapshot>true</CopyTagsToSnapshot>
        <MonitoringInterval>0</MonitoringInterval>
        <DBInstanceArn>arn:aws:rds:eu-west-1:123456789012:db:mydb</DBInstanceArn>
        <IAMDatabaseAuthenticationEnabled>false</IAMDatabaseAuthenticationEnabled>
        <PerformanceInsightsEnabled>false</PerformanceInsightsEnabled>
        <DeletionProtection>true</DeletionProtection>
        <AssociatedRoles/>
        <TagList>
          <Tag><Key>team</Key><Value>data</Value></Tag>
        </TagList>
        <CustomerOwnedIpEnabled>false</CustomerOwnedIpEnabled>
        <BackupTarget>region</BackupTarget>
        <NetworkType>IPV4</NetworkType>
        <StorageThroughput>125</StorageThroughput>
        <CertificateDetails>
          <CAIdentifier>rds-ca-rsa2048-g1</CAIdentifier>
          <ValidTill>2025-11-14T22:11:00Z</ValidTill>
        </CertificateDetails>
        <DedicatedLogVolume>false</DedicatedLogVolume>
        <EngineLifecycleSupport>open-source-rds-extended-support</EngineLifecycleSupport>
      </DBInstance>
    </DBInstances>
    <Marker>next-page</Marker>
  </DescribeDBInstancesResult>
  <ResponseMetadata><RequestId>9135fff3-8509-11e0-bd9b-a7b1ece36d51</RequestId></ResponseMetadata>
</DescribeDBInstancesResponse>''')

SNS_NS = 'http://sns.amazonaws.com/doc/2010-03-31/'
CASES['sns_get_topic_attributes'] = dict(service='sns', operation='GetTopicAttributes', body=f'''
<GetTopicAttributesResponse xmlns="{SNS_NS}">
  <GetTopicAttributesResult>
    <Attributes>
      <entry><key>Owner</key><value>123456789012</value></entry>
      <entry><key>Policy</key><value>{{"Version":"2008-10-17","Id":"us-east-1/698519295917/test__default_policy_ID"}}</value></entry>
      <entry><key>TopicArn</key><value>arn:aws:sns:us-east-1:123456789012:My-Topic</value></entry>
      <entry><key>DisplayName</key><value></value></entry>
      <entry><key>SubscriptionsConfirmed</key><value>1</value></entry>
      <entry><key>FifoTopic</key><value>false</value></entry>
    </Attributes>
  </GetTopicAttributesResult>
  <ResponseMetadata><RequestId>057f074c-33a7-11df-9540-99d0768312d3</RequestId></ResponseMetadata>
</GetTopicAttributesResponse>''')

CASES['sns_list_topics'] = dict(service='sns', operation='ListTopics', body=f'''
<ListTopicsResponse xmlns="{SNS_NS}">
  <ListTopicsResult>
    <Topics>
      <member><TopicArn>arn:aws:sns:us-east-1:123456789012:My-Topic</TopicArn></member>
      <member><TopicArn>arn:aws:sns:us-east-1:123456789012:Other.fifo</TopicArn></member>
    </Topics>
    <NextToken>token-2</NextToken>
  </ListTopicsResult>
  <ResponseMetadata><RequestId>3f1478c7-33a9-11df-9540-99d0768312d3</RequestId></ResponseMetadata>
</ListTopicsResponse>''')

CASES['elasticache_describe_cache_clusters'] = dict(
    service='elasticache', operation='DescribeCacheClusters', body='''
<DescribeCacheClustersResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
  <DescribeCacheClustersResult>
    <CacheClusters>
      <CacheCluster>
        <CacheClusterId>my-redis-001</CacheClusterId>
        <ClientDownloadLandingPage>https://console.aws.amazon.com/elasticache/home#client-download:</ClientDownloadLandingPage>
        <CacheNodeType>cache.t3.micro</CacheNodeType>
        <Engine>redis</Engine>
        <EngineVersion>7.1.0</EngineVersion>
        <CacheClusterStatus>available</CacheClusterStatus>
        <NumCacheNodes>1</NumCacheNodes>
        <PreferredAvailabilityZone>eu-west-1a</PreferredAvailabilityZone>
        <CacheClusterCreateTime>2024-03-01T10:00:00.250Z</CacheClusterCreateTime>
        <PreferredMaintenanceWindow>sun:05:00-sun:06:00</PreferredMaintenanceWindow>
        <PendingModifiedValues/>
        <CacheSecurityGroups/>
        <CacheParameterGroup>
          <CacheParameterGroupName>default.redis7</CacheParameterGroupName>
          <ParameterApplyStatus>in-sync</ParameterApplyStatus>
          <CacheNodeIdsToReboot/>
        </CacheParameterGroup>
        <CacheSubnetGroupName>default</CacheSubnetGroupName>
        <CacheNodes>
          <CacheNode>
            <CacheNodeId>0001</CacheNodeId>
            <CacheNodeStatus>available</CacheNodeStatus>
            <CacheNodeCreateTime>2024-03-01T10:00:00.250Z</CacheNodeCreateTime>
            <Endpoint><Address>my-redis-001.abc.0001.euw1.cache.amazonaws.com</Address><Port>6379</Port></Endpoint>
            <ParameterGroupStatus>in-sync</ParameterGroupStatus>
            <CustomerAvailabilityZone>eu-west-1a</CustomerAvailabilityZone>
          </CacheNode>
        </CacheNodes>
        <AutoMinorVersionUpgrade>true</AutoMinorVersionUpgrade>
        <SecurityGroups>
          <member><SecurityGroupId>sg-0123</SecurityGroupId><Status>active</Status></member>
        </SecurityGroups>
        <ReplicationGroupId>my-redis</ReplicationGroupId>
        <SnapshotRetentionLimit>0</SnapshotRetentionLimit>
        <SnapshotWindow>04:00-05:00</SnapshotWindow>
        <AuthTokenEnabled>false</AuthTokenEnabled>
        <TransitEncryptionEnabled>true</TransitEncryptionEnabled>
        <AtRestEncryptionEnabled>true</AtRestEncryptionEnabled>
        <ARN>arn:aws:elasticache:eu-west-1:123456789012:cluster:my-redis-001</ARN>
        <ReplicationGroupLogDeliveryEnabled>false</ReplicationGroupLogDeliveryEnabled>
        <LogDeliveryConfigurations/>
        <NetworkType>ipv4</NetworkType>
        <IpDiscovery>ipv4</IpDiscovery>
      </CacheCluster>
    </CacheClusters>
  </DescribeCacheClustersResult>
  <ResponseMetadata><RequestId>a4b4a1b5-ee55-4a6a-8b5e-123456789012</RequestId></ResponseMetadata>
</DescribeCacheClustersResponse>''')

CASES['iam_list_roles'] = dict(service='iam', operation='ListRoles', body='''
<ListRolesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <ListRolesResult>
    <IsTruncated>true</IsTruncated>
    <Marker>AAEAAeEXAMPLE</Marker>
    <Roles>
      <member>
        <Path>/application_abc/component_xyz/</Path>
        <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D</AssumeRolePolicyDocument>
        <RoleId>AROADBQP57FF2AEXAMPLE</RoleId>
        <RoleName>S3Access</RoleName>
        <Arn>arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access</Arn>
        <CreateDate>2012-05-09T15:45:35Z</CreateDate>
        <MaxSessionDuration>3600</MaxSessionDuration>
        <Description>Role for S3</Description>
      </member>
      <member>
        <Path>/</Path>
        <AssumeRolePolicyDocument>not%20json</AssumeRolePolicyDocument>
        <RoleId>AROA2</RoleId>
        <RoleName>Other</RoleName>
        <Arn>arn:aws:iam::123456789012:role/Other</Arn>
        <CreateDate>2020-01-01T00:00:00.000Z</CreateDate>
        <MaxSessionDuration>43200</MaxSessionDuration>
        <PermissionsBoundary>
          <PermissionsBoundaryType>Policy</PermissionsBoundaryType>
          <PermissionsBoundaryArn>arn:aws:iam::aws:policy/PowerUserAccess</PermissionsBoundaryArn>
        </PermissionsBoundary>
        <Tags><member><Key>k</Key><Value>v</Value></member></Tags>
        <RoleLastUsed><LastUsedDate>2024-01-02T03:04:05Z</LastUsedDate><Region>us-east-1</Region></RoleLastUsed>
      </member>
    </Roles>
  </ListRolesResult>
  <ResponseMetadata><RequestId>20f7279f-99ee-11e1-a4c3-27EXAMPLE804</RequestId></ResponseMetadata>
</ListRolesResponse>''')

S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/'
S3_HEADERS = [['x-amz-id-2', 'YgIPIfBiKa2bj0KMg95r/0zo3emzU4dzsD4rcKCHQUAdQkf3ShJTOOpXUueF6QKo'],
              ['x-amz-request-id', '236A8905248E5A01'], ['Content-Type', 'application/xml']]
CASES['s3_list_buckets'] = dict(service='s3', operation='ListBuckets', headers=S3_HEADERS, body=f'''<?xml version="1.0" encoding="UTF-8"?>
<ListAllMyBucketsResult xmlns="{S3_NS}">
  <Owner>
    <ID>bcaf1ffd86f461ca5fb16fd081034f</ID>
    <DisplayName>webfile</DisplayName>
  </Owner>
  <Buckets>
    <Bucket>
      <Name>amzn-s3-demo-bucket</Name>
      <CreationDate>2019-12-11T23:32:47.123Z</CreationDate>
      <BucketRegion>us-east-1</BucketRegion>
    </Bucket>
    <Bucket>
      <Name>amzn-s3-demo-bucket2</Name>
      <CreationDate>2020-01-02T03:04:05.000Z</CreationDate>
      <BucketRegion>eu-west-1</BucketRegion>
      <BucketArn>arn:aws:s3:::amzn-s3-demo-bucket2</BucketArn>
    </Bucket>
  </Buckets>
  <ContinuationToken>next</ContinuationToken>
  <Prefix/>
</ListAllMyBucketsResult>''')

CASES['s3_get_bucket_tagging'] = dict(service='s3', operation='GetBucketTagging', headers=S3_HEADERS, body=f'''<?xml version="1.0" encoding="UTF-8"?>
<Tagging xmlns="{S3_NS}">
  <TagSet>
    <Tag><Key>Project</Key><Value>Project One</Value></Tag>
    <Tag><Key>User</Key><Value>jsmith</Value></Tag>
  </TagSet>
</Tagging>''')

CASES['s3_get_bucket_location'] = dict(service='s3', operation='GetBucketLocation', headers=S3_HEADERS, body=f'''<?xml version="1.0" encoding="UTF-8"?>
<LocationConstraint xmlns="{S3_NS}">eu-west-1</LocationConstraint>''')

CASES['s3_get_bucket_location_us_east_1'] = dict(service='s3', operation='GetBucketLocation', headers=S3_HEADERS, body=f'''<?xml version="1.0" encoding="UTF-8"?>
<LocationConstraint xmlns="{S3_NS}"/>''')

CASES['s3_get_public_access_block'] = dict(service='s3', operation='GetPublicAccessBlock', headers=S3_HEADERS, body=f'''<?xml version="1.0" encoding="UTF-8"?>
<PublicAccessBlockConfiguration xmlns="{S3_NS}">
  <BlockPublicAcls>true</BlockPublicAcls>
  <IgnorePublicAcls>true</IgnorePublicAcls>
  <BlockPublicPolicy>false</BlockPublicPolicy>
  <RestrictPublicBuckets>false</RestrictPublicBuckets>
</PublicAccessBlockConfiguration>''')

CASES['s3_get_bucket_encryption'] = dict(service='s3', operation='GetBucketEncryption', headers=S3_HEADERS, body=f'''<?xml version="1.0" encoding="UTF-8"?>
<ServerSideEncryptionConfiguration xmlns="{S3_NS}">
  <Rule>
    <ApplyServerSideEncryptionByDefault>
      <SSEAlgorithm>aws:kms</SSEAlgorithm>
      <KMSMasterKeyID>arn:aws:kms:us-east-1:123456789012:key/1234abcd</KMSMasterKeyID>
    </ApplyServerSideEncryptionByDefault>
    <BucketKeyEnabled>true</BucketKeyEnabled>
  </Rule>
  <Rule>
    <ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>
    <BucketKeyEnabled>false</BucketKeyEnabled>
  </Rule>
</ServerSideEncryptionConfiguration>''')

CASES['s3_get_bucket_acl'] = dict(service='s3', operation='GetBucketAcl', headers=S3_HEADERS, body=f'''<?xml version="1.0" encoding="UTF-8"?>
<AccessControlPolicy xmlns="{S3_NS}">
  <Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID><DisplayName>owner</DisplayName></Owner>
  <AccessControlList>
    <Grant>
      <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">
        <ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID>
        <DisplayName>owner</DisplayName>
      </Grantee>
      <Permission>FULL_CONTROL</Permission>
    </Grant>
    <Grant>
      <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group">
        <URI>http://acs.amazonaws.com/groups/global/AllUsers</URI>
      </Grantee>
      <Permission>READ</Permission>
    </Grant>
  </AccessControlList>
</AccessControlPolicy>''')

CASES['s3_get_bucket_policy'] = dict(service='s3', operation='GetBucketPolicy', headers=S3_HEADERS,
    body='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}')

CASES['s3_head_bucket'] = dict(service='s3', operation='HeadBucket', headers=S3_HEADERS + [
    ['x-amz-bucket-region', 'eu-west-1'], ['x-amz-access-point-alias', 'false']], body='')

CASES['s3_head_object'] = dict(service='s3', operation='HeadObject', headers=S3_HEADERS[:2] + [
    ['Last-Modified', 'Tue, 02 Jan 2024 03:04:05 GMT'], ['Content-Length', '3191'],
    ['ETag', '"6805f2cfc46c0f04559748bb039d69ae"'], ['x-amz-meta-Owner', 'alice'],
    ['X-Amz-Meta-purpose', 'backup'], ['x-amz-server-side-encryption', 'AES256'],
    ['x-amz-server-side-encryption-bucket-key-enabled', 'true'], ['Accept-Ranges', 'bytes'],
    ['x-amz-object-lock-retain-until-date', '2030-01-01T00:00:00.500Z'],
    ['Content-Type', 'text/plain']], body='')

JSON_HEADERS = [['x-amzn-RequestId', 'b4e2e8a9-1d44-4b7a-9a51-0f1a2b3c4d5e'],
                ['Content-Type', 'application/x-amz-json-1.1']]
CASES['ecs_describe_clusters'] = dict(service='ecs', operation='DescribeClusters', headers=JSON_HEADERS, body='''
{"clusters":[{"clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/default",
 "clusterName":"default","status":"ACTIVE","registeredContainerInstancesCount":0,
 "runningTasksCount":2,"pendingTasksCount":0,"activeServicesCount":1,"statistics":[],
 "tags":[{"key":"env","value":"prod"}],"settings":[{"name":"containerInsights","value":"enabled"}],
 "capacityProviders":["FARGATE","FARGATE_SPOT"],
 "defaultCapacityProviderStrategy":[{"capacityProvider":"FARGATE","weight":1,"base":0}],
 "attachments":[],"attachmentsStatus":"UPDATE_COMPLETE","someFutureKey":{"x":1},
 "serviceConnectDefaults":{"namespace":"arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-1"},
 "configuration":null}],
 "failures":[{"arn":"arn:aws:ecs:us-east-1:123456789012:cluster/gone","reason":"MISSING"}]}''')

CASES['sqs_get_queue_attributes'] = dict(service='sqs', operation='GetQueueAttributes', headers=JSON_HEADERS, body='''
{"Attributes":{"QueueArn":"arn:aws:sqs:us-east-1:123456789012:MyQueue","ApproximateNumberOfMessages":"0",
 "ApproximateNumberOfMessagesNotVisible":"0","ApproximateNumberOfMessagesDelayed":"0",
 "CreatedTimestamp":"1700000000","LastModifiedTimestamp":"1700000001","VisibilityTimeout":"30",
 "MaximumMessageSize":"262144","MessageRetentionPeriod":"345600","DelaySeconds":"0",
 "ReceiveMessageWaitTimeSeconds":"0","SqsManagedSseEnabled":"true",
 "RedrivePolicy":"{\\"deadLetterTargetArn\\":\\"arn:aws:sqs:us-east-1:123456789012:dlq\\",\\"maxReceiveCount\\":5}"}}''')

CASES['sqs_list_queues'] = dict(service='sqs', operation='ListQueues', headers=JSON_HEADERS, body='''
{"QueueUrls":["https://sqs.us-east-1.amazonaws.com/123456789012/MyQueue",
 "https://sqs.us-east-1.amazonaws.com/123456789012/Other.fifo"],"NextToken":"tok"}''')

CASES['dynamodb_describe_table'] = dict(service='dynamodb', operation='DescribeTable', headers=JSON_HEADERS, body='''
{"Table":{"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
 "TableName":"Music","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
 "TableStatus":"ACTIVE","CreationDateTime":1.700000000123E9,
 "ProvisionedThroughput":{"LastIncreaseDateTime":1700000100,"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0},
 "TableSizeBytes":123456789012,"ItemCount":42,"TableArn":"arn:aws:dynamodb:us-east-1:123456789012:table/Music",
 "TableId":"e3b0c442-98fc-1c14-9afb-f4c8996fb924",
 "BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST","LastUpdateToPayPerRequestDateTime":1.7000001005E9},
 "GlobalSecondaryIndexes":[{"IndexName":"by-sk","KeySchema":[{"AttributeName":"sk","KeyType":"HASH"}],
   "Projection":{"ProjectionType":"ALL"},"IndexStatus":"ACTIVE","IndexSizeBytes":0,"ItemCount":0,
   "IndexArn":"arn:aws:dynamodb:us-east-1:123456789012:table/Music/index/by-sk",
   "ProvisionedThroughput":{"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0}}],
 "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"},
 "LatestStreamLabel":"2023-11-14T22:13:20.123","DeletionProtectionEnabled":false,
 "SSEDescription":{"Status":"ENABLED","SSEType":"KMS","KMSMasterKeyArn":"arn:aws:kms:us-east-1:123456789012:key/k"},
 "TableClassSummary":{"TableClass":"STANDARD"}}}''')

CASES['organizations_list_accounts'] = dict(service='organizations', operation='ListAccounts', headers=JSON_HEADERS, body='''
{"Accounts":[{"Id":"111111111111","Arn":"arn:aws:organizations::111111111111:account/o-exampleorgid/111111111111",
  "Email":"bill@example.com","Name":"Master Account","Status":"ACTIVE","State":"ACTIVE","JoinedMethod":"INVITED",
  "JoinedTimestamp":1.481830215553E9},
 {"Id":"222222222222","Arn":"arn:aws:organizations::111111111111:account/o-exampleorgid/222222222222",
  "Email":"alice@example.com","Name":"Developer Account","Status":"SUSPENDED","JoinedMethod":"CREATED",
  "JoinedTimestamp":1481835741}],
 "NextToken":"AAAABBBB"}''')

REST_JSON_HEADERS = [['x-amzn-RequestId', 'c0ffee00-1d44-4b7a-9a51-0f1a2b3c4d5e'],
                     ['Content-Type', 'application/json']]
CASES['lambda_list_functions'] = dict(service='lambda', operation='ListFunctions', headers=REST_JSON_HEADERS, body='''
{"Functions":[{"FunctionName":"my-function","FunctionArn":"arn:aws:lambda:us-west-2:123456789012:function:my-function",
 "Runtime":"python3.12","Role":"arn:aws:iam::123456789012:role/lambda-role","Handler":"index.handler",
 "CodeSize":1024,"Description":"","Timeout":3,"MemorySize":128,"LastModified":"2024-01-02T03:04:05.123+0000",
 "CodeSha256":"YFgDgEKG3ugvF1+pX64gV6tu9qNuIYNUdgJm8nCxsm4=","Version":"$LATEST",
 "VpcConfig":{"SubnetIds":[],"SecurityGroupIds":[],"VpcId":"","Ipv6AllowedForDualStack":false},
 "Environment":{"Variables":{"STAGE":"prod","EMPTY":""}},"TracingConfig":{"Mode":"PassThrough"},
 "RevisionId":"88ebe1e1-bfdf-4dc3-84de-3017268fa1ff","Layers":[{"Arn":"arn:aws:lambda:us-west-2:123456789012:layer:l:1","CodeSize":123}],
 "PackageType":"Zip","Architectures":["x86_64"],"EphemeralStorage":{"Size":512},
 "SnapStart":{"ApplyOn":"None","OptimizationStatus":"Off"},
 "LoggingConfig":{"LogFormat":"Text","LogGroup":"/aws/lambda/my-function"}}],
 "NextMarker":null}''')

CASES['lambda_invoke'] = dict(service='lambda', operation='Invoke', headers=REST_JSON_HEADERS + [
    ['X-Amz-Function-Error', 'Unhandled'], ['X-Amz-Log-Result', 'U1RBUlQgUmVxdWVzdElkOiA='],
    ['X-Amz-Executed-Version', '$LATEST']], body='{"errorMessage":"boom","errorType":"Exception"}')

CASES['eks_describe_cluster'] = dict(service='eks', operation='DescribeCluster', headers=REST_JSON_HEADERS, body='''
{"cluster":{"name":"prod","arn":"arn:aws:eks:us-west-2:123456789012:cluster/prod","createdAt":1.700000000E9,
 "version":"1.29","endpoint":"https://ABCD.gr7.us-west-2.eks.amazonaws.com","roleArn":"arn:aws:iam::123456789012:role/eks",
 "resourcesVpcConfig":{"subnetIds":["subnet-1","subnet-2"],"securityGroupIds":[],"clusterSecurityGroupId":"sg-1",
   "vpcId":"vpc-1","endpointPublicAccess":true,"endpointPrivateAccess":false,"publicAccessCidrs":["0.0.0.0/0"]},
 "kubernetesNetworkConfig":{"serviceIpv4Cidr":"10.100.0.0/16","ipFamily":"ipv4"},
 "logging":{"clusterLogging":[{"types":["api","audit"],"enabled":false}]},
 "identity":{"oidc":{"issuer":"https://oidc.eks.us-west-2.amazonaws.com/id/ABCD"}},"status":"ACTIVE",
 "certificateAuthority":{"data":"LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg=="},"platformVersion":"eks.5",
 "tags":{"env":"prod","team":"platform"},"health":{"issues":[]},
 "accessConfig":{"authenticationMode":"API_AND_CONFIG_MAP"},"upgradePolicy":{"supportType":"EXTENDED"}}}''')

CASES['account_list_regions'] = dict(service='account', operation='ListRegions', headers=REST_JSON_HEADERS, body='''
{"NextToken":null,"Regions":[{"RegionName":"af-south-1","RegionOptStatus":"DISABLED"},
 {"RegionName":"us-east-1","RegionOptStatus":"ENABLED_BY_DEFAULT"},{"RegionName":"eu-south-2","RegionOptStatus":"ENABLED"}]}''')

CASES['kafka_list_clusters_v2'] = dict(service='kafka', operation='ListClustersV2', headers=REST_JSON_HEADERS, body='''
{"clusterInfoList":[{"activeOperationArn":"arn:aws:kafka:us-east-1:123456789012:cluster-operation/x",
 "clusterArn":"arn:aws:kafka:us-east-1:123456789012:cluster/demo/abcd-1","clusterName":"demo","clusterType":"PROVISIONED",
 "creationTime":"2024-01-02T03:04:05.123Z","currentVersion":"K3AEGXETSR30VB","state":"ACTIVE","tags":{"env":"dev"},
 "provisioned":{"brokerNodeGroupInfo":{"brokerAZDistribution":"DEFAULT","clientSubnets":["subnet-1","subnet-2"],
   "instanceType":"kafka.m5.large","securityGroups":["sg-1"],"storageInfo":{"ebsStorageInfo":{"volumeSize":100}}},
   "currentBrokerSoftwareInfo":{"kafkaVersion":"3.5.1"},"encryptionInfo":{"encryptionInTransit":{"clientBroker":"TLS","inCluster":true}},
   "enhancedMonitoring":"DEFAULT","numberOfBrokerNodes":3,"zookeeperConnectString":"z-1:2181"}},
 {"clusterArn":"arn:aws:kafka:us-east-1:123456789012:cluster/sls/abcd-2","clusterName":"sls","clusterType":"SERVERLESS",
 "creationTime":"2024-02-03T04:05:06Z","state":"CREATING","tags":{},
 "serverless":{"vpcConfigs":[{"subnetIds":["subnet-1"],"securityGroupIds":["sg-1"]}],"clientAuthentication":{"sasl":{"iam":{"enabled":true}}}}}],
 "nextToken":"n"}''')

CASES['sesv2_get_email_identity'] = dict(service='sesv2', operation='GetEmailIdentity', headers=REST_JSON_HEADERS, body='''
{"IdentityType":"DOMAIN","FeedbackForwardingStatus":true,"VerifiedForSendingStatus":true,
 "DkimAttributes":{"SigningEnabled":true,"Status":"SUCCESS","Tokens":["t1","t2","t3"],
   "SigningAttributesOrigin":"AWS_SES","NextSigningKeyLength":"RSA_2048_BIT","CurrentSigningKeyLength":"RSA_2048_BIT",
   "LastKeyGenerationTimestamp":1.7000000005E9},
 "MailFromAttributes":{"MailFromDomain":"mail.example.com","MailFromDomainStatus":"SUCCESS","BehaviorOnMxFailure":"USE_DEFAULT_VALUE"},
 "Policies":{"p1":"{\\"Version\\":\\"2012-10-17\\"}"},"Tags":[{"Key":"k","Value":"v"}],
 "ConfigurationSetName":"default","VerificationStatus":"SUCCESS",
 "VerificationInfo":{"LastCheckedTimestamp":1700000000,"LastSuccessTimestamp":1700000000.25,
   "SOARecord":{"PrimaryNameServer":"ns-1.awsdns","AdminEmail":"admin@example.com","SerialNumber":1}}}''')

# --- errors ---------------------------------------------------------------------------------

ERROR_CASES = {}
ERROR_CASES['ec2_invalid_instance'] = dict(service='ec2', operation='DescribeInstances', status=400, body='''<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-1a2b3c4d' does not exist</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>''')
ERROR_CASES['ec2_request_limit'] = dict(service='ec2', operation='DescribeInstances', status=503, body='''<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>0f1e2d3c-1111-2222-3333-444455556666</RequestID></Response>''')
ERROR_CASES['ec2_unauthorized'] = dict(service='ec2', operation='DescribeRegions', status=403, body='''<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>abc</RequestID></Response>''')
ERROR_CASES['sts_access_denied'] = dict(service='sts', operation='AssumeRole', status=403, body=f'''
<ErrorResponse xmlns="{STS_NS}">
  <Error>
    <Type>Sender</Type>
    <Code>AccessDenied</Code>
    <Message>User: arn:aws:iam::123456789012:user/x is not authorized to perform: sts:AssumeRole</Message>
  </Error>
  <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
</ErrorResponse>''')
ERROR_CASES['iam_throttling'] = dict(service='iam', operation='ListRoles', status=400, body='''
<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r-1</RequestId></ErrorResponse>''')
ERROR_CASES['rds_not_found'] = dict(service='rds', operation='DescribeDBInstances', status=404, body=f'''
<ErrorResponse xmlns="{RDS_NS}"><Error><Type>Sender</Type><Code>DBInstanceNotFound</Code><Message>DBInstance x not found.</Message></Error><RequestId>r-2</RequestId></ErrorResponse>''')
ERROR_CASES['query_html_503'] = dict(service='sns', operation='ListTopics', status=503, body='<html><body><b>Http/1.1 Service Unavailable</b></body></html>')
ERROR_CASES['query_empty_500'] = dict(service='sts', operation='GetCallerIdentity', status=500, body='')
ERROR_CASES['s3_no_such_tag_set'] = dict(service='s3', operation='GetBucketTagging', status=404, headers=S3_HEADERS, body='''<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>NoSuchTagSet</Code><Message>The TagSet does not exist</Message><BucketName>b</BucketName><RequestId>236A8905248E5A01</RequestId><HostId>YgIPIfBiKa2bj0KMg95r</HostId></Error>''')
ERROR_CASES['s3_slow_down'] = dict(service='s3', operation='ListBuckets', status=503, headers=S3_HEADERS, body='''<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>236A8905248E5A01</RequestId><HostId>h</HostId></Error>''')
ERROR_CASES['s3_redirect'] = dict(service='s3', operation='GetBucketLocation', status=301, headers=S3_HEADERS + [['x-amz-bucket-region', 'eu-west-1']], body='''<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint.</Message><Endpoint>b.s3.eu-west-1.amazonaws.com</Endpoint><Bucket>b</Bucket><RequestId>236A8905248E5A01</RequestId><HostId>h</HostId></Error>''')
ERROR_CASES['s3_head_404'] = dict(service='s3', operation='HeadBucket', status=404, headers=S3_HEADERS, body='')
ERROR_CASES['s3_head_403'] = dict(service='s3', operation='HeadObject', status=403, headers=S3_HEADERS, body='')
ERROR_CASES['s3_html_500'] = dict(service='s3', operation='ListBuckets', status=500, headers=S3_HEADERS, body='<html><body>Internal error</body></html>')
ERROR_CASES['s3_truncated_400'] = dict(service='s3', operation='GetBucketTagging', status=400, headers=S3_HEADERS, body='<?xml version="1.0"?><Error><Code>NoSu')
ERROR_CASES['restxml_error_response'] = dict(service='s3', operation='ListBuckets', status=400, headers=S3_HEADERS, body='''
<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type><Code>InvalidInput</Code><Message>Invalid resource type: foo</Message></Error><RequestId>request-id</RequestId></ErrorResponse>''')
ERROR_CASES['dynamodb_not_found'] = dict(service='dynamodb', operation='DescribeTable', status=400, headers=JSON_HEADERS, body='''
{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found: Table: x not found"}''')
ERROR_CASES['ecs_client_exception'] = dict(service='ecs', operation='DescribeClusters', status=400, headers=JSON_HEADERS, body='''
{"__type":"ClientException","message":"Cluster not found."}''')
ERROR_CASES['sqs_query_compatible'] = dict(service='sqs', operation='GetQueueAttributes', status=400, headers=JSON_HEADERS + [
    ['x-amzn-query-error', 'AWS.SimpleQueueService.NonExistentQueue;Sender']], body='''
{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}''')
ERROR_CASES['organizations_capital_message'] = dict(service='organizations', operation='ListAccounts', status=400, headers=JSON_HEADERS, body='''
{"__type":"AWSOrganizationsNotInUseException","Message":"Your account is not a member of an organization."}''')
ERROR_CASES['json_throttling_colon'] = dict(service='ecs', operation='DescribeClusters', status=400, headers=JSON_HEADERS, body='''
{"__type":"ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/","message":"Rate exceeded"}''')
ERROR_CASES['json_protocoltests_type'] = dict(service='dynamodb', operation='DescribeTable', status=400, headers=JSON_HEADERS, body='''
{"__type":"aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"}''')
ERROR_CASES['json_not_json'] = dict(service='ecs', operation='DescribeClusters', status=400, headers=JSON_HEADERS, body='Bad request, not JSON')
ERROR_CASES['json_empty_503'] = dict(service='dynamodb', operation='DescribeTable', status=503, headers=JSON_HEADERS, body='')
ERROR_CASES['json_no_type_429'] = dict(service='ecs', operation='DescribeClusters', status=429, headers=JSON_HEADERS, body='{"message":"slow down"}')
ERROR_CASES['lambda_not_found'] = dict(service='lambda', operation='GetFunction', status=404, headers=REST_JSON_HEADERS + [
    ['x-amzn-ErrorType', 'ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.lambda/']], body='''
{"Type":"User","Message":"Function not found: arn:aws:lambda:us-west-2:123456789012:function:x"}''')
ERROR_CASES['eks_not_found'] = dict(service='eks', operation='DescribeCluster', status=404, headers=REST_JSON_HEADERS + [
    ['x-amzn-ErrorType', 'ResourceNotFoundException']], body='''
{"clusterName":"x","message":"No cluster found for name: x."}''')
ERROR_CASES['restjson_body_code'] = dict(service='kafka', operation='ListClustersV2', status=429, headers=REST_JSON_HEADERS, body='''
{"code":"TooManyRequestsException","message":"Too Many Requests"}''')
ERROR_CASES['restjson_type_and_header'] = dict(service='sesv2', operation='GetEmailIdentity', status=400, headers=REST_JSON_HEADERS + [
    ['X-Amzn-ErrorType', 'BadRequestException']], body='''
{"__type":"com.amazonaws.sesv2#Other","message":"bad"}''')
ERROR_CASES['restjson_html_502'] = dict(service='account', operation='ListRegions', status=502, headers=[], body='  <html><body>Bad Gateway</body></html>')
