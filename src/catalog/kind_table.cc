#include "catalog/kind_table.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>

#include "aws/model/models_directory.h"
#include "catalog/definition/embedded_kinds.h"
#include "catalog/definition/interpreter.h"
#include "catalog/definition/kind_family.h"
#include "catalog/definition/kind_parser.h"
#include "catalog/definition/lazy_kind.h"
#include "catalog/kind_table_prepare.h"
#include "catalog/definition/validator.h"

namespace catalog {
namespace {

namespace fs = std::filesystem;
using core::Status;

struct Entry {
  definition::KindDef def;
  KindSpec spec;  // its closures point into def: both live in one heap block
  std::function<Status()> prepare;  // lazily interpreted kinds (definition/lazy_kind.h)
};

struct Table {
  std::vector<std::unique_ptr<Entry>> entries;
  std::vector<const KindSpec*> specs;
  // The kind family (`kind: AWS::*::*`, kind_family.h) and the kinds made from it on demand,
  // one per type name asked for; instances are never removed (pointers stay valid).
  std::optional<definition::KindDef> family;
  std::mutex instances_mu;
  std::vector<std::unique_ptr<Entry>> instances;
};

Table* g_table = nullptr;  // set once, then immutable; never destroyed
KindTableOptions g_loaded;  // what g_table was built from

// A kind definition in a folder: *.yaml, *.yml or *.json, except JSON Schemas (*.schema.json,
// such as kind.schema.json beside the definitions).
bool IsDefinitionFile(const fs::path& p) {
  std::string ext = p.extension().string();
  if (p.filename().string().ends_with(".schema.json")) return false;
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

// The definition files of a path: the file itself, or the folder's files sorted by name.
Status FilesOf(const std::string& path, std::vector<std::string>& out) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(path, ec)) {
      if (e.is_regular_file() && IsDefinitionFile(e.path())) found.push_back(e.path().string());
    }
    if (ec) return Status::InvalidArgument(path + ": cannot list: " + ec.message());
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
    return Status::Ok();
  }
  if (!fs::is_regular_file(path, ec)) {
    return Status::InvalidArgument(path + ": no such kind definition file or folder");
  }
  out.push_back(path);
  return Status::Ok();
}

Status ReadFile(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument(path + ": cannot read");
  std::ostringstream ss;
  ss << in.rdbuf();
  text = ss.str();
  return Status::Ok();
}

void Append(std::string& errors, const Status& st) {
  if (st.ok()) return;
  if (!errors.empty()) errors += "\n";
  errors += st.message();
}

// Parses and (unless `lazy`) validates one definition.
core::Result<definition::KindDef> Load(std::string_view text, const std::string& file, bool built_in,
                                       bool lazy = false) {
  core::Result<definition::KindDef> def = definition::ParseKindDefinition(text, file, built_in);
  if (!def.ok()) return def.status();
  if (lazy) return def;
  Status st = definition::ValidateKind(*def);
  if (!st.ok()) return st;
  return def;
}

// Built-in kinds are validated against the AWS models and interpreted on first use
// (definition/lazy_kind.h; KindTable tests pin their validity), unless a models directory is
// configured: its models may replace embedded ones, so then every kind is checked at load.
Status Build(const KindTableOptions& options, Table& table) {
  const bool lazy_built_ins = options.models_path.empty();
  std::vector<definition::KindDef> defs;
  std::string errors;
  for (std::size_t i = 0; i < definition::kEmbeddedKindCount; ++i) {
    const definition::EmbeddedKind& ek = definition::kEmbeddedKinds[i];
    core::Result<definition::KindDef> def =
        Load(std::string_view(ek.begin, ek.end - ek.begin), "data/kinds/" + std::string(ek.file), true,
             lazy_built_ins);
    if (def.ok()) defs.push_back(std::move(*def));
    else Append(errors, def.status());
  }
  if (!options.kinds_path.empty()) {
    std::vector<std::string> files;
    Status st = FilesOf(options.kinds_path, files);
    Append(errors, st);
    for (const std::string& file : files) {
      std::string text;
      Status read = ReadFile(file, text);
      if (!read.ok()) {
        Append(errors, read);
        continue;
      }
      core::Result<definition::KindDef> def = Load(text, file, false);
      if (!def.ok()) {
        Append(errors, def.status());
        continue;
      }
      // A user-defined kind replaces the built-in (or earlier) kind of the same name.
      auto same = std::find_if(defs.begin(), defs.end(),
                               [&](const definition::KindDef& d) { return d.name == def->name; });
      if (same != defs.end() && !same->built_in) {
        Append(errors, Status::InvalidArgument(file + ": kind " + def->name +
                                               ": also defined in " + same->file));
      } else if (same != defs.end()) {
        *same = std::move(*def);
      } else {
        defs.push_back(std::move(*def));
      }
    }
  }
  if (!errors.empty()) return Status::InvalidArgument(errors);
  for (definition::KindDef& d : defs) {
    if (d.family) {  // checked once here, so that instantiating it later cannot fail
      definition::KindDef sample = definition::InstantiateFamily(d, "AWS::Sample::Type");
      core::Result<KindSpec> spec = definition::BuildKindSpec(sample, definition::BuiltInHooks());
      if (!spec.ok()) Append(errors, spec.status());
      table.family = std::move(d);
      continue;
    }
    auto entry = std::make_unique<Entry>();
    entry->def = std::move(d);
    core::Result<KindSpec> spec =
        entry->def.built_in && lazy_built_ins
            ? definition::BuildLazyKindSpec(entry->def, definition::BuiltInHooks(), &entry->prepare)
            : definition::BuildKindSpec(entry->def, definition::BuiltInHooks());
    if (!spec.ok()) {
      Append(errors, spec.status());
      continue;
    }
    entry->spec = std::move(*spec);
    table.specs.push_back(&entry->spec);
    table.entries.push_back(std::move(entry));
  }
  if (!errors.empty()) return Status::InvalidArgument(errors);
  return Status::Ok();
}

