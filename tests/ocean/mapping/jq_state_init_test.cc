// Regression: libjq 1.6's jq_init() leaves the debug callback and the out-of-memory handler of
// the jq_state it mallocs uninitialised. When the block came back from the heap holding earlier
// data, `debug` called a stray pointer (SIGSEGV in jq_next; seen only when ocean_tests ran as one
// process). JqProgram now sets both; these tests hand jq_init() dirty blocks on purpose.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "ocean/mapping/jq_program.h"

namespace ocean::mapping {
namespace {

// Leaves freed heap blocks of every small size filled with non-zero bytes, so that the next
// allocations (among them the jq_state) reuse dirty memory, as they do in a long-lived process.
void DirtyTheHeap() {
  std::vector<void*> blocks;
  for (std::size_t size = 16; size <= 1024; size += 16) {
    for (int i = 0; i < 16; ++i) {
      void* p = std::malloc(size);
      if (p == nullptr) continue;
      std::memset(p, 0xA5, size);
      asm volatile("" : : "r"(p) : "memory");  // the stores must happen
      blocks.push_back(p);
    }
  }
  for (void* p : blocks) std::free(p);
}

std::string RunOnDirtyHeap(std::string_view expr, std::string_view input) {
  DirtyTheHeap();
  auto program = JqProgram::Compile(expr);
  if (!program.ok()) return "compile error: " + program.status().message();
  auto in = core::ParseJson(input);
  if (!in.ok()) return "bad input";
  auto out = program->First(*in);
  if (!out.ok()) return "error: " + out.status().message();
  if (!out->has_value()) return "<empty>";
  return core::WriteJson(**out);
}

TEST(JqStateInit, DebugOnAReusedHeapBlockPassesInputThrough) {
  for (int round = 0; round < 5; ++round) {
    EXPECT_EQ(RunOnDirtyHeap("debug | .a", R"({"a":1})"), "1");
    EXPECT_EQ(RunOnDirtyHeap("debug(\"msg\", .a) | .a", R"({"a":7})"), "7");
  }
}

TEST(JqStateInit, ProgramsCompiledOnADirtyHeapRunAndTearDown) {
  for (int round = 0; round < 5; ++round) {
    EXPECT_EQ(RunOnDirtyHeap("[.[] | . * 2]", "[1,2,3]"), "[2,4,6]");
    EXPECT_EQ(RunOnDirtyHeap("first(paths)", R"({"a":{"b":1}})"), R"(["a"])");
  }
}

}  // namespace
}  // namespace ocean::mapping
