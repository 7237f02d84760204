#include "ocean/mapping/jv_value.h"

#include <cfloat>
#include <cmath>
#include <cstdint>

namespace ocean::mapping {

json::value NumberFromDouble(double d) {
  if (std::isnan(d)) return nullptr;
  if (std::isinf(d)) return d > 0 ? DBL_MAX : -DBL_MAX;
  // 2^63 is exactly representable; every integral double in [-2^63, 2^63) fits in int64.
  if (d == std::trunc(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0) {
    return static_cast<std::int64_t>(d);
  }
  return d;
}

const JvValue& LazyJv::jv() const {
  if (!jv_) jv_.emplace(ToJv(item_));
  return *jv_;
}

JvValue ToJv(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return JvValue(jv_null());
    case json::kind::bool_:
      return JvValue(jv_bool(v.get_bool()));
    case json::kind::int64:
      return JvValue(jv_number(static_cast<double>(v.get_int64())));
    case json::kind::uint64:
      return JvValue(jv_number(static_cast<double>(v.get_uint64())));
    case json::kind::double_:
      return JvValue(jv_number(v.get_double()));
    case json::kind::string: {
      const json::string& s = v.get_string();
      return JvValue(jv_string_sized(s.data(), static_cast<int>(s.size())));
    }
    case json::kind::array: {
      const json::array& a = v.get_array();
      jv out = jv_array_sized(static_cast<int>(a.size()));
      for (const json::value& e : a) out = jv_array_append(out, ToJv(e).release());
      return JvValue(out);
    }
    case json::kind::object: {
      jv out = jv_object();
      for (const auto& kv : v.get_object()) {
        jv key = jv_string_sized(kv.key().data(), static_cast<int>(kv.key().size()));
        out = jv_object_set(out, key, ToJv(kv.value()).release());
      }
      return JvValue(out);
    }
  }
  return JvValue(jv_null());
}

json::value FromJv(jv x) {
  switch (jv_get_kind(x)) {
    case JV_KIND_INVALID:
    case JV_KIND_NULL:
      return nullptr;
    case JV_KIND_FALSE:
      return false;
    case JV_KIND_TRUE:
      return true;
    case JV_KIND_NUMBER:
      return NumberFromDouble(jv_number_value(x));
    case JV_KIND_STRING: {
      int n = jv_string_length_bytes(jv_copy(x));
      return json::string(std::string_view(jv_string_value(x), static_cast<std::size_t>(n)));
    }
    case JV_KIND_ARRAY: {
      int n = jv_array_length(jv_copy(x));
      json::array out;
      out.reserve(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) {
        JvValue e(jv_array_get(jv_copy(x), i));
        out.push_back(FromJv(e.get()));
      }
      return out;
    }
    case JV_KIND_OBJECT: {
      json::object out;
      for (int it = jv_object_iter(x); jv_object_iter_valid(x, it); it = jv_object_iter_next(x, it)) {
        JvValue key(jv_object_iter_key(x, it));
        JvValue val(jv_object_iter_value(x, it));
        int n = jv_string_length_bytes(key.copy());
        out.insert_or_assign(std::string_view(jv_string_value(key.get()), static_cast<std::size_t>(n)),
                             FromJv(val.get()));
      }
      return out;
    }
  }
  return nullptr;
}

}  // namespace ocean::mapping
