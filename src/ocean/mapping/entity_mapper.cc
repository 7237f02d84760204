#include "ocean/mapping/entity_mapper.h"

#include <optional>
#include <string_view>

#include "ocean/mapping/item_identity.h"
#include "ocean/mapping/items_to_parse.h"
#include "ocean/mapping/jv_value.h"
#include "ocean/mapping/leaf_set.h"
#include "ocean/mapping/mapping_template.h"
#include "ocean/mapping/native_leaf.h"

namespace ocean::mapping {
namespace {

// Python truthiness, as Ocean's `if entity.identifier and entity.blueprint`.
bool Truthy(const json::value* v) {
  if (v == nullptr) return false;
  switch (v->kind()) {
    case json::kind::null: return false;
    case json::kind::bool_: return v->get_bool();
    case json::kind::int64: return v->get_int64() != 0;
    case json::kind::uint64: return v->get_uint64() != 0;
    case json::kind::double_: return v->get_double() != 0.0;
    case json::kind::string: return !v->get_string().empty();
    case json::kind::array: return !v->get_array().empty();
    case json::kind::object: return !v->get_object().empty();
  }
  return false;
}

std::string Describe(const json::value& v) {
  std::string text = core::WriteJson(v);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  const char* type = v.is_bool() ? "boolean" : v.is_string() ? "string" : v.is_array() ? "array"
                     : v.is_object() ? "object" : v.is_null() ? "null" : "number";
  return std::string(type) + " (" + text + ")";
}

// The leaves that decide which entity an item is: an error there loses the entity's identity.
bool IsIdentityField(std::string_view field) {
  return field == "identifier" || field.starts_with("identifier.") || field == "blueprint";
}

// Port accepts a string identifier (or a search query object written as such in the mapping)
// and a string blueprint; anything else is refused per entity. Refusing it here keeps numbers,
// booleans, arrays and objects from collapsing into one catalog key. "" when valid.
std::string IdentityTypeProblem(const json::object& entity, bool identifier_is_search) {
  const json::value& id = entity.at("identifier");
  if (!id.is_string() && !(identifier_is_search && id.is_object())) {
    return "identifier must be a string, got " + Describe(id);
  }
  const json::value& bp = entity.at("blueprint");
  if (!bp.is_string()) return "blueprint must be a string, got " + Describe(bp);
  return {};
}

}  // namespace

struct EntityMapper::Impl {
  ResourceConfig resource;
  mutable std::optional<JqProgram> selector;  // compiled lazily when native_selector is set
  std::optional<NativeLeaf> native_selector;  // JqOptions::native_leaves and a simple form
  JqOptions options;
  std::optional<ItemsToParse> items_to_parse;
  MappingTemplate shape;
  LeafSet leaves;
  bool identifier_is_search = false;  // the mapping's identifier is a {combinator, rules} object

  std::string ExpressionOf(std::string_view field) const {
    for (const MappingLeaf& leaf : shape.leaves()) {
      if (leaf.field == field) return leaf.expression;
    }
    return {};
  }

  MapError Error(std::string field, std::string expression, const json::value& raw,
                 std::size_t index, std::string message) const {
    return MapError{resource.kind, std::move(field), std::move(expression),
                    ItemIdentity(raw, resource.kind, index), std::move(message)};
  }

  // libjq's selector: true when the item passes; counts and reports it otherwise.
  bool SelectorAdmits(const LazyJv& input, const json::value& raw, std::size_t raw_index,
                      MapResult& result) const;

