// Templates and paths of kind definitions.
//
// A path is "@" (the value itself) or dot-separated member names ("Account.Id").
// A template is a JSON value; each string in it may hold placeholders:
//   {id}        the resource's identity          {partition} aws | aws-cn | aws-us-gov
//   {region}    the scope's region               {account}   the scope's account id
//   {props.P}   property P as merged so far      {extra.K}   extra context key K
//   {parent} / {parent.P}   the parent item of a parent listing (docs/ADDING_KINDS.md)
//   {item} / {item.P}       the listed item (a listing's identity and properties; actions)
//   {id.N}      the N-th (0-based) '/'-separated part of the identity ("pipe/stage": {id.1})
//   {id.P}      (get) the part P of an id matched by one of the get's `idPatterns`
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
#include <vector>

#include "core/json.h"

namespace catalog::definition {

// Which placeholders a template may use where it stands.
struct TemplateScope {
  bool resource = false;  // id, props, extra
  bool id = false;        // id only (get)
  bool parent = false;
  bool item = false;
  bool listed_item = false;  // item, outer, page, position (a listing's annotate)
};

struct TemplateVars {
  std::string_view id;
  const json::object* props = nullptr;
  const json::object* extra = nullptr;
  const json::value* parent = nullptr;
  const json::value* item = nullptr;
  const json::object* id_parts = nullptr;  // {id.P}: parts of an id matched by a get pattern
  std::string_view partition;
  std::string_view region;
  std::string_view account;
  const json::value* outer = nullptr;
  const json::value* page = nullptr;
  long position = 0;
};

// "" when every placeholder of `t` is known in `scope`, else what is wrong.
std::string CheckTemplate(const json::value& t, const TemplateScope& scope);

json::value Render(const json::value& t, const TemplateVars& vars);
json::object RenderObject(const json::object& t, const TemplateVars& vars);

// Matches `text` against `pattern` ("{cluster}/{name}": literal text and named holes; a hole
// ends at the first occurrence of the text after it, a final hole takes the rest; no hole may be
// empty), filling `parts`. False when it does not match.
bool MatchPattern(std::string_view pattern, std::string_view text, json::object& parts);

// `parseJson`: each member at one of `paths` that holds JSON text (Cloud Control's
// ResourceDescription.Properties) is replaced by the parsed value; absent or non-string members
// are left alone. Returns the first path whose text is not JSON (left as text), or "".
std::string ParseJsonMembers(json::value& v, const std::vector<std::string>& paths);

// `v` with ParseJsonMembers applied for `paths`: `v` itself when `paths` is empty; with
// `in_place` (the caller gives `v` up, though it holds it const) `v` is parsed where it is and
// returned; otherwise a parsed copy in `storage` is returned. `bad` receives ParseJsonMembers'
// answer (the first path whose text is not JSON, or "").
const json::value& ParsedMembers(const json::value& v, const std::vector<std::string>& paths,
                                 bool in_place, json::value& storage, std::string& bad);

// The value at `path` in `v`, or nullptr.
const json::value* Lookup(const json::value& v, std::string_view path);

}  // namespace catalog::definition
