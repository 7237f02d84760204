#include "core/json.h"
#include "core/json_write.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace core {

Result<json::value> ParseJson(std::string_view text, std::string_view what) {
  boost::system::error_code ec;
  // One parser per thread: its value stack and buffers are kept from one document to the next
  // (a fresh parser allocated them for every response; issue 13.2).
  thread_local json::stream_parser p({}, [] {
    json::parse_options opts;
    opts.max_depth = 256;
    return opts;
  }());
  p.reset();
  std::size_t n = p.write_some(text.data(), text.size(), ec);
  if (!ec) p.finish(ec);
  if (ec) {
    return Status::ParseError(std::string(what) + ": invalid JSON at byte " + std::to_string(n) +
                              ": " + ec.message());
  }
  return p.release();
}

namespace {

// Characters a JSON string must escape: controls, '"' and '\\'; jq's printer also DEL.
constexpr std::array<bool, 256> EscapeTable(bool del) {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = t['\\'] = true;
  t[0x7F] = del;
  return t;
}
constexpr std::array<bool, 256> kNeedsEscape = EscapeTable(false);
constexpr std::array<bool, 256> kNeedsEscapeJq = EscapeTable(true);

// Eight bytes at a time: whether any of them is a control character, '"' or '\\' (exact for
// "any": a borrow can only mark a byte above one that really matches). Bytes >= 0x80 (UTF-8)
// never match.
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
inline bool AnyNeedsEscape(std::uint64_t w) {
  const std::uint64_t controls = (w - kOnes * 0x20) & ~w;
  const std::uint64_t q = w ^ (kOnes * '"');
  const std::uint64_t b = w ^ (kOnes * '\\');
  const std::uint64_t quotes = (q - kOnes) & ~q;
  const std::uint64_t backslashes = (b - kOnes) & ~b;
  return ((controls | quotes | backslashes) & kHighs) != 0;
}
// Whether any of the eight bytes is DEL (0x7F), exact for "any" as above.
inline bool AnyDel(std::uint64_t w) {
  const std::uint64_t d = w ^ (kOnes * 0x7F);
  return (((d - kOnes) & ~d) & kHighs) != 0;
}

// Appends runs of characters that need no escaping in bulk (issue 13.2: the writer used to push
// one character at a time). Clean stretches are skipped eight bytes per step (the raw JSON of
// a resync is ~0.4 GB of mostly plain strings); space is reserved once. kJq: jq's printer, which
// also escapes DEL.
template <bool kJq = false>
void WriteString(std::string_view s, std::string& out) {
  constexpr const std::array<bool, 256>& needs_escape = kJq ? kNeedsEscapeJq : kNeedsEscape;
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  const char* run = s.data();
  const char* const end = s.data() + s.size();
  const char* p = run;
  while (p < end) {
    if (end - p >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      if (!AnyNeedsEscape(w) && !(kJq && AnyDel(w))) [[likely]] {
        p += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(*p);
    if (!needs_escape[c]) {
      ++p;
      continue;
    }
    out.append(run, static_cast<std::size_t>(p - run));
    run = ++p;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char buf[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
        out.append(buf, sizeof buf);
      }
    }
  }
  out.append(run, static_cast<std::size_t>(end - run));
  out.push_back('"');
}

template <typename Int>
void WriteInt(Int v, std::string& out) {
  char buf[24];
  std::to_chars_result r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

// Python's repr(float): shortest round-trip digits; exponent form outside [1e-4, 1e16).
void WriteDouble(double d, std::string& out) {
  if (std::isnan(d) || std::isinf(d)) {  // not valid JSON; Python would write NaN/Infinity
    out += "null";
    return;
  }
  char buf[64];
  double a = std::fabs(d);
  std::to_chars_result r;
  if (a != 0 && (a < 1e-4 || a >= 1e16)) {
    r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  } else {
    r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
  }
  std::string_view s(buf, r.ptr - buf);
  out += s;
  if (s.find_first_of(".e") == std::string_view::npos) out += ".0";
}

// Writing a listed resource's JSON is bound by memory latency, not by the writer: its keys,
// strings and nested tables are separate heap blocks, written long after they were parsed
// (profile: loads of those blocks took most of WriteJson's time). The writer asks for a member
// a few places ahead while it writes the current one. Only addresses held in the value itself
// are touched here (a string's characters, a container's table), never the blocks themselves.
constexpr std::size_t kPrefetchAhead = 2;

inline void PrefetchValue(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string: __builtin_prefetch(v.get_string().data()); break;
    case json::kind::object: __builtin_prefetch(v.get_object().begin()); break;
    case json::kind::array: __builtin_prefetch(v.get_array().data()); break;
    default: break;
  }
}

}  // namespace

void WriteJsonString(std::string_view s, std::string& out, JsonStringStyle style) {
  if (style == JsonStringStyle::kJq) {
    WriteString<true>(s, out);
  } else {
    WriteString(s, out);
  }
}

void WriteJson(const json::value& v, std::string& out) {
  switch (v.kind()) {
    case json::kind::null: out += "null"; break;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case json::kind::int64: WriteInt(v.get_int64(), out); break;
    case json::kind::uint64: WriteInt(v.get_uint64(), out); break;
    case json::kind::double_: WriteDouble(v.get_double(), out); break;
    case json::kind::string: WriteString(v.get_string(), out); break;
    case json::kind::array: {
      const json::array& a = v.get_array();
      out.push_back('[');
      for (std::size_t i = 0, n = a.size(); i < n; ++i) {
        if (i + kPrefetchAhead < n) PrefetchValue(a[i + kPrefetchAhead]);
        if (i > 0) out.push_back(',');
        WriteJson(a[i], out);
      }
      out.push_back(']');
      break;
    }
    case json::kind::object: {
      const json::object& o = v.get_object();
      out.push_back('{');
      const json::key_value_pair* const begin = o.begin();
      const json::key_value_pair* const end = o.end();
      for (const json::key_value_pair* kv = begin; kv != end; ++kv) {
        if (static_cast<std::size_t>(end - kv) > kPrefetchAhead) {
          const json::key_value_pair& next = kv[kPrefetchAhead];
          __builtin_prefetch(next.key().data());
          PrefetchValue(next.value());
        }
        if (kv != begin) out.push_back(',');
        WriteString(kv->key(), out);
        out.push_back(':');
        WriteJson(kv->value(), out);
      }
      out.push_back('}');
      break;
    }
  }
}

namespace {

void WritePretty(const json::value& v, int indent, int depth, std::string& out) {
  auto newline = [&](int d) {
    out.push_back('\n');
    out.append(static_cast<size_t>(indent) * d, ' ');
  };
  if (v.is_array() && !v.get_array().empty()) {
    out.push_back('[');
    bool first = true;
    for (const auto& e : v.get_array()) {
      if (!first) out.push_back(',');
      first = false;
      newline(depth + 1);
      WritePretty(e, indent, depth + 1, out);
    }
    newline(depth);
    out.push_back(']');
  } else if (v.is_object() && !v.get_object().empty()) {
    out.push_back('{');
    bool first = true;
    for (const auto& kv : v.get_object()) {
      if (!first) out.push_back(',');
      first = false;
      newline(depth + 1);
      WriteString(kv.key(), out);
      out += ": ";
      WritePretty(kv.value(), indent, depth + 1, out);
    }
    newline(depth);
    out.push_back('}');
  } else {
    WriteJson(v, out);
  }
}

}  // namespace

std::string WriteJsonPretty(const json::value& v, int indent) {
  std::string out;
  WritePretty(v, indent, 0, out);
  return out;
}

std::string WriteJson(const json::value& v) {
  std::string out;
  WriteJson(v, out);
  return out;
}

const json::value* Find(const json::object& o, std::string_view key) { return o.if_contains(key); }

const json::object* FindObject(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v ? v->if_object() : nullptr;
}

const json::array* FindArray(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v ? v->if_array() : nullptr;
}

std::string_view FindString(const json::object& o, std::string_view key,
                            std::string_view fallback) {
  const json::value* v = o.if_contains(key);
  if (v && v->is_string()) return v->get_string();
  return fallback;
}

}  // namespace core
