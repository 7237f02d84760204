#include "ocean/port/port_http.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <deque>
#include <random>

#include "net/uri.h"
#include "core/log.h"
#include "core/redact.h"

namespace ocean::port {

namespace asio = boost::asio;
using core::Result;
using core::Status;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

std::string RequestName(const PortRequest& r) { return "Port API " + r.method + " " + r.path; }

core::StatusCode CodeForHttp(int status) {
  if (status == 401 || status == 403) return core::StatusCode::kPermissionDenied;
  if (status == 404) return core::StatusCode::kNotFound;
  if (status == 429) return core::StatusCode::kThrottled;
  if (status == 408 || status >= 500) return core::StatusCode::kUnavailable;
  if (status == 400 || status == 413 || status == 422) return core::StatusCode::kInvalidArgument;
  return core::StatusCode::kRemoteError;
}

}  // namespace

std::string EncodeSegment(std::string_view segment) { return net::UriEncode(segment, true); }

Status PortError(const PortRequest& request, const PortResponse& response) {
  std::string error, message;
  if (const json::object* o = response.body.if_object()) {
    error = std::string(core::FindString(*o, "error"));
    message = std::string(core::FindString(*o, "message"));
  }
  std::string text = RequestName(request) + ": HTTP " + std::to_string(response.status);
  if (!error.empty()) text += " " + error;
  if (!message.empty()) text += ": " + message;
  std::string trace(net::FindHeader(response.headers, "x-trace-id"));
  return Status(CodeForHttp(response.status), core::Redact(text))
      .WithRemote(error, response.status, trace);
}

struct PortHttp::Impl {
  net::HttpTransportPtr transport;
  const PortHttpOptions& options;
  PortHttpStats& stats;
  const core::Clock& clock;
  Sleeper sleeper;
  std::mt19937_64 rng{std::random_device{}()};

  // Token state.
  struct Token {
    std::string header;
    core::Timestamp expires;
    uint64_t generation = 0;
  };
  std::optional<Token> token;
  uint64_t generation = 0;
  std::shared_ptr<asio::steady_timer> refreshing;  // set while a fetch is in flight
  uint64_t fetches_done = 0;
  Status last_fetch;

  // In-flight limit.
  std::size_t in_flight = 0;
  std::deque<std::shared_ptr<asio::steady_timer>> waiters;

  Impl(net::HttpTransportPtr t, const PortHttpOptions& o, PortHttpStats& s, const core::Clock& c,
       Sleeper sl)
      : transport(std::move(t)), options(o), stats(s), clock(c), sleeper(std::move(sl)) {}

  std::chrono::milliseconds Backoff(int failed_attempts) {
    double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
    return BackoffDelay(options.retry, failed_attempts, u);
  }

