// Kind families: one definition (`kind: AWS::*::*`, KindDef::family) standing for every
// CloudFormation type name that has no definition of its own. The built-in family is
// data/kinds/cloudcontrol_any.yaml: any `AWS::Service::Type` is exported through Cloud Control
// (ListResources, optionally GetResource) with the type name as TypeName.
//
// Instantiating a family for a name copies the definition, replaces every string
// "AWS::*::*" in its templates (params, set, envelope) with the name, and picks the scope from
// the name's service segment (`globalServices`: once per account, {AccountId} only; else
// regional).
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "catalog/definition/kind_def.h"

namespace catalog::definition {

// "AWS::<Service>::<Type>": three '::'-separated segments, the first "AWS", the others
// non-empty letters and digits.
bool IsCloudFormationTypeName(std::string_view name);

// The family's definition for `name` (a type name IsCloudFormationTypeName accepts).
KindDef InstantiateFamily(const KindDef& family, std::string_view name);

}  // namespace catalog::definition
