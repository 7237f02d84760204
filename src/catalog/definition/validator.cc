#include "catalog/definition/validator.h"

#include <map>

#include "aws/model/service_model.h"
#include "catalog/definition/secret_reads.h"
#include "catalog/definition/template.h"

namespace catalog::definition {

namespace model = aws::model;

bool IsReadOnlyOperation(std::string_view name) {
  static constexpr std::string_view kVerbs[] = {"List",   "Describe", "Get",   "BatchGet",
                                                "BatchDescribe", "Search", "Lookup", "Head",
                                                "Query",  "Scan"};
  for (std::string_view verb : kVerbs) {
    if (name.size() > verb.size() && name.starts_with(verb) &&
        (name[verb.size()] >= 'A' && name[verb.size()] <= 'Z')) {
      return true;
    }
  }
  return false;
}

namespace {

class Checker {
 public:
  explicit Checker(const KindDef& def) : def_(def) {}

  void Error(const std::string& where, const std::string& what) {
    if (!errors_.empty()) errors_ += "\n";
    errors_ += where + ": " + what;
  }
  const std::string& errors() const { return errors_; }

  // The operation, checked to exist and be read-only; null (with an error) otherwise.
  const model::Operation* Op(const model::ServiceModel& svc, const std::string& name,
                             const std::string& where) {
    const model::Operation* op = svc.FindOperation(name);
    if (!op) {
      Error(where, "operation " + def_.service + "." + name + " does not exist in the model");
      return nullptr;
    }
    if (!IsReadOnlyOperation(op->name)) {
      Error(where, "operation " + def_.service + "." + op->name +
                       " is not a read-only operation (kinds may only call List*, Describe*, "
                       "Get*, BatchGet*, BatchDescribe*, Search*, Lookup*, Head*, Query*, Scan*)");
      return nullptr;
    }
    if (std::string_view why = SecretReadReason(def_.service, op->name); !why.empty()) {
      Error(where, "operation " + def_.service + "." + op->name +
                       " is refused: no kind may read a secret value (" + std::string(why) + ")");
      return nullptr;
    }
    return op;
  }

  // The shape at `path` from `shape` (list shapes are entered through their element); null
  // (with an error) when a member does not exist. "@" is the shape itself.
  const model::Shape* Path(const model::Shape* shape, const std::string& path,
                           const std::string& where, const std::string& what) {
    if (path == "@" || !shape) return shape;
    std::string_view rest = path;
    const model::Shape* cur = shape;
    while (!rest.empty()) {
      while (cur && cur->type == model::ShapeType::kList) cur = cur->member().shape;
      if (!cur) return nullptr;
      std::size_t dot = rest.find('.');
      std::string_view name = rest.substr(0, dot);
      if (cur->type == model::ShapeType::kMap || cur->document) return nullptr;  // free-form
      const model::Member* m = cur->FindMember(name);
      if (!m) {
        std::string known;
        for (const model::Member& mm : cur->members) known += (known.empty() ? "" : ", ") + mm.name;
        Error(where, what + " '" + path + "': " + cur->name + " has no member '" +
                         std::string(name) + "' (members: " + known + ")");
        return nullptr;
      }
      cur = m->shape;
      rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
    }
    return cur;
  }

  // The element shape of a list shape (or the shape itself).
  static const model::Shape* Element(const model::Shape* s) {
    return s && s->type == model::ShapeType::kList ? s->member().shape : s;
  }

  void Params(const model::Operation& op, const json::object& params, const std::string& where) {
    for (const auto& kv : params) {
      if (!op.input || !op.input->FindMember(kv.key())) {
        Error(where + "/" + std::string(kv.key()),
              "operation " + op.name + " has no input member '" + std::string(kv.key()) + "'");
      }
    }
  }

  // A path into a listed item, unless it starts at a member the listing's `annotate` adds.
  const model::Shape* ItemPath(const ListingDef& l, const model::Shape* item,
                               const std::string& path, const std::string& where,
                               const std::string& what) {
    if (!l.annotate.empty() && l.annotate.contains(path.substr(0, path.find('.')))) return nullptr;
    return Path(item, path, where, what);
  }

