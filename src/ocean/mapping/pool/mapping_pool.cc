#include "ocean/mapping/pool/mapping_pool.h"

#include <csignal>
#include <fstream>
#include <future>
#include <sstream>

#include "core/log.h"
#include "ocean/mapping/item_identity.h"
#include "ocean/mapping/pool/map_protocol.h"

namespace ocean::mapping::pool {

using core::Status;

namespace {

std::atomic<std::uint64_t> next_mapper_id{1};

constexpr std::size_t kMaxConfiguredPerWorker = 256;  // then the worker is replaced

// Why an item failed alone, for its MapError.
std::string Describe(const WorkerFailure& f, const MappingPoolOptions& options) {
  const long seconds = static_cast<long>((options.item_timeout.count() + 999) / 1000);
  switch (f.kind) {
    case WorkerFailureKind::kTimedOut:
      return "mapping this item did not finish within " + std::to_string(seconds) +
             " s (OCEAN__PROCESS_IN_QUEUE_TIMEOUT); its worker was stopped";
    case WorkerFailureKind::kOutOfMemory:
      return "mapping this item exceeded the mapping worker's memory limit of " +
             std::to_string(options.memory_limit_mb) + " MB (OCEAN__MAPPING_WORKER_MEMORY_LIMIT_MB)";
    case WorkerFailureKind::kCrashed:
      return "mapping this item crashed the mapping worker (" + f.message + ")";
    case WorkerFailureKind::kStartFailed:
      return "no mapping worker could be started: " + f.message;
    case WorkerFailureKind::kRefused:
      return "the mapping worker could not map this item: " + f.message;
    case WorkerFailureKind::kCancelled:
      return "cancelled";
  }
  return f.message;
}

void FailItem(MapResult& r, const MapperSpec& spec, const json::value& item, std::size_t index,
              std::string message) {
  ++r.raw;
  ++r.expanded;
  ++r.failed;
  r.errors.push_back(MapError{spec.kind, "mapping", "", ItemIdentity(item, spec.kind, index),
                              std::move(message)});
}

}  // namespace

struct MappingPool::Slot {
  explicit Slot(const MappingPoolOptions& o) : worker(o.command, o.memory_limit_mb) {}
  WorkerProcess worker;
  std::thread thread;
  mutable std::mutex pid_mu;
  pid_t pid = -1;  // worker.pid(), readable from other threads
  std::atomic<bool> kill_now{false};
};

int MappingPool::DefaultWorkerCount() {
  std::ifstream f("/sys/fs/cgroup/cpu.max");
  std::string quota, period;
  if (f >> quota >> period && quota != "max") {
    try {
      double q = std::stod(quota), p = std::stod(period);
      if (q > 0 && p > 0) return std::max(1, static_cast<int>((q + p - 1) / p));
    } catch (...) {
    }
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

MappingPool::MappingPool(MappingPoolOptions options) : options_(std::move(options)) {
  std::signal(SIGPIPE, SIG_IGN);  // a worker dying mid-request is an EPIPE, not our death
  const int n = options_.workers > 0 ? options_.workers : DefaultWorkerCount();
  for (int i = 0; i < n; ++i) slots_.push_back(std::make_unique<Slot>(options_));
  for (auto& slot : slots_) {
    Slot* s = slot.get();
    s->thread = std::thread([this, s] { SlotLoop(*s); });
  }
}

MappingPool::~MappingPool() { Shutdown(); }

MapperSpecPtr MappingPool::Register(const ResourceConfig& resource, const JqOptions& options) {
  auto spec = std::make_shared<MapperSpec>();
  spec->kind = resource.kind;
  spec->config_json = EncodeMapperConfig(resource, options);
  // The same config (every resync of an unchanged mapping) keeps its id, so workers keep their
  // compiled programs across resyncs: compiling costs ~0.2 CPU-s for a 10-leaf mapping.
  std::lock_guard lock(mu_);
  if (ids_.size() > 4096) ids_.clear();
  auto [it, added] = ids_.try_emplace(spec->config_json, 0);
  if (added) it->second = next_mapper_id.fetch_add(1);
  spec->id = it->second;
  return spec;
}

void MappingPool::Submit(MapJob job, std::function<void(MapOutcome)> done) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      queue_.push_back(Pending{std::move(job), std::move(done)});
      cv_.notify_one();
      return;
    }
  }
  MapOutcome out;
  out.status = Status::Aborted("the mapping pool is shut down");
  out.items = std::move(job.items);
  done(std::move(out));
}

MapOutcome MappingPool::MapNow(MapJob job) {
  std::promise<MapOutcome> promise;
  std::future<MapOutcome> future = promise.get_future();
  Submit(std::move(job), [&promise](MapOutcome o) { promise.set_value(std::move(o)); });
  return future.get();
}

void MappingPool::Shutdown() {
  std::deque<Pending> orphans;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
    orphans.swap(queue_);
    for (auto& slot : slots_) slot->kill_now = true;
  }
  cv_.notify_all();
  for (Pending& p : orphans) {
    MapOutcome out;
    out.status = Status::Aborted("the mapping pool is shut down");
    out.items = std::move(p.job.items);
    p.done(std::move(out));
  }
  for (auto& slot : slots_) {
    if (slot->thread.joinable()) slot->thread.join();
  }
  shut_down_ = true;
}

std::vector<pid_t> MappingPool::WorkerPids() const {
  std::vector<pid_t> pids;
  for (const auto& slot : slots_) {
    std::lock_guard lock(slot->pid_mu);
    if (slot->pid > 0) pids.push_back(slot->pid);
  }
  return pids;
}

