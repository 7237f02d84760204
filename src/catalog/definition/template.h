// Templates and paths of kind definitions.
//
// A path is "@" (the value itself) or dot-separated member names ("Account.Id").
// A template is a JSON value; each string in it may hold placeholders:
//   {id}        the resource's identity          {partition} aws | aws-cn | aws-us-gov
//   {region}    the scope's region               {account}   the scope's account id
//   {props.P}   property P as merged so far      {extra.K}   extra context key K
//   {parent} / {parent.P}   the parent item of a parent listing (docs/ADDING_KINDS.md)
//   {id.N}      the N-th (0-based) '/'-separated part of the identity ("pipe/stage": {id.1})
//   {item.P} {outer.P} {page.P} {position}   a listed item, the item it was flattened from,
//               the answer it came in, its 1-based place there (a listing's `annotate`)
// A string that is exactly one placeholder takes the placeholder's JSON value (a list stays a
// list); otherwise placeholders are spliced as text. "{{" and "}}" are literal braces. A
// placeholder whose value is absent renders as null (alone) or "" (spliced).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/json.h"

namespace catalog::definition {

// Which placeholders a template may use where it stands.
struct TemplateScope {
  bool resource = false;  // id, props, extra
  bool id = false;        // id only (get)
  bool parent = false;
  bool listed_item = false;  // item, outer, page, position (a listing's annotate)
};

struct TemplateVars {
  std::string_view id;
  const json::object* props = nullptr;
  const json::object* extra = nullptr;
  const json::value* parent = nullptr;
  std::string_view partition;
  std::string_view region;
  std::string_view account;
  const json::value* item = nullptr;
  const json::value* outer = nullptr;
  const json::value* page = nullptr;
  long position = 0;
};

// "" when every placeholder of `t` is known in `scope`, else what is wrong.
std::string CheckTemplate(const json::value& t, const TemplateScope& scope);

json::value Render(const json::value& t, const TemplateVars& vars);
json::object RenderObject(const json::object& t, const TemplateVars& vars);

// The value at `path` in `v`, or nullptr.
const json::value* Lookup(const json::value& v, std::string_view path);

}  // namespace catalog::definition
