// Result<T>: either a value of type T or a non-OK Status (C++20 has no std::expected).
//
// Usage:
//   Result<int> Parse(std::string_view s);
//   auto r = Parse("42");
//   if (!r.ok()) return r.status();
//   int v = *r;
//
// Thread-safety: a value type; same rules as T.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "core/status.h"

namespace core {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT: implicit by design
    // REQUIRES: !status.ok(); an OK status carries no value.
    if (std::get<Status>(v_).ok()) v_ = Status::Internal("Result constructed from OK status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }

  // REQUIRES: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace core

// Evaluates `rexpr` (a Result<T>); on error returns its Status, else moves the value into `lhs`.
#define CORE_ASSIGN_OR_RETURN(lhs, rexpr) \
  CORE_ASSIGN_OR_RETURN_IMPL_(CORE_CONCAT_(_res_, __LINE__), lhs, rexpr, return)
// Same, for coroutines.
#define CORE_CO_ASSIGN_OR_RETURN(lhs, rexpr) \
  CORE_ASSIGN_OR_RETURN_IMPL_(CORE_CONCAT_(_res_, __LINE__), lhs, rexpr, co_return)
#define CORE_CONCAT_INNER_(a, b) a##b
#define CORE_CONCAT_(a, b) CORE_CONCAT_INNER_(a, b)
#define CORE_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr, ret) \
  auto tmp = (rexpr);                                     \
  if (!tmp.ok()) ret tmp.status();                        \
  lhs = std::move(tmp).value()
