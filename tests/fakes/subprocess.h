// Child processes for tests: run a command to completion, or keep one alive alongside a test.
//
// Thread-safety: none; use from the test's thread.
#pragma once

#include <string>
#include <vector>

namespace testenv {

struct ProcessResult {
  int exit_code = -1;  // -1 when the process could not start or was killed by a signal
  std::string out;     // standard output
  std::string err;     // standard error
};

// Runs argv[0] (looked up in PATH) with `input` on its stdin; waits at most `timeout_s`.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& input = "",
                         int timeout_s = 120);

// A long-running child whose stdin stays open until Stop() (or destruction) closes it.
class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess() { Stop(); }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Starts the child; stderr goes to `stderr_path` (or is discarded when empty).
  bool Start(const std::vector<std::string>& argv, const std::string& stderr_path = "");
  // Reads one line from the child's stdout, waiting at most `timeout_s`; false on EOF/timeout.
  bool ReadLine(std::string& line, int timeout_s);
  // Closes stdin, waits briefly, then kills.
  void Stop();
  int pid() const { return pid_; }

 private:
  int pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  std::string buffer_;
};

}  // namespace testenv
