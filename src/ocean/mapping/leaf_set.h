// LeafSet: the jq leaves of one mapping, evaluated on an item with Ocean's "first output or
// null" semantics, each leaf isolated from the others' errors.
//
// Fast path: all leaves compiled into ONE jq program
//   [ (try [first(L0\n)] catch [null, .]), (try [first(L1\n)] catch [null, .]), ... ]
// so an item costs one jq run instead of one per leaf. A leaf's slot is [] (no output -> null),
// [v] (its first output) or [null, err] (an error). The first element of [first(L)] is always
// L's true first output; jq 1.6's try/catch can add extra elements after it when L itself
// contains try/catch, which are ignored. A slot with an error, or any surprise (halt, wrong
// shape), is re-evaluated with the leaf's own program, which yields exactly what Ocean computes
// (and the exact error message). Leaves that are not self-contained texts (unbalanced brackets
// that could escape the wrapper) disable the fast path.
//
// Native leaves (JqOptions::native_leaves, native_leaf.h) run first and without libjq; a leaf
// whose native evaluation declines (a type error to report, say) runs with its own program. The
// combined program is used only when no leaf is native.
//
// Leaves with the same text share one program (compiled once), and a native leaf with the text
// of an earlier native leaf takes a copy of its value instead of evaluating again.
//
// Thread-safety: one thread at a time (standalone programs are compiled lazily).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "ocean/mapping/jq_program.h"
#include "ocean/mapping/mapping_template.h"
#include "ocean/mapping/native_leaf.h"

namespace ocean::mapping {

class JvValue;
class LazyJv;

struct LeafFailure {
  std::size_t leaf;
  std::string message;
};

class LeafSet {
 public:
  // A leaf that does not compile is an InvalidArgument naming its field and jq's message.
  static core::Result<LeafSet> Compile(const std::vector<MappingLeaf>& leaves, const JqOptions& options);

  // values[i] = leaf i's first output or null; failures lists the leaves that raised an error.
  void Evaluate(const LazyJv& input, std::vector<json::value>& values,
                std::vector<LeafFailure>& failures) const;

  bool combined() const { return combined_.has_value(); }
  std::size_t native_count() const;
  bool all_native() const { return native_count() == leaves_.size(); }

 private:
  LeafSet(std::vector<MappingLeaf> leaves, JqOptions options);
  json::value EvaluateOne(std::size_t i, const JvValue& input, std::vector<LeafFailure>& failures) const;

  std::vector<MappingLeaf> leaves_;
  JqOptions options_;
  std::optional<JqProgram> combined_;
  std::vector<std::optional<NativeLeaf>> native_;
  mutable std::vector<std::optional<JqProgram>> standalone_;
  // program_of_[i]: the first leaf with leaf i's text (identifier and title are often the same
  // expression): one libjq compile per distinct text, ~ms each with libjq 1.6.
  std::vector<std::size_t> program_of_;
};

}  // namespace ocean::mapping
