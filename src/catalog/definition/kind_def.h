// KindDef: one parsed kind definition file (data/kinds/*.yaml, docs/ADDING_KINDS.md), the data
// the interpreter (interpreter.h) turns into a runnable KindSpec.
//
// Paths ("Attributes", "Reservations", "Account.Id") are dot-separated member names into a JSON
// value; "@" is the value itself. Templates are JSON values whose strings may hold {placeholders}
// (template.h). Every node remembers where it came from (`where`: "file: kind K: /json/pointer")
// so that validation errors name the file, the kind and the path inside the definition.
//
// Thread-safety: plain values, immutable once loaded.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/kind.h"
#include "core/json.h"

namespace catalog::definition {

enum class ExtraContextMode { kAccountRegion, kAccount, kNone };

// Child flattening: each listed item holds a list of the real resources (EC2 reservations ->
// Instances); the parent's other fields optionally join the resource's extra context.
struct FlattenDef {
  std::string items;                    // path of the children in each listed item
  bool parent_to_extra_context = false;
};

// A kind-declared paginator, for operations botocore does not mark pageable.
struct PaginatorDef {
  std::string input_token;
  std::string output_token;
  std::string limit_key;  // optional
};

struct ListingDef {
  std::string operation;
  json::object params;                       // fixed params (templates)
  std::string items;                         // path of the items in each page
  std::optional<FlattenDef> flatten;
  std::string identity = "@";                // path in the (flattened) item
  // What the listed item contributes to the properties: "none", "item" (all of it), or a map
  // property -> path.
  std::string properties_mode = "none";
  std::vector<std::pair<std::string, std::string>> properties_from;
  std::vector<std::pair<std::string, std::string>> extra_from;  // extra context key -> path
  std::optional<PaginatorDef> paginator;
  std::optional<std::string> sort_by;        // sort the items of each page by this path
  // Removed from the front of the identity when present (Route 53's "/hostedzone/" ids: the
  // bare id is what the zone's calls and batch answers use).
  std::string identity_strip_prefix;
  std::string where;
};

// List B per item of list A: `parent` lists A; its items are available to B's params templates
// as {parent.X}, and `carry` copies parent fields into each child's extra context.
struct ParentDef {
  ListingDef listing;
  std::vector<std::pair<std::string, std::string>> carry;  // extra context key -> parent path
};

enum class ActionType { kSet, kCall, kPagedCall, kBatch, kHook };

struct BatchDef {
  std::string ids_param;        // the request member receiving the list of identities
  std::size_t max = 100;
  std::string items;            // path of the results in the (aggregated) answer
  std::string key;              // path in each result matching the identity
  std::string failures;         // path of a failures list; "" when the API has none
  std::string failure_key;      // path in a failure naming the identity
  std::string failure_reason;   // path of its reason (and detail)
  std::string failure_detail;
  bool per_id_fallback = false; // a whole-call NotFound retries each id alone
};

struct ActionDef {
  std::string name;   // upstream's class name
  bool is_default = false;
  ActionType type = ActionType::kSet;
  std::string operation;        // call, pagedCall, batch
  json::object params;          // templates
  json::object set;             // set: property -> template
  BatchDef batch;
  std::string hook;             // kHook: registered hook name
  std::string take = "@";       // path in the answer (or batch result)
  std::string into = "*";       // property name, or "*" to merge every member of what is taken
  std::optional<json::value> missing;  // value when `take` finds nothing; none: no property
  std::vector<std::pair<std::string, std::string>> rename;  // member -> property
  bool keep_others = true;      // false: only renamed members are kept
  std::map<std::string, std::string, std::less<>> coerce;   // member -> integer|boolean|number
  std::map<std::string, json::value, std::less<>> tolerate; // error code -> value for `into`
  std::vector<std::string> absent;  // error codes meaning "no such configuration": no property
  std::size_t concurrency = 16;
  std::string where;
};

struct GetDef {
  std::vector<std::string> identity_prefixes;  // ids starting with one are identities already
  std::string operation;           // "" : the id is the identity, no call
  json::object params;
  std::string items;               // "" : the call succeeding means the resource exists
  bool use_list_shape = false;     // items/flatten/identity/properties as the listing's
  std::string identity;            // "" : the requested id
  std::string properties_mode = "none";
  // Error codes that still prove the resource exists (S3's unfollowable region redirect): the
  // resource is the id asked for, without properties.
  std::vector<std::string> exists_on;
  std::string where;
};

struct KindDef {
  std::string file;          // where it was loaded from ("data/kinds/sqs_queue.yaml", a path)
  bool built_in = true;
  std::string name;
  std::string service;
  KindScope scope = KindScope::kRegional;
  std::vector<std::string> regions;
  ExtraContextMode extra_context = ExtraContextMode::kAccountRegion;
  std::optional<ListingDef> list;
  std::optional<ParentDef> parent;
  std::string hook;          // a registered C++ listing + get (hooks.h), instead of list/get
  std::optional<GetDef> get;
  std::vector<ActionDef> actions;
  std::vector<std::string> property_order;
};

}  // namespace catalog::definition
