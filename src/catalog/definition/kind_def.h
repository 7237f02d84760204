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
#include <string_view>
#include <vector>

#include "catalog/kind.h"
#include "core/json.h"

namespace catalog::definition {

// The name of a kind family's definition (KindDef::family).
inline constexpr std::string_view kFamilyName = "AWS::*::*";

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
  std::string identity = "@";                // path in the (flattened) item, or a template
                                             // over {item}, {parent} (when it holds a brace)
  // What the listed item contributes to the properties: "none", "item" (all of it), or a map
  // property -> path (or a template over {item}, {parent}, when it holds a brace).
  std::string properties_mode = "none";
  std::vector<std::pair<std::string, std::string>> properties_from;
  std::vector<std::pair<std::string, std::string>> extra_from;  // extra context key -> path
  std::optional<PaginatorDef> paginator;
  // The operation is not pageable and answers everything at once (Elastic Beanstalk's
  // DescribeApplications): one call, no paging (`singlePage: true`).
  bool single_page = false;
  std::optional<std::string> sort_by;        // sort the items of each page by this path
  // The kind's actions use {item}: each resource keeps its listed item (Resource::origin).
  bool keep_item = false;
  // A single (non-pageable) call whose answer is shared by every kind of the resync
  // (shared_responses.h): CodePipeline's GetPipeline read by the Stage and Action listings.
  bool shared = false;
  // Members added to each (flattened) item before its identity and properties are read:
  // templates over {item.P}, {outer.P} (the item a flattened child came from), {page.P} (the
  // whole answer), {parent.P} and {position} (1-based place of the item in its page).
  json::object annotate;
  // Removed from the front of the identity when present (Route 53's "/hostedzone/" ids: the
  // bare id is what the zone's calls and batch answers use).
  std::string identity_strip_prefix;
  // Members of each item holding JSON text, parsed before identity and properties are read
  // (`parseJson`: Cloud Control's ResourceDescriptions[].Properties).
  std::vector<std::string> parse_json;
  // Error code -> text put before the listing's error when it fails with that code
  // (`errorHints`: "Cloud Control does not support this type ...").
  json::object error_hints;
  std::string where;
};

// List B per item of list A: `parent` lists A; its items are available to B's params templates
// as {parent.X}, and `carry` copies parent fields into each child's extra context.
struct ParentDef {
  ListingDef listing;
  std::vector<std::pair<std::string, std::string>> carry;  // extra context key -> parent path
  // Error codes of the child listing that skip that parent (a warning), not fail the scope.
  std::vector<std::string> skip_on;
};

enum class ActionType { kSet, kCall, kPagedCall, kBatch, kHook };

struct BatchDef {
  std::string ids_param;        // the request member receiving the list of identities
  std::size_t max = 100;
  std::string items;            // path of the results in the (aggregated) answer
  std::string key;              // path in each result matching the identity
  std::vector<std::string> other_keys;  // alternatives to `key`: the first present matches
  std::string id = "{id}";      // template: what a resource contributes to `ids`
  std::string group_by;         // template: one call never mixes resources of two values
  std::string failures;         // path of a failures list; "" when the API has none
  std::string failure_key;      // path in a failure naming the identity
  std::string failure_reason;   // path of its reason (and detail)
  std::string failure_detail;
  bool per_id_fallback = false; // a whole-call NotFound retries each id alone
};

// One more path taken from the same answer (`also`).
struct TakeDef {
  std::string take;
  std::string into = "*";
  std::optional<json::value> missing;
};

// `defaultWhen` (docs/ADDING_KINDS.md "Actions"): the action runs by default only for the
// resources whose listed properties meet the condition; named in includeActions it runs for all.
struct DefaultWhenDef {
  // "identity": the listed properties are empty, or every one is a string (or number) equal to
  // the resource's identity or, with `identity_separator`, to one of its parts (Cloud Control
  // lists many types with nothing but their primary identifier, "|"-joined when compound).
  std::string properties_only;
  std::string identity_separator;  // "" : the identity is one value
};

struct ActionDef {
  std::string name;   // upstream's class name
  bool is_default = false;
  std::optional<DefaultWhenDef> default_when;  // default for some resources, optional for all
  ActionType type = ActionType::kSet;
  std::string operation;        // call, pagedCall, batch
  json::object params;          // templates
  json::object set;             // set: property -> template
  BatchDef batch;
  std::string hook;             // kHook: registered hook name
  std::string take = "@";       // path in the answer (or batch result)
  std::vector<TakeDef> also;    // more paths of the same answer, placed after `take`
  std::vector<std::string> keep;   // non-empty: only these (and renamed) members are kept
  std::vector<std::string> after;  // earlier actions whose properties {props.P} reads
  std::string into = "*";       // property name, or "*" to merge every member of what is taken
  std::optional<json::value> missing;  // value when `take` finds nothing; none: no property
  std::vector<std::pair<std::string, std::string>> rename;  // member -> property
  bool keep_others = true;      // false: only renamed members are kept
  std::map<std::string, std::string, std::less<>> coerce;   // member -> integer|boolean|number
  std::map<std::string, json::value, std::less<>> tolerate; // error code -> value for `into`
  std::vector<std::string> absent;  // error codes meaning "no such configuration": no property
  // Error codes meaning "the resource itself does not exist" (SQS's NonExistentQueue): a live
  // event's fetch then deletes the entity instead of writing it without this action's part.
  std::vector<std::string> absent_on;
  std::size_t concurrency = 16;
  bool shared = false;          // kCall: the answer is shared by every kind of the resync
  // `take: [a, b]`: the members of each path, merged in order (later wins); replaces `take`.
  std::vector<std::string> take_all;
  // Members of the answer holding JSON text, parsed before anything is taken (`parseJson`).
  std::vector<std::string> parse_json;
  std::string where;
};

