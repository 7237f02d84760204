#include "catalog/integration_config.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>
#include <map>
#include <string_view>

extern char** environ;

namespace catalog {
namespace {

using core::Status;

constexpr std::string_view kEnvPrefix = "OCEAN__INTEGRATION__CONFIG__";
constexpr std::string_view kDefaultPriority[] = {"AssumeRoleWithWebIdentity", "StaticCredential",
                                                 "AssumeRole"};
constexpr std::string_view kPartitions[] = {"aws", "aws-cn", "aws-us-gov"};

// Names a key in errors: the config key as the user wrote it, or the environment variable.
using NameFn = std::function<std::string(std::string_view snake_key)>;

// humps.decamelize, which Ocean applies to the spec's names: "accountRoleArns" ->
// "account_role_arns". Lower-cases, so that environment variable suffixes map too.
std::string Decamelize(std::string_view key) {
  std::string out;
  for (size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    if (std::isupper(static_cast<unsigned char>(c))) {
      if (i > 0 && key[i - 1] != '_') out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Splits on commas, trims and drops empty pieces.
std::vector<std::string> SplitCommas(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t at = s.find(',', start);
    std::string piece = Trim(s.substr(start, at == std::string_view::npos ? s.npos : at - start));
    if (!piece.empty()) out.push_back(std::move(piece));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

// Several role ARNs in one plain string: "arn:...,arn:...". Splitting on every comma would break
// ARNs whose role name or path holds one (IAM allows ','), so only a comma followed (after
// blanks) by "arn:" separates.
std::vector<std::string> SplitArns(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = s.find(','); i != std::string_view::npos; i = s.find(',', i + 1)) {
    size_t j = s.find_first_not_of(" \t", i + 1);
    if (j == std::string_view::npos || s.substr(j, 4) != "arn:") continue;
    std::string piece = Trim(s.substr(start, i - start));
    if (!piece.empty()) out.push_back(std::move(piece));
    start = i + 1;
  }
  std::string last = Trim(s.substr(start));
  if (!last.empty()) out.push_back(std::move(last));
  return out;
}

void DedupKeepOrder(std::vector<std::string>& v) {
  std::vector<std::string> out;
  for (auto& s : v) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  v = std::move(out);
}

// A string-typed key. Numbers are accepted as their decimal text (YAML turns an all-digit
// externalId into a number). Values never appear in errors: some keys are secrets.
core::Result<std::string> AsString(const json::value& v, const std::string& name) {
  switch (v.kind()) {
    case json::kind::null:
      return std::string();
    case json::kind::string:
      return std::string(v.get_string());
    case json::kind::int64:
      return std::to_string(v.get_int64());
    case json::kind::uint64:
      return std::to_string(v.get_uint64());
    default:
      return Status::InvalidArgument("integration config '" + name + "' must be a string");
  }
}

// An array-typed key: a JSON array of strings, a string holding a JSON array ('["a","b"]', the
// way Ocean reads arrays from environment variables), or one plain string split by `split`.
core::Result<std::vector<std::string>> AsList(
    const json::value& v, const std::string& name,
    const std::function<std::vector<std::string>(std::string_view)>& split) {
  if (v.is_null()) return std::vector<std::string>();
  if (v.is_string()) {
    std::string text = Trim(v.get_string());
    if (text.empty() || text.front() != '[') return split(text);
    auto parsed = core::ParseJson(text, "integration config '" + name + "'");
    if (!parsed.ok() || !parsed->is_array()) {
      return Status::InvalidArgument("integration config '" + name +
                                     "' is not a valid JSON array of strings");
    }
    return AsList(*parsed, name, split);
  }
  if (!v.is_array()) {
    return Status::InvalidArgument("integration config '" + name +
                                   "' must be an array of strings (or a JSON string of one)");
  }
  std::vector<std::string> out;
  for (const json::value& item : v.get_array()) {
    if (!item.is_string()) {
      return Status::InvalidArgument("integration config '" + name +
                                     "' must contain only strings");
    }
    std::string s = Trim(item.get_string());
    if (!s.empty()) out.push_back(std::move(s));
  }
  return out;
}

core::Result<IntegrationConfig> Parse(const json::object& config, const NameFn& name_of_raw) {
  IntegrationConfig out;
  std::map<std::string, std::string> seen;  // snake key -> raw key, to catch conflicting spellings
  std::vector<Status> errors;               // every problem, reported together

  auto string_field = [&](std::string* field) {
    return [field](const json::value& v, const std::string& name) -> Status {
      auto s = AsString(v, name);
      if (!s.ok()) return s.status();
      *field = Trim(*s);
      return Status::Ok();
    };
  };
  auto list_field = [&](std::vector<std::string>* field, auto split, bool dedup) {
    return [field, split, dedup](const json::value& v, const std::string& name) -> Status {
      auto l = AsList(v, name, split);
      if (!l.ok()) return l.status();
      *field = std::move(*l);
      if (dedup) DedupKeepOrder(*field);
      return Status::Ok();
    };
  };
  using Setter = std::function<Status(const json::value&, const std::string&)>;
  const std::map<std::string, Setter, std::less<>> setters = {
      {"credential_provider_priority",
       list_field(&out.credential_provider_priority, SplitCommas, false)},
      {"ou_id", list_field(&out.ou_ids, SplitCommas, true)},
      {"account_role_arn", string_field(&out.account_role_arn)},
      {"account_role_arns", list_field(&out.account_role_arns, SplitArns, false)},
      {"external_id", string_field(&out.external_id)},
      {"aws_access_key_id", string_field(&out.aws_access_key_id)},
      {"aws_secret_access_key", string_field(&out.aws_secret_access_key)},
      {"aws_session_token", string_field(&out.aws_session_token)},
      {"aws_partition", string_field(&out.aws_partition)},
      {"region", string_field(&out.region)},
      {"custom_kinds_path", string_field(&out.custom_kinds_path)},
      {"aws_models_path", string_field(&out.aws_models_path)},
  };

  for (const auto& [raw_key, value] : config) {
    std::string key = Decamelize(raw_key);
    auto it = setters.find(key);
    if (it == setters.end()) continue;  // other integrations' keys, live_events_api_key, ...
    std::string name = name_of_raw(raw_key);
    if (auto [prev, fresh] = seen.emplace(key, name); !fresh) {
      errors.push_back(Status::InvalidArgument("integration config '" + name + "' and '" +
                                               prev->second + "' both set '" + key + "'"));
      continue;
    }
    if (Status st = it->second(value, name); !st.ok()) errors.push_back(st);
  }

  if (!out.aws_partition.empty() &&
      std::find(std::begin(kPartitions), std::end(kPartitions), out.aws_partition) ==
          std::end(kPartitions)) {
    errors.push_back(Status::InvalidArgument(
        "integration config '" + seen["aws_partition"] + "' must be one of aws, aws-cn, " +
        "aws-us-gov (got '" + out.aws_partition + "')"));
  }
  if (out.credential_provider_priority.empty()) {
    out.credential_provider_priority.assign(std::begin(kDefaultPriority),
                                            std::end(kDefaultPriority));
  }
  if (!errors.empty()) {
    std::string msg = errors.front().message();
    for (size_t i = 1; i < errors.size(); ++i) msg += "; " + errors[i].message();
    return Status::InvalidArgument(msg);
  }
  return out;
}

}  // namespace

core::Result<IntegrationConfig> IntegrationConfig::FromJson(const json::object& config) {
  return Parse(config, [](std::string_view raw) { return std::string(raw); });
}

core::Result<IntegrationConfig> IntegrationConfig::FromEnvironment() {
  json::object config;
  std::map<std::string, std::string> env_names;  // lower-case key -> the variable's own name
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    size_t eq = entry.find('=');
    if (eq == std::string_view::npos || eq <= kEnvPrefix.size()) continue;
    std::string_view name = entry.substr(0, eq);
    bool match = std::equal(kEnvPrefix.begin(), kEnvPrefix.end(), name.begin(), [](char a, char b) {
      return std::toupper(static_cast<unsigned char>(a)) ==
             std::toupper(static_cast<unsigned char>(b));
    });
    if (!match) continue;
    std::string key(name.substr(kEnvPrefix.size()));
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    config[key] = entry.substr(eq + 1);
    env_names[key] = std::string(name);
  }
  return Parse(config, [&](std::string_view raw) { return env_names[std::string(raw)]; });
}

}  // namespace catalog
