// Paths and templates of a kind's live-event mappings (kind_def.h EventMappingDef,
// docs/ADDING_KINDS.md "Live events").
//
// An event path is dot-separated member names into the CloudTrail `detail` of an EventBridge
// event; a member suffixed "[]" is a list whose every element continues the path
// ("responseElements.instancesSet.items[].instanceId"; "requestParameters.ids[]" names the
// strings of a list). A path finds zero or more values; strings are taken as they are (except an
// ARN that arrives percent-encoded, below), integers as their decimal text, anything else is
// skipped. CloudTrail records a REST API's URI path parameters as sent, so an ARN in a path
// (MSK's DeleteCluster `clusterArn`, `/v1/tags/{resourceArn}`) arrives as "arn%3Aaws%3Akafka..."
// (AWS's MSK CloudTrail example); a value starting "arn%3A" is percent-decoded (no ARN starts
// with a literal '%', so nothing else changes).
//
// An event template is a JSON value whose strings may hold {id} (the found id), {id.last} (the
// part of the id after its last '/' or ':': a queue URL's or an ARN's name), {id.arnResource}
// (an ARN's resource after its type: "repository/team/app" -> "team/app"; a non-ARN id as it
// is), {id.noLeadingSlash} (the id without one leading '/': an SSM parameter "/a/b" is ARN
// "...:parameter/a/b", a plain "p" is "...:parameter/p"), {partition}, {region} and {account}
// (the event's), and in an identifier's template {detail.P} (the text at path P of the event's
// detail: ECR's "{detail.requestParameters.repositoryName}@{id}" names an image by repository and
// digest). A string that is exactly one placeholder is replaced by
// it; "{{" and "}}" are literal braces.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"

namespace catalog::definition {

struct EventTemplateVars {
  std::string_view id;
  std::string_view partition;
  std::string_view region;
  std::string_view account;
  // The event's `detail`, for {detail.P} (identifier templates only: a delete stub has none).
  const json::value* detail = nullptr;
};

// "" when `path` is well formed, else what is wrong.
std::string CheckEventPath(std::string_view path);
// Appends the values `path` finds in `detail` to `out`.
void CollectEventPath(const json::value& detail, std::string_view path,
                      std::vector<std::string>& out);

// "" when every placeholder of `t` is one of the above, else what is wrong; {detail.P} only
// when `detail` (an identifier's template, not a delete stub).
std::string CheckEventTemplate(const json::value& t, bool detail = false);
json::value RenderEventTemplate(const json::value& t, const EventTemplateVars& vars);
std::string RenderEventString(std::string_view t, const EventTemplateVars& vars);

// `v` percent-decoded when it starts "arn%3A" (an ARN sent in a URI path), else as it is.
std::string DecodeEncodedArn(std::string_view v);

// After the last '/' or ':' (the whole text when it has neither).
std::string_view LastIdSegment(std::string_view id);
// An ARN's resource without its type ("arn:aws:ecr:r:1:repository/a/b" -> "a/b",
// "arn:aws:lambda:r:1:function:f" -> "f"); anything else as it is.
std::string_view ArnResourceName(std::string_view id);

}  // namespace catalog::definition