  asio::awaitable<void> Acquire() {
    while (in_flight >= std::max<std::size_t>(options.max_in_flight, 1)) {
      auto t = std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor,
                                                    asio::steady_timer::time_point::max());
      waiters.push_back(t);
      co_await t->async_wait(kTuple);
    }
    ++in_flight;
  }
  void Release() {
    --in_flight;
    if (!waiters.empty()) {
      auto t = std::move(waiters.front());
      waiters.pop_front();
      t->cancel();
    }
  }

  asio::awaitable<Result<net::HttpResponse>> SendLimited(net::HttpRequest request) {
    co_await Acquire();
    struct Guard {
      Impl* self;
      ~Guard() { self->Release(); }
    } guard{this};
    co_return co_await transport->Send(std::move(request));
  }

  net::HttpRequest Build(const PortRequest& req, const std::string& body) const {
    net::HttpRequest http;
    http.method = req.method;
    std::string base = options.base_url;
    while (base.ends_with('/')) base.pop_back();
    http.url = base + req.path;
    if (!req.query.empty()) http.url += "?" + net::BuildQueryString(req.query);
    http.timeout = options.timeout;
    http.headers.emplace_back("User-Agent",
                              req.entity_write ? options.entity_user_agent : options.user_agent);
    http.headers.emplace_back("Accept", "application/json");
    if (req.body) {
      http.headers.emplace_back("Content-Type", "application/json");
      http.body = body;
    }
    for (const auto& h : req.headers) net::SetHeader(http.headers, h.first, h.second);
    return http;
  }

  static PortResponse ToResponse(net::HttpResponse r) {
    PortResponse out;
    out.status = r.status;
    out.headers = std::move(r.headers);
    if (!r.body.empty()) {
      auto parsed = core::ParseJson(r.body, "Port response");
      if (parsed.ok()) out.body = std::move(*parsed);
    }
    return out;
  }

  // One request with retries; `authed` false only for the token request itself.
  asio::awaitable<Result<PortResponse>> Exchange(const PortRequest& req, bool authed) {
    bool retryable = IsRetryableMethod(req.method, req.idempotent);
    int max_attempts = std::max(options.retry.max_attempts, 1);
    std::string body = req.body ? core::WriteJson(*req.body) : std::string();
    std::optional<uint64_t> stale_generation;
    bool resent_after_401 = false;
    for (int attempt = 1;; ++attempt) {
      net::HttpRequest http = Build(req, body);
      uint64_t used_generation = 0;
      if (authed) {
        Result<Token> tok = co_await GetToken(stale_generation);
        if (!tok.ok()) co_return tok.status();
        http.headers.emplace_back("Authorization", tok->header);
        used_generation = tok->generation;
        ++stats.attempts;
      }
      Result<net::HttpResponse> sent = co_await SendLimited(std::move(http));
      bool can_retry = retryable && attempt < max_attempts;
      if (!sent.ok()) {
        core::StatusCode code = sent.status().code();
        bool transient = code == core::StatusCode::kUnavailable ||
                         code == core::StatusCode::kDeadlineExceeded;
        if (transient && can_retry) {
          // Said at WARN on every attempt: an unreachable Port or a failing TLS handshake must
          // not look like minutes of silence.
          std::chrono::milliseconds delay = Backoff(attempt);
          LOG_WARN("{} failed (attempt {} of {}): {}; retrying in {} ms", RequestName(req),
                   attempt, max_attempts, sent.status().message(), delay.count());
          co_await Sleep(delay);
          continue;
        }
        if (transient) {
          LOG_ERROR("{} failed after {} attempts: {}", RequestName(req), attempt,
                    sent.status().message());
        }
        co_return sent.status().WithContext(RequestName(req));
      }
      PortResponse resp = ToResponse(std::move(*sent));
      if (authed && resp.status == 401) {
        // The token was refused: refresh it and send once more (the request was not applied).
        if (resent_after_401 || attempt >= max_attempts) co_return resp;
        resent_after_401 = true;
        stale_generation = used_generation;
        ++stats.retries;
        continue;
      }
      if (can_retry && IsRetryableStatus(resp.status) && resp.status != 401) {
        auto wait = RetryAfterDelay(resp.headers, clock.Now(), options.retry.max_backoff);
        std::chrono::milliseconds delay = wait ? *wait : Backoff(attempt);
        if (resp.status == 429) {
          LOG_DEBUG("{}: HTTP 429; retrying in {} ms (attempt {})", RequestName(req),
                    delay.count(), attempt);
        } else {
          LOG_WARN("{} answered HTTP {} (attempt {} of {}); retrying in {} ms",
                   RequestName(req), resp.status, attempt, max_attempts, delay.count());
        }
        co_await Sleep(delay);
        continue;
      }
      co_return resp;
    }
  }

  asio::awaitable<void> Sleep(std::chrono::milliseconds d) {
    ++stats.retries;
    co_await sleeper(d);
  }

  // The current token, fetching one when there is none, it expired, or it is the one of
  // `stale_generation` (refused with 401). Concurrent callers share one fetch.
  asio::awaitable<Result<Token>> GetToken(std::optional<uint64_t> stale_generation) {
    while (refreshing) {
      uint64_t seen = fetches_done;
      auto t = refreshing;
      co_await t->async_wait(kTuple);
      if (fetches_done != seen && !last_fetch.ok()) co_return last_fetch;
    }
    bool usable = token && clock.Now().micros < token->expires.micros &&
                  (!stale_generation || token->generation != *stale_generation);
    if (usable) co_return *token;
    refreshing = std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor,
                                                      asio::steady_timer::time_point::max());
    Result<Token> fetched = co_await FetchToken();
    ++fetches_done;
    last_fetch = fetched.status();
    auto t = std::move(refreshing);
    refreshing.reset();
    t->cancel();
    if (fetched.ok()) token = *fetched;
    co_return fetched;
  }

  asio::awaitable<Result<Token>> FetchToken() {
    ++stats.token_fetches;
    core::RegisterSecret(options.client_secret);
    PortRequest req;
    req.method = "POST";
    req.path = "/v1/auth/access_token";
    req.idempotent = true;
    json::object body;
    body["clientId"] = options.client_id;
    body["clientSecret"] = options.client_secret;
    req.body = std::move(body);
    core::Timestamp retrieved = clock.Now();
    Result<PortResponse> r = co_await Exchange(req, /*authed=*/false);
    if (!r.ok()) co_return r.status().WithContext("Port authentication");
    if (!r->ok()) {
      Status err = PortError(req, *r);
      co_return Status(err.code(), "Port authentication failed (" + err.message() +
                                       "); check OCEAN__PORT__CLIENT_ID and "
                                       "OCEAN__PORT__CLIENT_SECRET");
    }
    const json::object* o = r->body.if_object();
    std::string_view access = o ? core::FindString(*o, "accessToken") : "";
    if (access.empty()) {
      co_return Status::ParseError("Port authentication: the access_token response has no "
                                   "accessToken");
    }
    core::RegisterSecret(access);
    std::string type(core::FindString(*o, "tokenType", "Bearer"));
    double expires_in = 3600;
    if (const json::value* e = core::Find(*o, "expiresIn"); e && e->is_number()) {
      expires_in = e->to_number<double>();
    }
    Token t;
    t.header = type + " " + std::string(access);
    t.expires = core::Timestamp{retrieved.micros + static_cast<int64_t>(expires_in * 1e6)};
    t.generation = ++generation;
    co_return t;
  }
};

PortHttp::PortHttp(net::HttpTransportPtr transport, PortHttpOptions options,
                   const core::Clock& clock, Sleeper sleeper)
    : options_(std::move(options)) {
  core::RegisterSecret(options_.client_secret);
  impl_ = std::make_unique<Impl>(std::move(transport), options_, stats_, clock, std::move(sleeper));
}

PortHttp::~PortHttp() = default;

asio::awaitable<Result<PortResponse>> PortHttp::Send(PortRequest request) {
  ++stats_.requests;
  co_return co_await impl_->Exchange(request, /*authed=*/true);
}

asio::awaitable<Result<json::value>> PortHttp::Call(PortRequest request) {
  Result<PortResponse> r = co_await Send(request);
  if (!r.ok()) co_return r.status();
  if (!r->ok()) co_return PortError(request, *r);
  co_return std::move(r->body);
}

}  // namespace ocean::port
