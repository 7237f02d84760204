#include "ocean/mapping/jq_program.h"

#include <mutex>

extern "C" {
#include <jq.h>
}

#include "ocean/mapping/jq_prelude.h"
#include "ocean/mapping/jq_regex.h"
#include "ocean/mapping/jq_syntax_compat.h"
#include "ocean/mapping/jv_value.h"

namespace ocean::mapping {
namespace {

// jq_init() of libjq 1.6 mallocs the jq_state and leaves some fields uninitialised (1.7 sets
// them to NULL), among them the debug callback, which the `debug` builtin calls when not NULL,
// and the out-of-memory handler, which jq_start() and jq_teardown() install as the thread's
// libjq handler (called when an allocation fails). Whatever the heap held there before was
// called: `debug` crashed (SIGSEGV in jq_next) once earlier work in the process had left
// non-zero bytes in the reused block, and an allocation failure would jump to a stray address
// instead of libjq's own "cannot allocate memory" abort. (The input callback is also left
// unset; CompileText sets it.) Every jq_state is made here.
// The debug callback stays NULL: `debug` prints nothing, as with jq 1.7's library (jq.py).
jq_state* NewJqState() {
  jq_state* jq = jq_init();
  if (jq == nullptr) return nullptr;
  jq_set_debug_cb(jq, nullptr, nullptr);
  jq_set_nomem_handler(jq, nullptr, nullptr);
  return jq;
}

// libjq 1.6 initialises some thread-specific state lazily; do it once before any concurrent use.
// Also bounds Oniguruma's searches before libjq runs any regex, as the native leaves' are
// (jq_regex.h): both evaluators then fail alike on a pathological pattern, neither stalls.
void WarmUpLibjq() {
  static std::once_flag once;
  std::call_once(once, [] {
    LimitRegexSearches();
    jq_state* jq = NewJqState();
    if (jq != nullptr) jq_teardown(&jq);
    jv_free(jv_dump_string(jv_number(1.5), 0));
  });
}

void CollectError(void* data, jv msg) {
  auto* errors = static_cast<std::string*>(data);
  jv text = jq_format_error(msg);  // consumes msg
  if (jv_get_kind(text) == JV_KIND_STRING) {
    if (!errors->empty()) errors->push_back('\n');
    errors->append(jv_string_value(text));
  }
  jv_free(text);
}

// The program's only input is the item: `input`/`inputs` find no more (as in jq.py).
jv NoMoreInputs(jq_state*, void*) { return jv_invalid(); }

// jq's error value as text: a string as is, anything else as JSON plus " (not a string)".
std::string ErrorText(jv msg) {
  if (jv_get_kind(msg) == JV_KIND_STRING) {
    std::string s(jv_string_value(msg), static_cast<std::size_t>(jv_string_length_bytes(jv_copy(msg))));
    jv_free(msg);
    return s;
  }
  jv dumped = jv_dump_string(msg, 0);  // consumes msg
  std::string s = std::string(jv_string_value(dumped)) + " (not a string)";
  jv_free(dumped);
  return s;
}

// A program that uses a path generator runs as `label $l | (BODY) | ., break $l`, and FirstJv()
// asks for one more output after the first: the break then unwinds jq's stack the normal way. Left mid-way
// instead, a path generator (`first(paths)`, `path(.a[])`, `leaf_paths`) makes libjq 1.6 abort
// with `stack_restore: Assertion path_len == 0` at the program's next start or teardown.
// Later outputs of BODY are still never computed: the break ends the program.
constexpr std::string_view kFirstOpen = "label $__ocean_first | (";
constexpr std::string_view kFirstClose = "\n) | ., break $__ocean_first";

std::string RemoveAll(std::string text, std::string_view what) {
  for (std::size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos)) {
    text.erase(pos, what.size());
  }
  return text;
}

}  // namespace

struct JqProgram::State {
  jq_state* jq = nullptr;
  bool wrapped = false;  // compiled inside kFirstOpen/kFirstClose
  std::string errors;
  ~State() {
    if (jq != nullptr) jq_teardown(&jq);
  }
};

JqProgram::JqProgram(std::string expression, std::string body, std::unique_ptr<State> state)
    : expression_(std::move(expression)), body_(std::move(body)), state_(std::move(state)) {}
JqProgram::JqProgram(JqProgram&&) noexcept = default;
JqProgram& JqProgram::operator=(JqProgram&&) noexcept = default;
JqProgram::~JqProgram() = default;

