// Kind AWS::SQS::Queue (regional). Lists ListQueues -> QueueUrls; each queue's identity is its
// URL. Upstream's properties: the queue attributes (GetQueueAttributes "All"), numbers and
// booleans converted from SQS's strings as upstream's model types them, CreatedTimestamp and
// LastModifiedTimestamp kept as SQS's strings; Tags (a map) with ListQueueTagsAction.
// Divergence: upstream fails the whole kind on an attribute its model does not declare; we
// pass it through as SQS sent it.
#include <charconv>

#include "catalog/kinds/kinds.h"

namespace catalog::kinds {
namespace {

namespace asio = boost::asio;
using core::Result;
using core::Status;

constexpr std::string_view kIntegerAttributes[] = {
    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed", "VisibilityTimeout", "MaximumMessageSize",
    "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds",
    "KmsDataKeyReusePeriodSeconds"};
constexpr std::string_view kBooleanAttributes[] = {"SqsManagedSseEnabled", "FifoQueue",
                                                   "ContentBasedDeduplication"};

json::value ConvertAttribute(std::string_view name, std::string_view text) {
  for (std::string_view n : kIntegerAttributes) {
    if (n != name) continue;
    int64_t v;
    auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec == std::errc() && r.ptr == text.data() + text.size()) return v;
  }
  for (std::string_view n : kBooleanAttributes) {
    if (n != name) continue;
    if (text == "true" || text == "True") return true;
    if (text == "false" || text == "False") return false;
  }
  return json::string(text);
}

Status ToResources(const ListContext&, const json::value& item, const json::object& base_extra,
                   std::vector<Resource>& out) {
  if (!item.is_string()) return Status::ParseError("ListQueues: QueueUrls holds a non-string");
  out.push_back(Resource{std::string(item.get_string()), {}, base_extra});
  return Status::Ok();
}

asio::awaitable<Result<Enrichments>> ListQueues(ActionContext&, std::span<const Resource> rs) {
  Enrichments out;
  for (const Resource& r : rs) {
    json::object p;
    p["QueueUrl"] = r.id;
    out.emplace_back(r.id, std::move(p));
  }
  co_return out;
}

asio::awaitable<Result<Enrichments>> GetQueueAttributes(ActionContext& ctx,
                                                        std::span<const Resource> rs) {
  co_return co_await EnrichEach(
      ctx, rs, "GetQueueAttributesAction",
      [&ctx](const Resource& r) -> asio::awaitable<Result<json::object>> {
        json::object params;
        params["QueueUrl"] = r.id;
        params["AttributeNames"] = json::array{"All"};
        Result<json::value> res =
            co_await ctx.client.Call(ctx.target, "sqs", "GetQueueAttributes", std::move(params));
        if (!res.ok()) co_return res.status();
        json::object props;
        if (const json::object* attrs = core::FindObject(res->as_object(), "Attributes")) {
          for (const auto& kv : *attrs) {
            if (kv.value().is_string()) {
              props[kv.key()] = ConvertAttribute(kv.key(), kv.value().get_string());
            }
          }
        }
        co_return props;
      });
}

asio::awaitable<Result<Enrichments>> ListQueueTags(ActionContext& ctx,
                                                   std::span<const Resource> rs) {
  co_return co_await EnrichEach(
      ctx, rs, "ListQueueTagsAction",
      [&ctx](const Resource& r) -> asio::awaitable<Result<json::object>> {
        json::object params;
        params["QueueUrl"] = r.id;
        Result<json::value> res =
            co_await ctx.client.Call(ctx.target, "sqs", "ListQueueTags", std::move(params));
        if (!res.ok()) co_return res.status();
        json::object props;
        const json::value* tags = res->as_object().if_contains("Tags");
        props["Tags"] = tags && tags->is_object() ? *tags : json::object();
        co_return props;
      });
}

// By URL, or by queue name (resolved with GetQueueUrl).
asio::awaitable<Result<std::optional<Resource>>> GetOne(ListContext& ctx, std::string_view id,
                                                        const json::object& base_extra) {
  std::string url(id);
  if (!id.starts_with("https://") && !id.starts_with("http://")) {
    json::object params;
    params["QueueName"] = id;
    Result<json::value> r =
        co_await ctx.client.Call(ctx.target, "sqs", "GetQueueUrl", std::move(params));
    if (!r.ok()) {
      if (r.status().code() == core::StatusCode::kNotFound) co_return std::optional<Resource>();
      co_return r.status();
    }
    url = core::FindString(r->as_object(), "QueueUrl");
  }
  co_return std::optional<Resource>(Resource{url, {}, base_extra});
}

constexpr ActionSpec kActions[] = {
    {"ListQueuesAction", true, &ListQueues, ""},
    {"GetQueueAttributesAction", true, &GetQueueAttributes, "GetQueueAttributes"},
    {"ListQueueTagsAction", false, &ListQueueTags, "ListQueueTags"},
};

constexpr std::string_view kPropertyOrder[] = {
    "QueueName", "QueueUrl", "QueueArn", "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed",
    "CreatedTimestamp", "LastModifiedTimestamp", "VisibilityTimeout", "MaximumMessageSize",
    "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "Policy",
    "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds",
    "SqsManagedSseEnabled", "FifoQueue", "ContentBasedDeduplication", "DeduplicationScope",
    "FifoThroughputLimit", "Tags"};

}  // namespace

extern const KindSpec kSqsQueue{
    .name = "AWS::SQS::Queue",
    .service = "sqs",
    .scope = KindScope::kRegional,
    .list_operation = "ListQueues",
    .list_result_key = "QueueUrls",
    .to_resources = &ToResources,
    .get_one = &GetOne,
    .actions = kActions,
    .property_order = kPropertyOrder,
};

}  // namespace catalog::kinds
