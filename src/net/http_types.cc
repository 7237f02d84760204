#include "net/http_types.h"

#include <strings.h>

namespace net {
namespace {
bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}
}  // namespace

std::string_view FindHeader(const Headers& headers, std::string_view name, bool* found) {
  for (const auto& [k, v] : headers) {
    if (IEquals(k, name)) {
      if (found) *found = true;
      return v;
    }
  }
  if (found) *found = false;
  return {};
}

void SetHeader(Headers& headers, std::string_view name, std::string value) {
  std::erase_if(headers, [&](const auto& kv) { return IEquals(kv.first, name); });
  headers.emplace_back(std::string(name), std::move(value));
}

}  // namespace net
