#include "ec2_render.h"

#include <string_view>

namespace fakeaws {

namespace {

using sv = std::string_view;

constexpr sv kTypes[] = {"t3.micro",  "t3.medium",   "m5.large",   "m6i.xlarge",
                         "c6g.large", "r6i.2xlarge", "m7g.medium", "c5.4xlarge"};
constexpr sv kEnvs[] = {"prod", "staging", "dev", "test"};
constexpr sv kTeams[] = {"platform", "payments", "search", "data", "identity", "growth"};
constexpr int64_t kEpoch = 1'690'000'000;  // mid 2023

struct Facts {
  uint64_t h;
  const std::string& account;
  const std::string& region;
  sv type;
  bool arm;
  bool running;
  char az;
  int64_t launch;
  uint32_t ip[4];
  uint32_t pub[4];
  std::string id;
};

Facts Derive(const Universe& u, const ResourceKey& k) {
  uint64_t h = Mix(u.seed(), k.account, k.region, k.index, 0xEC2);
  sv type = kTypes[h % std::size(kTypes)];
  Facts f{h,
          u.account_id(static_cast<int>(k.account)),
          u.regions()[k.region],
          type,
          type.starts_with("c6g") || type.starts_with("m7g"),
          ((h >> 8) % 10) != 0,
          static_cast<char>('a' + (h >> 12) % 3),
          kEpoch + static_cast<int64_t>((h >> 16) % 60'000'000),
          {10, static_cast<uint32_t>((k.index >> 16) & 255),
           static_cast<uint32_t>((k.index >> 8) & 255), static_cast<uint32_t>(k.index & 255)},
          {static_cast<uint32_t>(3 + (h >> 24) % 50), static_cast<uint32_t>((h >> 32) & 255),
           static_cast<uint32_t>((h >> 40) & 255), static_cast<uint32_t>(1 + (h >> 48) % 254)},
          EncodeId("i", k, kSaltInstance)};
  return f;
}

void Ip(std::string& o, const uint32_t (&ip)[4], char sep) {
  for (int i = 0; i < 4; ++i) {
    if (i) o.push_back(sep);
    AppendUint(o, ip[i]);
  }
}

void Tag(std::string& o, sv key, sv value) {
  o.append("<item><key>")
      .append(key)
      .append("</key><value>")
      .append(value)
      .append("</value></item>");
}

// "use1-az2" for us-east-1 and zone letter b.
void AzId(std::string& o, const std::string& region, char az) {
  size_t a = region.find('-'), b = region.rfind('-');
  std::string_view word = std::string_view(region).substr(a + 1, b - a - 1);
  o.append(region.substr(0, a));
  if (!word.empty()) o.push_back(word[0]);
  if (word.size() > 5 && (word.starts_with("north") || word.starts_with("south"))) {
    o.push_back(word[5]);
  }
  o.append(region.substr(b + 1)).append("-az");
  o.push_back(static_cast<char>('1' + (az - 'a')));
}

void Hex17(std::string& o, sv prefix, uint64_t v) {
  o.append(prefix).append("-0");
  AppendHex(o, v, 16);
}

void PrivateDns(std::string& o, const Facts& f) {
  o.append("ip-");
  Ip(o, f.ip, '-');
  o.append(f.region == "us-east-1" ? ".ec2.internal" : ".")
      .append(f.region == "us-east-1" ? "" : f.region);
  if (f.region != "us-east-1") o.append(".compute.internal");
}

}  // namespace

bool InstanceRunning(const Universe& u, const ResourceKey& key) {
  return ((Mix(u.seed(), key.account, key.region, key.index, 0xEC2) >> 8) % 10) != 0;
}

void AppendInstanceXml(std::string& o, const Universe& u, const ResourceKey& k) {
  Facts f = Derive(u, k);
  uint64_t vpc = Mix(u.seed(), k.account, k.region, 0x7BC);
  uint64_t subnet = Mix(vpc, static_cast<uint64_t>(f.az));
  uint64_t sg = Mix(vpc, 0x56);
  std::string launch = IsoTime(f.launch);
  o.append("<item><instanceId>").append(f.id).append("</instanceId><imageId>");
  Hex17(o, "ami", Mix(u.seed(), k.region, f.h % 6, 0xA31));
  o.append("</imageId><instanceState><code>")
      .append(f.running ? "16" : "80")
      .append("</code><name>")
      .append(f.running ? "running" : "stopped")
      .append("</name></instanceState><privateDnsName>");
  PrivateDns(o, f);
  o.append("</privateDnsName><dnsName>");
  if (f.running) {
    o.append("ec2-");
    Ip(o, f.pub, '-');
    o.append(".compute-1.amazonaws.com");
  }
  o.append("</dnsName><reason>");
  if (!f.running) {
    o.append("User initiated (");
    AppendIsoTime(o, f.launch + 86400, false);
    o.pop_back();
    o.append(" GMT)");
  }
  o.append("</reason><keyName>deploy-")
      .append(kEnvs[(f.h >> 20) % 4])
      .append("</keyName><amiLaunchIndex>0</amiLaunchIndex><productCodes/><instanceType>")
      .append(f.type)
      .append("</instanceType><launchTime>")
      .append(launch)
      .append("</launchTime><placement><availabilityZoneId>");
  AzId(o, f.region, f.az);
  o.append("</availabilityZoneId><groupName/><tenancy>default</tenancy><availabilityZone>")
      .append(f.region)
      .push_back(f.az);
  o.append("</availabilityZone></placement><monitoring><state>")
      .append((f.h >> 28) % 4 == 0 ? "enabled" : "disabled")
      .append("</state></monitoring><subnetId>");
  Hex17(o, "subnet", subnet);
  o.append("</subnetId><vpcId>");
  Hex17(o, "vpc", vpc);
  o.append("</vpcId><privateIpAddress>");
  Ip(o, f.ip, '.');
  o.append("</privateIpAddress>");
  if (f.running) {
    o.append("<ipAddress>");
    Ip(o, f.pub, '.');
    o.append("</ipAddress>");
  }
  o.append("<sourceDestCheck>true</sourceDestCheck><groupSet><item><groupId>");
  Hex17(o, "sg", sg);
  o.append("</groupId><groupName>app-")
      .append(kTeams[(f.h >> 36) % 6])
      .append("</groupName></item></groupSet>");
  if (!f.running) {
    o.append(
        "<stateReason><code>Client.UserInitiatedShutdown</code><message>"
        "Client.UserInitiatedShutdown: User initiated shutdown</message></stateReason>");
  }
  o.append("<architecture>")
      .append(f.arm ? "arm64" : "x86_64")
      .append(
          "</architecture><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda"
          "</rootDeviceName><blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs>"
          "<volumeId>");
  o.append(EncodeId("vol", k, kSaltVolume));
  o.append("</volumeId><status>attached</status><attachTime>")
      .append(launch)
      .append(
          "</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item>"
          "</blockDeviceMapping><virtualizationType>hvm</virtualizationType><clientToken>");
  AppendHex(o, Mix(f.h, 0xC7), 16);
  o.append("</clientToken><tagSet>");
  std::string name =
      "app-" + std::string(kTeams[(f.h >> 36) % 6]) + "-" + PaddedDecimal(k.index, 5);
  Tag(o, "Name", name);
  Tag(o, "env", kEnvs[(f.h >> 20) % 4]);
  Tag(o, "team", kTeams[(f.h >> 36) % 6]);
  if ((f.h >> 44) % 2) Tag(o, "cost-center", "cc-" + PaddedDecimal((f.h >> 45) % 1000, 3));
  o.append("</tagSet><hypervisor>")
      .append(f.arm ? "nitro" : "xen")
      .append("</hypervisor><networkInterfaceSet><item><networkInterfaceId>");
  o.append(EncodeId("eni", k, kSaltEni));
  o.append("</networkInterfaceId><subnetId>");
  Hex17(o, "subnet", subnet);
  o.append("</subnetId><vpcId>");
  Hex17(o, "vpc", vpc);
  o.append("</vpcId><description/><ownerId>")
      .append(f.account)
      .append("</ownerId><status>in-use</status><macAddress>02:");
  for (int i = 0; i < 5; ++i) {
    AppendHex(o, (f.h >> (8 * i)) & 255, 2);
    if (i < 4) o.push_back(':');
  }
  o.append("</macAddress><privateIpAddress>");
  Ip(o, f.ip, '.');
  o.append("</privateIpAddress><privateDnsName>");
  PrivateDns(o, f);
  o.append("</privateDnsName><sourceDestCheck>true</sourceDestCheck><groupSet><item><groupId>");
  Hex17(o, "sg", sg);
  o.append("</groupId><groupName>app-")
      .append(kTeams[(f.h >> 36) % 6])
      .append("</groupName></item></groupSet><attachment><attachmentId>");
  o.append(EncodeId("eni-attach", k, kSaltAttachment));
  o.append("</attachmentId><deviceIndex>0</deviceIndex><status>attached</status><attachTime>")
      .append(launch)
      .append(
          "</attachTime><deleteOnTermination>true</deleteOnTermination>"
          "<networkCardIndex>0</networkCardIndex></attachment>");
  if (f.running) {
    o.append("<association><publicIp>");
    Ip(o, f.pub, '.');
    o.append("</publicIp><publicDnsName>ec2-");
    Ip(o, f.pub, '-');
    o.append(
        ".compute-1.amazonaws.com</publicDnsName><ipOwnerId>amazon</ipOwnerId>"
        "</association>");
  }
  o.append("<privateIpAddressesSet><item><privateIpAddress>");
  Ip(o, f.ip, '.');
  o.append("</privateIpAddress><privateDnsName>");
  PrivateDns(o, f);
  o.append(
      "</privateDnsName><primary>true</primary></item></privateIpAddressesSet>"
      "<ipv6AddressesSet/><interfaceType>interface</interfaceType></item>"
      "</networkInterfaceSet>");
  if ((f.h >> 50) % 3 == 0) {
    o.append("<iamInstanceProfile><arn>arn:aws:iam::")
        .append(f.account)
        .append(":instance-profile/app-role</arn><id>AIPA");
    AppendHex(o, Mix(f.h, 0x1A), 16);
    o.append("</id></iamInstanceProfile>");
  }
  o.append("<ebsOptimized>")
      .append(f.arm ? "true" : "false")
      .append("</ebsOptimized><enaSupport>true</enaSupport><cpuOptions><coreCount>");
  AppendUint(o, 1 + (f.h >> 52) % 4);
  o.append("</coreCount><threadsPerCore>")
      .append(f.arm ? "1" : "2")
      .append(
          "</threadsPerCore></cpuOptions><capacityReservationSpecification>"
          "<capacityReservationPreference>open</capacityReservationPreference>"
          "</capacityReservationSpecification><hibernationOptions><configured>false</configured>"
          "</hibernationOptions><metadataOptions><state>applied</state><httpTokens>")
      .append((f.h >> 54) % 4 ? "required" : "optional")
      .append(
          "</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit><httpEndpoint>"
          "enabled</httpEndpoint><httpProtocolIpv6>disabled</httpProtocolIpv6>"
          "<instanceMetadataTags>disabled</instanceMetadataTags></metadataOptions>"
          "<enclaveOptions><enabled>false</enabled></enclaveOptions><bootMode>")
      .append(f.arm ? "uefi" : "legacy-bios")
      .append(
          "</bootMode><platformDetails>Linux/UNIX</platformDetails><usageOperation>"
          "RunInstances</usageOperation><usageOperationUpdateTime>")
      .append(launch)
      .append(
          "</usageOperationUpdateTime><privateDnsNameOptions><hostnameType>ip-name"
          "</hostnameType><enableResourceNameDnsARecord>false</enableResourceNameDnsARecord>"
          "<enableResourceNameDnsAAAARecord>false</enableResourceNameDnsAAAARecord>"
          "</privateDnsNameOptions><maintenanceOptions><autoRecovery>default</autoRecovery>"
          "</maintenanceOptions><currentInstanceBootMode>")
      .append(f.arm ? "uefi" : "legacy-bios")
      .append("</currentInstanceBootMode></item>");
}

void AppendInstanceStatusXml(std::string& o, const Universe& u, const ResourceKey& k) {
  Facts f = Derive(u, k);
  o.append("<item><instanceId>")
      .append(f.id)
      .append("</instanceId><availabilityZone>")
      .append(f.region)
      .push_back(f.az);
  o.append("</availabilityZone><availabilityZoneId>");
  AzId(o, f.region, f.az);
  o.append("</availabilityZoneId><instanceState><code>")
      .append(f.running ? "16" : "80")
      .append("</code><name>")
      .append(f.running ? "running" : "stopped")
      .append("</name></instanceState>");
  sv status = f.running ? "ok" : "not-applicable";
  sv detail = f.running ? "passed" : "not-applicable";
  for (sv which : {sv("systemStatus"), sv("instanceStatus")}) {
    o.append("<").append(which).append("><status>").append(status).append("</status>");
    if (f.running) {
      o.append("<details><item><name>reachability</name><status>")
          .append(detail)
          .append("</status></item></details>");
    }
    o.append("</").append(which).append(">");
  }
  o.append("<attachedEbsStatus><status>")
      .append(f.running ? "ok" : "not-applicable")
      .append("</status></attachedEbsStatus><eventsSet/></item>");
}

}  // namespace fakeaws
