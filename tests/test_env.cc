#include "test_env.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace testenv {

std::string SourcePath(std::string_view rel) {
  return std::string(OCEAN_AWS_SOURCE_DIR) + "/" + std::string(rel);
}

std::string BinaryPath(std::string_view rel) {
  return std::string(OCEAN_AWS_BINARY_DIR) + "/" + std::string(rel);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace testenv
