#include "fake_config.h"

#include <charconv>

namespace fakeaws {

using core::Result;
using core::Status;

namespace {

constexpr std::string_view kFaultNames[kFaultTypeCount] = {"error500", "error503",  "reset",
                                                           "slow",     "truncated", "malformed"};

bool ParseDouble(std::string_view s, double& out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

Result<double> Number(const json::value& v, std::string_view key) {
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  if (v.is_double()) return v.get_double();
  return Status::InvalidArgument("config key '" + std::string(key) + "' must be a number");
}

Result<uint64_t> Count(const json::value& v, std::string_view key) {
  if (v.is_uint64()) return v.get_uint64();
  if (v.is_int64() && v.get_int64() >= 0) return static_cast<uint64_t>(v.get_int64());
  return Status::InvalidArgument("config key '" + std::string(key) +
                                 "' must be a non-negative integer");
}

Result<std::vector<std::string>> Strings(const json::value& v, std::string_view key) {
  std::vector<std::string> out;
  const json::array* a = v.if_array();
  if (!a) return Status::InvalidArgument("config key '" + std::string(key) + "' must be a list");
  for (const json::value& s : *a) {
    if (!s.is_string()) {
      return Status::InvalidArgument("config key '" + std::string(key) + "' must hold strings");
    }
    out.emplace_back(s.get_string());
  }
  return out;
}

}  // namespace

std::string_view FaultTypeName(FaultType t) { return kFaultNames[static_cast<int>(t)]; }

const std::vector<std::string>& DefaultRegions() {
  static const std::vector<std::string> regions = {
      "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1",
      "ap-southeast-2", "ca-central-1",   "eu-central-1",   "eu-north-1", "eu-west-1",
      "eu-west-2",      "eu-west-3",      "sa-east-1",      "us-east-1",  "us-east-2",
      "us-west-1",      "us-west-2"};
  return regions;
}

std::string FakeConfig::account_id(int i) const {
  std::string s = std::to_string(first_account + static_cast<uint64_t>(i));
  if (s.size() < 12) s.insert(0, 12 - s.size(), '0');
  return s;
}

std::string FakeConfig::default_account() const { return account_id(0); }

bool FakeConfig::any_fault() const {
  for (const FaultRule& f : faults) {
    if (f.every > 0 || f.probability > 0) return true;
  }
  return false;
}

Status ParseLimitFlag(std::string_view flag, FakeConfig& c) {
  size_t eq = flag.find('=');
  size_t slash = flag.find('/', eq == flag.npos ? 0 : eq);
  double burst = 0, refill = 0;
  if (eq == flag.npos || slash == flag.npos || flag.substr(0, eq).find(':') == flag.npos ||
      !ParseDouble(flag.substr(eq + 1, slash - eq - 1), burst) ||
      !ParseDouble(flag.substr(slash + 1), refill) || burst < 1 || refill < 0) {
    return Status::InvalidArgument("limit '" + std::string(flag) +
                                   "': expected SERVICE:OPERATION=BURST/REFILL, e.g. "
                                   "ec2:DescribeInstances=100/20 (burst >= 1)");
  }
  c.limits[std::string(flag.substr(0, eq))] = BucketLimit{burst, refill};
  return Status::Ok();
}

Status ParseFaultFlag(std::string_view flag, FakeConfig& c) {
  auto bad = [&](std::string why) {
    return Status::InvalidArgument("fault '" + std::string(flag) + "': " + why +
                                   " (expected TYPE:p=0.05 or TYPE:every=20; types: error500, "
                                   "error503, reset, slow, truncated, malformed)");
  };
  size_t colon = flag.find(':');
  if (colon == flag.npos) return bad("no ':'");
  std::string_view type = flag.substr(0, colon);
  int t = -1;
  for (int i = 0; i < kFaultTypeCount; ++i) {
    if (kFaultNames[i] == type) t = i;
  }
  if (t < 0) return bad("unknown type '" + std::string(type) + "'");
  std::string_view rule = flag.substr(colon + 1);
  double v = 0;
  if (rule.starts_with("p=") && ParseDouble(rule.substr(2), v) && v >= 0 && v <= 1) {
    c.faults[t].probability = v;
  } else if (rule.starts_with("every=") && ParseDouble(rule.substr(6), v) && v >= 1) {
    c.faults[t].every = static_cast<uint64_t>(v);
  } else {
    return bad("bad rule '" + std::string(rule) + "'");
  }
  return Status::Ok();
}

Result<FakeConfig> ConfigFromJson(const json::object& o, FakeConfig c) {
  for (const auto& kv : o) {
    std::string_view k = kv.key();
    const json::value& v = kv.value();
    if (k == "host") {
      if (!v.is_string()) return Status::InvalidArgument("config key 'host' must be a string");
      c.host = v.get_string();
    } else if (k == "port" || k == "threads" || k == "accounts") {
      CORE_ASSIGN_OR_RETURN(uint64_t n, Count(v, k));
      (k == "port" ? c.port : k == "threads" ? c.threads : c.accounts) = static_cast<int>(n);
    } else if (k == "seed" || k == "fault_seed" || k == "first_account") {
      CORE_ASSIGN_OR_RETURN(uint64_t n, Count(v, k));
      (k == "seed" ? c.seed : k == "fault_seed" ? c.fault_seed : c.first_account) = n;
    } else if (k == "ec2_instances" || k == "sqs_queues" || k == "ecs_clusters" ||
               k == "s3_buckets") {
      CORE_ASSIGN_OR_RETURN(uint64_t n, Count(v, k));
      (k == "ec2_instances"  ? c.ec2_instances
       : k == "sqs_queues"   ? c.sqs_queues
       : k == "ecs_clusters" ? c.ecs_clusters
                             : c.s3_buckets) = n;
    } else if (k == "kind_resources" || k == "page_cap") {
      CORE_ASSIGN_OR_RETURN(uint64_t n, Count(v, k));
      (k == "kind_resources" ? c.kind_resources : c.page_cap) = n;
    } else if (k == "kind_counts") {
      const json::object* m = v.if_object();
      if (!m) return Status::InvalidArgument("config key 'kind_counts' must be an object");
      for (const auto& e : *m) {
        CORE_ASSIGN_OR_RETURN(uint64_t n, Count(e.value(), "kind_counts." + std::string(e.key())));
        c.kind_counts[std::string(e.key())] = n;
      }
    } else if (k == "populated" || k == "latency_ms" || k == "jitter_ms" || k == "slow_body_ms") {
      CORE_ASSIGN_OR_RETURN(double d, Number(v, k));
      (k == "populated"    ? c.populated
       : k == "latency_ms" ? c.latency_ms
       : k == "jitter_ms"  ? c.jitter_ms
                           : c.slow_body_ms) = d;
    } else if (k == "regions" || k == "removed" || k == "denied_regions" || k == "failing_ids" ||
               k == "cloudcontrol_types" || k == "cloudcontrol_identifier_only") {
      CORE_ASSIGN_OR_RETURN(std::vector<std::string> list, Strings(v, k));
      (k == "regions"              ? c.regions
       : k == "removed"            ? c.removed
       : k == "denied_regions"     ? c.denied_regions
       : k == "failing_ids"        ? c.failing_ids
       : k == "cloudcontrol_types" ? c.cloudcontrol_types
                                   : c.cloudcontrol_identifier_only) = std::move(list);
    } else if (k == "throttle") {
      if (!v.is_bool()) return Status::InvalidArgument("config key 'throttle' must be a boolean");
      c.throttle = v.get_bool();
    } else if (k == "limits" || k == "faults") {
      const json::object* m = v.if_object();
      if (!m)
        return Status::InvalidArgument("config key '" + std::string(k) + "' must be an object");
      for (const auto& e : *m) {
        if (!e.value().is_string()) {
          return Status::InvalidArgument("config key '" + std::string(k) + "." +
                                         std::string(e.key()) + "' must be a string");
        }
        std::string flag = std::string(e.key()) + (k == "limits" ? "=" : ":") +
                           std::string(e.value().get_string());
        CORE_RETURN_IF_ERROR(k == "limits" ? ParseLimitFlag(flag, c) : ParseFaultFlag(flag, c));
      }
    } else {
      return Status::InvalidArgument("unknown config key '" + std::string(k) + "'");
    }
  }
  return c;
}

Status Validate(const FakeConfig& c) {
  if (c.threads < 1 || c.threads > 64) return Status::InvalidArgument("threads must be 1..64");
  if (c.accounts < 1 || c.accounts > (1 << 20)) {
    return Status::InvalidArgument("accounts must be 1..1048576");
  }
  if (c.first_account + static_cast<uint64_t>(c.accounts) > 999999999999ULL) {
    return Status::InvalidArgument("first_account + accounts exceeds 12 digits");
  }
  if (c.regions.size() > 63) return Status::InvalidArgument("at most 63 regions");
  if (!(c.populated >= 0 && c.populated <= 1)) {
    return Status::InvalidArgument("populated must be within [0, 1]");
  }
  if (c.latency_ms < 0 || c.jitter_ms < 0 || c.slow_body_ms < 0) {
    return Status::InvalidArgument("latency_ms, jitter_ms and slow_body_ms must be >= 0");
  }
  constexpr uint64_t kMaxPerScope = 1ULL << 30;
  if (c.ec2_instances > kMaxPerScope || c.sqs_queues > kMaxPerScope ||
      c.ecs_clusters > kMaxPerScope || c.s3_buckets > kMaxPerScope ||
      c.kind_resources > kMaxPerScope) {
    return Status::InvalidArgument("at most 2^30 resources of a kind per scope");
  }
  return Status::Ok();
}

}  // namespace fakeaws
