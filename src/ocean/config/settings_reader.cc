#include "ocean/config/settings_reader.h"

#include <algorithm>
#include <limits>

#include "core/document.h"
#include "ocean/config/key_case.h"
#include "ocean/config/tree_values.h"

namespace ocean::config {
namespace {

// Reads one field at a time, recording "<origin>: expected ..." errors.
class Reader {
 public:
  Reader(const SettingsLayer& tree, std::vector<std::string>& errors)
      : tree_(tree), errors_(errors) {}

  // The value at `path`, nullptr when absent or null.
  const json::value* Get(std::string_view path) const {
    const json::value* v = tree_.Find(path);
    return v == nullptr || v->is_null() ? nullptr : v;
  }

  std::string Label(std::string_view path) const {
    return tree_.OriginOf(path, "OCEAN__" + AsciiUpper(Replace(path, ".", "__")));
  }

  void Fail(std::string_view path, std::string_view message) {
    errors_.push_back(Label(path) + ": " + std::string(message));
  }

  // `sensitive`: the value is never shown.
  bool String(std::string_view path, std::string* out, bool sensitive = false) {
    const json::value* v = Get(path);
    if (v == nullptr) return false;
    std::string text;
    if (!core::ScalarAsText(*v, &text)) {
      Fail(path, "expected a string, got " + std::string(TypeName(*v)));
      return false;
    }
    *out = std::move(text);
    return true;
  }

  bool Bool(std::string_view path, bool* out) {
    const json::value* v = Get(path);
    if (v == nullptr) return false;
    std::optional<bool> b = AsBool(*v);
    if (!b) {
      Fail(path, "expected a boolean (true/false), got " + Describe(*v));
      return false;
    }
    *out = *b;
    return true;
  }

  template <typename T>
  bool Integer(std::string_view path, std::int64_t min, std::int64_t max, T* out) {
    if constexpr (sizeof(T) < sizeof(std::int64_t)) {
      max = std::min<std::int64_t>(max, std::numeric_limits<T>::max());
    }
    const json::value* v = Get(path);
    if (v == nullptr) return false;
    std::optional<std::int64_t> n = AsInteger(*v);
    if (!n) {
      Fail(path, "expected an integer, got " + Describe(*v));
      return false;
    }
    if (*n < min || *n > max) {
      Fail(path, "expected an integer from " + std::to_string(min) +
                     (max == std::numeric_limits<std::int64_t>::max()
                          ? " up" : " to " + std::to_string(max)) +
                     ", got " + std::to_string(*n));
      return false;
    }
    *out = static_cast<T>(*n);
    return true;
  }

  // An upper-cased word from `allowed`; `refused` words get their own message.
  bool Choice(std::string_view path, std::initializer_list<std::string_view> allowed,
              std::initializer_list<std::string_view> refused, std::string_view refused_why,
              std::string* out) {
    std::string text;
    if (!String(path, &text)) return false;
    std::string upper = AsciiUpper(text);
    if (std::find(allowed.begin(), allowed.end(), upper) != allowed.end()) {
      *out = upper;
      return true;
    }
    std::string list;
    for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    if (std::find(refused.begin(), refused.end(), upper) != refused.end()) {
      Fail(path, upper + " " + std::string(refused_why) + " (use one of " + list + ")");
    } else {
      Fail(path, "expected one of " + list + ", got " + Quoted(text));
    }
    return false;
  }

 private:
  static std::string Replace(std::string_view s, std::string_view from, std::string_view to) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
      if (s.substr(i, from.size()) == from) {
        out += to, i += from.size();
      } else {
        out += s[i++];
      }
    }
    return out;
  }

  const SettingsLayer& tree_;
  std::vector<std::string>& errors_;
};

