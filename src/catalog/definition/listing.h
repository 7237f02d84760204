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

// The same, with what the listing's `annotate` templates may read: the answer the item came in,
// the parent item (parent listings) and the item's 1-based position in its page.
struct ListedAt {
  const json::value* page = nullptr;
  const json::value* parent = nullptr;
  long position = 0;
};
core::Status ItemToResources(const ListingDef& l, const json::value& item,
                             const json::object& base_extra, std::vector<Resource>& out,
                             const ListedAt& at);
// The same for an item the caller gives up: its members are moved into the resources instead
// of copied (the item is left unspecified, to be destroyed). The resources are the same.
core::Status ItemToResources(const ListingDef& l, json::value&& item,
                             const json::object& base_extra, std::vector<Resource>& out,
                             const ListedAt& at);

}  // namespace catalog::definition
