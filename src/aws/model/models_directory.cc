#include "aws/model/models_directory.h"

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

#include "core/json.h"

namespace aws::model {
namespace {

namespace fs = std::filesystem;
using core::Result;
using core::Status;

struct LoadedSlot {
  std::string service_file;     // service-2.json or .json.gz
  std::string paginators_file;  // "" when absent
  std::unique_ptr<ServiceModel> model;
  Status status;
  bool parsed = false;
};

struct Loaded {
  std::mutex mu;
  std::vector<std::string> dirs;
  std::map<std::string, LoadedSlot, std::less<>> services;  // guarded by mu
};

Loaded& State() {
  static Loaded* state = new Loaded();  // lives for the whole process
  return *state;
}

// Reads a plain or gzip-compressed file.
Result<std::string> ReadMaybeGz(const std::string& path) {
  if (path.ends_with(".gz")) {
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) return Status::InvalidArgument(path + ": cannot open");
    std::string out;
    char buf[1 << 16];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    bool failed = n < 0;
    gzclose(f);
    if (failed) return Status::ParseError(path + ": not a valid gzip file");
    return out;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument(path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Existing(const fs::path& base) {
  std::error_code ec;
  if (fs::is_regular_file(base, ec)) return base.string();
  fs::path gz = base;
  gz += ".gz";
  if (fs::is_regular_file(gz, ec)) return gz.string();
  return "";
}

Status Parse(std::string_view service, LoadedSlot& slot) {
  Result<std::string> text = ReadMaybeGz(slot.service_file);
  if (!text.ok()) return text.status();
  // botocore's metadata has no serviceName; ours is the directory's name.
  Result<json::value> doc = core::ParseJson(*text, slot.service_file);
  if (!doc.ok()) return doc.status();
  json::object* root = doc->if_object();
  if (!root) return Status::ParseError(slot.service_file + ": not a JSON object");
  json::object* meta = root->contains("metadata") ? (*root)["metadata"].if_object() : nullptr;
  if (!meta) return Status::ParseError(slot.service_file + ": no metadata");
  (*meta)["serviceName"] = service;
  std::string paginators;
  if (!slot.paginators_file.empty()) {
    Result<std::string> p = ReadMaybeGz(slot.paginators_file);
    if (!p.ok()) return p.status();
    paginators = std::move(*p);
  }
  Result<std::unique_ptr<ServiceModel>> model = ServiceModel::Parse(core::WriteJson(*doc), paginators);
  if (!model.ok()) return model.status().WithContext(slot.service_file);
  slot.model = std::move(*model);
  return Status::Ok();
}

}  // namespace

Status AddModelsDirectory(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::InvalidArgument("AWS models directory " + dir + " does not exist");
  }
  std::map<std::string, LoadedSlot> found;
  for (const auto& svc : fs::directory_iterator(dir, ec)) {
    if (!svc.is_directory()) continue;
    std::vector<std::string> versions;
    for (const auto& v : fs::directory_iterator(svc.path(), ec)) {
      if (v.is_directory() && !Existing(v.path() / "service-2.json").empty()) {
        versions.push_back(v.path().filename().string());
      }
    }
    if (versions.empty()) continue;
    std::sort(versions.begin(), versions.end());
    fs::path newest = svc.path() / versions.back();
    LoadedSlot slot;
    slot.service_file = Existing(newest / "service-2.json");
    slot.paginators_file = Existing(newest / "paginators-1.json");
    found.emplace(svc.path().filename().string(), std::move(slot));
  }
  if (ec) return Status::InvalidArgument("AWS models directory " + dir + ": " + ec.message());
  if (found.empty()) {
    return Status::InvalidArgument("AWS models directory " + dir +
                                   " holds no <service>/<version>/service-2.json[.gz]");
  }
  Loaded& s = State();
  std::lock_guard lock(s.mu);
  s.dirs.push_back(dir);
  for (auto& [name, slot] : found) s.services.insert_or_assign(name, std::move(slot));
  return Status::Ok();
}

Result<const ServiceModel*> FindLoadedService(std::string_view service, bool* found) {
  Loaded& s = State();
  std::lock_guard lock(s.mu);
  auto it = s.services.find(service);
  *found = it != s.services.end();
  if (!*found) return Status::NotFound(std::string(service));
  LoadedSlot& slot = it->second;
  if (!slot.parsed) {
    slot.status = Parse(service, slot);
    slot.parsed = true;
  }
  if (!slot.model) return slot.status;
  return static_cast<const ServiceModel*>(slot.model.get());
}

std::vector<std::string> ModelsDirectories() {
  Loaded& s = State();
  std::lock_guard lock(s.mu);
  return s.dirs;
}

}  // namespace aws::model
