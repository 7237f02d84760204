// The AWS model documents linked into the binary (generated models_embed.cc defines them).
#pragma once

#include <cstddef>
#include <string_view>

namespace aws::model {

struct EmbeddedModel {
  std::string_view name;  // service name, e.g. "ec2"
  const char* begin;      // the model JSON (data/aws/<name>.json)
  const char* end;
};

extern const EmbeddedModel kEmbeddedModels[];
extern const std::size_t kEmbeddedModelCount;

}  // namespace aws::model
