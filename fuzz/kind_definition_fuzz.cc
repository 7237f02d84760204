// fuzz-layers: catalog aws core
// Fuzzes the kind-definition loader (YAML or JSON text -> KindDef -> validation against the
// embedded AWS models), the path every built-in and user-defined kind takes at start: document
// parsing with its alias budget, the vocabulary reader, templates and paths checked against the
// operations' input and output shapes, the read-only rule.
// Property checked: a definition that validates names a service and calls only read operations
// (the guarantee that no kind, built-in or user-defined, can mutate AWS).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "catalog/definition/kind_parser.h"
#include "catalog/definition/validator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto def = catalog::definition::ParseKindDefinition(text, "fuzz.yaml", /*built_in=*/false);
  if (!def.ok()) return 0;
  if (!catalog::definition::ValidateKind(*def).ok()) return 0;
  if (def->service.empty()) std::abort();
  auto read_only = [](const std::string& op) {
    if (!op.empty() && !catalog::definition::IsReadOnlyOperation(op)) std::abort();
  };
  if (def->list) read_only(def->list->operation);
  if (def->parent) read_only(def->parent->listing.operation);
  if (def->get) read_only(def->get->operation);
  for (const auto& a : def->actions) read_only(a.operation);
  return 0;
}
