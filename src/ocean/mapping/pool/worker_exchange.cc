// WorkerProcess's request/reply exchange (worker_process.h): the hello of a new process, then a
// poll() loop that writes the request, reads the reply and the child's stderr, and enforces the
// deadline and cancellation.
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "ocean/mapping/pool/map_protocol.h"
#include "ocean/mapping/pool/worker_process.h"

namespace ocean::mapping::pool {
namespace {

constexpr int kPollSliceMs = 50;  // how often cancellation is checked

}  // namespace

std::optional<WorkerFailure> WorkerProcess::EnsureStarted() {
  if (pid_ > 0) return std::nullopt;
  if (auto failed = Start()) return failed;
  HelloMessage h;
  h.parent_pid = ::getpid();
  h.memory_limit_mb = memory_limit_mb_;
  hello_.clear();
  AppendFrame(hello_, FrameType::kHello, EncodeHello(h));
  return std::nullopt;
}

WorkerProcess::Exchange WorkerProcess::Call(std::string_view request, Clock::time_point deadline,
                                            const std::function<bool()>& cancelled) {
  if (auto failed = EnsureStarted()) {
    Exchange out;
    out.failure = std::move(failed);
    return out;
  }
  if (hello_.empty()) return CallStarted(request, deadline, cancelled);
  std::string both = std::move(hello_);
  hello_.clear();
  both.append(request);
  return CallStarted(both, deadline, cancelled);
}

WorkerProcess::Exchange WorkerProcess::CallStarted(std::string_view request,
                                                   Clock::time_point deadline,
                                                   const std::function<bool()>& cancelled) {
  Exchange out;
  std::size_t written = 0;
  char buf[65536];
  for (;;) {
    if (cancelled && cancelled()) {
      Died(true);
      out.failure = WorkerFailure{WorkerFailureKind::kCancelled, "cancelled"};
      return out;
    }
    const auto now = Clock::now();
    if (now >= deadline) {
      Died(true);
      out.failure = WorkerFailure{WorkerFailureKind::kTimedOut, "did not answer in time"};
      return out;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
    struct pollfd fds[3] = {{from_child_, POLLIN, 0}, {child_err_, POLLIN, 0},
                            {written < request.size() ? to_child_ : -1, POLLOUT, 0}};
    int n = ::poll(fds, 3, static_cast<int>(std::min<long long>(left + 1, kPollSliceMs)));
    if (n < 0 && errno != EINTR) {
      out.failure = Died(true);
      return out;
    }
    if (n <= 0) continue;
    if (fds[1].revents & (POLLIN | POLLHUP)) DrainStderr(false);
    if (fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) {
      ssize_t w = ::write(to_child_, request.data() + written, request.size() - written);
      if (w > 0) {
        written += static_cast<std::size_t>(w);
      } else if (w < 0 && errno != EAGAIN && errno != EINTR) {
        out.failure = Died(false);  // EPIPE: the worker died while reading its request
        return out;
      }
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t r = ::read(from_child_, buf, sizeof buf);
      if (r < 0 && (errno == EAGAIN || errno == EINTR)) continue;
      if (r <= 0) {
        out.failure = Died(false);
        return out;
      }
      reader_.Feed(std::string_view(buf, static_cast<std::size_t>(r)));
      core::Result<std::optional<Frame>> frame = reader_.Next();
      if (!frame.ok()) {
        out.failure = Died(true);
        out.failure->message = "broke the protocol: " + frame.status().message();
        return out;
      }
      if (*frame) {
        if ((*frame)->type == FrameType::kError) {
          out.failure = WorkerFailure{WorkerFailureKind::kRefused, std::move((*frame)->payload)};
        } else {
          out.reply = std::move(**frame);
        }
        return out;
      }
    }
  }
}

}  // namespace ocean::mapping::pool
