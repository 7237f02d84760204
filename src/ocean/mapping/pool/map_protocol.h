// The mapping pool's messages (payloads of frame_io.h frames), one serialization each way:
//   kHello     {"parent_pid": N, "memory_limit_mb": N}
//   kConfigure u64 mapper id, then JSON {"jq": {...}, "resource": {...}}: the fields of a
//              ResourceConfig that EntityMapper::Compile reads
//   kMap       u64 mapper id, u32 item count, then per item u32 length + the item's JSON text
//              (items travel separately so one unreadable item does not hide the others)
//   kResult    a MapResult as JSON (entities, counters, errors)
//   kError     text: why the batch could not be mapped at all
// A worker that has compiled many mappers is replaced rather than told to forget them.
//
// MapResult's fields are all carried; a field added to MapResult must be added here too
// (map_protocol_test checks the round trip of every counter).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "ocean/config/port_app_config.h"
#include "ocean/mapping/entity_mapper.h"
#include "ocean/mapping/jq_program.h"

namespace ocean::mapping::pool {

struct HelloMessage {
  std::int64_t parent_pid = 0;
  std::int64_t memory_limit_mb = 0;  // 0 = no limit
};

std::string EncodeHello(const HelloMessage& hello);
core::Result<HelloMessage> DecodeHello(std::string_view payload);

// The JSON part of kConfigure (without the id).
std::string EncodeMapperConfig(const ResourceConfig& resource, const JqOptions& options);
struct MapperConfig {
  ResourceConfig resource;
  JqOptions options;
};
core::Result<MapperConfig> DecodeMapperConfig(std::string_view json_text);

std::string EncodeConfigure(std::uint64_t mapper_id, std::string_view config_json);
core::Result<std::pair<std::uint64_t, std::string_view>> DecodeConfigure(std::string_view payload);

std::string EncodeMapRequest(std::uint64_t mapper_id, std::span<const json::value> items);
struct MapRequest {
  std::uint64_t mapper_id = 0;
  std::vector<json::value> items;
};
core::Result<MapRequest> DecodeMapRequest(std::string_view payload);

std::string EncodeMapResult(const MapResult& result);
core::Result<MapResult> DecodeMapResult(std::string_view payload);

// Adds `part`, computed on items [offset, ...) of a batch, into `total` (entities' raw_index is
// shifted by `offset`).
void MergeMapResult(MapResult& total, MapResult part, std::size_t offset);

}  // namespace ocean::mapping::pool
