// NullSink: an ocean::EntitySink that accepts every call and keeps nothing — the base of the
// tests' recording and slow sinks, which override only the calls they observe. It keeps state
// (keeps_state() is true) so that a resync runs its reconciliation against it; it owns no
// entities (ListOwned is empty), upserts and deletes report nothing.
//
// Thread-safety: as EntitySink (one event loop).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string_view>
#include <vector>

#include "ocean/sinks/entity_sink.h"

namespace testing_fakes {

class NullSink : public ocean::EntitySink {
 public:
  std::string_view name() const override { return "null"; }
  bool keeps_state() const override { return true; }
  boost::asio::awaitable<core::Status> BeginResync(const ocean::ResyncStart&) override {
    co_return core::Status::Ok();
  }
  boost::asio::awaitable<ocean::UpsertOutcome> Upsert(ocean::UpsertBatch) override {
    co_return ocean::UpsertOutcome{};
  }
  boost::asio::awaitable<core::Result<std::vector<ocean::EntityKey>>> ListOwned(
      const ocean::ResyncStart&) override {
    co_return std::vector<ocean::EntityKey>{};
  }
  boost::asio::awaitable<ocean::DeleteOutcome> Delete(std::vector<ocean::EntityKey>,
                                                      const ocean::PortAppConfig&,
                                                      const ocean::ResyncStart&) override {
    co_return ocean::DeleteOutcome{};
  }
  boost::asio::awaitable<core::Status> EndResync(const ocean::ResyncStart&,
                                                 const ocean::RunRecord&) override {
    co_return core::Status::Ok();
  }
};

}  // namespace testing_fakes
