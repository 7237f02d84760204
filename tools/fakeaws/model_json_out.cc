// The JSON writer of the generic responder (model_wire.h WriteModelJson): a boto3-shaped value
// written as json 1.0/1.1 and rest-json bodies carry it, driven by the shape: wire names for
// members, only body members, maps and lists recursively, timestamps as epoch seconds unless the
// shape or member says iso8601, documents as they are.
//
// Thread-safety: pure functions of the (immutable) model.
#include "ids.h"
#include "model_wire.h"

namespace fakeaws {

namespace am = aws::model;

namespace {

int64_t Seconds(const json::value& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64()) return static_cast<int64_t>(v.get_uint64());
  if (v.is_double()) return static_cast<int64_t>(v.get_double());
  return 0;
}

bool IsoTimestamp(const am::Shape* s, const am::Member* m) {
  std::string_view f = m && !m->timestamp_format.empty() ? std::string_view(m->timestamp_format)
                                                          : std::string_view(s->timestamp_format);
  return f == "iso8601";
}

}  // namespace

void WriteModelJson(std::string& o, const am::Shape* s, const json::value& v, const am::Member* m) {
  if (!s || s->document) {
    core::WriteJson(v, o);
    return;
  }
  switch (s->type) {
    case am::ShapeType::kStructure: {
      o += '{';
      bool first = true;
      if (const json::object* obj = v.if_object()) {
        for (const am::Member& mem : s->members) {
          if (mem.location != am::Location::kBody) continue;
          const json::value* mv = obj->if_contains(mem.name);
          if (!mv) continue;
          if (!first) o += ',';
          first = false;
          o += '"';
          AppendJsonEscaped(o, mem.WireName(mem.name));
          o += "\":";
          WriteModelJson(o, mem.shape, *mv, &mem);
        }
      }
      o += '}';
      return;
    }
    case am::ShapeType::kList: {
      o += '[';
      if (const json::array* a = v.if_array()) {
        for (size_t i = 0; i < a->size(); ++i) {
          if (i) o += ',';
          WriteModelJson(o, s->member().shape, (*a)[i], &s->member());
        }
      }
      o += ']';
      return;
    }
    case am::ShapeType::kMap: {
      o += '{';
      if (const json::object* obj = v.if_object()) {
        bool first = true;
        for (const auto& e : *obj) {
          if (!first) o += ',';
          first = false;
          o += '"';
          AppendJsonEscaped(o, e.key());
          o += "\":";
          WriteModelJson(o, s->value().shape, e.value(), &s->value());
        }
      }
      o += '}';
      return;
    }
    case am::ShapeType::kTimestamp:
      if (IsoTimestamp(s, m)) {
        o += '"';
        AppendIsoTime(o, Seconds(v));
        o += '"';
      } else {
        AppendUint(o, static_cast<uint64_t>(Seconds(v)));
      }
      return;
    default:
      if (v.is_string()) {
        o += '"';
        AppendJsonEscaped(o, v.get_string());
        o += '"';
      } else {
        core::WriteJson(v, o);
      }
  }
}

}  // namespace fakeaws
