#include "ocean/sinks/ndjson_sink.h"

#include <cerrno>
#include <cstring>

#include "core/log.h"

namespace ocean {

namespace asio = boost::asio;
using core::Result;
using core::Status;

Result<std::unique_ptr<NdjsonSink>> NdjsonSink::Open(const std::string& path) {
  if (path == "-") return std::make_unique<NdjsonSink>(stdout, "stdout");
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    return Status::InvalidArgument("cannot open NDJSON output " + path + ": " +
                                   std::strerror(errno));
  }
  auto sink = std::make_unique<NdjsonSink>(f, path);
  sink->owned_ = true;
  return sink;
}

NdjsonSink::NdjsonSink(std::FILE* out, std::string destination)
    : out_(out), owned_(false), destination_(std::move(destination)) {}

NdjsonSink::~NdjsonSink() {
  if (owned_) std::fclose(out_);
}

UpsertOutcome NdjsonSink::UpsertSync(const UpsertBatch& batch) {
  UpsertOutcome out;
  if (batch.entities.empty()) return out;
  buffer_.clear();
  out.upserted.reserve(batch.entities.size());
  for (const mapping::MappedEntity& e : batch.entities) {
    core::WriteJson(e.entity, buffer_);
    buffer_.push_back('\n');
    out.upserted.push_back(KeyOf(e.entity));
  }
  errno = 0;
  std::size_t written = std::fwrite(buffer_.data(), 1, buffer_.size(), out_);
  int rc = std::fflush(out_);
  if (written == buffer_.size() && rc == 0) return out;

  std::string why = "writing to " + destination_ + " failed: " +
                    (errno != 0 ? std::strerror(errno) : "short write");
  std::clearerr(out_);
  LOG_ERROR("NDJSON sink: {} ({} entities lost)", why, batch.entities.size());
  if (first_error_.empty()) first_error_ = why;
  lost_ += static_cast<long>(batch.entities.size());
  out.failed = static_cast<long>(out.upserted.size());
  for (const EntityKey& k : out.upserted) {
    out.errors.push_back(k.blueprint + "/" + k.identifier + ": " + why);
  }
  out.upserted.clear();
  return out;
}

asio::awaitable<Status> NdjsonSink::BeginResync(const ResyncStart& /*start*/) {
  lost_ = 0;
  first_error_.clear();
  co_return Status::Ok();
}

asio::awaitable<UpsertOutcome> NdjsonSink::Upsert(UpsertBatch batch) {
  co_return UpsertSync(batch);
}

asio::awaitable<Result<std::vector<EntityKey>>> NdjsonSink::ListOwned(
    const ResyncStart& /*start*/) {
  co_return std::vector<EntityKey>();
}

asio::awaitable<DeleteOutcome> NdjsonSink::Delete(std::vector<EntityKey> /*keys*/,
                                                  const PortAppConfig& /*config*/,
                                                  const ResyncStart& /*start*/) {
  co_return DeleteOutcome();
}

asio::awaitable<Status> NdjsonSink::EndResync(const ResyncStart& /*start*/,
                                              const RunRecord& /*run*/) {
  if (std::fflush(out_) != 0 && first_error_.empty()) {
    first_error_ = "flushing " + destination_ + " failed: " + std::strerror(errno);
    std::clearerr(out_);
  }
  if (first_error_.empty()) co_return Status::Ok();
  co_return Status::Unavailable("NDJSON sink: " + first_error_ + " (" + std::to_string(lost_) +
                                " entities not written)");
}

}  // namespace ocean
