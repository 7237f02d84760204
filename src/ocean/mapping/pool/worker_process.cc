#include "ocean/mapping/pool/worker_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "core/log.h"
#include "ocean/mapping/pool/map_protocol.h"
#include "ocean/mapping/pool/map_worker.h"

extern char** environ;

namespace ocean::mapping::pool {
namespace {

void CloseFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Moves `fd` to a number >= 10 (so that the child's dup2 onto 2/3/4 never targets the same
// number, which would keep FD_CLOEXEC set), close-on-exec.
int HighFd(int fd) {
  int high = ::fcntl(fd, F_DUPFD_CLOEXEC, 10);
  ::close(fd);
  return high;
}

void SetNonBlocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

std::string SignalName(int sig) {
  const char* abbrev = ::sigabbrev_np(sig);
  return "signal " + std::to_string(sig) + (abbrev ? std::string(" (SIG") + abbrev + ")" : "");
}

}  // namespace

WorkerProcess::WorkerProcess(WorkerCommand command, std::int64_t memory_limit_mb)
    : command_(std::move(command)), memory_limit_mb_(memory_limit_mb) {}

WorkerProcess::~WorkerProcess() { Kill(); }

std::optional<WorkerFailure> WorkerProcess::Start() {
  int req[2], rep[2], err[2];
  if (::pipe2(req, O_CLOEXEC) != 0) {
    return WorkerFailure{WorkerFailureKind::kStartFailed, std::strerror(errno)};
  }
  if (::pipe2(rep, O_CLOEXEC) != 0) {
    ::close(req[0]), ::close(req[1]);
    return WorkerFailure{WorkerFailureKind::kStartFailed, std::strerror(errno)};
  }
  if (::pipe2(err, O_CLOEXEC) != 0) {
    ::close(req[0]), ::close(req[1]), ::close(rep[0]), ::close(rep[1]);
    return WorkerFailure{WorkerFailureKind::kStartFailed, std::strerror(errno)};
  }
  for (int* fd : {&req[0], &req[1], &rep[0], &rep[1], &err[0], &err[1]}) *fd = HighFd(*fd);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  posix_spawn_file_actions_adddup2(&actions, err[1], 1);  // stray prints never reach the protocol
  posix_spawn_file_actions_adddup2(&actions, req[0], kRequestFd);
  posix_spawn_file_actions_adddup2(&actions, rep[1], kReplyFd);
  posix_spawn_file_actions_addclosefrom_np(&actions, kReplyFd + 1);

  std::vector<std::string> args;
  args.push_back(command_.executable);
  args.insert(args.end(), command_.args.begin(), command_.args.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> extra = command_.extra_env;
  std::vector<char*> envp;
  for (char** e = environ; e && *e; ++e) envp.push_back(*e);
  for (std::string& e : extra) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, command_.executable.c_str(), &actions, nullptr, argv.data(),
                         envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(req[0]), ::close(rep[1]), ::close(err[1]);
  if (rc != 0) {
    ::close(req[1]), ::close(rep[0]), ::close(err[0]);
    return WorkerFailure{WorkerFailureKind::kStartFailed,
                         "cannot start " + command_.executable + ": " + std::strerror(rc)};
  }
  pid_ = pid;
  to_child_ = req[1];
  from_child_ = rep[0];
  child_err_ = err[0];
  for (int fd : {to_child_, from_child_, child_err_}) SetNonBlocking(fd);
  reader_.Clear();
  err_partial_.clear();
  last_err_line_.clear();
  configured_.clear();
  LOG_DEBUG("mapping worker {} started", pid_);
  return std::nullopt;
}

void WorkerProcess::DrainStderr(bool all) {
  if (child_err_ < 0) return;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(child_err_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    err_partial_.append(buf, static_cast<std::size_t>(n));
    std::size_t nl;
    while ((nl = err_partial_.find('\n')) != std::string::npos) {
      std::string line = err_partial_.substr(0, nl);
      err_partial_.erase(0, nl + 1);
      if (line.empty()) continue;
      LOG_WARN("mapping worker {}: {}", pid_, line);
      last_err_line_ = line;
    }
    if (err_partial_.size() > 64 * 1024) err_partial_.clear();  // a line without end: drop it
    if (!all) break;
  }
  if (all && !err_partial_.empty()) {
    LOG_WARN("mapping worker {}: {}", pid_, err_partial_);
    last_err_line_ = err_partial_;
    err_partial_.clear();
  }
}

void WorkerProcess::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  CloseFd(to_child_);
  CloseFd(from_child_);
  CloseFd(child_err_);
  configured_.clear();
}

WorkerFailure WorkerProcess::Died(bool killed_by_us) {
  // The reply pipe ended or broke: give the process a moment to finish dying so that its own
  // exit status (a signal from libjq's abort(), the out-of-memory exit) is what we report.
  int status = 0;
  pid_t got = 0;
  for (int i = 0; i < 100 && !killed_by_us; ++i) {
    got = ::waitpid(pid_, &status, WNOHANG);
    if (got != 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (got == 0 || killed_by_us) {
    ::kill(pid_, SIGKILL);
    while ((got = ::waitpid(pid_, &status, 0)) < 0 && errno == EINTR) {
    }
  }
  DrainStderr(true);
  const pid_t pid = pid_;
  pid_ = -1;
  CloseFd(to_child_);
  CloseFd(from_child_);
  CloseFd(child_err_);
  configured_.clear();
  WorkerFailure f;
  std::string tail = last_err_line_.empty() ? "" : ": " + last_err_line_;
  const bool jq_out_of_memory =
      got > 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT &&
      last_err_line_.find("cannot allocate memory") != std::string::npos;
  if (got > 0 && ((WIFEXITED(status) && WEXITSTATUS(status) == kExitOutOfMemory) ||
                  jq_out_of_memory)) {
    f.kind = WorkerFailureKind::kOutOfMemory;
    f.message = "ran out of memory";
  } else if (got > 0 && WIFSIGNALED(status)) {
    f.message = "killed by " + SignalName(WTERMSIG(status)) + tail;
  } else if (got > 0 && WIFEXITED(status)) {
    f.message = "exited with status " + std::to_string(WEXITSTATUS(status)) + tail;
  } else {
    f.message = "ended" + tail;
  }
  LOG_DEBUG("mapping worker {} {}", pid, f.message);
  return f;
}

}  // namespace ocean::mapping::pool
