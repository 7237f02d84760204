// JvValue: an owning handle on one libjq value (jv), and direct conversion between Boost.JSON and
// jv without a text round trip.
//
// libjq values are reference counted and every jv function consumes its arguments; JvValue holds
// exactly one reference and releases it on destruction, so callers never juggle jv_copy/jv_free.
//
// Numbers: jq 1.6 stores every number as a double. ToJv converts int64/uint64 to double (exact up
// to 2^53). FromJv returns an int64 when the double is integral and fits in int64, else a double;
// NaN becomes null and +/-infinity become +/-DBL_MAX (what jq itself prints).
//
// Thread-safety: a JvValue must not be shared between threads (libjq's refcounts are not atomic).
#pragma once

#include <optional>
#include <string_view>

extern "C" {
#include <jv.h>
}

#include "core/json.h"

namespace ocean::mapping {

class JvValue {
 public:
  JvValue() : v_(jv_invalid()) {}
  explicit JvValue(jv v) : v_(v) {}  // takes ownership of `v`
  JvValue(const JvValue& o) : v_(jv_copy(o.v_)) {}
  JvValue(JvValue&& o) noexcept : v_(o.v_) { o.v_ = jv_invalid(); }
  JvValue& operator=(JvValue o) noexcept {
    jv t = v_;
    v_ = o.v_;
    o.v_ = t;
    return *this;
  }
  ~JvValue() { jv_free(v_); }

  jv get() const { return v_; }          // borrowed: do not pass to a consuming jv function
  jv copy() const { return jv_copy(v_); }  // a new reference for consuming functions
  jv release() {
    jv r = v_;
    v_ = jv_invalid();
    return r;
  }
  jv_kind kind() const { return jv_get_kind(v_); }

 private:
  jv v_;
};

// An item and its jv, converted on first use: mappings whose leaves are all native
// (native_leaf.h) never pay for the conversion. Not thread-safe; `item` must outlive it.
class LazyJv {
 public:
  explicit LazyJv(const json::value& item) : item_(item) {}
  const json::value& item() const { return item_; }
  const JvValue& jv() const;

 private:
  const json::value& item_;
  mutable std::optional<JvValue> jv_;
};

// Converts a Boost.JSON value to a new jv.
JvValue ToJv(const json::value& v);

// Converts a jv (borrowed, not consumed) to Boost.JSON. An invalid jv becomes null.
json::value FromJv(jv borrowed);

// A number as this module returns it: int64 when integral and in range, else double.
json::value NumberFromDouble(double d);

}  // namespace ocean::mapping