  // `one_call`: the listing runs per parent item and may be a single, non-pageable call (a Get).
  void Listing(const model::ServiceModel& svc, const ListingDef& l, bool one_call = false) {
    const model::Operation* op = Op(svc, l.operation, l.where + "/operation");
    if (!op) return;
    Params(*op, l.params, l.where + "/params");
    if (l.shared && op->paginator) {
      Error(l.where + "/shared", "operation " + op->name +
                                     " is pageable: only a single call's answer can be shared");
    }
    if (!op->paginator && !l.paginator && !l.single_page && !one_call) {
      Error(l.where + "/operation",
            "operation " + op->name +
                " is not pageable: declare its paginator (list.paginator), or singlePage: true "
                "if it answers everything at once");
    }
    if (l.single_page && (op->paginator || l.paginator)) {
      Error(l.where + "/singlePage", "operation " + op->name +
                                         " is pageable: singlePage would read only its first page");
    }
    const model::Shape* items = Path(op->output, l.items, l.where + "/items", "items path");
    const model::Shape* item = Element(items);
    if (l.flatten) {
      item = Element(Path(item, l.flatten->items, l.where + "/flatten/items", "children path"));
    }
    // Templates (holding a brace) were checked when parsed.
    if (l.identity.find('{') == std::string::npos) {
      ItemPath(l, item, l.identity, l.where + "/identity", "identity path");
    }
    for (const auto& [prop, path] : l.properties_from) {
      if (path.find('{') == std::string::npos) {
        ItemPath(l, item, path, l.where + "/properties/" + prop, "path");
      }
    }
    for (const auto& [key, path] : l.extra_from) {
      ItemPath(l, item, path, l.where + "/extraContext/" + key, "path");
    }
  }

  void Action(const model::ServiceModel& svc, const ActionDef& a) {
    if (a.operation.empty()) return;
    std::string kind_key = a.type == ActionType::kBatch ? "/batch" : a.type == ActionType::kPagedCall ? "/pagedCall" : "/call";
    const model::Operation* op = Op(svc, a.operation, a.where + kind_key + "/operation");
    if (!op) return;
    Params(*op, a.params, a.where + kind_key + "/params");
    const model::Shape* answer = op->output;
    if (a.type == ActionType::kBatch) {
      if (!op->input || !op->input->FindMember(a.batch.ids_param)) {
        Error(a.where + "/batch/ids", "operation " + op->name + " has no input member '" +
                                          a.batch.ids_param + "'");
      }
      answer = Element(Path(op->output, a.batch.items, a.where + "/batch/items", "items path"));
      Path(answer, a.batch.key, a.where + "/batch/key", "key path");
      for (std::size_t i = 0; i < a.batch.other_keys.size(); ++i) {
        Path(answer, a.batch.other_keys[i], a.where + "/batch/key/" + std::to_string(i + 1), "key path");
      }
      if (!a.batch.failures.empty()) {
        const model::Shape* f = Element(
            Path(op->output, a.batch.failures, a.where + "/batch/failures/items", "failures path"));
        Path(f, a.batch.failure_key, a.where + "/batch/failures/key", "failure key path");
      }
    }
    if (a.type == ActionType::kPagedCall && !op->paginator) {
      Error(a.where + "/pagedCall/operation", "operation " + op->name + " is not pageable");
    }
    if (a.shared && op->paginator) {
      Error(a.where + "/call/shared",
            "operation " + op->name + " is pageable: only a single call's answer can be shared");
    }
    for (std::size_t i = 0; i < a.take_all.size(); ++i) {
      Path(answer, a.take_all[i], a.where + "/take/" + std::to_string(i), "take path");
    }
    const model::Shape* taken =
        a.take_all.empty() ? Path(answer, a.take, a.where + "/take", "take path") : nullptr;
    for (std::size_t i = 0; i < a.also.size(); ++i) {
      Path(answer, a.also[i].take, a.where + "/also/" + std::to_string(i) + "/take", "take path");
    }
    if (taken && taken->type == model::ShapeType::kStructure && a.into == "*") {
      for (std::size_t i = 0; i < a.keep.size(); ++i) {
        if (!taken->FindMember(a.keep[i])) {
          Error(a.where + "/keep/" + std::to_string(i), taken->name + " has no member '" + a.keep[i] + "'");
        }
      }
    }
    // Members merged from a structure must exist in it (a map or document is free-form).
    if (taken && taken->type == model::ShapeType::kStructure && a.into == "*") {
      for (const auto& [from, to] : a.rename) {
        if (!taken->FindMember(from)) {
          Error(a.where + "/rename/" + from, taken->name + " has no member '" + from + "'");
        }
      }
      for (const auto& [member, type] : a.coerce) {
        if (!taken->FindMember(member)) {
          Error(a.where + "/coerce/" + member, taken->name + " has no member '" + member + "'");
        }
      }
    }
  }

