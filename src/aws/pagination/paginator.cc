#include "aws/pagination/paginator.h"

#include "aws/pagination/page_size.h"
#include "aws/pagination/token_path.h"

namespace aws::pagination {

using core::Result;
using core::Status;

bool NamesExplicitIds(const json::object& params) {
  for (const auto& kv : params) {
    const json::array* list = kv.value().if_array();
    if (list && !list->empty() && kv.key().ends_with("Ids")) return true;
  }
  return false;
}

PageIterator::PageIterator(PageCallFn call, const model::ServiceModel& service,
                           const model::Operation& op, json::object params, PageOptions options)
    : call_(std::move(call)),
      service_(service),
      op_(op),
      params_(std::move(params)),
      options_(options) {
  const std::string& limit_key = op_.paginator ? op_.paginator->limit_key : std::string();
  if (!limit_key.empty() && !params_.contains(limit_key) && !NamesExplicitIds(params_)) {
    std::optional<long> size = options_.page_size ? options_.page_size
                                                  : DefaultPageSize(service_, op_);
    if (size) {
      // CloudFront's and Route 53's MaxItems and API Gateway V2's MaxResults are strings in their models.
      const model::Member* m = op_.input ? op_.input->FindMember(limit_key) : nullptr;
      if (m && m->shape->type == model::ShapeType::kString) {
        params_[limit_key] = std::to_string(*size);
      } else {
        params_[limit_key] = *size;
      }
    }
  }
}

boost::asio::awaitable<Result<std::optional<json::value>>> PageIterator::Next() {
  if (done_) co_return std::optional<json::value>();
  std::string what = service_.metadata().service_name + "." + op_.name;
  if (!op_.paginator) co_return Status::InvalidArgument(what + " is not pageable");
  if (pages_ >= options_.max_pages) {
    co_return Status::Internal(what + ": stopped after " + std::to_string(pages_) +
                               " pages (page cap)");
  }
  Result<json::value> page = co_await call_(params_);
  if (!page.ok()) co_return page.status();
  ++pages_;
  Status st = Advance(*page);
  if (!st.ok()) co_return st.WithContext(what);
  co_return std::optional<json::value>(std::move(*page));
}

// Decides whether another page follows and moves the output tokens into the input params.
Status PageIterator::Advance(const json::value& page) {
  const model::Paginator& pg = *op_.paginator;
  if (!pg.more_results.empty()) {
    CORE_ASSIGN_OR_RETURN(const json::value* more, Evaluate(page, pg.more_results));
    if (!more || !more->is_bool() || !more->get_bool()) {
      done_ = true;
      return Status::Ok();
    }
  }
  json::array tokens;
  bool any = false;
  for (const std::string& expr : pg.output_token) {
    CORE_ASSIGN_OR_RETURN(const json::value* t, Evaluate(page, expr));
    bool present = t && !t->is_null() && !(t->is_string() && t->get_string().empty());
    tokens.push_back(present ? *t : json::value());
    any = any || present;
  }
  if (!any) {
    done_ = true;
    return Status::Ok();
  }
  if (tokens == previous_tokens_) {
    return Status::RemoteError("the same next token was received twice: " +
                               core::WriteJson(tokens));
  }
  if (tokens.size() != pg.input_token.size()) {
    return Status::Internal("paginator has " + std::to_string(pg.input_token.size()) +
                            " input tokens but " + std::to_string(tokens.size()) + " outputs");
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].is_null()) {
      params_.erase(pg.input_token[i]);
    } else {
      CORE_RETURN_IF_ERROR(Assign(params_, pg.input_token[i], tokens[i]));
    }
  }
  previous_tokens_ = std::move(tokens);
  return Status::Ok();
}

Status FullResult::Add(json::value page) {
  if (!page.is_object()) return Status::ParseError("page is not an object");
  for (const std::string& key : paginator_.result_key) {
    CORE_ASSIGN_OR_RETURN(const json::value* v, Evaluate(page, key));
    if (!v) continue;
    CORE_ASSIGN_OR_RETURN(const json::value* existing, Evaluate(result_, key));
    if (!existing) {
      CORE_RETURN_IF_ERROR(Assign(result_.as_object(), key, *v));
    } else if (existing->is_array() && v->is_array()) {
      json::array& dst = const_cast<json::value*>(existing)->get_array();
      for (const auto& e : v->get_array()) dst.push_back(e);
    } else if (existing->is_number() && v->is_number()) {
      *const_cast<json::value*>(existing) = existing->to_number<double>() + v->to_number<double>();
    } else if (existing->is_string() && v->is_string()) {
      json::string& s = const_cast<json::value*>(existing)->get_string();
      s.append(v->get_string());
    }
  }
  if (first_page_) {
    // As boto3: the non-aggregate keys of the first page, null when that page lacks them.
    first_page_ = false;
    for (const std::string& key : paginator_.non_aggregate_keys) {
      CORE_ASSIGN_OR_RETURN(const json::value* v, Evaluate(page, key));
      non_aggregate_.emplace_back(key, v ? *v : json::value());
    }
  }
  return Status::Ok();
}

json::value FullResult::Finish() && {
  for (auto& [key, value] : non_aggregate_) {
    if (!Assign(result_.as_object(), key, std::move(value)).ok()) continue;  // indexed: skip
  }
  return std::move(result_);
}

}  // namespace aws::pagination
