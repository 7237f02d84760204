// The process-wide metrics registry and its Prometheus text (0.0.4) rendering.
//
// One family per metric name: its type and help (from Describe), its label names (fixed by the
// first Add/Set, or by nothing when Describe came first and no series exists yet) and its series,
// keyed by label values in the family's label-name order. std::map keeps families sorted by name
// and series sorted by label values, which is the order RenderPrometheus emits.
#include "core/metrics.h"

#include <charconv>
#include <cmath>
#include <map>
#include <mutex>
#include <set>

#include "core/log.h"

namespace core::metrics {
namespace {

struct Family {
  std::string type = "gauge";
  std::string help;
  bool has_label_names = false;
  std::vector<std::string> label_names;
  std::map<std::vector<std::string>, double> series;
};

struct Registry {
  std::mutex mu;
  std::map<std::string, Family, std::less<>> families;
  std::set<std::string, std::less<>> warned;  // names already reported as misused
};

Registry& GetRegistry() {
  static Registry* r = new Registry();  // never destroyed: usable from static destructors
  return *r;
}

bool ValidMetricName(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

bool ValidLabelName(std::string_view s) {
  if (s.empty() || s.starts_with("__")) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

// Warns once per metric name. REQUIRES: r.mu held.
void WarnOnce(Registry& r, std::string_view name, std::string_view why) {
  if (r.warned.insert(std::string(name)).second) {
    LOG_WARN("metric '{}' update ignored: {}", name, why);
  }
}

std::string LabelList(const Labels& labels) {
  std::string out;
  for (const auto& [k, v] : labels) out += (out.empty() ? "" : ",") + k;
  return out;
}

// The series key for `labels` in `family`, fixing the family's label names on first use.
// Returns false (after one warning) on invalid names or a label-name mismatch.
// REQUIRES: r.mu held.
bool SeriesKey(Registry& r, std::string_view name, Family& family, const Labels& labels,
               std::vector<std::string>* key) {
  for (const auto& [k, v] : labels) {
    if (!ValidLabelName(k)) {
      WarnOnce(r, name, "invalid label name '" + k + "'");
      return false;
    }
  }
  if (!family.has_label_names) {
    std::set<std::string_view> seen;
    for (const auto& [k, v] : labels) {
      if (!seen.insert(k).second) {
        WarnOnce(r, name, "label '" + k + "' given twice");
        return false;
      }
    }
    family.has_label_names = true;
    for (const auto& [k, v] : labels) family.label_names.push_back(k);
  }
  if (labels.size() != family.label_names.size()) {
    WarnOnce(r, name, "labels {" + LabelList(labels) + "} differ from the metric's first use");
    return false;
  }
  key->clear();
  key->reserve(labels.size());
  for (size_t i = 0; i < family.label_names.size(); ++i) {
    const std::string& want = family.label_names[i];
    const std::string* value = nullptr;
    if (labels[i].first == want) {  // the common case: same order as the first use
      value = &labels[i].second;
    } else {
      for (const auto& [k, v] : labels) {
        if (k == want) value = &v;
      }
    }
    if (value == nullptr) {
      WarnOnce(r, name, "labels {" + LabelList(labels) + "} differ from the metric's first use");
      return false;
    }
    key->push_back(*value);
  }
  return true;
}

// Applies `update` to the series, creating it at 0. REQUIRES: nothing held.
template <typename F>
void Update(std::string_view name, const Labels& labels, F update) {
  Registry& r = GetRegistry();
  std::lock_guard lock(r.mu);
  if (!ValidMetricName(name)) {
    WarnOnce(r, name, "invalid metric name");
    return;
  }
  auto it = r.families.find(name);
  bool created = false;
  if (it == r.families.end()) {
    it = r.families.emplace(std::string(name), Family{}).first;
    created = true;
  }
  std::vector<std::string> key;
  if (!SeriesKey(r, name, it->second, labels, &key)) {
    if (created) r.families.erase(it);  // a rejected first use leaves no trace
    return;
  }
  update(r, it->second, it->second.series[std::move(key)]);
}

void AppendEscaped(std::string& out, std::string_view s, bool quote) {
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

// Prometheus spelling: NaN, +Inf, -Inf; otherwise the shortest form that reads back exactly
// (integers without ".0").
std::string FormatValue(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == 0) return "0";  // also -0
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);  // shortest round-trip form
  return std::string(buf, res.ptr);
}

}  // namespace

void Describe(std::string_view name, std::string_view type, std::string_view help) {
  Registry& r = GetRegistry();
  std::lock_guard lock(r.mu);
  // Described again as before (callers describe on every update): nothing to copy.
  if (auto same = r.families.find(name);
      same != r.families.end() && same->second.type == type && same->second.help == help) {
    return;
  }
  if (!ValidMetricName(name)) {
    WarnOnce(r, name, "invalid metric name");
    return;
  }
  std::string t(type);
  if (t != "counter" && t != "gauge") {
    LOG_WARN("metric '{}': unknown type '{}', using gauge", name, type);
    t = "gauge";
  }
  auto it = r.families.find(name);
  if (it == r.families.end()) it = r.families.emplace(std::string(name), Family{}).first;
  it->second.type = std::move(t);
  it->second.help = std::string(help);
}

void Add(std::string_view name, const Labels& labels, double delta) {
  Update(name, labels, [&](Registry& r, Family& f, double& value) {
    if (f.type == "counter" && !(delta >= 0)) {
      WarnOnce(r, name, "a counter cannot decrease");
      return;
    }
    value += delta;
  });
}

void Set(std::string_view name, const Labels& labels, double value) {
  Update(name, labels, [&](Registry&, Family&, double& v) { v = value; });
}

double Get(std::string_view name, const Labels& labels) {
  Registry& r = GetRegistry();
  std::lock_guard lock(r.mu);
  auto it = r.families.find(name);
  if (it == r.families.end() || !it->second.has_label_names) return 0;
  const Family& f = it->second;
  if (labels.size() != f.label_names.size()) return 0;
  std::vector<std::string> key;
  for (const std::string& want : f.label_names) {
    const std::string* value = nullptr;
    for (const auto& [k, v] : labels) {
      if (k == want) value = &v;
    }
    if (value == nullptr) return 0;
    key.push_back(*value);
  }
  auto s = f.series.find(key);
  return s == f.series.end() ? 0 : s->second;
}

std::string RenderPrometheus() {
  Registry& r = GetRegistry();
  std::lock_guard lock(r.mu);
  std::string out;
  for (const auto& [name, f] : r.families) {
    out += "# HELP " + name + " ";
    AppendEscaped(out, f.help, /*quote=*/false);
    out += "\n# TYPE " + name + " " + f.type + "\n";
    for (const auto& [key, value] : f.series) {
      out += name;
      if (!key.empty()) {
        out += '{';
        for (size_t i = 0; i < key.size(); ++i) {
          if (i > 0) out += ',';
          out += f.label_names[i] + "=\"";
          AppendEscaped(out, key[i], /*quote=*/true);
          out += '"';
        }
        out += '}';
      }
      out += ' ' + FormatValue(value) + '\n';
    }
  }
  return out;
}

void ResetForTesting() {
  Registry& r = GetRegistry();
  std::lock_guard lock(r.mu);
  r.families.clear();
  r.warned.clear();
}

}  // namespace core::metrics
