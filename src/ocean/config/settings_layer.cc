#include "ocean/config/settings_layer.h"

#include <algorithm>
#include <regex>

#include "ocean/config/key_case.h"

namespace ocean::config {
namespace {

using core::Status;

std::string Join(const std::vector<std::string>& path, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += '.';
    out += path[i];
  }
  return out;
}

void EraseBelow(std::map<std::string, std::string>& origins, const std::string& dotted) {
  std::string prefix = dotted + ".";
  for (auto it = origins.lower_bound(prefix);
       it != origins.end() && it->first.compare(0, prefix.size(), prefix) == 0;) {
    it = origins.erase(it);
  }
}

// Calls fn(path, value) for every leaf (non-object, or empty object) of `v`.
template <typename Fn>
void ForEachLeaf(const json::value& v, std::vector<std::string>& path, Fn&& fn) {
  if (v.is_object() && !v.get_object().empty()) {
    for (const auto& kv : v.get_object()) {
      path.emplace_back(kv.key());
      ForEachLeaf(kv.value(), path, fn);
      path.pop_back();
    }
    return;
  }
  fn(path, v);
}

std::vector<std::string> SplitDotted(std::string_view dotted) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = dotted.find('.', start);
    out.emplace_back(dotted.substr(start, dot == std::string_view::npos ? dotted.npos : dot - start));
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

json::value DecamelizeKeys(const json::value& v) {
  if (v.is_object()) {
    json::object out;
    for (const auto& kv : v.get_object()) out[Decamelize(kv.key())] = DecamelizeKeys(kv.value());
    return out;
  }
  if (v.is_array()) {
    json::array out;
    for (const json::value& item : v.get_array()) out.push_back(DecamelizeKeys(item));
    return out;
  }
  return v;
}

}  // namespace

void SettingsLayer::Set(const std::vector<std::string>& path, json::value value,
                        const std::string& label) {
  if (path.empty()) return;
  if (value.is_object() && !value.get_object().empty()) {
    std::vector<std::string> p = path;
    std::string base = Join(path, path.size());
    ForEachLeaf(value, p, [&](const std::vector<std::string>& leaf, const json::value& v) {
      std::string rel = Join(leaf, leaf.size()).substr(base.size() + 1);
      Set(leaf, v, label + " (key \"" + rel + "\")");
    });
    return;
  }
  json::object* node = &tree;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    json::value& child = (*node)[path[i]];
    if (!child.is_object()) {
      child = json::object();
      EraseBelow(origins, Join(path, i + 1));
      origins.erase(Join(path, i + 1));
    }
    node = &child.get_object();
  }
  std::string dotted = Join(path, path.size());
  json::value& slot = (*node)[path.back()];
  if (value.is_object()) {  // empty object: creates the key, keeps what is already there
    if (!slot.is_object()) slot = json::object();
  } else {
    slot = std::move(value);
    EraseBelow(origins, dotted);
  }
  origins[dotted] = label;
}

void SettingsLayer::MergeFrom(const SettingsLayer& over) {
  std::vector<std::string> path;
  ForEachLeaf(json::value(over.tree), path,
              [&](const std::vector<std::string>& leaf, const json::value& v) {
                if (leaf.empty()) return;
                std::string dotted = Join(leaf, leaf.size());
                Set(leaf, v, over.OriginOf(dotted, dotted));
              });
}

std::string SettingsLayer::OriginOf(std::string_view dotted_path,
                                    std::string_view fallback) const {
  std::string p(dotted_path);
  while (true) {
    if (auto it = origins.find(p); it != origins.end()) {
      if (p.size() == dotted_path.size()) return it->second;
      return it->second + " (key \"" + std::string(dotted_path.substr(p.size() + 1)) + "\")";
    }
    std::size_t dot = p.rfind('.');
    if (dot == std::string::npos) return std::string(fallback);
    p.resize(dot);
  }
}

