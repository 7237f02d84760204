#include "catalog/resource.h"

namespace catalog {

json::value MakeEnvelope(std::string_view kind, json::object properties, json::object extra) {
  json::object out;
  out.reserve(3);
  out["Type"] = kind;
  out["Properties"] = std::move(properties);
  if (!extra.empty()) out["__ExtraContext"] = std::move(extra);
  return out;
}

}  // namespace catalog
