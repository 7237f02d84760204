// fuzz-layers: ocean catalog aws core
// Fuzzes the settings loaders as the process runs them: LoadSettings reading a `.env` file and
// a `config.yaml` file (with {{ from env ... }} placeholders), merged with a fixed environment
// and the integration spec in .port/spec.yaml.
//
// Input: the .env text, a line "---8<---", then the config.yaml text (no marker: all .env).
// Both are written to a private temporary directory, as LoadSettings reads files.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "fuzz_input.h"
#include "ocean/config/settings.h"

namespace {

std::string g_dir;
std::string g_spec;

void WriteFile(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

void RemoveDir() {
  unlink((g_dir + "/.env").c_str());
  unlink((g_dir + "/config.yaml").c_str());
  rmdir(g_dir.c_str());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  char dir[] = "/tmp/ocean-aws-settings-fuzz-XXXXXX";
  if (mkdtemp(dir) == nullptr) std::abort();
  g_dir = dir;
  std::atexit(RemoveDir);
  std::ifstream spec(OCEAN_AWS_SOURCE_DIR "/.port/spec.yaml");
  std::stringstream ss;
  ss << spec.rdbuf();
  g_spec = ss.str();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  fuzz::Lines in(data, size);
  std::string_view dotenv = in.UpTo("---8<---");
  std::string_view yaml = in.Rest();
  ocean::SettingsSources sources;
  sources.environment = {{"OCEAN__PORT__CLIENT_ID", "id"},
                         {"OCEAN__PORT__CLIENT_SECRET", "secret"},
                         {"FUZZ_VALUE", "from-env"}};
  sources.dotenv_path = g_dir + "/.env";
  sources.config_yaml_path = g_dir + "/config.yaml";
  sources.spec_text = g_spec;
  WriteFile(sources.dotenv_path, dotenv);
  WriteFile(sources.config_yaml_path, yaml);
  auto settings = ocean::LoadSettings(sources);
  if (settings.ok()) (void)ocean::PortUserAgent(*settings);
  return 0;
}