namespace {

// Compiles prefix + body + suffix into a new jq_state; a compile error names jq's message
// without the text we added.
core::Result<std::unique_ptr<jq_state, void (*)(jq_state*)>> CompileText(
    std::string_view body, const std::string& prefix, std::string_view suffix,
    std::string& errors) {
  const std::string text = prefix + std::string(body) + std::string(suffix);
  std::unique_ptr<jq_state, void (*)(jq_state*)> jq(NewJqState(), [](jq_state* j) {
    if (j != nullptr) jq_teardown(&j);
  });
  if (!jq) return core::Status::Internal("jq_init failed");
  jq_set_error_cb(jq.get(), CollectError, &errors);
  jq_set_input_cb(jq.get(), NoMoreInputs, nullptr);
  if (!jq_compile(jq.get(), text.c_str())) {
    std::string message = CleanCompileMessage(
        suffix.empty() ? errors : RemoveAll(errors, suffix.substr(1)), prefix);
    if (message.empty()) message = "jq: compile error";
    return core::Status::InvalidArgument(message);
  }
  errors.clear();
  return jq;
}

}  // namespace

core::Result<JqProgram> JqProgram::CompileBody(std::string_view body, std::string expression,
                                               const JqOptions& options) {
  if (body.find('\0') != std::string_view::npos) {
    return core::Status::InvalidArgument("jq expression contains a NUL character");
  }
  WarmUpLibjq();
  const std::string prefix = ProgramPrefix(body, options.allow_env);
  auto state = std::make_unique<State>();
  // Only path generators can be left mid-path by their first output (see kFirstOpen); the
  // wrapper is applied to bodies that mention one, after checking that the body compiles on
  // its own (parentheses must not let a body like ".a) , (.b" compile).
  const bool wrap = body.find("path") != std::string_view::npos;
  core::Result<std::unique_ptr<jq_state, void (*)(jq_state*)>> plain =
      CompileText(body, prefix, "", state->errors);
  if (!plain.ok()) return plain.status();
  if (wrap) {
    plain->reset();
    plain = CompileText(body, prefix + std::string(kFirstOpen), kFirstClose, state->errors);
    if (!plain.ok()) return plain.status();
  }
  state->jq = plain->release();
  state->wrapped = wrap;
  jq_set_error_cb(state->jq, CollectError, &state->errors);
  return JqProgram(std::move(expression), std::string(body), std::move(state));
}

core::Result<JqProgram> JqProgram::Compile(std::string_view expression, const JqOptions& options) {
  const std::string normalized = NormalizeSingleQuotes(expression);
  core::Result<JqProgram> as_written = CompileBody(normalized, std::string(expression), options);
  if (as_written.ok()) return as_written;
  // Maybe jq 1.7 syntax: retry once rewritten; report the original error if that fails too.
  const std::string rewritten = RewriteNewerSyntax(normalized);
  if (rewritten != normalized) {
    core::Result<JqProgram> again = CompileBody(rewritten, std::string(expression), options);
    if (again.ok()) return again;
  }
  return as_written.status();
}

core::Result<std::optional<JvValue>> JqProgram::FirstJv(const JvValue& input) const {
  jq_state* jq = state_->jq;
  jq_start(jq, input.copy(), 0);
  jv out = jq_next(jq);
  if (jv_is_valid(out)) {
    if (state_->wrapped) jv_free(jq_next(jq));  // the break: the run ends cleanly (kFirstOpen)
    return std::optional<JvValue>(JvValue(out));
  }
  jv msg = jv_invalid_get_msg(out);  // consumes out; null when the program simply ended
  if (jv_get_kind(msg) != JV_KIND_NULL) return core::Status::InvalidArgument(ErrorText(msg));
  jv_free(msg);
  if (jq_halted(jq)) {
    // halt: no output. halt_error: an error carrying its message.
    jv code = jq_get_exit_code(jq);
    jv text = jq_get_error_message(jq);
    bool failed = jv_get_kind(code) == JV_KIND_NUMBER && jv_number_value(code) != 0;
    jv_free(code);
    if (failed || jv_get_kind(text) == JV_KIND_STRING) {
      std::string m = jv_is_valid(text) ? ErrorText(text) : "halt_error";
      return core::Status::InvalidArgument(m);
    }
    jv_free(text);
  }
  return std::optional<JvValue>();
}

core::Result<std::optional<json::value>> JqProgram::First(const json::value& input) const {
  JvValue in = ToJv(input);
  CORE_ASSIGN_OR_RETURN(std::optional<JvValue> out, FirstJv(in));
  if (!out) return std::optional<json::value>();
  return std::optional<json::value>(FromJv(out->get()));
}

}  // namespace ocean::mapping
