// PageIterator: walks every page of a pageable operation, driven by paginators-1.json.
//
// Each request carries the previous page's output tokens as input tokens and, unless the caller
// set it or the request names explicit ids (NamesExplicitIds: EC2 rejects MaxResults together
// with InstanceIds), the limit key at DefaultPageSize(). Iteration ends when the output tokens are all
// absent/empty or `more_results` is false; it fails (never loops) when a token repeats or the
// page cap is reached. Pages are returned as the operation's full JSON output.
//
// FullResult aggregates pages the way boto3's build_full_result() does: result keys
// concatenated (lists) or summed (numbers, strings), plus the paginator's non-aggregate keys as
// the first page had them (null when absent). Other keys are dropped, as boto3 drops them.
//
// Thread-safety: one iterator per coroutine; the model must outlive it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <optional>

#include "aws/model/service_model.h"
#include "core/json.h"
#include "core/result.h"

namespace aws::pagination {

struct PageOptions {
  std::optional<long> page_size;  // overrides DefaultPageSize()
  long max_pages = 100'000;       // a runaway guard, not a product limit
};

// Makes one call of the operation with the given params (AwsClient::Call, bound to a target).
using PageCallFn =
    std::function<boost::asio::awaitable<core::Result<json::value>>(const json::object& params)>;

// True when `params` holds a non-empty list under a key ending in "Ids" (InstanceIds, VpcIds,
// ...): the request already bounds its answer, and EC2 rejects a page size beside it.
bool NamesExplicitIds(const json::object& params);

class PageIterator {
 public:
  PageIterator(PageCallFn call, const model::ServiceModel& service, const model::Operation& op,
               json::object params, PageOptions options = {});

  // The next page, or nullopt when the previous one was the last.
  boost::asio::awaitable<core::Result<std::optional<json::value>>> Next();
  long pages() const { return pages_; }

 private:
  core::Status Advance(const json::value& page);

  PageCallFn call_;
  const model::ServiceModel& service_;
  const model::Operation& op_;
  json::object params_;
  PageOptions options_;
  long pages_ = 0;
  bool done_ = false;
  json::array previous_tokens_;
};

class FullResult {
 public:
  explicit FullResult(const model::Paginator& paginator) : paginator_(paginator) {}
  core::Status Add(json::value page);
  json::value Finish() &&;

 private:
  const model::Paginator& paginator_;
  json::value result_ = json::object();  // a value, so Evaluate() can point into it
  bool first_page_ = true;
  std::vector<std::pair<std::string, json::value>> non_aggregate_;
};

}  // namespace aws::pagination
