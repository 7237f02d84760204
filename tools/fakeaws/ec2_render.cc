#include "ec2_render.h"

#include <array>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fakeaws {

namespace {

using sv = std::string_view;

constexpr sv kTypes[] = {"t3.micro",  "t3.medium",   "m5.large",   "m6i.xlarge",
                         "c6g.large", "r6i.2xlarge", "m7g.medium", "c5.4xlarge"};
constexpr sv kEnvs[] = {"prod", "staging", "dev", "test"};
constexpr sv kTeams[] = {"platform", "payments", "search", "data", "identity", "growth"};
constexpr int64_t kEpoch = 1'690'000'000;  // mid 2023
constexpr int kProfiles = 16;
constexpr int kStoppedProfiles = 2;

// What the instances of one profile of one scope share.
struct Profile {
  uint64_t h;
  uint64_t seed;
  uint64_t region_index;
  std::string account;
  std::string region;
  sv type;
  bool arm;
  bool running;
  char az;
};

Profile MakeProfile(const Universe& u, const ResourceKey& scope, int p) {
  uint64_t h = Mix(u.seed(), scope.account, scope.region, static_cast<uint64_t>(p), 0xEC2F);
  sv type = kTypes[h % std::size(kTypes)];
  return Profile{h,
                 u.seed(),
                 scope.region,
                 u.account_id(static_cast<int>(scope.account)),
                 u.regions()[scope.region],
                 type,
                 type.starts_with("c6g") || type.starts_with("m7g"),
                 p >= kStoppedProfiles,
                 static_cast<char>('a' + (h >> 12) % 3)};
}

uint64_t InstanceHash(const Universe& u, const ResourceKey& scope, uint64_t index) {
  return Mix(u.seed(), scope.account, scope.region, index, 0xEC2);
}

// The per-instance values (slots of a template).
struct Values {
  sv id, ip, ip_dash, pub, pub_dash, mac, vol, eni, attach, launch, reason_time, token, name;
};
enum Slot : char {
  kId = 'a',
  kIp,
  kIpDash,
  kPub,
  kPubDash,
  kMac,
  kVol,
  kEni,
  kAttach,
  kLaunch,
  kReasonTime,
  kToken,
  kName
};
constexpr char kMarker = '\x01';

sv Field(const Values& v, char slot) {
  switch (slot) {
    case kId:
      return v.id;
    case kIp:
      return v.ip;
    case kIpDash:
      return v.ip_dash;
    case kPub:
      return v.pub;
    case kPubDash:
      return v.pub_dash;
    case kMac:
      return v.mac;
    case kVol:
      return v.vol;
    case kEni:
      return v.eni;
    case kAttach:
      return v.attach;
    case kLaunch:
      return v.launch;
    case kReasonTime:
      return v.reason_time;
    case kToken:
      return v.token;
    case kName:
      return v.name;
  }
  return {};
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

void Tag(std::string& o, sv key, sv value) {
  o.append("<item><key>")
      .append(key)
      .append("</key><value>")
      .append(value)
      .append("</value></item>");
}

void PrivateDns(std::string& o, const Profile& f, const Values& v) {
  o.append("ip-").append(v.ip_dash);
  if (f.region == "us-east-1") {
    o.append(".ec2.internal");
  } else {
    o.append(".").append(f.region).append(".compute.internal");
  }
}

// One instance of profile `f` with values `v` (markers when building a template).
void Render(std::string& o, const Profile& f, const Values& v) {
  uint64_t vpc = Mix(f.seed, HashString(f.account), f.region_index, 0x7BC);
  uint64_t subnet = Mix(vpc, static_cast<uint64_t>(f.az));
  uint64_t sg = Mix(vpc, 0x56);
  o.append("<item><instanceId>").append(v.id).append("</instanceId><imageId>");
  Hex17(o, "ami", Mix(f.seed, f.region_index, f.h % 6, 0xA31));
  o.append("</imageId><instanceState><code>")
      .append(f.running ? "16" : "80")
      .append("</code><name>")
      .append(f.running ? "running" : "stopped")
      .append("</name></instanceState><privateDnsName>");
  PrivateDns(o, f, v);
  o.append("</privateDnsName><dnsName>");
  if (f.running) {
    o.append("ec2-");
    o.append(v.pub_dash);
    o.append(".compute-1.amazonaws.com");
  }
  o.append("</dnsName><reason>");
  if (!f.running) {
    o.append("User initiated (");
    o.append(v.reason_time);
    o.append(" GMT)");
  }
  o.append("</reason><keyName>deploy-")
      .append(kEnvs[(f.h >> 20) % 4])
      .append("</keyName><amiLaunchIndex>0</amiLaunchIndex><productCodes/><instanceType>")
      .append(f.type)
      .append("</instanceType><launchTime>")
      .append(v.launch)
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
  o.append(v.ip);
  o.append("</privateIpAddress>");
  if (f.running) {
    o.append("<ipAddress>");
    o.append(v.pub);
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
  o.append(v.vol);
  o.append("</volumeId><status>attached</status><attachTime>")
      .append(v.launch)
      .append(
          "</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item>"
          "</blockDeviceMapping><virtualizationType>hvm</virtualizationType><clientToken>");
  o.append(v.token);
  o.append("</clientToken><tagSet>");
  o.append("<item><key>Name</key><value>app-")
      .append(kTeams[(f.h >> 36) % 6])
      .append("-")
      .append(v.name)
      .append("</value></item>");
  Tag(o, "env", kEnvs[(f.h >> 20) % 4]);
  Tag(o, "team", kTeams[(f.h >> 36) % 6]);
  if ((f.h >> 44) % 2) Tag(o, "cost-center", "cc-" + PaddedDecimal((f.h >> 45) % 1000, 3));
  o.append("</tagSet><hypervisor>")
      .append(f.arm ? "nitro" : "xen")
      .append("</hypervisor><networkInterfaceSet><item><networkInterfaceId>");
  o.append(v.eni);
  o.append("</networkInterfaceId><subnetId>");
  Hex17(o, "subnet", subnet);
  o.append("</subnetId><vpcId>");
  Hex17(o, "vpc", vpc);
  o.append("</vpcId><description/><ownerId>")
      .append(f.account)
      .append("</ownerId><status>in-use</status><macAddress>02:");
  o.append(v.mac);
  o.append("</macAddress><privateIpAddress>");
  o.append(v.ip);
  o.append("</privateIpAddress><privateDnsName>");
  PrivateDns(o, f, v);
  o.append("</privateDnsName><sourceDestCheck>true</sourceDestCheck><groupSet><item><groupId>");
  Hex17(o, "sg", sg);
  o.append("</groupId><groupName>app-")
      .append(kTeams[(f.h >> 36) % 6])
      .append("</groupName></item></groupSet><attachment><attachmentId>");
  o.append(v.attach);
  o.append("</attachmentId><deviceIndex>0</deviceIndex><status>attached</status><attachTime>")
      .append(v.launch)
      .append(
          "</attachTime><deleteOnTermination>true</deleteOnTermination>"
          "<networkCardIndex>0</networkCardIndex></attachment>");
  if (f.running) {
    o.append("<association><publicIp>");
    o.append(v.pub);
    o.append("</publicIp><publicDnsName>ec2-");
    o.append(v.pub_dash);
    o.append(
        ".compute-1.amazonaws.com</publicDnsName><ipOwnerId>amazon</ipOwnerId>"
        "</association>");
  }
  o.append("<privateIpAddressesSet><item><privateIpAddress>");
  o.append(v.ip);
  o.append("</privateIpAddress><privateDnsName>");
  PrivateDns(o, f, v);
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
      .append(v.launch)
      .append(
          "</usageOperationUpdateTime><privateDnsNameOptions><hostnameType>ip-name"
          "</hostnameType><enableResourceNameDnsARecord>false</enableResourceNameDnsARecord>"
          "<enableResourceNameDnsAAAARecord>false</enableResourceNameDnsAAAARecord>"
          "</privateDnsNameOptions><maintenanceOptions><autoRecovery>default</autoRecovery>"
          "</maintenanceOptions><currentInstanceBootMode>")
      .append(f.arm ? "uefi" : "legacy-bios")
      .append("</currentInstanceBootMode></item>");
}

// A rendered profile split at its slots: literal[i], then slot[i], ..., literal[n].
struct Template {
  std::vector<std::string> literals;
  std::vector<char> slots;
  size_t bytes = 0;
};

Template MakeTemplate(const Profile& f) {
  std::string m[13];
  for (int i = 0; i < 13; ++i) m[i] = std::string{kMarker, static_cast<char>(kId + i)};
  Values markers{m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10], m[11], m[12]};
  std::string rendered;
  Render(rendered, f, markers);
  Template t;
  size_t start = 0;
  for (size_t at = rendered.find(kMarker); at != std::string::npos;
       at = rendered.find(kMarker, start)) {
    t.literals.push_back(rendered.substr(start, at - start));
    t.slots.push_back(rendered[at + 1]);
    start = at + 2;
  }
  t.literals.push_back(rendered.substr(start));
  for (const std::string& l : t.literals) t.bytes += l.size();
  return t;
}

void AppendIp(std::string& o, const uint32_t (&ip)[4], char sep) {
  for (int i = 0; i < 4; ++i) {
    if (i) o.push_back(sep);
    AppendUint(o, ip[i]);
  }
}

}  // namespace

struct ScopeTemplates {
  std::vector<Profile> profiles;
  std::vector<Template> templates;
};

namespace {

// Templates of recently served scopes (bounded: forgotten wholesale when full).
std::shared_ptr<const ScopeTemplates> CachedTemplates(const Universe& u, const ResourceKey& scope) {
  static std::mutex mu;
  static std::unordered_map<std::string, std::shared_ptr<const ScopeTemplates>> cache;
  std::string key = std::to_string(u.seed()) + "/" + u.account_id(static_cast<int>(scope.account)) +
                    "/" + u.regions()[scope.region] + "/" + std::to_string(scope.region);
  {
    std::lock_guard lock(mu);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  auto t = std::make_shared<ScopeTemplates>();
  for (int p = 0; p < kProfiles; ++p) {
    t->profiles.push_back(MakeProfile(u, scope, p));
    t->templates.push_back(MakeTemplate(t->profiles.back()));
  }
  std::lock_guard lock(mu);
  if (cache.size() >= 256) cache.clear();
  cache.emplace(std::move(key), t);
  return t;
}

}  // namespace

InstanceRenderer::InstanceRenderer(const Universe& u, uint32_t account, uint32_t region)
    : u_(u), scope_{account, region, 0}, templates_(CachedTemplates(u, scope_)) {}

bool InstanceRenderer::Running(uint64_t index) const {
  return InstanceHash(u_, scope_, index) % kProfiles >= kStoppedProfiles;
}

void InstanceRenderer::AppendInstance(std::string& o, uint64_t index) const {
  uint64_t h = InstanceHash(u_, scope_, index);
  const Template& t = templates_->templates[h % kProfiles];
  ResourceKey k{scope_.account, scope_.region, index};
  uint32_t ip[4] = {10, static_cast<uint32_t>((index >> 16) & 255),
                    static_cast<uint32_t>((index >> 8) & 255), static_cast<uint32_t>(index & 255)};
  uint32_t pub[4] = {static_cast<uint32_t>(3 + (h >> 24) % 50),
                     static_cast<uint32_t>((h >> 32) & 255), static_cast<uint32_t>((h >> 40) & 255),
                     static_cast<uint32_t>(1 + (h >> 48) % 254)};
  int64_t launch = kEpoch + static_cast<int64_t>((h >> 16) % 60'000'000);
  // One scratch buffer, views into it for the slots (no reallocation: reserved up front).
  std::string s;
  s.reserve(512);
  auto put = [&s](auto&& fill) {
    size_t at = s.size();
    fill();
    return sv(s).substr(at);
  };
  Values v;
  v.id = put([&] { s += EncodeId("i", k, kSaltInstance); });
  v.ip = put([&] { AppendIp(s, ip, '.'); });
  v.ip_dash = put([&] { AppendIp(s, ip, '-'); });
  v.pub = put([&] { AppendIp(s, pub, '.'); });
  v.pub_dash = put([&] { AppendIp(s, pub, '-'); });
  v.mac = put([&] {
    for (int i = 0; i < 5; ++i) {
      AppendHex(s, (h >> (8 * i)) & 255, 2);
      if (i < 4) s.push_back(':');
    }
  });
  v.vol = put([&] { s += EncodeId("vol", k, kSaltVolume); });
  v.eni = put([&] { s += EncodeId("eni", k, kSaltEni); });
  v.attach = put([&] { s += EncodeId("eni-attach", k, kSaltAttachment); });
  v.launch = put([&] { AppendIsoTime(s, launch); });
  v.reason_time = put([&] {
    AppendIsoTime(s, launch + 86400, false);
    s.pop_back();
  });
  v.token = put([&] { AppendHex(s, Mix(h, 0xC7), 16); });
  v.name = put([&] { s += PaddedDecimal(index, 5); });
  // The views stay valid: s never outgrew its reservation.
  for (size_t i = 0; i < t.slots.size(); ++i) {
    o.append(t.literals[i]).append(Field(v, t.slots[i]));
  }
  o.append(t.literals.back());
}

void InstanceRenderer::AppendStatus(std::string& o, uint64_t index) const {
  uint64_t h = InstanceHash(u_, scope_, index);
  const Profile& f = templates_->profiles[h % kProfiles];
  ResourceKey k{scope_.account, scope_.region, index};
  o.append("<item><instanceId>")
      .append(EncodeId("i", k, kSaltInstance))
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
  for (sv which : {sv("systemStatus"), sv("instanceStatus")}) {
    o.append("<").append(which).append("><status>").append(status).append("</status>");
    if (f.running) {
      o.append("<details><item><name>reachability</name><status>passed</status></item></details>");
    }
    o.append("</").append(which).append(">");
  }
  o.append("<attachedEbsStatus><status>")
      .append(status)
      .append("</status></attachedEbsStatus><eventsSet/></item>");
}

}  // namespace fakeaws
