#include "ocean/resync/kind_stages.h"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <algorithm>
#include <memory>
#include <optional>

#include "core/log.h"
#include "core/metrics.h"

namespace ocean {

namespace asio = boost::asio;
using core::Status;

// One accepted batch on its way from the list stage to the load stage.
struct KindStages::Slot {
  std::vector<json::value> items;   // the raw batch (UpsertBatch::raw)
  bool mapped = false;              // `result` (and `status`) are final
  Status status;                    // the pool's job status (Aborted: cancelled / shut down)
  mapping::MapResult result;
  long worker_failures = 0;
};

namespace {

void CountObjects(const std::string& kind_id, std::string_view phase, std::string_view type,
                  long n) {
  if (n == 0) return;
  core::metrics::Add("object_count",
                     {{"kind", kind_id}, {"phase", std::string(phase)},
                      {"object_count_type", std::string(type)}},
                     static_cast<double>(n));
}

void RecordMapErrors(KindReport& report, std::vector<mapping::MapError>& errors) {
  for (mapping::MapError& e : errors) {
    if (report.map_errors.size() < kLoggedErrors) {
      LOG_WARN("{}: {} '{}' failed for {}: {}", e.kind, e.field, e.expression, e.item, e.message);
    }
    if (report.map_errors.size() < kKeptErrors) report.map_errors.push_back(std::move(e));
  }
}

}  // namespace

KindStages::KindStages(asio::any_io_executor executor, KindStagesOptions options,
                       KindReport& report)
    : executor_(std::move(executor)),
      o_(std::move(options)),
      report_(report),
      kind_id_(o_.resource->kind + "-" + std::to_string(o_.resource->index)),
      changed_(o_.budget->changed) {}

Status KindStages::AbortedStatus() const {
  return Status::Aborted("resync aborted: " + o_.abort->reason());
}

asio::awaitable<void> KindStages::Run(std::function<asio::awaitable<void>()> list) {
  asio::co_spawn(executor_, LoadLoop(), [this](std::exception_ptr e) {
    if (e && !load_error_) load_error_ = e;
    load_done_ = true;
    changed_.NotifyAll();
  });
  std::exception_ptr list_error;
  try {
    co_await list();
  } catch (...) {
    list_error = std::current_exception();
  }
  listing_done_ = true;
  changed_.NotifyAll();
  co_await changed_.WaitUntil([this] { return load_done_; });
  // The sink may hold this kind's upserts uncommitted (SQLite's group commit): commit them now.
  // A failure lost entities reported upserted, so the kind is not complete.
  if (Status flushed = co_await o_.sink->Flush(); !flushed.ok() && report_.error.ok()) {
    report_.error = flushed;
  }
  if (dropped_batches_ > 0 && report_.error.ok()) {
    report_.error = Status::Aborted("resync aborted: " + o_.abort->reason() + " (" +
                                    std::to_string(dropped_batches_) +
                                    " listed batches were not loaded)");
  }
  if (list_error) std::rethrow_exception(list_error);
  if (load_error_) std::rethrow_exception(load_error_);
}

Status KindStages::Stopped() const {
  if (o_.abort->aborted()) return AbortedStatus();
  if (!map_failure_.ok()) return map_failure_;
  if (load_error_) return Status::Internal("the load stage of " + kind_id_ + " stopped");
  return Status::Ok();
}

asio::awaitable<Status> KindStages::WaitForRoom() {
  co_await changed_.WaitUntil(
      [this] { return o_.budget->in_flight < o_.budget->capacity || !Stopped().ok(); });
  co_return Stopped();
}

void KindStages::TakeRoom() {
  ++in_flight_;
  ++o_.budget->in_flight;
  peak_in_flight_ = std::max(peak_in_flight_, in_flight_);
  o_.budget->peak_in_flight = std::max(o_.budget->peak_in_flight, o_.budget->in_flight);
}

void KindStages::FreeRoom() {
  --in_flight_;
  --o_.budget->in_flight;
  changed_.NotifyAll();
}

asio::awaitable<Status> KindStages::Push(std::vector<json::value> batch) {
  if (o_.budget->in_flight >= o_.budget->capacity) ++pushes_waited_;
  Status room = co_await WaitForRoom();  // Ok: room now, and nothing stopped the stages
  if (!room.ok()) co_return room;
  TakeRoom();
  report_.raw += static_cast<long>(batch.size());
  CountObjects(kind_id_, "extract", "raw_extracted", static_cast<long>(batch.size()));
  auto slot = std::make_shared<Slot>();
  slot->items = std::move(batch);
  queue_.push_back(slot);
  StartMapping(slot);
  co_return Status::Ok();
}

void KindStages::StartMapping(const std::shared_ptr<Slot>& slot) {
  if (!o_.pooled) {
    // Inline (native-only mapping, or no pool): cheaper than a trip to a worker, and done
    // before the listing resumes, so it never waits for the sink.
    slot->result = o_.mapper->Map(slot->items);
    slot->mapped = true;
    changed_.NotifyAll();
    return;
  }
  mapping::pool::MapJob job;
  job.mapper = o_.pooled;
  job.items = std::move(slot->items);
  const AbortSignal* abort = o_.abort;
  job.cancelled = [abort] { return abort->aborted(); };
  // The completion runs on this executor; the load stage waits for every slot, so `this`
  // outlives it.
  mapping::pool::AsyncMap(
      *o_.pool, std::move(job),
      asio::bind_executor(executor_, [this, slot](mapping::pool::MapOutcome outcome) {
        slot->items = std::move(outcome.items);
        slot->status = std::move(outcome.status);
        slot->result = std::move(outcome.result);
        slot->worker_failures = outcome.worker_failures;
        slot->mapped = true;
        changed_.NotifyAll();
      }));
}

asio::awaitable<void> KindStages::LoadLoop() {
  // Armed after each load that leaves the queue empty; re-arming cancels the previous wait.
  // The state is shared with the handler, which may run after this frame ended (a completion
  // already queued when the loop returned): it then touches nothing.
  enum class Idle { kWaiting, kDue, kEnded };
  auto idle_state = std::make_shared<Idle>(Idle::kWaiting);
  struct EndIdle {
    std::shared_ptr<Idle> state;
    ~EndIdle() { *state = Idle::kEnded; }
  } end_idle{idle_state};
  asio::steady_timer idle(executor_);
  for (;;) {
    co_await changed_.WaitUntil([&] {
      return *idle_state == Idle::kDue || (!queue_.empty() && queue_.front()->mapped) ||
             (queue_.empty() && listing_done_);
    });
    if (*idle_state == Idle::kDue) {
      *idle_state = Idle::kWaiting;
      if (queue_.empty() && !listing_done_ && !load_error_ && !o_.abort->aborted()) {
        if (Status flushed = co_await o_.sink->Flush(); !flushed.ok() && report_.error.ok()) {
          LOG_ERROR("{}: committing the loaded entities failed: {}", kind_id_, flushed.message());
          report_.error = flushed;
        }
      }
      continue;
    }
    if (queue_.empty()) co_return;
    std::shared_ptr<Slot> slot = std::move(queue_.front());
    queue_.pop_front();
    // After an exception (from the sink) the remaining batches are only waited for (their
    // pool jobs hold `this`), and Push refuses more; Run rethrows it at the end.
    if (!load_error_) {
      try {
        co_await Load(*slot);
      } catch (...) {
        load_error_ = std::current_exception();
      }
    }
    FreeRoom();
    if (queue_.empty() && !listing_done_) {
      idle.expires_after(o_.idle_flush);
      idle.async_wait([this, idle_state](const boost::system::error_code& ec) {
        if (ec || *idle_state == Idle::kEnded) return;  // re-armed, or the loop ended
        *idle_state = Idle::kDue;
        changed_.NotifyAll();
      });
    }
  }
}

asio::awaitable<void> KindStages::Load(Slot& slot) {
  if (slot.worker_failures > 0) {
    core::metrics::Add("ocean_aws_mapping_worker_failures_total", {{"kind", kind_id_}},
                       static_cast<double>(slot.worker_failures));
  }
  if (o_.abort->aborted()) {  // nothing reaches the sink after an abort
    ++dropped_batches_;
    co_return;
  }
  if (!slot.status.ok()) {  // the pool failed the job without an abort: the kind is incomplete
    LOG_ERROR("{}: mapping failed: {}", kind_id_, slot.status.message());
    if (map_failure_.ok()) map_failure_ = slot.status;
    if (report_.error.ok()) report_.error = slot.status;
    co_return;
  }
  mapping::MapResult& mapped = slot.result;
  report_.filtered_out += mapped.filtered_out;
  report_.dropped += mapped.dropped;
  // Items whose entities are unknown (selector, identity or itemsToParse error): the kind is
  // incomplete for deletion.
  report_.failed_items += mapped.failed + mapped.items_to_parse_skipped;
  CountObjects(kind_id_, "transform", "transformed", static_cast<long>(mapped.entities.size()));
  CountObjects(kind_id_, "transform", "filtered_out", mapped.filtered_out);
  CountObjects(kind_id_, "transform", "failed", mapped.failed + mapped.items_to_parse_skipped);
  RecordMapErrors(report_, mapped.errors);
  if (!mapped.entities.empty()) {
    report_.entities += static_cast<long>(mapped.entities.size());
    for (const mapping::MappedEntity& e : mapped.entities) o_.seen->insert(KeyOf(e.entity));
    UpsertBatch upsert;
    upsert.resource = o_.resource;
    upsert.entities = std::move(mapped.entities);
    upsert.raw = slot.items;
    UpsertOutcome outcome = co_await o_.sink->Upsert(std::move(upsert));
    for (EntityKey& k : outcome.upserted) o_.seen->insert(std::move(k));
    report_.upserted += static_cast<long>(outcome.upserted.size());
    report_.upsert_failed += outcome.failed;
    CountObjects(kind_id_, "load", "loaded", static_cast<long>(outcome.upserted.size()));
    CountObjects(kind_id_, "load", "failed", outcome.failed);
    for (std::string& e : outcome.errors) {
      if (report_.upsert_errors.size() < kLoggedErrors) LOG_WARN("{}: {}", kind_id_, e);
      if (report_.upsert_errors.size() < kKeptErrors) report_.upsert_errors.push_back(std::move(e));
    }
  }
  if (o_.observer) o_.observer->OnKindProgress(report_);
}

}  // namespace ocean
