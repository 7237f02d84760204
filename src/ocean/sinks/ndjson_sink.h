// NdjsonSink: writes each mapped entity as one line of compact JSON (newline-delimited JSON) to a
// file or to stdout ("-"). It keeps no state: no reconciliation, ListOwned is empty and Delete
// does nothing.
//
// Each batch is written and flushed as a whole. A write error fails every entity of that batch
// (UpsertOutcome.failed/errors), later batches are still attempted, and EndResync returns an
// error naming the destination, the system's reason and how many entities were lost.
// Opening a file truncates it; successive resyncs of one process append to it.
//
// Thread-safety: none; use a sink from one thread at a time.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include "core/result.h"
#include "ocean/sinks/entity_sink.h"

namespace ocean {

class NdjsonSink final : public EntitySink {
 public:
  // `path` "-" writes to stdout. An unopenable path is an error naming it.
  static core::Result<std::unique_ptr<NdjsonSink>> Open(const std::string& path);
  // Writes to an already-open stream (not closed by the sink); `destination` names it in errors.
  NdjsonSink(std::FILE* out, std::string destination);
  ~NdjsonSink() override;
  NdjsonSink(const NdjsonSink&) = delete;
  NdjsonSink& operator=(const NdjsonSink&) = delete;

  std::string_view name() const override { return "ndjson"; }
  bool keeps_state() const override { return false; }

  boost::asio::awaitable<core::Status> BeginResync(const ResyncStart& start) override;
  boost::asio::awaitable<UpsertOutcome> Upsert(UpsertBatch batch) override;
  boost::asio::awaitable<core::Result<std::vector<EntityKey>>> ListOwned(
      const ResyncStart& start) override;
  boost::asio::awaitable<DeleteOutcome> Delete(std::vector<EntityKey> keys,
                                               const PortAppConfig& config,
                                               const ResyncStart& start) override;
  boost::asio::awaitable<core::Status> EndResync(const ResyncStart& start,
                                                 const RunRecord& run) override;

  UpsertOutcome UpsertSync(const UpsertBatch& batch);  // what Upsert does

 private:
  std::FILE* out_;
  bool owned_;  // close on destruction
  std::string destination_;
  std::string buffer_;
  long lost_ = 0;           // entities not written in the current resync
  std::string first_error_;
};

}  // namespace ocean
