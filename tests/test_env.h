// Helpers shared by every test: locating files of the source tree.
#pragma once

#include <string>
#include <string_view>

namespace testenv {

// Absolute path of `rel` under the source tree (e.g. "tests/aws/sigv4").
std::string SourcePath(std::string_view rel);
// Absolute path of `rel` under the build tree.
std::string BinaryPath(std::string_view rel);
// The whole file; fails the current test (and returns "") when it cannot be read.
std::string ReadFile(const std::string& path);

}  // namespace testenv
