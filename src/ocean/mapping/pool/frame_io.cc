#include "ocean/mapping/pool/frame_io.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace ocean::mapping::pool {

using core::Status;

void PutU32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void PutU64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

bool GetU32(std::string_view in, std::size_t& pos, std::uint32_t& v) {
  if (in.size() < pos + 4) return false;
  v = 0;
  for (int i = 0; i < 4; ++i) v |= std::uint32_t(static_cast<unsigned char>(in[pos + i])) << (8 * i);
  pos += 4;
  return true;
}

bool GetU64(std::string_view in, std::size_t& pos, std::uint64_t& v) {
  if (in.size() < pos + 8) return false;
  v = 0;
  for (int i = 0; i < 8; ++i) v |= std::uint64_t(static_cast<unsigned char>(in[pos + i])) << (8 * i);
  pos += 8;
  return true;
}

void AppendFrame(std::string& out, FrameType type, std::string_view payload) {
  PutU32(out, static_cast<std::uint32_t>(payload.size()));
  out.push_back(static_cast<char>(type));
  out.append(payload);
}

Status WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::Unavailable(std::string("pipe write failed: ") + std::strerror(errno));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::Ok();
}

namespace {

// Reads exactly `n` bytes; returns the number read before EOF (< n at EOF).
core::Result<std::size_t> ReadExactly(int fd, char* data, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd, data + got, n - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      return Status::Unavailable(std::string("pipe read failed: ") + std::strerror(errno));
    }
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  return got;
}

}  // namespace

core::Result<std::optional<Frame>> ReadFrameBlocking(int fd) {
  char header[5];
  CORE_ASSIGN_OR_RETURN(std::size_t got, ReadExactly(fd, header, sizeof header));
  if (got == 0) return std::optional<Frame>();
  if (got < sizeof header) return Status::ParseError("truncated frame header");
  std::size_t pos = 0;
  std::uint32_t length = 0;
  GetU32(std::string_view(header, 4), pos, length);
  if (length > kMaxFrameBytes) return Status::ParseError("frame too large");
  Frame frame;
  frame.type = static_cast<FrameType>(static_cast<unsigned char>(header[4]));
  frame.payload.resize(length);
  CORE_ASSIGN_OR_RETURN(std::size_t body, ReadExactly(fd, frame.payload.data(), length));
  if (body < length) return Status::ParseError("truncated frame");
  return std::optional<Frame>(std::move(frame));
}

core::Result<std::optional<Frame>> FrameReader::Next() {
  if (buffer_.size() < 5) return std::optional<Frame>();
  std::size_t pos = 0;
  std::uint32_t length = 0;
  GetU32(buffer_, pos, length);
  if (length > kMaxFrameBytes) return Status::ParseError("frame too large");
  if (buffer_.size() < 5 + static_cast<std::size_t>(length)) return std::optional<Frame>();
  Frame frame;
  frame.type = static_cast<FrameType>(static_cast<unsigned char>(buffer_[4]));
  frame.payload.assign(buffer_, 5, length);
  buffer_.erase(0, 5 + static_cast<std::size_t>(length));
  return std::optional<Frame>(std::move(frame));
}

}  // namespace ocean::mapping::pool