Table& GetTable() {
  if (!g_table) {
    auto table = std::make_unique<Table>();
    Status st = Build({}, *table);
    if (!st.ok()) {
      std::fprintf(stderr, "error: the built-in kind definitions are invalid:\n%s\n",
                   st.message().c_str());
      std::exit(2);
    }
    g_table = table.release();
  }
  return *g_table;
}

}  // namespace

Status LoadKindTable(const KindTableOptions& options) {
  if (g_table && options == g_loaded) return Status::Ok();
  if (!options.models_path.empty()) {
    bool known = false;
    for (const std::string& d : aws::model::ModelsDirectories()) known = known || d == options.models_path;
    if (!known) {
      Status st = aws::model::AddModelsDirectory(options.models_path);
      if (!st.ok()) return st;
    }
  }
  auto table = std::make_unique<Table>();
  Status st = Build(options, *table);
  if (!st.ok()) return st;
  g_table = table.release();  // a replaced table is leaked on purpose: specs may be in use
  g_loaded = options;
  return Status::Ok();
}

KindTableOptions LoadedKindTableOptions() { return g_loaded; }

std::span<const KindSpec* const> AllKinds() { return GetTable().specs; }

namespace {

// The family's kind for a type name without a definition of its own (made on first use), or
// nullptr when there is no family or `name` is not a CloudFormation type name.
const Entry* FamilyInstance(std::string_view name) {
  Table& t = GetTable();
  if (!t.family || !definition::IsCloudFormationTypeName(name)) return nullptr;
  std::lock_guard<std::mutex> lock(t.instances_mu);
  for (const auto& e : t.instances) {
    if (e->def.name == name) return e.get();
  }
  auto entry = std::make_unique<Entry>();
  entry->def = definition::InstantiateFamily(*t.family, name);
  core::Result<KindSpec> spec = definition::BuildKindSpec(entry->def, definition::BuiltInHooks());
  if (!spec.ok()) return nullptr;  // the family was built once at load: cannot differ per name
  entry->spec = std::move(*spec);
  t.instances.push_back(std::move(entry));
  return t.instances.back().get();
}

}  // namespace

bool IsFamilyKind(std::string_view name) {
  for (const KindSpec* k : GetTable().specs) {
    if (k->name == name) return false;
  }
  return GetTable().family.has_value() && definition::IsCloudFormationTypeName(name);
}

const definition::KindDef* KindFamilyDefinition() {
  const Table& t = GetTable();
  return t.family ? &*t.family : nullptr;
}

const KindSpec* FindKind(std::string_view name) {
  for (const KindSpec* k : GetTable().specs) {
    if (k->name == name) return k;
  }
  const Entry* e = FamilyInstance(name);
  return e ? &e->spec : nullptr;
}

const definition::KindDef* FindKindDefinition(std::string_view name) {
  for (const auto& e : GetTable().entries) {
    if (e->def.name == name) return &e->def;
  }
  const Entry* e = FamilyInstance(name);
  return e ? &e->def : nullptr;
}

Status PrepareAllKinds() {
  std::string errors;
  for (const auto& e : GetTable().entries) {
    if (e->prepare) Append(errors, e->prepare());
  }
  if (!errors.empty()) return Status::InvalidArgument(errors);
  return Status::Ok();
}

bool IsLazyKind(std::string_view name) {
  for (const auto& e : GetTable().entries) {
    if (e->def.name == name) return static_cast<bool>(e->prepare);
  }
  return false;
}

Status CheckKindFiles(const std::vector<std::string>& paths,
                      std::vector<definition::KindDef>* parsed) {
  std::string errors;
  for (const std::string& path : paths) {
    std::vector<std::string> files;
    Append(errors, FilesOf(path, files));
    for (const std::string& file : files) {
      std::string text;
      Status read = ReadFile(file, text);
      if (!read.ok()) {
        Append(errors, read);
        continue;
      }
      core::Result<definition::KindDef> def = Load(text, file, false);
      if (!def.ok()) {
        Append(errors, def.status());
        continue;
      }
      core::Result<KindSpec> spec = definition::BuildKindSpec(*def, definition::BuiltInHooks());
      if (!spec.ok()) {
        Append(errors, spec.status());
        continue;
      }
      if (parsed) parsed->push_back(std::move(*def));
    }
  }
  if (!errors.empty()) return Status::InvalidArgument(errors);
  return Status::Ok();
}

}  // namespace catalog
