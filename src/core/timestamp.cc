#include "core/timestamp.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace core {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Civil {
  int y, mo, d, h, mi, s;
  int64_t micros;  // fraction of the second
  int weekday;     // 0 = Sunday
};

int64_t DaysFromCivil(int y, int mo, int d) {
  auto ymd = year(y) / month(mo) / day(d);
  return std::chrono::sys_days(ymd).time_since_epoch().count();
}

Civil ToCivil(Timestamp t) {
  int64_t secs = t.micros / kMicrosPerSecond;
  int64_t frac = t.micros % kMicrosPerSecond;
  if (frac < 0) {
    frac += kMicrosPerSecond;
    --secs;
  }
  int64_t days = secs / 86400;
  int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  std::chrono::sys_days sd{std::chrono::days(days)};
  std::chrono::year_month_day ymd(sd);
  std::chrono::weekday wd(sd);
  return Civil{int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day())),
               int(rem / 3600), int(rem % 3600 / 60), int(rem % 60), frac,
               int(wd.c_encoding())};
}

bool ReadInt(std::string_view s, size_t& pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  auto r = std::from_chars(s.data() + pos, s.data() + pos + n, out);
  if (r.ec != std::errc() || r.ptr != s.data() + pos + n) return false;
  pos += n;
  return true;
}

bool Expect(std::string_view s, size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

Result<Timestamp> Make(int y, int mo, int d, int h, int mi, int sec, int64_t micros,
                       int64_t offset_seconds, std::string_view original) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || sec > 60) {
    return Status::ParseError("timestamp out of range: '" + std::string(original) + "'");
  }
  if (!(year(y) / month(mo) / day(d)).ok()) {
    return Status::ParseError("no such date: '" + std::string(original) + "'");
  }
  int64_t secs = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset_seconds;
  return Timestamp{secs * kMicrosPerSecond + micros};
}

}  // namespace

Result<Timestamp> ParseIso8601(std::string_view s) {
  auto bad = [&] { return Status::ParseError("not an ISO-8601 timestamp: '" + std::string(s) + "'"); };
  size_t p = 0;
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!ReadInt(s, p, 4, y) || !Expect(s, p, '-') || !ReadInt(s, p, 2, mo) || !Expect(s, p, '-') ||
      !ReadInt(s, p, 2, d)) {
    return bad();
  }
  int64_t micros = 0;
  int64_t offset = 0;
  if (p < s.size() && (s[p] == 'T' || s[p] == 't' || s[p] == ' ')) {
    ++p;
    if (!ReadInt(s, p, 2, h) || !Expect(s, p, ':') || !ReadInt(s, p, 2, mi)) return bad();
    if (Expect(s, p, ':') && !ReadInt(s, p, 2, sec)) return bad();
    if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
      ++p;
      int64_t scale = 100000;
      size_t digits = 0;
      while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
        if (scale > 0) micros += (s[p] - '0') * scale;  // digits past microseconds are dropped
        scale /= 10;
        ++p;
        ++digits;
      }
      if (digits == 0) return bad();
    }
    if (p < s.size()) {
      if (s[p] == 'Z' || s[p] == 'z') {
        ++p;
      } else if (s[p] == '+' || s[p] == '-') {
        int sign = s[p] == '-' ? -1 : 1;
        ++p;
        int oh, om = 0;
        if (!ReadInt(s, p, 2, oh)) return bad();
        Expect(s, p, ':');
        if (p < s.size() && !ReadInt(s, p, 2, om)) return bad();
        offset = sign * (oh * 3600 + om * 60);
      }
    }
  }
  if (p != s.size()) return bad();
  return Make(y, mo, d, h, mi, sec, micros, offset, s);
}

