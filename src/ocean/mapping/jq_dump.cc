#include "ocean/mapping/jq_dump.h"

#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace ocean::mapping {
namespace {

constexpr int kMaxDepth = 64;

// jq 1.6's jvp_dtoa_fmt over the shortest round-trip digits (std::to_chars gives the same digits
// as David Gay's dtoa in mode 0, which jq uses: checked on millions of random doubles).
void AppendJqNumber(double d, std::string& out) {
  if (std::isnan(d)) {
    out += "null";
    return;
  }
  if (d > DBL_MAX) d = DBL_MAX;
  if (d < -DBL_MAX) d = -DBL_MAX;
  if (std::signbit(d)) {
    out += '-';
    d = -d;
  }
  char buf[64];
  const std::to_chars_result r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  const std::string_view sci(buf, static_cast<std::size_t>(r.ptr - buf));  // d[.ddd]e[+-]XX
  const std::size_t e = sci.find('e');
  char digits[32];
  int nd = 0;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits[nd++] = c;
  }
  int exp10 = 0;
  std::from_chars(sci.data() + e + (sci[e + 1] == '+' ? 2 : 1), sci.data() + sci.size(), exp10);
  const int decpt = exp10 + 1;  // dtoa's decimal point position
  if (decpt <= -4 || decpt > nd + 15) {
    out += digits[0];
    if (nd > 1) {
      out += '.';
      out.append(digits + 1, static_cast<std::size_t>(nd - 1));
    }
    out += 'e';
    int x = decpt - 1;
    if (x < 0) {
      out += '-';
      x = -x;
    } else {
      out += '+';
    }
    if (x < 10) out += '0';
    char xb[8];
    const std::to_chars_result xr = std::to_chars(xb, xb + sizeof xb, x);
    out.append(xb, xr.ptr);
  } else if (decpt <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-decpt), '0');
    out.append(digits, static_cast<std::size_t>(nd));
  } else if (nd <= decpt) {
    out.append(digits, static_cast<std::size_t>(nd));
    out.append(static_cast<std::size_t>(decpt - nd), '0');
  } else {
    out.append(digits, static_cast<std::size_t>(decpt));
    out += '.';
    out.append(digits + decpt, static_cast<std::size_t>(nd - decpt));
  }
}

// jq's jvp_dump_string without ASCII-only output; `s` is valid UTF-8 (checked by the caller).
void AppendJqString(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the bytes copied as they are
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

bool DumpJq(const json::value& v, std::string& out, int depth) {
  if (depth > kMaxDepth) return false;
  switch (v.kind()) {
    case json::kind::null: out += "null"; return true;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; return true;
    case json::kind::int64: AppendJqNumber(static_cast<double>(v.get_int64()), out); return true;
    case json::kind::uint64: AppendJqNumber(static_cast<double>(v.get_uint64()), out); return true;
    case json::kind::double_: AppendJqNumber(v.get_double(), out); return true;
    case json::kind::string:
      if (!JqValidUtf8(v.get_string())) return false;
      AppendJqString(v.get_string(), out);
      return true;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const json::value& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        if (!DumpJq(e, out, depth + 1)) return false;
      }
      out += ']';
      return true;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out += ',';
        first = false;
        if (!JqValidUtf8(kv.key())) return false;
        AppendJqString(kv.key(), out);
        out += ':';
        if (!DumpJq(kv.value(), out, depth + 1)) return false;
      }
      out += '}';
      return true;
    }
  }
  return false;
}

}  // namespace

bool AppendJqDump(const json::value& v, std::string& out) { return DumpJq(v, out, 0); }

bool JqValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char* end = p + s.size();
  while (p < end) {
    if (end - p >= 8) {  // eight ASCII bytes at a time (most strings are ASCII only)
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      if ((w & 0x8080808080808080ULL) == 0) {
        p += 8;
        continue;
      }
    }
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += n + 1;
  }
  return true;
}

}  // namespace ocean::mapping
