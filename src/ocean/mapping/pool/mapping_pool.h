// MappingPool: jq mapping in worker processes, so that nothing a mapping does — a libjq
// assertion or segfault, a non-terminating expression, a memory blow-up — can take the
// process down or stall it (issue 9). It is also the pipeline's "map stage on a worker pool
// sized to the machine's cores, off the I/O thread" (issue 13).
//
//   - N workers (default: the cgroup CPU quota, else the cores; OCEAN__PROCESS_IN_QUEUE_MAX_WORKERS),
//     each a child process (map_worker.h) driven by its own pool thread; processes start on
//     first use and are replaced automatically after a crash, a timeout or a cancellation.
//   - Register() once per resource config and resync (live events: once per compiled mapping,
//     live_events/mapping_cache.h; both share the process's one pool); a worker compiles it the first time it
//     maps a batch of it, and keeps it while the same config is registered again (later
//     resyncs of an unchanged mapping compile nothing). The timeout budget is per Register(). Submit()/AsyncMap() map one batch on the first free worker.
//   - Deadline: a batch must be answered within the per-item deadline (Ocean's
//     OCEAN__PROCESS_IN_QUEUE_TIMEOUT, 120 s); memory: RLIMIT_AS per worker.
//   - A batch whose worker crashed, timed out, ran out of memory or could not read it is retried
//     item by item, each in a fresh worker when needed and under its own deadline. An item that
//     fails alone is the culprit: it counts in MapResult::failed with a MapError (field
//     "mapping", the item's identity, why: "crashed the mapping worker (killed by signal 6
//     (SIGABRT): ...)", "did not finish within 120 s", "exceeded the memory limit of N MB"), which
//     makes its kind incomplete (nothing of it is deleted); the batch's other items map normally.
//   - After `max_timeouts_per_mapper` items of one registered mapper exceeded the deadline, its
//     remaining items fail at once (a mapping that loops on every item would otherwise take
//     items x deadline); the kind is incomplete anyway.
//   - Cancellation (a job's `cancelled`, checked every 50 ms, or Shutdown()) kills the worker at
//     once (SIGKILL: workers hold no state) and completes the job with status Aborted.
//   - Workers die with the pool, and with the process (PR_SET_PDEATHSIG, end of input).
//
// Thread-safety: all methods may be called from any thread. Completion callbacks run on a pool
// thread; AsyncMap() resumes the awaiting coroutine on its own executor.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "ocean/config/port_app_config.h"
#include "ocean/mapping/entity_mapper.h"
#include "ocean/mapping/jq_program.h"
#include "ocean/mapping/pool/worker_process.h"

namespace ocean::mapping::pool {

struct MappingPoolOptions {
  int workers = 0;  // 0: DefaultWorkerCount()
  std::chrono::milliseconds item_timeout{120'000};
  std::int64_t memory_limit_mb = 4096;  // per worker (RLIMIT_AS); 0 = none
  int max_timeouts_per_mapper = 3;
  WorkerCommand command;
};

// One registered resource config (see Register()).
struct MapperSpec {
  std::uint64_t id = 0;  // the same for identical configs
  std::string kind;
  std::string config_json;  // map_protocol.h EncodeMapperConfig
  mutable std::atomic<int> timeouts{0};  // items that exceeded the deadline
};
using MapperSpecPtr = std::shared_ptr<const MapperSpec>;

struct MapJob {
  MapperSpecPtr mapper;
  std::vector<json::value> items;
  std::function<bool()> cancelled;  // optional; true: stop now (resync aborted)
};

struct MapOutcome {
  core::Status status;             // OK, or Aborted (cancelled / pool shut down): `result` partial
  MapResult result;                // raw_index values index `items`
  std::vector<json::value> items;  // the job's items, handed back to the caller
  long worker_failures = 0;        // batch or item attempts whose worker failed
};

class MappingPool {
 public:
  explicit MappingPool(MappingPoolOptions options);
  ~MappingPool();  // Shutdown()
  MappingPool(const MappingPool&) = delete;
  MappingPool& operator=(const MappingPool&) = delete;

  // The cgroup v2 CPU quota (cpu.max) rounded up, else std::thread::hardware_concurrency(); >= 1.
  static int DefaultWorkerCount();

  MapperSpecPtr Register(const ResourceConfig& resource, const JqOptions& options);

  // Queues `job`; `done` runs once, on a pool thread.
  void Submit(MapJob job, std::function<void(MapOutcome)> done);
  // Maps on the pool and waits (for callers without an event loop: `ocean-aws map`, tests).
  MapOutcome MapNow(MapJob job);

  // Kills every worker, completes queued and running jobs with Aborted and joins the threads.
  // Later Submit() calls complete at once with Aborted. Idempotent.
  void Shutdown();

  int size() const { return static_cast<int>(slots_.size()); }
  const MappingPoolOptions& options() const { return options_; }
  // Live worker process ids (tests).
  std::vector<pid_t> WorkerPids() const;

 private:
  struct Slot;
  struct Pending {
    MapJob job;
    std::function<void(MapOutcome)> done;
  };
  void SlotLoop(Slot& slot);
  MapOutcome Run(Slot& slot, MapJob& job);

  MappingPoolOptions options_;
  std::vector<std::unique_ptr<Slot>> slots_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  std::unordered_map<std::string, std::uint64_t> ids_;  // mapper config -> id
  bool stopping_ = false;
  std::atomic<bool> shut_down_{false};
};

// Maps `job` on `pool` and completes `token` (e.g. boost::asio::use_awaitable) with the
// MapOutcome on the token's associated executor.
template <typename Token>
auto AsyncMap(MappingPool& pool, MapJob job, Token&& token) {
  return boost::asio::async_initiate<Token, void(MapOutcome)>(
      [&pool](auto handler, MapJob job) {
        auto executor = boost::asio::get_associated_executor(handler);
        using Handler = decltype(handler);
        auto shared = std::make_shared<Handler>(std::move(handler));
        auto work = std::make_shared<decltype(boost::asio::make_work_guard(executor))>(
            boost::asio::make_work_guard(executor));
        pool.Submit(std::move(job), [shared, work, executor](MapOutcome outcome) mutable {
          boost::asio::post(executor, [shared, work, o = std::move(outcome)]() mutable {
            (*shared)(std::move(o));
            work->reset();
          });
        });
      },
      token, std::move(job));
}

}  // namespace ocean::mapping::pool