  void Get(const model::ServiceModel& svc, const GetDef& g, const ListingDef* list) {
    const model::Operation* op = Op(svc, g.operation, g.where + "/operation");
    if (!op) return;
    Params(*op, g.params, g.where + "/params");
    if (g.by_name) Params(*op, g.by_name->params, g.where + "/byName/params");
    if (g.parent && (!g.use_list_shape || !def_.parent)) {
      Error(g.where + "/parent", "a get's parent needs asListing and a parent listing");
    }
    if (g.use_list_shape) {
      if (!list) {
        Error(g.where + "/asListing", "the kind has no list to read the answer like");
        return;
      }
      const model::Shape* item =
          Element(Path(op->output, list->items, g.where + "/asListing", "the listing's items path"));
      if (list->flatten) {
        item = Element(Path(item, list->flatten->items, g.where + "/asListing", "children path"));
      }
      ItemPath(*list, item, list->identity, g.where + "/asListing", "the listing's identity path");
      if (g.by_name) ByNameMatch(g, item, list->properties_mode == "item");
      return;
    }
    const model::Shape* item = g.items.empty()
                                   ? op->output
                                   : Element(Path(op->output, g.items, g.where + "/items", "items path"));
    if (!g.identity.empty()) Path(item, g.identity, g.where + "/identity", "identity path");
    if (g.by_name) ByNameMatch(g, item, g.properties_mode == "item");
  }

  // byName's match reads the resource's properties, which must be the answer's item.
  void ByNameMatch(const GetDef& g, const model::Shape* item, bool item_is_properties) {
    if (!item_is_properties) {
      Error(g.where + "/byName/match",
            "needs the item as the resource's properties (properties: item) to compare the name");
      return;
    }
    Path(item, g.by_name->match, g.where + "/byName/match", "match path");
  }

  // Properties each action writes, to find silent collisions.
  void Collisions() {
    std::map<std::string, std::string> writer;  // property -> action
    auto claim = [&](const std::string& prop, const ActionDef& a, const std::string& where) {
      auto [it, fresh] = writer.emplace(prop, a.name);
      if (!fresh && it->second != a.name) {
        Error(where, "property '" + prop + "' is also written by action " + it->second +
                         " (the later action would silently overwrite it)");
      }
    };
    for (const ActionDef& a : def_.actions) {
      for (const auto& kv : a.set) claim(std::string(kv.key()), a, a.where + "/set/" + std::string(kv.key()));
      if (a.into != "*") claim(a.into, a, a.where + "/into");
      for (std::size_t i = 0; i < a.also.size(); ++i) {
        if (a.also[i].into != "*") claim(a.also[i].into, a, a.where + "/also/" + std::to_string(i) + "/into");
      }
      for (const auto& [from, to] : a.rename) claim(to, a, a.where + "/rename/" + from);
    }
  }

 private:
  const KindDef& def_;
  std::string errors_;
};

}  // namespace

core::Status ValidateKind(const KindDef& def) {
  Checker c(def);
  std::string where = def.file + ": kind " + def.name;
  if (def.list || (def.get && !def.get->operation.empty()) || !def.actions.empty()) {
    core::Result<const model::ServiceModel*> svc = model::GetService(def.service);
    if (!svc.ok()) {
      bool needed = def.list || (def.get && !def.get->operation.empty());
      for (const ActionDef& a : def.actions) needed = needed || !a.operation.empty();
      if (needed) return core::Status::InvalidArgument(where + ": /service: " + svc.status().message());
    } else {
      if (def.list) c.Listing(**svc, *def.list, def.parent.has_value());
      if (def.parent) c.Listing(**svc, def.parent->listing);
      if (def.get && !def.get->operation.empty()) {
        c.Get(**svc, *def.get, def.list ? &*def.list : nullptr);
      }
      for (const ActionDef& a : def.actions) c.Action(**svc, a);
    }
  }
  c.Collisions();
  if (!c.errors().empty()) return core::Status::InvalidArgument(c.errors());
  return core::Status::Ok();
}

}  // namespace catalog::definition
