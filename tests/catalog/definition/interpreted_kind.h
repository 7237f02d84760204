// Test support: a kind definition parsed, validated and interpreted from YAML text, as the kind
// table does for a file, for the definition tests of tests/catalog/definition/.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "catalog/definition/hooks.h"
#include "catalog/definition/interpreter.h"
#include "catalog/definition/kind_parser.h"
#include "catalog/definition/validator.h"

namespace catalog::definition::testing_kinds {

// A definition and the KindSpec interpreted from it (the spec points into the definition).
struct InterpretedKind {
  KindDef def;
  KindSpec spec;
};

// Null (with the test failed) when the definition does not load.
inline std::unique_ptr<InterpretedKind> InterpretKind(const std::string& yaml,
                                                      const std::string& file = "test.yaml") {
  auto k = std::make_unique<InterpretedKind>();
  core::Result<KindDef> def = ParseKindDefinition(yaml, file, false);
  EXPECT_TRUE(def.ok()) << def.status().ToString();
  if (!def.ok()) return nullptr;
  k->def = std::move(*def);
  core::Status valid = ValidateKind(k->def);
  EXPECT_TRUE(valid.ok()) << valid.ToString();
  core::Result<KindSpec> spec = BuildKindSpec(k->def, HookRegistry());
  EXPECT_TRUE(spec.ok()) << spec.status().ToString();
  if (!spec.ok()) return nullptr;
  k->spec = std::move(*spec);
  return k;
}

// The parse (or validation) errors of a definition; "" when it loads.
inline std::string DefinitionErrors(const std::string& yaml, const std::string& file = "test.yaml") {
  core::Result<KindDef> def = ParseKindDefinition(yaml, file, false);
  if (!def.ok()) return def.status().message();
  core::Status valid = ValidateKind(*def);
  return valid.ok() ? "" : valid.message();
}

}  // namespace catalog::definition::testing_kinds
