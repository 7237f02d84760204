// Frames: the mapping pool's wire format between the parent and a mapping worker process, over a
// pair of pipes. A frame is a 4-byte little-endian payload length, a 1-byte type, then the
// payload. Payload contents are defined in map_protocol.h.
//
// Writing and reading block on the fd; the parent side reads with FrameReader, which is fed
// whatever poll() found readable, so that the parent can enforce deadlines and cancellation.
//
// Thread-safety: plain functions and a per-connection reader; use one reader from one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace ocean::mapping::pool {

enum class FrameType : std::uint8_t {
  kHello = 1,      // parent -> worker: limits and the parent's pid
  kConfigure = 2,  // parent -> worker: one mapper (resource config + jq options) under an id
  kMap = 3,        // parent -> worker: a batch of raw items for a mapper id
  kResult = 10,    // worker -> parent: a MapResult
  kError = 11,     // worker -> parent: the batch could not be mapped at all (text)
};

// Frames larger than this are refused (a corrupted length, not a real batch).
inline constexpr std::uint32_t kMaxFrameBytes = 1u << 30;

struct Frame {
  FrameType type = FrameType::kError;
  std::string payload;
};

// Appends a frame header (length + type) followed by `payload` to `out`.
void AppendFrame(std::string& out, FrameType type, std::string_view payload);

// Writes all of `bytes` to `fd`, retrying on EINTR. Fails with Unavailable (e.g. EPIPE when the
// reader is gone).
core::Status WriteAll(int fd, std::string_view bytes);

// Reads exactly one frame from a blocking `fd`. nullopt at a clean end of input (EOF before a
// header); an error for a short frame, an oversized length or a read error.
core::Result<std::optional<Frame>> ReadFrameBlocking(int fd);

// Incremental frame decoding for a non-blocking reader.
class FrameReader {
 public:
  // Appends bytes read from the fd.
  void Feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next complete frame, if one is buffered; an error for an oversized length.
  core::Result<std::optional<Frame>> Next();
  void Clear() { buffer_.clear(); }

 private:
  std::string buffer_;
};

// Little-endian integers inside payloads.
void PutU32(std::string& out, std::uint32_t v);
void PutU64(std::string& out, std::uint64_t v);
// Reads at `pos` and advances it; false when the payload is too short.
bool GetU32(std::string_view in, std::size_t& pos, std::uint32_t& v);
bool GetU64(std::string_view in, std::size_t& pos, std::uint64_t& v);

}  // namespace ocean::mapping::pool
