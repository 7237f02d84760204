// The webhook journal's (webhook_journal.h) record codec and plain file I/O: little-endian
// integers, the record checksum (CRC-32 of type + payload), whole writes that survive EINTR, a
// whole-file read (a missing file reads as empty) and the directory sync after a rename. Errors
// name the path and the OS error (strerror(errno)).
//
// Thread-safety: plain functions (no shared state).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace ocean::live_events::journal_file {

inline constexpr std::size_t kHeader = 1 + 4 + 4;  // type, payload length, CRC

void PutU32(std::string& out, std::uint32_t v);
void PutU64(std::string& out, std::uint64_t v);
std::uint64_t GetLE(std::string_view s, int n);  // the first n bytes of s, little-endian
std::uint32_t Crc(char type, std::string_view payload);

// "<what> <path>: <strerror(errno)>".
std::string Errno(std::string_view what, const std::string& path);
core::Status WriteAll(int fd, std::string_view data, const std::string& path);
core::Result<std::string> ReadAll(const std::string& path);
void SyncDirectoryOf(const std::string& path);

}  // namespace ocean::live_events::journal_file
