// fuzz-layers: ocean catalog aws core
// Fuzzes the jq text rewriters JqProgram applies before handing an expression to libjq:
// Ocean's single-quote normalisation, the jq 1.7 -> 1.6 syntax rewrite and the
// self-containment check, on arbitrary text (libjq itself is not run: it aborts on some
// inputs by design, which is why mapping runs in worker processes); and the native leaf
// evaluator's parser (in the main process: it must refuse, never crash), evaluating what it
// accepts on a small fixed document.
// Property checked beyond "no crash": the rewrite is deterministic.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "ocean/mapping/jq_program.h"
#include "ocean/mapping/jq_syntax_compat.h"
#include "ocean/mapping/native_leaf.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // mapping expressions are short; keep the rewriters' runs fast
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string normalized = ocean::mapping::NormalizeSingleQuotes(text);
  std::string rewritten = ocean::mapping::RewriteNewerSyntax(normalized);
  if (ocean::mapping::RewriteNewerSyntax(normalized) != rewritten) std::abort();
  (void)ocean::mapping::IsSelfContained(text);
  (void)ocean::mapping::IsSelfContained(rewritten);
  (void)ocean::mapping::RewriteNewerSyntax(text);
  if (std::optional<ocean::mapping::NativeLeaf> leaf = ocean::mapping::NativeLeaf::Parse(normalized)) {
    static const json::value doc = json::parse(
        R"({"Properties":{"InstanceId":"i-1","Tags":[{"Key":"a","Value":"b"}],"N":1.5},)"
        R"("__ExtraContext":{"Region":"us-east-1","AccountId":"123456789012"}})");
    json::value out;
    (void)leaf->Evaluate(doc, out);
  }
  return 0;
}
