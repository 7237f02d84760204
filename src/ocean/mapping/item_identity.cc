#include "ocean/mapping/item_identity.h"

namespace ocean::mapping {
namespace {

std::string FindIn(const json::object& o, std::string_view noun) {
  auto str = [&](std::string_view key) -> std::string {
    const json::value* v = o.if_contains(key);
    return v != nullptr && v->is_string() && !v->get_string().empty() ? std::string(v->get_string())
                                                                      : std::string();
  };
  const std::string noun_s(noun);
  for (const std::string& key : {std::string("Arn"), std::string("ARN"), noun_s + "Arn",
                                 noun_s + "Id", noun_s + "Name", std::string("Id"),
                                 std::string("Name"), std::string("QueueUrl")}) {
    if (std::string v = str(key); !v.empty()) return v;
  }
  for (const auto& kv : o) {
    std::string_view k = kv.key();
    if (k.size() > 3 && k.substr(k.size() - 3) == "Arn" && kv.value().is_string() &&
        !kv.value().get_string().empty()) {
      return std::string(kv.value().get_string());
    }
  }
  return {};
}

}  // namespace

std::string ItemIdentity(const json::value& item, std::string_view kind, std::size_t index) {
  std::string_view noun = kind;
  if (std::size_t pos = kind.rfind("::"); pos != std::string_view::npos) noun = kind.substr(pos + 2);
  if (const json::object* o = item.if_object()) {
    if (const json::value* p = o->if_contains("Properties"); p != nullptr && p->is_object()) {
      if (std::string v = FindIn(p->get_object(), noun); !v.empty()) return v;
    }
    if (std::string v = FindIn(*o, noun); !v.empty()) return v;
  }
  return "item #" + std::to_string(index);
}

}  // namespace ocean::mapping