Result<Timestamp> ParseHttpDate(std::string_view s) {
  // "Tue, 02 Jan 2024 03:04:05 GMT"
  auto bad = [&] { return Status::ParseError("not an HTTP date: '" + std::string(s) + "'"); };
  size_t comma = s.find(", ");
  if (comma == std::string_view::npos) return bad();
  size_t p = comma + 2;
  int d, y, h, mi, sec;
  if (!ReadInt(s, p, 2, d) || !Expect(s, p, ' ') || p + 3 > s.size()) return bad();
  int mo = 0;
  for (int i = 0; i < 12; ++i) {
    if (s.substr(p, 3) == kMonths[i]) mo = i + 1;
  }
  if (mo == 0) return bad();
  p += 3;
  if (!Expect(s, p, ' ') || !ReadInt(s, p, 4, y) || !Expect(s, p, ' ') || !ReadInt(s, p, 2, h) ||
      !Expect(s, p, ':') || !ReadInt(s, p, 2, mi) || !Expect(s, p, ':') || !ReadInt(s, p, 2, sec)) {
    return bad();
  }
  std::string_view zone = s.substr(p);
  if (zone != " GMT" && zone != " UTC" && zone != "") return bad();
  return Make(y, mo, d, h, mi, sec, 0, 0, s);
}

Timestamp FromTimePoint(std::chrono::system_clock::time_point tp) {
  return Timestamp{
      std::chrono::duration_cast<std::chrono::microseconds>(tp.time_since_epoch()).count()};
}

Timestamp FromEpochSeconds(double seconds) {
  return Timestamp{static_cast<int64_t>(std::llround(seconds * kMicrosPerSecond))};
}

Result<Timestamp> ParseAnyTimestamp(std::string_view s) {
  if (!s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-')) {
    double v;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return FromEpochSeconds(v);
  }
  if (s.find(',') != std::string_view::npos) return ParseHttpDate(s);
  return ParseIso8601(s);
}

namespace {

// The digits of `v` (0 <= v < 10^n), zero-padded to n characters, at `p`; returns the end.
char* PutDigits(char* p, int64_t v, int n) {
  for (int i = n - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + n;
}

// "YYYY-MM-DDTHH:MM:SS" at `p`; returns the end. Written by hand: a resync formats every
// timestamp of every answer (EC2 instances carry several), and snprintf cost ~1 % of the `cpu`
// scenario's CPU (issue 13.2). A year outside 0-9999 is written as printf's %04d writes it
// (wider, or signed), as it always was.
char* PutIsoSeconds(char* p, const Civil& c) {
  if (c.y >= 0 && c.y <= 9999) {
    p = PutDigits(p, c.y, 4);
  } else {
    p += std::snprintf(p, 16, "%04d", c.y);
  }
  *p++ = '-';
  p = PutDigits(p, c.mo, 2);
  *p++ = '-';
  p = PutDigits(p, c.d, 2);
  *p++ = 'T';
  p = PutDigits(p, c.h, 2);
  *p++ = ':';
  p = PutDigits(p, c.mi, 2);
  *p++ = ':';
  return PutDigits(p, c.s, 2);
}

}  // namespace

std::string FormatUpstream(Timestamp t) {
  Civil c = ToCivil(t);
  char buf[48];
  char* p = PutIsoSeconds(buf, c);
  if (c.micros != 0) {
    *p++ = '.';
    p = PutDigits(p, c.micros, 6);
  }
  *p++ = 'Z';
  return std::string(buf, p);
}

std::string FormatIso8601Millis(Timestamp t) {
  Civil c = ToCivil(t);
  char buf[48];
  char* p = PutIsoSeconds(buf, c);
  *p++ = '.';
  p = PutDigits(p, c.micros / 1000, 3);
  *p++ = 'Z';
  return std::string(buf, p);
}

std::string FormatHttpDate(Timestamp t) {
  Civil c = ToCivil(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kWeekdays[c.weekday], c.d,
                kMonths[c.mo - 1], c.y, c.h, c.mi, c.s);
  return buf;
}

std::string FormatAmzDate(Timestamp t) {
  Civil c = ToCivil(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", c.y, c.mo, c.d, c.h, c.mi, c.s);
  return buf;
}

double ToEpochSeconds(Timestamp t) { return static_cast<double>(t.micros) / kMicrosPerSecond; }

}  // namespace core
