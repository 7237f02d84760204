// ItemIdentity: a short, human-readable name for a raw resource in error messages — its ARN,
// id or name when the envelope has one, else "item #<index>".
//
// Looks in `Properties` (then the top level) for, in order: Arn, ARN, <Noun>Arn, <Noun>Id,
// <Noun>Name (Noun = last part of the kind, e.g. Instance for AWS::EC2::Instance), Id, Name,
// QueueUrl, then any string key ending in "Arn". Never prints anything but that one value.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "core/json.h"

namespace ocean::mapping {

std::string ItemIdentity(const json::value& item, std::string_view kind, std::size_t index);

}  // namespace ocean::mapping
