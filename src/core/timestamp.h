// Timestamps as AWS sends them and as upstream (boto3 + pydantic) renders them.
//
// A Timestamp is microseconds since the Unix epoch, UTC. AWS sends timestamps in three wire
// formats (ISO-8601 in XML and some JSON, epoch seconds in JSON, RFC-1123 in headers); every one is
// parsed into a Timestamp and rendered back with FormatUpstream(), which is what users' jq
// mappings see: "2024-01-02T03:04:05Z", or "2024-01-02T03:04:05.123000Z" when the fraction is
// non-zero (pydantic's rendering of botocore's tz-aware datetimes).
//
// Thread-safety: pure functions.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace core {

struct Timestamp {
  int64_t micros = 0;  // since 1970-01-01T00:00:00Z
  friend bool operator==(Timestamp, Timestamp) = default;
};

Result<Timestamp> ParseIso8601(std::string_view s);   // 2024-01-02T03:04:05.123Z, +hh:mm offsets
Result<Timestamp> ParseHttpDate(std::string_view s);  // Tue, 02 Jan 2024 03:04:05 GMT
Timestamp FromEpochSeconds(double seconds);            // rounded to the microsecond
Timestamp FromTimePoint(std::chrono::system_clock::time_point tp);  // truncated to the microsecond
// Any of the above, guessed from the text (a number is epoch seconds).
Result<Timestamp> ParseAnyTimestamp(std::string_view s);

std::string FormatUpstream(Timestamp t);  // 2024-01-02T03:04:05[.123000]Z
std::string FormatIso8601Millis(Timestamp t);  // 2024-01-02T03:04:05.123Z (request serialization)
std::string FormatHttpDate(Timestamp t);  // Tue, 02 Jan 2024 03:04:05 GMT
std::string FormatAmzDate(Timestamp t);   // 20240102T030405Z (SigV4)
double ToEpochSeconds(Timestamp t);

}  // namespace core
