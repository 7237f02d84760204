#include "ocean/mapping/leaf_set.h"

#include <cstdint>

#include "ocean/mapping/jq_syntax_compat.h"
#include "ocean/mapping/jv_value.h"

namespace ocean::mapping {
namespace {

std::string CombinedBody(const std::vector<std::string>& bodies) {
  std::string text = "[";
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    if (i > 0) text += ", ";
    // The newline ends a trailing `# comment` in the leaf.
    text += "(try [first(" + bodies[i] + "\n)] catch [null, .])";
  }
  text += "]";
  return text;
}

}  // namespace

LeafSet::LeafSet(std::vector<MappingLeaf> leaves, JqOptions options)
    : leaves_(std::move(leaves)), options_(options), native_(leaves_.size()), standalone_(leaves_.size()) {
  program_of_.resize(leaves_.size());
  for (std::size_t i = 0; i < leaves_.size(); ++i) {
    program_of_[i] = i;
    for (std::size_t j = 0; j < i; ++j) {
      if (leaves_[j].expression == leaves_[i].expression) {
        program_of_[i] = j;
        break;
      }
    }
  }
}

std::size_t LeafSet::native_count() const {
  std::size_t n = 0;
  for (const auto& leaf : native_) n += leaf.has_value() ? 1 : 0;
  return n;
}

core::Result<LeafSet> LeafSet::Compile(const std::vector<MappingLeaf>& leaves, const JqOptions& options) {
  LeafSet set(leaves, options);
  std::vector<std::string> bodies;
  bool self_contained = true;
  for (const MappingLeaf& leaf : leaves) {
    bodies.push_back(NormalizeSingleQuotes(leaf.expression));
    self_contained = self_contained && IsSelfContained(bodies.back());
  }
  bool any_native = false;
  if (options.native_leaves) {
    for (std::size_t i = 0; i < leaves.size(); ++i) {
      set.native_[i] = NativeLeaf::Parse(bodies[i]);
      any_native = any_native || set.native_[i].has_value();
    }
  }
  const bool want_combined =
      options.combine_leaves && !any_native && self_contained && leaves.size() >= 2;
  if (want_combined) {
    // Usual case: every leaf compiles as written, so one compile checks them all.
    core::Result<JqProgram> all = JqProgram::CompileBody(CombinedBody(bodies), "<combined leaves>", options);
    if (all.ok()) {
      set.combined_ = std::move(*all);
      return set;
    }
  }
  // Compile each leaf on its own: names the failing field, and applies syntax rewrites. Native
  // leaves are valid jq by construction and get their program only if an item ever needs it
  // (EvaluateOne): compiling with libjq 1.6 costs milliseconds per leaf (it re-parses its
  // builtins), which was ~10 % of a resync's CPU.
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    if (set.native_[i]) continue;
    if (const std::size_t same = set.program_of_[i]; same != i) {  // compiled already
      bodies[i] = bodies[same];
      continue;
    }
    core::Result<JqProgram> one = JqProgram::Compile(leaves[i].expression, options);
    if (!one.ok()) {
      return core::Status::InvalidArgument("field " + leaves[i].field + " (" + leaves[i].expression +
                                           "): " + one.status().message());
    }
    bodies[i] = one->body();
    set.standalone_[i] = std::move(*one);
  }
  if (want_combined) {
    core::Result<JqProgram> all = JqProgram::CompileBody(CombinedBody(bodies), "<combined leaves>", options);
    if (all.ok()) set.combined_ = std::move(*all);
  }
  return set;
}

json::value LeafSet::EvaluateOne(std::size_t i, const JvValue& input,
                                 std::vector<LeafFailure>& failures) const {
  const std::size_t p = program_of_[i];
  if (!standalone_[p]) {
    core::Result<JqProgram> one = JqProgram::Compile(leaves_[p].expression, options_);
    if (!one.ok()) {
      failures.push_back({i, one.status().message()});
      return nullptr;
    }
    standalone_[p] = std::move(*one);
  }
  core::Result<std::optional<JvValue>> out = standalone_[p]->FirstJv(input);
  if (!out.ok()) {
    failures.push_back({i, out.status().message()});
    return nullptr;
  }
  return out->has_value() ? FromJv((*out)->get()) : json::value(nullptr);
}

void LeafSet::Evaluate(const LazyJv& lazy, std::vector<json::value>& values,
                       std::vector<LeafFailure>& failures) const {
  const std::size_t n = leaves_.size();
  values.assign(n, nullptr);
  if (combined_) {
    const JvValue& input = lazy.jv();
    core::Result<std::optional<JvValue>> out = combined_->FirstJv(input);
    if (out.ok() && out->has_value() && (*out)->kind() == JV_KIND_ARRAY &&
        jv_array_length((*out)->copy()) == static_cast<int>(n)) {
      const JvValue& slots = **out;
      for (std::size_t i = 0; i < n; ++i) {
        JvValue slot(jv_array_get(slots.copy(), static_cast<int>(i)));
        int len = slot.kind() == JV_KIND_ARRAY ? jv_array_length(slot.copy()) : -1;
        if (len == 0) continue;  // no output: null
        if (len == 1) {
          JvValue v(jv_array_get(slot.copy(), 0));
          values[i] = FromJv(v.get());
          continue;
        }
        values[i] = EvaluateOne(i, input, failures);  // an error (or an odd slot): exact re-run
      }
      return;
    }
  }
  // A leaf with the text of an earlier one that was answered natively gets a copy of its value
  // (identifier and title are often the same expression: evaluated once per item).
  std::uint64_t answered = 0;  // bit i: leaf i (i < 64) was answered natively
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t same = program_of_[i];
    if (same != i && same < 64 && (answered >> same & 1) != 0) {
      values[i] = values[same];
      continue;
    }
    if (native_[i] && native_[i]->Evaluate(lazy.item(), values[i])) {
      if (i < 64) answered |= std::uint64_t{1} << i;
      continue;
    }
    values[i] = EvaluateOne(i, lazy.jv(), failures);
  }
}

}  // namespace ocean::mapping
