// fuzz-layers: ocean catalog aws core
// Fuzzes the mapping path in-process: a raw item (any JSON the AWS side could produce) mapped
// by EntityMapper (selector, itemsToParse, every leaf as one jq program, identity checks) with
// the mappings of the shipped configurations — .port/resources/port-app-config.yml and
// examples/*/port-app-config.yml, plus fuzz/mapping_extra.yml (itemsToParse, filtering
// selectors, search-query identifiers, jq 1.7 syntax) — compiled once at start.
//
// Input: first byte picks the resource (mod their count); the rest is the item as JSON (an
// array maps each element). The jq expressions come from that fixed list, not from the input:
// libjq 1.6 aborts on some expressions by design (which is why production maps in worker
// processes), so what this covers is our code around jq — JSON <-> jv conversion, leaf
// assembly, identity and falsy checks, itemsToParse expansion — on hostile items.
// Property checked: the item counters add up.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/json.h"
#include "ocean/config/port_app_config.h"
#include "ocean/mapping/entity_mapper.h"

namespace {

std::vector<ocean::mapping::EntityMapper>* g_mappers;

void AddConfig(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto config = ocean::ParsePortAppConfig(ss.str(), path.string());
  if (!config.ok()) std::abort();  // a shipped config that no longer loads: fix the config
  for (const auto& resource : config->resources) {
    auto mapper = ocean::mapping::EntityMapper::Compile(resource);
    if (!mapper.ok()) std::abort();
    g_mappers->push_back(std::move(*mapper));
  }
}

}  // namespace

// libjq keeps each program's stack through a pointer to the END of its block, which
// LeakSanitizer cannot see as a reference: the still-owned stacks of the mappers compiled once
// above would be reported as leaked. libjq has no frame pointers, so the reports stop inside
// libjq.so and only the module can be suppressed; jv reference leaks are the JvValue unit
// tests' business, not this harness's.
extern "C" const char* __lsan_default_suppressions() { return "leak:libjq.so\n"; }

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_mappers = new std::vector<ocean::mapping::EntityMapper>;
  const std::filesystem::path root(OCEAN_AWS_SOURCE_DIR);
  AddConfig(root / ".port/resources/port-app-config.yml");
  AddConfig(root / "fuzz/mapping_extra.yml");
  std::vector<std::filesystem::path> examples;
  for (const auto& e : std::filesystem::directory_iterator(root / "examples")) {
    if (std::filesystem::exists(e.path() / "port-app-config.yml"))
      examples.push_back(e.path() / "port-app-config.yml");
  }
  std::sort(examples.begin(), examples.end());  // a stable resource order across runs
  for (const auto& p : examples) AddConfig(p);
  if (g_mappers->empty()) std::abort();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 64 * 1024) return 0;
  const auto& mapper = (*g_mappers)[data[0] % g_mappers->size()];
  boost::system::error_code ec;
  json::value item =
      json::parse(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), ec);
  if (ec) return 0;
  std::vector<json::value> items;
  if (item.is_array()) {
    for (const auto& e : item.get_array()) items.push_back(e);
  } else {
    items.push_back(std::move(item));
  }
  ocean::mapping::MapResult result = mapper.Map(items);
  if (result.raw != static_cast<long>(items.size())) std::abort();
  if (static_cast<long>(result.entities.size()) + result.filtered_out + result.dropped +
          result.failed > result.expanded)
    std::abort();
  return 0;
}
