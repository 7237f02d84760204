#include "ocean/mapping/pool/map_worker.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <map>
#include <new>

#include "ocean/mapping/entity_mapper.h"
#include "ocean/mapping/pool/frame_io.h"
#include "ocean/mapping/pool/map_protocol.h"

namespace ocean::mapping::pool {
namespace {

[[noreturn]] void OutOfMemory() {
  static const char msg[] = "ocean-aws mapping worker: out of memory\n";
  (void)!::write(STDERR_FILENO, msg, sizeof msg - 1);
  ::_exit(kExitOutOfMemory);
}

// A failed allocation under RLIMIT_AS often ends in SIGSEGV rather than in a failed malloc()
// (libjq and the allocators do not check every path; the stack cannot grow either). A fault
// while the address space is at least half the limit (arrays grow by doubling, so the failed
// request was about as large as what is mapped) is reported as running out of memory.
std::int64_t fault_threshold_bytes = 0;

void OnFault(int) {
  char buf[64];
  int fd = ::open("/proc/self/statm", O_RDONLY);
  ssize_t n = fd >= 0 ? ::read(fd, buf, sizeof buf - 1) : -1;
  if (fd >= 0) ::close(fd);
  std::int64_t pages = 0;
  for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; ++i) pages = pages * 10 + (buf[i] - '0');
  if (pages * ::sysconf(_SC_PAGESIZE) >= fault_threshold_bytes) OutOfMemory();
  // Otherwise return: SA_RESETHAND restored the default action, the fault repeats and kills us.
}

void WatchFaults(std::int64_t limit_bytes) {
  static char alt_stack[64 * 1024];
  stack_t ss{};
  ss.ss_sp = alt_stack;
  ss.ss_size = sizeof alt_stack;
  ::sigaltstack(&ss, nullptr);
  fault_threshold_bytes = limit_bytes / 2;
  struct sigaction sa{};
  sa.sa_handler = OnFault;
  sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
  ::sigaction(SIGSEGV, &sa, nullptr);
  ::sigaction(SIGBUS, &sa, nullptr);
}

void ApplyHello(const HelloMessage& hello) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (hello.parent_pid != 0 && ::getppid() != hello.parent_pid) ::_exit(kExitOrphaned);
#if !defined(__SANITIZE_ADDRESS__)  // ASan reserves terabytes of shadow address space
  if (hello.memory_limit_mb > 0) {
    rlim_t bytes = static_cast<rlim_t>(hello.memory_limit_mb) * 1024 * 1024;
    struct rlimit limit{bytes, bytes};
    ::setrlimit(RLIMIT_AS, &limit);
    WatchFaults(static_cast<std::int64_t>(bytes));
  }
#endif
}

struct Compiled {
  std::optional<EntityMapper> mapper;
  std::string error;  // when it did not compile
};

bool Reply(int fd, FrameType type, std::string_view payload) {
  std::string frame;
  frame.reserve(payload.size() + 5);
  AppendFrame(frame, type, payload);
  return WriteAll(fd, frame).ok();
}

}  // namespace

int RunMapWorker(int request_fd, int reply_fd) {
  std::signal(SIGPIPE, SIG_IGN);
  std::set_new_handler(OutOfMemory);
  // Not jv_nomem_handler(): libjq 1.6's jq_start() overwrites the thread's handler with its
  // jq_state's (JqProgram sets that to NULL: see NewJqState in jq_program.cc). Its allocator
  // prints "cannot allocate memory" and aborts instead, which the parent recognises.
  std::map<std::uint64_t, Compiled> mappers;
  for (;;) {
    core::Result<std::optional<Frame>> read = ReadFrameBlocking(request_fd);
    if (!read.ok()) return kExitProtocol;
    // The parent closed the pipe. Leave without destroying the programs: libjq 1.6 aborts when it
    // tears down a program left mid-way by a path generator.
    if (!*read) std::_Exit(0);
    Frame& frame = **read;
    switch (frame.type) {
      case FrameType::kHello: {
        core::Result<HelloMessage> hello = DecodeHello(frame.payload);
        if (!hello.ok()) return kExitProtocol;
        ApplyHello(*hello);
        break;
      }
      case FrameType::kConfigure: {
        auto decoded = DecodeConfigure(frame.payload);
        if (!decoded.ok()) return kExitProtocol;
        Compiled& c = mappers[decoded->first];
        core::Result<MapperConfig> config = DecodeMapperConfig(decoded->second);
        if (!config.ok()) {
          c.error = config.status().message();
          break;
        }
        core::Result<EntityMapper> mapper = EntityMapper::Compile(config->resource, config->options);
        if (mapper.ok()) {
          c.mapper.emplace(std::move(*mapper));
        } else {
          c.error = mapper.status().message();
        }
        break;
      }
      case FrameType::kMap: {
        core::Result<MapRequest> request = DecodeMapRequest(frame.payload);
        bool sent;
        if (!request.ok()) {
          sent = Reply(reply_fd, FrameType::kError, request.status().message());
        } else if (auto it = mappers.find(request->mapper_id); it == mappers.end()) {
          sent = Reply(reply_fd, FrameType::kError, "unknown mapper");
        } else if (!it->second.mapper) {
          sent = Reply(reply_fd, FrameType::kError, it->second.error);
        } else {
          MapResult result = it->second.mapper->Map(request->items);
          sent = Reply(reply_fd, FrameType::kResult, EncodeMapResult(result));
        }
        if (!sent) std::_Exit(0);  // the parent is gone
        break;
      }
      default:
        return kExitProtocol;
    }
  }
}

}  // namespace ocean::mapping::pool
