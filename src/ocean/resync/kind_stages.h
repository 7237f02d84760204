// KindStages: one resource config's resync as three stages that overlap —
//
//   list+enrich (I/O: the caller's listing coroutines, which call Push per batch)
//     -> map  (CPU: on the mapping pool's worker processes, off the I/O thread; inline for a
//              native-only mapping or without a pool, where mapping costs less than shipping)
//     -> load (the sink's Upsert, one batch at a time, in the order Push accepted them)
//
// joined by a bounded, ordered queue of batches per kind. The bound is a StageBudget shared by
// every kind of a resync (kinds may run at once): Push accepts a batch only while fewer than
// `budget.capacity` batches of the whole resync are in flight (accepted and not yet loaded or
// dropped), so a slow sink slows the listing and the queues hold at most `capacity` batches,
// however many kinds run. A listing that waits for room before enriching (WaitForRoom, the
// scopes' catalog::RoomGateFn) starts no enrichment while the queue is full, so while it waits
// it holds its raw resources only; its Push may still wait (another listing took the room)
// holding one enriched batch. Batches are mapped
// concurrently (on the pool) but loaded in acceptance order, so the sink sees a kind's batches
// in order. Every accepted batch is eventually loaded or dropped, so a kind waiting for room
// always gets it.
//
// The report is kept exactly as the one-stage pipeline kept it: raw counted (and "extract"
// metrics) when a batch is accepted; mapping counts, map errors, entity keys for reconciliation
// (`seen`), upsert counts and observer progress when the load stage takes the batch.
//
// Errors:
//   - a mapping pool failure that is not an abort (e.g. the pool was shut down) sets the kind's
//     error (the kind is then incomplete: nothing of it is deleted) and every later Push returns
//     it, which fails the listing scopes; batches already accepted are still loaded;
//   - failed items (mapping errors, an item that crashed its worker) are counted as ever.
// Abort (AbortSignal, e.g. SIGTERM): Push returns Aborted; the load stage loads nothing once the
// signal is set (checked right before every Upsert) and drops every batch still queued; when it
// dropped any, the kind's error is Aborted. Pool jobs of an aborted resync stop at once.
//
// Thread-safety: one event loop; Run() and Push() are coroutines on it (Push may be called by
// several listing coroutines at once). The mapping pool's completions are posted back to it.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/async_condition.h"
#include "core/json.h"
#include "core/status.h"
#include "ocean/mapping/entity_mapper.h"
#include "ocean/mapping/pool/mapping_pool.h"
#include "ocean/resync/abort_signal.h"
#include "ocean/resync/resync_observer.h"
#include "ocean/resync/resync_report.h"
#include "ocean/resync/seen_keys.h"
#include "ocean/sinks/entity_sink.h"

namespace ocean {

// Batches in flight per resync by default: enough for the pool's workers and the sink to work
// while the listing goes on, small enough that a resync holds ~1,600 resources at most.
inline constexpr std::size_t kDefaultStageCapacity = 16;
// Per kind: errors kept in the report, and logged.
inline constexpr std::size_t kKeptErrors = 100;
inline constexpr std::size_t kLoggedErrors = 5;

// The resync-wide bound on batches in flight, and the one condition every kind's stages wait
// on (a batch accepted, mapped or loaded, a listing ended). One per resync, on its event loop.
struct StageBudget {
  StageBudget(const boost::asio::any_io_executor& executor, std::size_t capacity)
      : changed(executor), capacity(capacity < 1 ? 1 : capacity) {}
  core::AsyncCondition changed;
  std::size_t capacity;
  std::size_t in_flight = 0;
  std::size_t peak_in_flight = 0;
};

struct KindStagesOptions {
  const ResourceConfig* resource = nullptr;
  const mapping::EntityMapper* mapper = nullptr;  // used when `pooled` is null
  mapping::pool::MappingPool* pool = nullptr;     // used with `pooled`
  mapping::pool::MapperSpecPtr pooled;            // null: map inline
  EntitySink* sink = nullptr;
  const AbortSignal* abort = nullptr;
  ResyncObserver* observer = nullptr;  // optional
  SeenKeys* seen = nullptr;
  StageBudget* budget = nullptr;  // shared by the resync's kinds
  // When the load stage has loaded a batch and none follows for this long while the listing
  // goes on (slow or paced enrichment), it calls the sink's Flush: SQLite's group transaction
  // then does not hold the catalog's write lock through the gap (another process writing the
  // file waits at most its busy timeout). A failed flush fails the kind, as at its end.
  std::chrono::milliseconds idle_flush{1000};
};

class KindStages {
 public:
  // `report` and everything in `options` must outlive the object.
  KindStages(boost::asio::any_io_executor executor, KindStagesOptions options,
             KindReport& report);
  KindStages(const KindStages&) = delete;
  KindStages& operator=(const KindStages&) = delete;

  // Runs `list` (the list stage, which calls Push) alongside the load stage, and completes when
  // `list` has returned and every accepted batch has been loaded or dropped. An exception from
  // `list` or the sink is rethrown after that.
  boost::asio::awaitable<void> Run(std::function<boost::asio::awaitable<void>()> list);

  // The list stage's hand-off (a catalog::EmitFn): waits for room, then queues `batch` and
  // starts mapping it. Ok, Aborted, or the map stage's failure.
  boost::asio::awaitable<core::Status> Push(std::vector<json::value> batch);

  // Completes once the resync's queues have room for a batch now (a catalog::RoomGateFn); takes
  // none. Errors as Push's.
  boost::asio::awaitable<core::Status> WaitForRoom();

  // Push calls that had to wait for room while holding their batch.
  long pushes_waited() const { return pushes_waited_; }

  // The most batches of this kind that were in flight at once (<= the budget's capacity).
  std::size_t peak_in_flight() const { return peak_in_flight_; }
  // Batches accepted but dropped because the resync was aborted.
  long dropped_batches() const { return dropped_batches_; }

 private:
  struct Slot;
  core::Status Stopped() const;  // Ok, or why no batch is accepted any more
  void TakeRoom();
  void FreeRoom();
  boost::asio::awaitable<void> LoadLoop();
  boost::asio::awaitable<void> Load(Slot& slot);
  void StartMapping(const std::shared_ptr<Slot>& slot);
  core::Status AbortedStatus() const;

  boost::asio::any_io_executor executor_;
  KindStagesOptions o_;
  KindReport& report_;
  std::string kind_id_;
  core::AsyncCondition& changed_;  // the budget's
  std::deque<std::shared_ptr<Slot>> queue_;  // accepted, not yet taken by the load stage
  std::size_t in_flight_ = 0;  // this kind's: accepted, not yet loaded or dropped
  long pushes_waited_ = 0;
  std::size_t peak_in_flight_ = 0;
  bool listing_done_ = false;
  bool load_done_ = false;
  std::exception_ptr load_error_;
  core::Status map_failure_;  // the first map stage failure (not an abort)
  long dropped_batches_ = 0;
};

}  // namespace ocean
