#include "model_synth.h"

#include <cctype>

#include "ids.h"

namespace fakeaws {

namespace am = aws::model;

namespace {

constexpr int kMaxDepth = 4;        // members deeper than this are left out
constexpr int kMaxContainer = 3;    // lists and maps deeper than this are left out
constexpr int64_t kEpoch = 1'650'000'000;

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) {
      return false;
    }
  }
  return true;
}

json::value StringFor(std::string_view member, uint64_t h, const SynthScope& sc) {
  if (sc.identity_members) {
    for (const std::string& m : *sc.identity_members) {
      if (m == member) return json::string(sc.identity);
    }
  }
  if (EndsWithNoCase(member, "arn") || EndsWithNoCase(member, "arns")) {
    std::string lower;
    for (char c : member) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return json::string("arn:aws:" + std::string(sc.service) + ":" + std::string(sc.region) + ":" +
                        std::string(sc.account) + ":" + lower + "/" + std::string(sc.marker));
  }
  if (EndsWithNoCase(member, "name") || EndsWithNoCase(member, "names")) {
    return json::string(sc.marker);
  }
  if (EndsWithNoCase(member, "status") || EndsWithNoCase(member, "state")) {
    return json::string("ACTIVE");
  }
  std::string s(member.empty() ? "value" : member);
  s += '-';
  AppendHex(s, h & 0xffffff, 6);
  return json::string(s);
}

}  // namespace

json::value Synthesize(const am::Shape* shape, std::string_view member, uint64_t h,
                       const SynthScope& sc, int depth) {
  if (!shape) return nullptr;
  if (shape->document) return json::object();
  switch (shape->type) {
    case am::ShapeType::kStructure: {
      json::object o;
      for (const am::Member& m : shape->members) {
        if (m.location != am::Location::kBody || !m.shape || m.shape->exception ||
            m.shape->streaming || m.shape->event_stream) {
          continue;
        }
        bool container = m.shape->type == am::ShapeType::kList ||
                         m.shape->type == am::ShapeType::kMap ||
                         m.shape->type == am::ShapeType::kStructure;
        if (depth + 1 > kMaxDepth || (container && depth + 1 > kMaxContainer)) continue;
        if (shape->is_union && !o.empty()) break;  // a union sets one member
        o[m.name] = Synthesize(m.shape, m.name, Mix(h, HashString(m.name)), sc, depth + 1);
      }
      return o;
    }
    case am::ShapeType::kList: {
      json::array a;
      a.push_back(Synthesize(shape->member().shape, member, Mix(h, 1), sc, depth + 1));
      return a;
    }
    case am::ShapeType::kMap: {
      json::object o;
      std::string key = "key-";
      AppendHex(key, h & 0xfff, 3);
      o[key] = Synthesize(shape->value().shape, member, Mix(h, 2), sc, depth + 1);
      return o;
    }
    case am::ShapeType::kInteger:
    case am::ShapeType::kLong: {
      int64_t lo = shape->min, hi = shape->max > shape->min ? shape->max : lo + 1000;
      return lo + static_cast<int64_t>(h % static_cast<uint64_t>(hi - lo + 1));
    }
    case am::ShapeType::kFloat:
    case am::ShapeType::kDouble:
      return static_cast<double>(h % 1000) / 10.0;
    case am::ShapeType::kBoolean:
      return (h & 1) != 0;
    case am::ShapeType::kTimestamp:
      return kEpoch + static_cast<int64_t>(h % 90'000'000);
    case am::ShapeType::kBlob:
      return json::string("AAAA");
    case am::ShapeType::kString:
      return StringFor(member, h, sc);
  }
  return nullptr;
}

const json::value* GetPath(const json::value& v, std::string_view path) {
  if (path.empty() || path == "@") return &v;
  const json::value* cur = &v;
  while (!path.empty()) {
    size_t dot = path.find('.');
    std::string_view key = path.substr(0, dot);
    const json::object* o = cur->if_object();
    if (!o) return nullptr;
    cur = o->if_contains(key);
    if (!cur) return nullptr;
    path = dot == path.npos ? std::string_view() : path.substr(dot + 1);
  }
  return cur;
}

json::value* GetPath(json::value& v, std::string_view path) {
  return const_cast<json::value*>(GetPath(static_cast<const json::value&>(v), path));
}

void SetPath(json::value& v, std::string_view path, json::value value) {
  if (path.empty() || path == "@") {
    v = std::move(value);
    return;
  }
  json::value* cur = &v;
  while (true) {
    if (!cur->is_object()) *cur = json::object();
    size_t dot = path.find('.');
    std::string_view key = path.substr(0, dot);
    json::value& next = cur->as_object()[key];
    if (dot == path.npos) {
      next = std::move(value);
      return;
    }
    cur = &next;
    path = path.substr(dot + 1);
  }
}

}  // namespace fakeaws