  void MapOne(const json::value& item, const json::value& raw, std::size_t raw_index,
              MapResult& result, std::vector<json::value>& values,
              std::vector<LeafFailure>& failures) const;
};

EntityMapper::EntityMapper(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EntityMapper::EntityMapper(EntityMapper&&) noexcept = default;
EntityMapper& EntityMapper::operator=(EntityMapper&&) noexcept = default;
EntityMapper::~EntityMapper() = default;

const ResourceConfig& EntityMapper::resource() const { return impl_->resource; }

bool EntityMapper::native_only() const {
  return impl_->native_selector.has_value() && !impl_->items_to_parse && impl_->leaves.all_native();
}

core::Result<EntityMapper> EntityMapper::Compile(const ResourceConfig& resource,
                                                 const JqOptions& options) {
  const std::string where =
      "resource " + resource.kind + " (resources[" + std::to_string(resource.index) + "])";
  std::optional<NativeLeaf> native_selector;
  if (options.native_leaves) native_selector = NativeLeaf::Parse(NormalizeSingleQuotes(resource.selector_query));
  std::optional<JqProgram> selector;
  if (!native_selector) {
    core::Result<JqProgram> compiled = JqProgram::Compile(resource.selector_query, options);
    if (!compiled.ok()) {
      return core::Status::InvalidArgument(where + " field selector.query (" + resource.selector_query +
                                           "): " + compiled.status().message());
    }
    selector = std::move(*compiled);
  }
  std::optional<ItemsToParse> items;
  if (resource.items_to_parse) {
    core::Result<ItemsToParse> compiled = ItemsToParse::Compile(resource, options);
    if (!compiled.ok()) {
      return core::Status::InvalidArgument(where + " field itemsToParse (" + *resource.items_to_parse +
                                           "): " + compiled.status().message());
    }
    items = std::move(*compiled);
  }
  MappingTemplate shape(resource.mappings);
  core::Result<LeafSet> leaves = LeafSet::Compile(shape.leaves(), options);
  if (!leaves.ok()) return core::Status::InvalidArgument(where + " " + leaves.status().message());
  const json::value* identifier = resource.mappings.if_contains("identifier");
  const bool identifier_is_search = identifier != nullptr && identifier->is_object();
  auto impl = std::unique_ptr<Impl>(new Impl{resource, std::move(selector), std::move(native_selector),
                                             options, std::move(items), std::move(shape), std::move(*leaves),
                                             identifier_is_search});
  return EntityMapper(std::move(impl));
}

bool EntityMapper::Impl::SelectorAdmits(const LazyJv& input, const json::value& raw,
                                        std::size_t raw_index, MapResult& result) const {
  if (!selector) {
    core::Result<JqProgram> compiled = JqProgram::Compile(resource.selector_query, options);
    if (!compiled.ok()) {  // cannot happen: native forms are valid jq
      ++result.failed;
      result.errors.push_back(Error("selector.query", resource.selector_query, raw, raw_index,
                                    compiled.status().message()));
      return false;
    }
    selector = std::move(*compiled);
  }
  core::Result<std::optional<JvValue>> selected = selector->FirstJv(input.jv());
  std::string problem;
  if (!selected.ok()) {
    problem = selected.status().message();
  } else if (!selected->has_value()) {
    problem = "selector.query must yield a boolean, got no output";
  } else if (jv_kind k = (*selected)->kind(); k != JV_KIND_TRUE && k != JV_KIND_FALSE) {
    problem = "selector.query must yield a boolean, got " + Describe(FromJv((*selected)->get()));
  }
  if (!problem.empty()) {
    ++result.failed;
    result.errors.push_back(Error("selector.query", resource.selector_query, raw, raw_index, problem));
    return false;
  }
  if ((*selected)->kind() == JV_KIND_FALSE) {
    ++result.filtered_out;
    return false;
  }
  return true;
}

void EntityMapper::Impl::MapOne(const json::value& item, const json::value& raw,
                                std::size_t raw_index, MapResult& result,
                                std::vector<json::value>& values,
                                std::vector<LeafFailure>& failures) const {
  const LazyJv input(item);
  json::value native_selected;
  if (native_selector && native_selector->Evaluate(item, native_selected) && native_selected.is_bool()) {
    if (!native_selected.get_bool()) {
      ++result.filtered_out;
      return;
    }
  } else if (!SelectorAdmits(input, raw, raw_index, result)) {
    return;
  }
  failures.clear();
  leaves.Evaluate(input, values, failures);
  for (const LeafFailure& f : failures) {
    const MappingLeaf& leaf = shape.leaves()[f.leaf];
    result.errors.push_back(Error(leaf.field, leaf.expression, raw, raw_index, f.message));
  }
  // An identity leaf that raised an error: the item's entity is unknown, not absent. Counted as a
  // failed item (the kind then deletes nothing), never as a silent drop.
  for (const LeafFailure& f : failures) {
    if (IsIdentityField(shape.leaves()[f.leaf].field)) {
      ++result.failed;
      return;
    }
  }
  json::object entity = shape.Build(values);
  if (!Truthy(entity.if_contains("identifier")) || !Truthy(entity.if_contains("blueprint"))) {
    ++result.dropped;
    return;
  }
  if (std::string why = IdentityTypeProblem(entity, identifier_is_search); !why.empty()) {
    ++result.failed;
    const bool bad_id = why.starts_with("identifier");
    result.errors.push_back(Error(bad_id ? "identifier" : "blueprint",
                                  ExpressionOf(bad_id ? "identifier" : "blueprint"), raw, raw_index,
                                  why));
    return;
  }
  result.entities.push_back(MappedEntity{std::move(entity), raw_index});
}

MapResult EntityMapper::Map(std::span<const json::value> items) const {
  MapResult result;
  result.raw = static_cast<long>(items.size());
  std::vector<json::value> values;
  std::vector<LeafFailure> failures;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json::value& raw = items[i];
    if (!impl_->items_to_parse) {
      ++result.expanded;
      impl_->MapOne(raw, raw, i, result, values, failures);
      continue;
    }
    core::Result<std::vector<json::value>> expanded = impl_->items_to_parse->Expand(raw);
    if (!expanded.ok()) {
      ++result.items_to_parse_skipped;
      result.errors.push_back(impl_->Error("itemsToParse", impl_->items_to_parse->expression(), raw, i,
                                           expanded.status().message()));
      continue;
    }
    result.expanded += static_cast<long>(expanded->size());
    for (const json::value& element : *expanded) impl_->MapOne(element, raw, i, result, values, failures);
  }
  return result;
}

}  // namespace ocean::mapping
