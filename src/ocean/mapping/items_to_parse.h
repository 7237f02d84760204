// ItemsToParse: Ocean's `port.itemsToParse` expansion (handle_items_to_parse).
//
// For each raw item: `items = first(itemsToParse)`; anything but an array (or a jq error) is an
// error for that item, which is then skipped (Ocean logs a warning and skips it). With
// itemsToParseTopLevelTransform (the default) the parsed path is deleted from the parent; then
// each element yields {...parent, <itemsToParseName>: element}.
//
// The deleted path is derived from the expression as Ocean does (DeletionPath): the first
// pipe segment (inside a leading "(...)" group, skipping `. as $x`, `.` and `$var` segments)
// that starts with a simple path such as `.a.b`, `.a[0]` or `.["k"]`. Deliberate difference:
// when no path is found Ocean falls back to `del(.)`, which yields null and drops every item;
// we then delete nothing and keep the parent whole. A deletion that fails at run time (the path
// crosses a non-object) also keeps the parent whole.
//
// Thread-safety: holds JqPrograms; one thread at a time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "ocean/config/port_app_config.h"
#include "ocean/mapping/jq_program.h"

namespace ocean::mapping {

// The simple path Ocean deletes for this itemsToParse expression, or nullopt.
std::optional<std::string> DeletionPath(std::string_view items_to_parse);

class ItemsToParse {
 public:
  // REQUIRES: resource.items_to_parse is set. A compile error names jq's message.
  static core::Result<ItemsToParse> Compile(const ResourceConfig& resource, const JqOptions& options);

  core::Result<std::vector<json::value>> Expand(const json::value& item) const;

  const std::string& expression() const { return items_.expression(); }
  const std::optional<std::string>& deletion_path() const { return deletion_path_; }

 private:
  ItemsToParse(JqProgram items, std::optional<JqProgram> remove, std::optional<std::string> path,
               std::string name);
  JqProgram items_;
  std::optional<JqProgram> remove_;  // `del(<path>)`, when a path was found and transform is on
  std::optional<std::string> deletion_path_;
  std::string name_;
};

}  // namespace ocean::mapping