// `get.byName`: the get asked by a name instead of the id (live events that name a resource only
// by its name: Elastic Beanstalk's UpdateEnvironment has environmentName, the get wants the
// environment id). An id "name:<name>" (kByNamePrefix) calls the get's operation with these
// params ({id} is the name) and answers only a resource whose property `match` is the name.
inline constexpr std::string_view kByNamePrefix = "name:";
struct GetByNameDef {
  json::object params;   // templates over {id} (the name), replacing the get's params
  std::string match;     // path into the resource's properties that must equal the name
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
  // Shapes the id may take ("{deployment}/{target}"): the first that matches names its parts,
  // {id.P} in templates; an id that matches none is absent.
  std::vector<std::string> id_patterns;
  std::vector<std::string> absent_on;  // error codes that mean "no such resource" (ECS's ClientException)
  // Templates over {id}/{id.P}: the resource is made as the listing makes it from this item and
  // parent (identity, properties, carry, origin), once the call (if any) found something.
  std::optional<json::value> listed_item;
  std::optional<json::value> listed_parent;
  // asListing for a kind with a parent listing: the parent item the id stands for (a template
  // over {id}, e.g. {name: "{id.0}"}), seen by the listing's annotate as {parent.P}.
  std::optional<json::value> parent;
  std::optional<GetByNameDef> by_name;
  std::string where;
};

// Live events (docs/ADDING_KINDS.md "Live events"): which CloudTrail API calls, delivered by
// EventBridge, create/change (upsert) or remove (delete) a resource of the kind, and where in the
// event's `detail` its id is.
enum class EventAction { kUpsert, kDelete };

struct EventIdentifierDef {
  // Dot-separated members into the CloudTrail `detail`; a member suffixed "[]" fans out over a
  // list ("responseElements.instancesSet.items[].instanceId"), so one event can name several ids.
  std::string path;
  // Turns the found value into the id `get` accepts: placeholders {id} (the value), {id.last}
  // (after its last '/' or ':'), {id.arnResource} (an ARN's resource after its type), {id.noLeadingSlash},
  // {partition}, {region}, {account}. "" : the value itself.
  std::string id_template;
  // Values not starting with one of these are skipped (EC2 CreateTags names instances, volumes,
  // ... in one list). Empty: every value.
  std::vector<std::string> prefixes;
  // Values not containing one of these are skipped (tagging calls name any ARN of the service:
  // ":cluster/" keeps clusters). Empty: every value.
  std::vector<std::string> contains;
  // An event path that must find a value for this identifier to apply (CreateClusterV2 creates a
  // serverless cluster when requestParameters.serverless is set). "": always.
  std::string when;
  // `byName: true`: the value is the resource's name, asked of the kind's `get.byName` (the
  // target id is kByNamePrefix + the id). Upsert mappings only: a name never builds a delete.
  bool by_name = false;
};

struct EventMappingDef {
  std::string source;               // CloudTrail eventSource: "sqs.amazonaws.com"
  std::vector<std::string> names;   // eventName as CloudTrail sends it (Lambda's versioned names)
  EventAction action = EventAction::kUpsert;
  // Tried in order; the first that finds a value (after prefixes/contains/when) gives the ids.
  std::vector<EventIdentifierDef> identifiers;
  std::string where;
};

// A kind whose delete events do not carry its whole identity (`deleteIdentity`, docs/
// ADDING_KINDS.md "Live events"): DeleteRole names only the role, whose ARN holds its path. The
// catalog remembers, for each resource of the kind it lists or fetches, the `keep` properties
// under the value of each `by` property (catalog/identity_index.h); a delete event's stub then
// gets the remembered properties instead of deleteStub's guess. No entry: nothing is deleted
// (the next resync removes the entity), except for ids deleteStub makes whole (`complete`).
struct DeleteIdentityDef {
  std::vector<std::string> by;    // properties a delete event's id may equal: [RoleName]
  std::vector<std::string> keep;  // remembered per resource: [RoleName, RoleId, Arn, Path]
  // Ids starting with one of these make deleteStub whole (DeleteStack by stack ARN).
  std::vector<std::string> complete_prefixes;
  bool by_region = true;          // regional key (false for kinds without Region in extra context)
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
  std::vector<EventMappingDef> events;
  // Properties of the stub a delete event maps to find the entity identifier: property ->
  // event template ({id}, {id.last}, {partition}, {region}, {account}).
  json::object delete_stub;
  std::optional<DeleteIdentityDef> delete_identity;  // `deleteIdentity`
  // Top-level envelope members beside Type/Properties/__ExtraContext (`envelope`): templates
  // over {id}, {extra.K} (the older Cloud Control integration's Identifier, __AccountId, ...).
  json::object envelope;
  // A kind family (`kind: AWS::*::*`): the definition of every type name that has no definition
  // of its own, instantiated per name (kind_family.h); never a kind by itself.
  bool family = false;
  // Family only: the type's service segments (lower case) whose types are listed once per
  // account (`globalServices`), the others being regional.
  std::vector<std::string> global_services;
};

}  // namespace catalog::definition
