#include "aws/auth/process_provider.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <cstring>

#include "aws/auth/credential_document.h"

extern char** environ;

namespace aws {
namespace {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;  // NOLINT: operator|| and && only

constexpr size_t kMaxOutput = 1 << 20;  // a credential document is < 4 KiB

// Hand-written on purpose: Boost.Process v1 installs a process-wide SIGCHLD handler on the
// io_context, which would race with other children of this process; posix_spawn + pipes +
// waitpid on our own pid is small and predictable.
struct Child {
  pid_t pid = -1;
  int out = -1;
  int err = -1;
};

core::Result<Child> Spawn(const std::string& command) {
  int out[2];
  int err[2];
  if (pipe2(out, O_CLOEXEC) != 0) return core::Status::Unavailable("pipe failed");
  if (pipe2(err, O_CLOEXEC) != 0) {
    close(out[0]);
    close(out[1]);
    return core::Status::Unavailable("pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);  // its own group: a timeout kills its children too
  const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
  pid_t pid = -1;
  int rc = posix_spawn(&pid, "/bin/sh", &actions, &attr, const_cast<char* const*>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(out[1]);
  close(err[1]);
  if (rc != 0) {
    close(out[0]);
    close(err[0]);
    return core::Status::Unavailable(std::string("cannot start /bin/sh: ") + std::strerror(rc));
  }
  return Child{pid, out[0], err[0]};
}

asio::awaitable<std::string> ReadAll(asio::posix::stream_descriptor& fd) {
  std::string data;
  char buf[4096];
  for (;;) {
    auto [ec, n] =
        co_await fd.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
    if (data.size() < kMaxOutput) data.append(buf, std::min(n, kMaxOutput - data.size()));
    if (ec) break;  // eof, or cancelled by the timeout
  }
  co_return data;
}

std::string FirstLine(std::string_view s) {
  size_t nl = s.find('\n');
  std::string line(s.substr(0, std::min<size_t>(nl, 200)));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

std::string Program(const std::string& command) {
  size_t start = command.find_first_not_of(" \t");
  if (start == std::string::npos) return "";
  size_t end = command.find_first_of(" \t", start);
  return command.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

asio::awaitable<core::Result<Credentials>> RunCredentialProcess(ProcessOptions opts) {
  const std::string what =
      "credential_process of profile '" + opts.profile + "' ('" + Program(opts.command) + "')";
  if (Program(opts.command).empty()) {
    co_return core::Status::InvalidArgument(what + ": empty command");
  }
  auto child = Spawn(opts.command);
  if (!child.ok()) co_return child.status().WithContext(what);
  auto executor = co_await asio::this_coro::executor;
  asio::posix::stream_descriptor out(executor, child->out);
  asio::posix::stream_descriptor err(executor, child->err);
  asio::steady_timer deadline(executor, opts.timeout);

  auto outcome = co_await ((ReadAll(out) && ReadAll(err)) ||
                           deadline.async_wait(asio::as_tuple(asio::use_awaitable)));
  bool timed_out = outcome.index() == 1;
  int status = 0;
  // The pipes are closed; wait for the exit without blocking the loop, within the deadline.
  while (!timed_out) {
    pid_t r = waitpid(child->pid, &status, WNOHANG);
    if (r == child->pid || (r < 0 && errno != EINTR)) break;
    if (deadline.expiry() <= asio::steady_timer::clock_type::now()) {
      timed_out = true;
      break;
    }
    asio::steady_timer tick(executor, std::chrono::milliseconds(5));
    co_await tick.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  if (timed_out) {
    kill(-child->pid, SIGKILL);
    while (waitpid(child->pid, &status, 0) < 0 && errno == EINTR) {
    }
    co_return core::Status::DeadlineExceeded(
        what + ": did not finish within " + std::to_string(opts.timeout.count()) + " ms");
  }
  auto& [stdout_text, stderr_text] = std::get<0>(outcome);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string how = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                        : "killed by signal " + std::to_string(WTERMSIG(status));
    std::string line = FirstLine(stderr_text);
    co_return core::Status::Unavailable(what + ": " + how + (line.empty() ? "" : ": " + line));
  }
  co_return ParseCredentialDocument(stdout_text, what, {.require_version_1 = true});
}

CredentialsProviderPtr MakeProcessCredentialsProvider(ProcessOptions opts, RefreshOptions refresh) {
  std::string description = "credential_process of profile '" + opts.profile + "'";
  return std::make_shared<RefreshingCredentialsProvider>(
      std::move(description),
      [opts = std::move(opts)]() { return RunCredentialProcess(opts); }, std::move(refresh));
}

}  // namespace aws
