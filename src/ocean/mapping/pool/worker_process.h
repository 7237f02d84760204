// WorkerProcess: one mapping worker child process (map_worker.h) and the parent's side of its
// pipes: started on demand with posix_spawn (never fork() of the multi-threaded parent), one
// request/reply exchange at a time under a deadline and a cancellation check, killed (SIGKILL,
// then reaped) on timeout, cancellation or any protocol problem.
//
// The child's stderr comes through a pipe: each line is logged as a warning (jq's `debug` and
// `stderr` output, libjq's assertion messages) and the last one is kept to explain a crash.
//
// Thread-safety: none; owned and used by one pool thread.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ocean/mapping/pool/frame_io.h"

namespace ocean::mapping::pool {

// How to start a worker: by default the running binary (/proc/self/exe) with the hidden
// subcommand. Tests run their own executable with an environment variable instead.
struct WorkerCommand {
  std::string executable = "/proc/self/exe";
  std::vector<std::string> args = {"__map-worker"};
  std::vector<std::string> extra_env;  // "NAME=value", added to the parent's environment
};

enum class WorkerFailureKind {
  kStartFailed,   // posix_spawn failed
  kCrashed,       // died by a signal, exited, or broke the protocol
  kTimedOut,      // did not answer before the deadline (killed)
  kOutOfMemory,   // exceeded its memory limit (exit kExitOutOfMemory)
  kCancelled,     // the caller cancelled (killed)
  kRefused,       // answered kError: the batch could not be mapped (text in `message`)
};

struct WorkerFailure {
  WorkerFailureKind kind = WorkerFailureKind::kCrashed;
  std::string message;  // e.g. "killed by signal 6 (SIGABRT): jq: src/execute.c:...: Assertion ..."
};

class WorkerProcess {
 public:
  WorkerProcess(WorkerCommand command, std::int64_t memory_limit_mb);
  ~WorkerProcess();
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;

  using Clock = std::chrono::steady_clock;
  struct Exchange {
    std::optional<Frame> reply;            // set on success
    std::optional<WorkerFailure> failure;  // set otherwise; the process is then gone
  };

  // Starts the process if needed, writes `request` (one or more encoded frames, the last of
  // which asks for a reply) and waits for one reply frame until `deadline`. `cancelled` is
  // checked about every 50 ms.
  Exchange Call(std::string_view request, Clock::time_point deadline,
                const std::function<bool()>& cancelled);

  // Starts the process unless it runs (Call() does it too); its hello goes with the next Call().
  std::optional<WorkerFailure> EnsureStarted();

  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  // Mapper ids configured in the current process (empty after a restart).
  std::set<std::uint64_t>& configured() { return configured_; }
  // Kills the process (if running) and reaps it. Safe to call at any time.
  void Kill();

 private:
  std::optional<WorkerFailure> Start();
  Exchange CallStarted(std::string_view request, Clock::time_point deadline,
                       const std::function<bool()>& cancelled);
  WorkerFailure Died(bool killed_by_us);  // reaps the process, describes how it ended
  void DrainStderr(bool all);

  WorkerCommand command_;
  std::int64_t memory_limit_mb_;
  pid_t pid_ = -1;
  int to_child_ = -1, from_child_ = -1, child_err_ = -1;
  FrameReader reader_;
  std::string err_partial_;  // an unfinished stderr line
  std::string last_err_line_;
  std::string hello_;  // the hello frame, sent with the first request of a new process
  std::set<std::uint64_t> configured_;
};

}  // namespace ocean::mapping::pool
