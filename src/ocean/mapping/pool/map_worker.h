// The mapping worker process: the ocean-aws binary re-executed as `ocean-aws __map-worker`
// (the pool spawns it; it is not a user command). It reads frames (map_protocol.h) on fd 3 and
// answers on fd 4:
//   kHello     first: applies the memory limit (RLIMIT_AS) and asks the kernel to SIGKILL this
//              process when the parent dies (PR_SET_PDEATHSIG); exits when the parent is gone
//   kConfigure compiles an EntityMapper under an id (a compile error is kept and answered as
//              kError to each batch of that id)
//   kMap       maps the batch with EntityMapper::Map and answers kResult (or kError when the
//              mapper is unknown or an item cannot be read)
// It exits 0 at the end of its input (without destroying its programs). Running out of memory in operator new exits with
// kExitOutOfMemory; libjq's allocator prints "cannot allocate memory" and aborts (its
// jv_nomem_handler() is broken in 1.6): the parent tells both from a crash. Anything else that
// goes wrong inside libjq (an assertion, a stack overflow) kills only this process; the parent
// reports the item and starts a fresh worker.
//
// Thread-safety: single-threaded; owns the process.
#pragma once

namespace ocean::mapping::pool {

inline constexpr const char* kMapWorkerSubcommand = "__map-worker";
inline constexpr int kRequestFd = 3;
inline constexpr int kReplyFd = 4;
inline constexpr int kExitOutOfMemory = 86;
inline constexpr int kExitOrphaned = 87;
inline constexpr int kExitProtocol = 88;

// The worker's main loop; returns the process exit status.
int RunMapWorker(int request_fd = kRequestFd, int reply_fd = kReplyFd);

}  // namespace ocean::mapping::pool
