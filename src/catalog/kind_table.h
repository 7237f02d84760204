// The kind table: every resource kind ocean-aws exports, interpreted from kind definition
// files. The built-in ones are data/kinds/*.yaml, embedded at build time
// (cmake/EmbedKinds.cmake); user-defined ones come from a file or folder named by the
// `kindsPath` setting and add kinds or replace built-in ones of the same name.
//
// The table loads once: explicitly with LoadKindTable() at start (the CLI and the integration
// do, so that a bad definition exits 2 before any AWS call), or lazily with the built-in kinds
// on the first AllKinds()/FindKind().
//
// Thread-safety: LoadKindTable() must run before any concurrent use; afterwards the table is
// immutable and shared freely, except that kinds of the kind family are added on first lookup
// under a lock (and never removed, so returned pointers stay valid).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/definition/kind_def.h"
#include "catalog/kind.h"
#include "core/status.h"

namespace catalog {

struct KindTableOptions {
  std::string kinds_path;   // a kind definition file or a folder of them; "" for none
  std::string models_path;  // extra AWS models, botocore's layout (aws/model/models_directory.h)
  bool operator==(const KindTableOptions&) const = default;
};

// Parses, validates and interprets the built-in kinds plus those of `options`. On any error the
// table is left as it was and the error lists every problem (file, kind, path in definition).
// Loading the options already loaded is a no-op.
core::Status LoadKindTable(const KindTableOptions& options);

// The options of the last successful LoadKindTable() (empty: built-in kinds only).
KindTableOptions LoadedKindTableOptions();

// The kinds with a definition of their own (not those made from the kind family).
std::span<const KindSpec* const> AllKinds();
// nullptr when unknown. A CloudFormation type name (`AWS::Service::Type`) without a definition
// of its own is a kind of the kind family (definition/kind_family.h: Cloud Control), made on
// first use; safe to call concurrently.
const KindSpec* FindKind(std::string_view name);
// Whether `name` has no definition of its own and is served by the kind family.
bool IsFamilyKind(std::string_view name);
// The loaded kind family's definition (data/kinds/cloudcontrol_any.yaml), nullptr if none.
const definition::KindDef* KindFamilyDefinition();
// The definition a kind was built from; nullptr when unknown.
const definition::KindDef* FindKindDefinition(std::string_view name);

// Parses and validates definition files without installing them (`ocean-aws kinds --check`).
core::Status CheckKindFiles(const std::vector<std::string>& paths,
                            std::vector<definition::KindDef>* parsed);

}  // namespace catalog
