#include "aws/auth/shared_config.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/log.h"

namespace aws {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Section name -> section, as configparser produces them (sub-sections already split out).
using RawIni = std::map<std::string, ConfigSection, std::less<>>;

core::Status LineError(std::string_view file, int line, std::string_view what) {
  // Never quote the line itself: it may be "aws_secret_access_key <secret>".
  return core::Status::ParseError(std::string(file) + ":" + std::to_string(line) + ": " +
                                  std::string(what));
}

core::Result<RawIni> ParseIni(std::string_view text, std::string_view file) {
  RawIni out;
  ConfigSection* section = nullptr;
  std::string key;        // last key seen in `section` (for continuation lines)
  int key_line = 0;
  bool nested = false;    // the last key had an empty value: indented lines are a sub-section
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::string_view line = Trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') {
      if (end == text.size()) break;
      continue;
    }
    bool indented = std::isspace(static_cast<unsigned char>(raw.front()));
    if (indented && section != nullptr && !key.empty()) {
      if (nested) {
        size_t eq = line.find('=');
        if (eq == std::string_view::npos) {
          return LineError(file, line_no, "expected 'key = value' in the sub-section of '" + key +
                                              "' (line " + std::to_string(key_line) + ")");
        }
        section->subsections[key][Lower(Trim(line.substr(0, eq)))] =
            std::string(Trim(line.substr(eq + 1)));
      } else {
        section->values[key] += "\n" + std::string(line);  // a multi-line value
      }
    } else if (line.front() == '[') {
      if (line.back() != ']') return LineError(file, line_no, "unterminated section header");
      section = &out[std::string(Trim(line.substr(1, line.size() - 2)))];
      key.clear();
    } else {
      size_t eq = line.find_first_of("=:");
      if (eq == std::string_view::npos || eq == 0) {
        return LineError(file, line_no, "expected '[section]', 'key = value' or a comment");
      }
      if (section == nullptr) return LineError(file, line_no, "a key before any [section]");
      key = Lower(Trim(line.substr(0, eq)));
      key_line = line_no;
      std::string value(Trim(line.substr(eq + 1)));
      nested = value.empty();
      if (nested) {
        section->subsections[key];  // may stay empty: then the value is ""
      }
      section->values[key] = std::move(value);
    }
    if (end == text.size()) break;
  }
  return out;
}

// "profile NAME" -> NAME (quotes allowed as shlex would), else "".
std::string SectionSuffix(std::string_view section, std::string_view prefix) {
  if (section.substr(0, prefix.size()) != prefix) return "";
  std::string_view rest = section.substr(prefix.size());
  if (rest.empty() || !std::isspace(static_cast<unsigned char>(rest.front()))) return "";
  rest = Trim(rest);
  if (rest.size() >= 2 && (rest.front() == '"' || rest.front() == '\'') &&
      rest.back() == rest.front()) {
    rest = rest.substr(1, rest.size() - 2);
  } else if (rest.find_first_of(" \t") != std::string_view::npos) {
    return "";  // shlex would see more than two words: botocore ignores the section
  }
  return std::string(rest);
}

core::Result<std::string> ReadWholeFile(const std::string& path, bool* exists) {
  std::ifstream in(path, std::ios::binary);
  *exists = static_cast<bool>(in);
  if (!in) return std::string();
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return core::Status::Unavailable("cannot read " + path);
  return ss.str();
}

}  // namespace

const std::string* ConfigSection::Find(std::string_view key) const {
  auto it = values.find(key);
  return it == values.end() ? nullptr : &it->second;
}

const std::string* ConfigSection::FindSub(std::string_view section, std::string_view key) const {
  auto it = subsections.find(section);
  if (it == subsections.end()) return nullptr;
  auto kv = it->second.find(key);
  return kv == it->second.end() ? nullptr : &kv->second;
}

const std::string* Profile::Find(std::string_view key) const {
  if (const std::string* v = credentials.Find(key)) return v;
  return config.Find(key);
}

const std::string* Profile::FindSub(std::string_view section, std::string_view key) const {
  return config.FindSub(section, key);
}

std::optional<std::string> GetEnv(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

std::optional<std::string> GetNonEmptyEnv(const char* name) {
  auto v = GetEnv(name);
  if (!v || v->empty()) return std::nullopt;
  return v;
}

std::string ExpandHome(std::string_view path) {
  if (path == "~" || path.substr(0, 2) == "~/") {
    std::string home = GetEnv("HOME").value_or("");
    return home + std::string(path.substr(1));
  }
  return std::string(path);
}

SharedConfigPaths SharedConfigPaths::FromEnvironment() {
  SharedConfigPaths p;
  p.config_file = ExpandHome(GetNonEmptyEnv("AWS_CONFIG_FILE").value_or("~/.aws/config"));
  p.credentials_file =
      ExpandHome(GetNonEmptyEnv("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials"));
  return p;
}

std::string ActiveProfileName(std::string_view explicit_profile) {
  if (!explicit_profile.empty()) return std::string(explicit_profile);
  if (auto p = GetNonEmptyEnv("AWS_DEFAULT_PROFILE")) return *p;
  if (auto p = GetNonEmptyEnv("AWS_PROFILE")) return *p;
  return "default";
}

core::Result<SharedConfig> SharedConfig::Load(const SharedConfigPaths& paths) {
  bool config_exists = false;
  bool creds_exists = false;
  std::string config_text;
  std::string creds_text;
  if (!paths.config_file.empty()) {
    CORE_ASSIGN_OR_RETURN(config_text, ReadWholeFile(paths.config_file, &config_exists));
  }
  if (!paths.credentials_file.empty()) {
    CORE_ASSIGN_OR_RETURN(creds_text, ReadWholeFile(paths.credentials_file, &creds_exists));
  }
  LOG_DEBUG("shared config: {} ({}), {} ({})", paths.config_file,
            config_exists ? "found" : "absent", paths.credentials_file,
            creds_exists ? "found" : "absent");
  return Parse(config_text, creds_text, paths.config_file, paths.credentials_file);
}

core::Result<SharedConfig> SharedConfig::Parse(std::string_view config_text,
                                               std::string_view credentials_text,
                                               std::string_view config_name,
                                               std::string_view credentials_name) {
  CORE_ASSIGN_OR_RETURN(RawIni config, ParseIni(config_text, config_name));
  CORE_ASSIGN_OR_RETURN(RawIni creds, ParseIni(credentials_text, credentials_name));
  SharedConfig out;
  out.source_ = std::string(config_name) + " and " + std::string(credentials_name);
  for (auto& [section, values] : config) {
    if (section == "default") {
      out.profiles_["default"].config = std::move(values);
    } else if (std::string name = SectionSuffix(section, "profile"); !name.empty()) {
      out.profiles_[name].config = std::move(values);
    } else if (std::string svc = SectionSuffix(section, "services"); !svc.empty()) {
      out.services_[svc] = std::move(values);
    }
  }
  for (auto& [section, values] : creds) out.profiles_[section].credentials = std::move(values);
  for (auto& [name, profile] : out.profiles_) profile.name = name;
  return out;
}

const Profile* SharedConfig::FindProfile(std::string_view name) const {
  auto it = profiles_.find(name);
  return it == profiles_.end() ? nullptr : &it->second;
}

const ConfigSection* SharedConfig::FindServices(std::string_view name) const {
  auto it = services_.find(name);
  return it == services_.end() ? nullptr : &it->second;
}

}  // namespace aws
