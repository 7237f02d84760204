// TempDir: a fresh directory under the system temp dir, removed with its contents on
// destruction; WriteFile() creates files in it for config/token/credential tests.
//
// Thread-safety: single-threaded tests only.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace testing_fakes {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("ocean-aws-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path() const { return path_.string(); }
  // Writes `content` to `rel` (parent folders created); returns the absolute path.
  std::string WriteFile(const std::string& rel, const std::string& content) const {
    auto p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary | std::ios::trunc) << content;
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace testing_fakes