void MappingPool::SlotLoop(Slot& slot) {
  for (;;) {
    Pending pending;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) break;
      pending = std::move(queue_.front());
      queue_.pop_front();
    }
    MapOutcome out = Run(slot, pending.job);
    {
      std::lock_guard lock(slot.pid_mu);
      slot.pid = slot.worker.pid();
    }
    pending.done(std::move(out));
  }
  slot.worker.Kill();
  std::lock_guard lock(slot.pid_mu);
  slot.pid = -1;
}

MapOutcome MappingPool::Run(Slot& slot, MapJob& job) {
  MapOutcome out;
  out.items = std::move(job.items);
  const MapperSpec& spec = *job.mapper;
  const std::vector<json::value>& items = out.items;
  auto cancelled = [&] { return slot.kill_now.load() || (job.cancelled && job.cancelled()); };
  auto aborted = [&] {
    out.status = Status::Aborted(slot.kill_now ? "the mapping pool is shut down"
                                               : "mapping cancelled");
    return std::move(out);
  };

  auto publish_pid = [&] {
    std::lock_guard lock(slot.pid_mu);
    slot.pid = slot.worker.pid();
  };
  // One exchange for items [begin, end): configures the mapper first when this worker process
  // has not compiled it yet. `fresh` tells whether the process was started for this exchange.
  auto attempt = [&](std::size_t begin, std::size_t end, bool& fresh) -> WorkerProcess::Exchange {
    WorkerProcess& w = slot.worker;
    if (w.running() && !w.configured().contains(spec.id) &&
        w.configured().size() >= kMaxConfiguredPerWorker) {
      w.Kill();  // a fresh process forgets them all (destroying libjq programs can abort)
    }
    fresh = !w.running();
    if (auto failed = slot.worker.EnsureStarted()) {
      WorkerProcess::Exchange ex;
      ex.failure = std::move(failed);
      return ex;
    }
    publish_pid();
    std::string request;
    if (!w.configured().contains(spec.id)) {
      AppendFrame(request, FrameType::kConfigure, EncodeConfigure(spec.id, spec.config_json));
    }
    std::span<const json::value> part(items.data() + begin, end - begin);
    AppendFrame(request, FrameType::kMap, EncodeMapRequest(spec.id, part));
    const auto deadline = WorkerProcess::Clock::now() + options_.item_timeout;
    WorkerProcess::Exchange ex = w.Call(request, deadline, cancelled);
    if (w.running()) w.configured().insert(spec.id);
    if (ex.reply && ex.reply->type != FrameType::kResult) {
      ex.failure = WorkerFailure{WorkerFailureKind::kCrashed, "answered an unexpected frame"};
      ex.reply.reset();
      w.Kill();
    }
    publish_pid();
    return ex;
  };

  if (items.empty()) return out;
  if (cancelled()) return aborted();
  // Whole batch first: the normal, fast path. (A single item goes straight to the item path.)
  if (items.size() > 1 && spec.timeouts.load() < options_.max_timeouts_per_mapper) {
    bool fresh = false;
    WorkerProcess::Exchange ex = attempt(0, items.size(), fresh);
    if (ex.reply) {
      core::Result<MapResult> decoded = DecodeMapResult(ex.reply->payload);
      if (decoded.ok()) {
        out.result = std::move(*decoded);
        return out;
      }
      ex.failure = WorkerFailure{WorkerFailureKind::kRefused, decoded.status().message()};
    }
    if (ex.failure->kind == WorkerFailureKind::kCancelled) return aborted();
    ++out.worker_failures;
    LOG_WARN("{}: mapping a batch of {} items failed ({}): mapping them one by one", spec.kind,
             items.size(), Describe(*ex.failure, options_));
  }
  // Isolation: each item alone, so that only the culprit fails.
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (cancelled()) return aborted();
    if (const int t = spec.timeouts.load(); t >= options_.max_timeouts_per_mapper) {
      FailItem(out.result, spec, items[i], i,
               "not mapped: " + std::to_string(t) +
                   " items of this kind already exceeded the mapping deadline since this mapping "
                   "was registered (this resync, or this live-events mapping period)");
      continue;
    }
    bool fresh = false;
    WorkerProcess::Exchange ex = attempt(i, i + 1, fresh);
    if (!ex.reply && !fresh && (ex.failure->kind == WorkerFailureKind::kCrashed ||
                                ex.failure->kind == WorkerFailureKind::kOutOfMemory)) {
      // libjq can leave a program in a state that crashes its *next* run (a path generator
      // stopped after its first output asserts `path_len == 0` at the next start): an item that
      // crashes a used worker is only to blame if it also crashes a fresh one.
      ++out.worker_failures;
      ex = attempt(i, i + 1, fresh);
    }
    if (ex.reply) {
      core::Result<MapResult> decoded = DecodeMapResult(ex.reply->payload);
      if (decoded.ok()) {
        // The worker saw the item as item #0 of its batch: name it by its place in this one.
        const std::string as_first = ItemIdentity(items[i], spec.kind, 0);
        for (MapError& e : decoded->errors) {
          if (e.item == as_first) e.item = ItemIdentity(items[i], spec.kind, i);
        }
        MergeMapResult(out.result, std::move(*decoded), i);
        continue;
      }
      ex.failure = WorkerFailure{WorkerFailureKind::kRefused, decoded.status().message()};
    }
    if (ex.failure->kind == WorkerFailureKind::kCancelled) return aborted();
    ++out.worker_failures;
    if (ex.failure->kind == WorkerFailureKind::kTimedOut) spec.timeouts.fetch_add(1);
    std::string why = Describe(*ex.failure, options_);
    LOG_WARN("{}: {}: {}", spec.kind, ItemIdentity(items[i], spec.kind, i), why);
    FailItem(out.result, spec, items[i], i, std::move(why));
  }
  return out;
}

}  // namespace ocean::mapping::pool
