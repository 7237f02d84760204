#include "catalog/kind_table.h"

#include "catalog/kinds/kinds.h"

namespace catalog {
namespace {

// One row per kind, in upstream's ObjectKind order.
const KindSpec* const kAllKinds[] = {
    &kinds::kS3Bucket,
    &kinds::kEc2Instance,
    &kinds::kEcsCluster,
    &kinds::kOrganizationsAccount,
    &kinds::kAccountInfo,
    &kinds::kSqsQueue,
};

}  // namespace

std::span<const KindSpec* const> AllKinds() { return kAllKinds; }

const KindSpec* FindKind(std::string_view name) {
  for (const KindSpec* k : kAllKinds) {
    if (k->name == name) return k;
  }
  return nullptr;
}

}  // namespace catalog