const json::value* SettingsLayer::Find(std::string_view dotted_path) const {
  const json::object* node = &tree;
  std::vector<std::string> path = SplitDotted(dotted_path);
  for (std::size_t i = 0; i < path.size(); ++i) {
    const json::value* v = node->if_contains(path[i]);
    if (v == nullptr) return nullptr;
    if (i + 1 == path.size()) return v;
    if (!v->is_object()) return nullptr;
    node = &v->get_object();
  }
  return nullptr;
}

core::Result<SettingsLayer> LayerFromEnvironment(const std::vector<EnvVariable>& variables,
                                                 const std::vector<std::string>& container_paths) {
  struct Entry {
    std::vector<std::string> path;
    const EnvVariable* var;
  };
  std::vector<Entry> entries;
  for (const EnvVariable& var : variables) {
    std::string upper = AsciiUpper(var.name);
    std::vector<std::string> path;
    std::string_view rest;
    if (upper.rfind("OCEAN__", 0) == 0) {
      rest = std::string_view(var.name).substr(7);
    } else if (upper.rfind("APPLICATION__", 0) == 0) {
      rest = std::string_view(var.name).substr(13);
      path.emplace_back("application");
    } else {
      continue;
    }
    bool ok = !rest.empty();
    for (std::size_t start = 0; ok;) {
      std::size_t sep = rest.find("__", start);
      std::string seg = AsciiLower(rest.substr(start, sep == std::string_view::npos
                                                          ? rest.npos : sep - start));
      if (seg.empty()) ok = false;
      path.push_back(std::move(seg));
      if (sep == std::string_view::npos) break;
      start = sep + 2;
    }
    if (ok && !var.value.empty()) entries.push_back({std::move(path), &var});
  }
  // Shallow variables first, so OCEAN__X__Y refines what OCEAN__X='{...}' set.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.path.size() < b.path.size(); });
  SettingsLayer layer;
  for (const Entry& e : entries) {
    std::string dotted = Join(e.path, e.path.size());
    bool container = std::find(container_paths.begin(), container_paths.end(), dotted) !=
                     container_paths.end();
    if (!container) {
      layer.Set(e.path, json::value(json::string(e.var->value)), e.var->label);
      continue;
    }
    auto parsed = core::ParseJson(e.var->value, e.var->label);
    if (!parsed.ok() || !parsed->is_object()) {
      return Status::InvalidArgument(e.var->label + ": expected a JSON object (this setting has "
                                     "nested keys; or set them one by one as " +
                                     AsciiUpper(e.var->name) + "__<KEY>)");
    }
    layer.Set(e.path, std::move(*parsed), e.var->label);
  }
  return layer;
}

SettingsLayer LayerFromConfigYaml(const json::object& doc, const std::string& source_name,
                                  std::map<std::string, ConfigPlaceholder>* placeholders) {
  static const std::regex kPlaceholder(R"(^\s*\{\{\s*from\s+(\w+)\s+(.+?)\s*\}\}\s*$)");
  SettingsLayer layer;
  json::value tree = DecamelizeKeys(json::value(doc));
  std::vector<std::string> path;
  ForEachLeaf(tree, path, [&](const std::vector<std::string>& leaf, const json::value& v) {
    if (leaf.empty()) return;
    std::string dotted = Join(leaf, leaf.size());
    std::smatch m;
    std::string text = v.is_string() ? std::string(v.get_string()) : std::string();
    if (v.is_string() && std::regex_match(text, m, kPlaceholder)) {
      (*placeholders)[dotted] = ConfigPlaceholder{m[1].str(), m[2].str()};
    }
    layer.Set(leaf, v, source_name + ": " + dotted);
  });
  return layer;
}

SettingsLayer LayerFromOverrides(const json::object& overrides) {
  SettingsLayer layer;
  std::vector<std::string> path;
  ForEachLeaf(json::value(overrides), path,
              [&](const std::vector<std::string>& leaf, const json::value& v) {
                if (leaf.empty()) return;
                layer.Set(leaf, v, "command line: " + Join(leaf, leaf.size()));
              });
  return layer;
}

}  // namespace ocean::config
