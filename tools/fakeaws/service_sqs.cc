// Fake SQS (json 1.0, query-compatible errors): ListQueues (MaxResults 1..1000; NextToken only
// when MaxResults is set; QueueNamePrefix), GetQueueAttributes (All or named attributes),
// ListQueueTags, GetQueueUrl. Queues are "queue-<index, 7 digits>" (every 8th a FIFO queue,
// ".fifo"), at https://sqs.<region>.amazonaws.com/<account>/<name>.
#include <charconv>

#include "services.h"

namespace fakeaws {

namespace {

constexpr int64_t kEpoch = 1'650'000'000;

bool IsFifo(const Universe& u, int account, int region, uint64_t index) {
  return Mix(u.seed(), static_cast<uint64_t>(account), static_cast<uint64_t>(region), index,
             0x5C5) %
             8 ==
         0;
}

std::string QueueName(const Universe& u, int account, int region, uint64_t index) {
  return "queue-" + PaddedDecimal(index, 7) + (IsFifo(u, account, region, index) ? ".fifo" : "");
}

std::string QueueUrl(const ServiceContext& ctx, uint64_t index) {
  return "https://sqs." + ctx.call.region + ".amazonaws.com/" + ctx.call.account + "/" +
         QueueName(ctx.universe, ctx.account, ctx.region, index);
}

Reply NoQueue(const ServiceContext& ctx) {
  return JsonError(400, "com.amazonaws.sqs", "QueueDoesNotExist",
                   "The specified queue does not exist.", ctx.request_id,
                   "AWS.SimpleQueueService.NonExistentQueue");
}

// The index of a queue of this scope named `name`, if it exists.
std::optional<uint64_t> QueueIndex(const ServiceContext& ctx, std::string_view name) {
  if (!name.starts_with("queue-") || name.size() < 13) return std::nullopt;
  std::string_view digits = name.substr(6, 7);
  uint64_t index = 0;
  auto r = std::from_chars(digits.data(), digits.data() + 7, index);
  if (r.ec != std::errc() || r.ptr != digits.data() + 7) return std::nullopt;
  if (index >= ctx.universe.Count(Kind::kSqsQueue, ctx.account, ctx.region)) return std::nullopt;
  if (name != QueueName(ctx.universe, ctx.account, ctx.region, index)) return std::nullopt;
  return index;
}

// The index of the queue at `url` (must be in this account and region), if it exists.
std::optional<uint64_t> QueueOfUrl(const ServiceContext& ctx, std::string_view url) {
  std::string prefix =
      "https://sqs." + ctx.call.region + ".amazonaws.com/" + ctx.call.account + "/";
  if (!url.starts_with(prefix) || ctx.universe.IsRemoved(url)) return std::nullopt;
  return QueueIndex(ctx, url.substr(prefix.size()));
}

std::string_view JsonString(const json::value& body, std::string_view key) {
  const json::object* o = body.if_object();
  return o ? core::FindString(*o, key) : std::string_view();
}

std::string LimitText(const json::value& body, std::string_view key) {
  const json::object* o = body.if_object();
  const json::value* v = o ? o->if_contains(key) : nullptr;
  if (!v) return "";
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  return "invalid";
}

Reply ListQueues(const ServiceContext& ctx) {
  std::string limit = LimitText(ctx.call.json, "MaxResults");
  PageRequest page = ReadPage(ctx, "ListQueues", JsonString(ctx.call.json, "NextToken"), limit, 1,
                              1000, 1000, "MaxResults");
  if (page.error) return *page.error;
  std::string_view prefix = JsonString(ctx.call.json, "QueueNamePrefix");
  uint64_t count = ctx.universe.Count(Kind::kSqsQueue, ctx.account, ctx.region);
  std::string o = "{\"QueueUrls\":[";
  uint64_t i = page.start, taken = 0;
  bool first = true;
  for (; i < count && taken < page.size; ++i) {
    if (!prefix.empty() &&
        !QueueName(ctx.universe, ctx.account, ctx.region, i).starts_with(prefix)) {
      continue;
    }
    std::string url = QueueUrl(ctx, i);
    if (ctx.universe.IsRemoved(url)) continue;
    o.append(first ? "\"" : ",\"").append(url).append("\"");
    first = false;
    ++taken;
  }
  o.append("]");
  if (!limit.empty() && i < count) {
    o.append(",\"NextToken\":\"").append(MakeToken(i, TokenScope(ctx, "ListQueues"))).append("\"");
  }
  o.append("}");
  return JsonReply(std::move(o), ctx.request_id, /*json10=*/true);
}

Reply GetQueueAttributes(const ServiceContext& ctx) {
  std::string_view url = JsonString(ctx.call.json, "QueueUrl");
  std::optional<uint64_t> index = QueueOfUrl(ctx, url);
  if (!index) return NoQueue(ctx);
  bool all = false;
  std::vector<std::string> wanted;
  if (const json::object* o = ctx.call.json.if_object()) {
    if (const json::array* names = core::FindArray(*o, "AttributeNames")) {
      for (const json::value& n : *names) {
        if (!n.is_string()) continue;
        if (n.get_string() == "All") all = true;
        wanted.emplace_back(n.get_string());
      }
    }
  }
  uint64_t h = Mix(ctx.universe.seed(), static_cast<uint64_t>(ctx.account),
                   static_cast<uint64_t>(ctx.region), *index, 0x5A);
  bool fifo = IsFifo(ctx.universe, ctx.account, ctx.region, *index);
  std::string created = std::to_string(kEpoch + static_cast<int64_t>(h % 90'000'000));
  std::string name = QueueName(ctx.universe, ctx.account, ctx.region, *index);
  std::string arn = "arn:aws:sqs:" + ctx.call.region + ":" + ctx.call.account + ":" + name;
  std::vector<std::pair<std::string_view, std::string>> attrs = {
      {"QueueArn", arn},
      {"ApproximateNumberOfMessages", std::to_string(h % 500)},
      {"ApproximateNumberOfMessagesNotVisible", std::to_string((h >> 10) % 20)},
      {"ApproximateNumberOfMessagesDelayed", "0"},
      {"CreatedTimestamp", created},
      {"LastModifiedTimestamp", created},
      {"VisibilityTimeout", (h >> 20) % 2 ? "30" : "300"},
      {"MaximumMessageSize", "262144"},
      {"MessageRetentionPeriod", (h >> 22) % 2 ? "345600" : "1209600"},
      {"DelaySeconds", "0"},
      {"ReceiveMessageWaitTimeSeconds", (h >> 24) % 2 ? "0" : "20"},
      {"SqsManagedSseEnabled", "true"}};
  if ((h >> 26) % 3 == 0) {
    attrs.emplace_back("RedrivePolicy",
                       "{\"deadLetterTargetArn\":\"" + arn + "-dlq\",\"maxReceiveCount\":5}");
  }
  if (fifo) {
    attrs.emplace_back("FifoQueue", "true");
    attrs.emplace_back("ContentBasedDeduplication", (h >> 28) % 2 ? "true" : "false");
    attrs.emplace_back("DeduplicationScope", "queue");
    attrs.emplace_back("FifoThroughputLimit", "perQueue");
  }
  std::string o = "{\"Attributes\":{";
  bool first = true;
  for (const auto& [k, v] : attrs) {
    if (!all && std::find(wanted.begin(), wanted.end(), k) == wanted.end()) continue;
    o.append(first ? "\"" : ",\"").append(k).append("\":\"");
    AppendJsonEscaped(o, v);
    o.append("\"");
    first = false;
  }
  o.append("}}");
  return JsonReply(std::move(o), ctx.request_id, true);
}

Reply ListQueueTags(const ServiceContext& ctx) {
  std::optional<uint64_t> index = QueueOfUrl(ctx, JsonString(ctx.call.json, "QueueUrl"));
  if (!index) return NoQueue(ctx);
  uint64_t h = Mix(ctx.universe.seed(), static_cast<uint64_t>(ctx.account),
                   static_cast<uint64_t>(ctx.region), *index, 0x7A);
  static constexpr std::string_view kValues[] = {"prod", "dev", "payments", "search"};
  std::string o = "{\"Tags\":{";
  uint64_t n = h % 3;
  for (uint64_t t = 0; t < n; ++t) {
    o.append(t ? ",\"" : "\"")
        .append(t == 0 ? "env" : "team")
        .append("\":\"")
        .append(kValues[(h >> (4 + t)) % 4])
        .append("\"");
  }
  o.append("}}");
  return JsonReply(std::move(o), ctx.request_id, true);
}

Reply GetQueueUrl(const ServiceContext& ctx) {
  std::string_view name = JsonString(ctx.call.json, "QueueName");
  std::optional<uint64_t> index = QueueIndex(ctx, name);
  if (!index || ctx.universe.IsRemoved(QueueUrl(ctx, *index))) return NoQueue(ctx);
  return JsonReply("{\"QueueUrl\":\"" + QueueUrl(ctx, *index) + "\"}", ctx.request_id, true);
}

}  // namespace

Reply HandleSqs(const ServiceContext& ctx) {
  const std::string& op = ctx.call.operation;
  if (op == "ListQueues") return ListQueues(ctx);
  if (op == "GetQueueAttributes") return GetQueueAttributes(ctx);
  if (op == "ListQueueTags") return ListQueueTags(ctx);
  if (op == "GetQueueUrl") return GetQueueUrl(ctx);
  return UnknownOperationReply(ctx.call, ctx.request_id);
}

}  // namespace fakeaws
