// The listing and single-resource get of interpreted kinds (see interpreter.h).
//
// Thread-safety: the returned functions run as coroutines on the resync's loop; `def`, `svc`
// and the operations must outlive them.
#pragma once

#include <memory>

#include "catalog/definition/kind_def.h"

namespace catalog::definition {

// The operations a listing runs (`list` may carry a kind-declared paginator).
struct ListingOps {
  const aws::model::ServiceModel* svc = nullptr;
  std::shared_ptr<const aws::model::Operation> list;
  std::shared_ptr<const aws::model::Operation> parent;  // null without a parent listing
};

CustomListFn MakeList(const KindDef& def, ListingOps ops);
GetOneFn MakeGet(const KindDef& def, const aws::model::ServiceModel* svc,
                 const aws::model::Operation* get_op);

// Appends the resources of one listed item (flattening, identity, properties, extra context).
// `parent`: the parent listing's item, if any (templates of identity and properties see it).
core::Status ItemToResources(const ListingDef& l, const json::value& item,
                             const json::object& base_extra, std::vector<Resource>& out,
                             const json::value* parent = nullptr);

}  // namespace catalog::definition