std::string StripTrailingSlashes(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

void ReadTypedSettings(const SettingsLayer& tree, OceanSettings& out,
                       std::vector<std::string>& errors) {
  Reader r(tree, errors);
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

  r.String("port.client_id", &out.port.client_id);
  r.String("port.client_secret", &out.port.client_secret, /*sensitive=*/true);
  if (r.String("port.base_url", &out.port.base_url)) {
    out.port.base_url = StripTrailingSlashes(out.port.base_url);
    if (out.port.base_url.rfind("http://", 0) != 0 && out.port.base_url.rfind("https://", 0) != 0) {
      r.Fail("port.base_url", "expected an http:// or https:// URL");
    }
  }
  r.Bool("ssl.port.verify", &out.port.verify_tls);

  r.String("integration.type", &out.integration_type);
  if (!r.String("integration.identifier", &out.integration_identifier) ||
      out.integration_identifier.empty()) {
    out.integration_identifier = "my-" + out.integration_type + "-integration";
  }

  r.Choice("event_listener.type", {"POLLING", "ONCE", "WEBHOOK"},
           {"KAFKA", "WEBHOOKS_ONLY", "ACTIONS_ONLY"}, "is not supported by ocean-aws",
           &out.event_listener.type);
  r.Integer("event_listener.interval", 1, kMax, &out.event_listener.interval_seconds);
  if (r.String("event_listener.app_host", &out.event_listener.app_host)) {
    out.event_listener.app_host = StripTrailingSlashes(out.event_listener.app_host);
  }

  r.Bool("initialize_port_resources", &out.initialize_port_resources);
  int minutes = 0;
  if (r.Integer("scheduled_resync_interval", 1, kMax, &minutes)) {
    out.scheduled_resync_interval_minutes = minutes;
  }
  r.Bool("send_raw_data_examples", &out.send_raw_data_examples);
  // OCEAN__BASE_URL, or its deprecated alias OCEAN__INTEGRATION__CONFIG__APP_HOST.
  if (!r.String("base_url", &out.base_url)) r.String("integration.config.app_host", &out.base_url);
  out.base_url = StripTrailingSlashes(out.base_url);
  if (r.String("path_prefix", &out.path_prefix)) {
    out.path_prefix = StripTrailingSlashes(out.path_prefix);
    if (!out.path_prefix.empty() && out.path_prefix.front() != '/') {
      out.path_prefix.insert(out.path_prefix.begin(), '/');
    }
  }
  r.Integer("upsert_entities_batch_max_length", 1, kMax, &out.upsert_batch_max_length);
  r.Integer("upsert_entities_batch_max_size_in_bytes", 1, kMax, &out.upsert_batch_max_bytes);
  r.String("resources_path", &out.resources_path);
  r.Bool("allow_environment_variables_jq_access", &out.allow_environment_variables_jq_access);
  int workers = 0;
  if (r.Integer("process_in_queue_max_workers", 0, 1024, &workers)) out.mapping_workers = workers;
  r.Integer("process_in_queue_timeout", 1, kMax, &out.mapping_item_timeout_seconds);
  r.Integer("mapping_worker_memory_limit_mb", 0, std::int64_t{1} << 30,
            &out.mapping_worker_memory_limit_mb);
  r.Integer("resync_stage_capacity", 1, 1024, &out.resync_stage_capacity);

  r.Integer("application.port", 1, 65535, &out.application_port);
  std::string level;
  if (r.Choice("application.log_level",
               {"TRACE", "DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL", "OFF"}, {}, "",
               &level)) {
    out.log_level = level == "WARN" ? "WARNING" : level;
  }

  r.String("sqlite_path", &out.sqlite_path);
  r.String("ndjson_path", &out.ndjson_path);
  r.String("port_app_config_file", &out.port_app_config_file);
  bool has_port_credentials = !out.port.client_id.empty() && !out.port.client_secret.empty();
  std::string sink;
  if (r.Choice("sink", {"PORT", "SQLITE", "NDJSON"}, {}, "", &sink)) {
    out.sink = sink == "PORT" ? SinkKind::kPort : sink == "SQLITE" ? SinkKind::kSqlite
                                                                   : SinkKind::kNdjson;
    if (out.sink == SinkKind::kPort && !has_port_credentials) {
      r.Fail("sink", "the port sink needs OCEAN__PORT__CLIENT_ID and OCEAN__PORT__CLIENT_SECRET");
    }
  } else if (r.Get("sink") == nullptr) {
    out.sink = has_port_credentials ? SinkKind::kPort : SinkKind::kSqlite;
  }
}

}  // namespace ocean::config
