// The built-in kind definition files (data/kinds/*.yaml), linked into the binary by the code
// cmake/EmbedKinds.cmake generates, and the registration of their C++ hooks.
//
// Thread-safety: immutable data.
#pragma once

#include <cstddef>

namespace catalog::definition {

struct EmbeddedKind {
  const char* file;   // "sqs_queue.yaml"
  const char* begin;
  const char* end;
};

extern const EmbeddedKind kEmbeddedKinds[];
extern const std::size_t kEmbeddedKindCount;

}  // namespace catalog::definition
