// See live_metrics.h.
#include "ocean/live_events/live_metrics.h"

#include <fmt/format.h>

#include <string>

#include "core/metrics.h"

namespace ocean::live_events {

namespace {

constexpr double kLagBuckets[] = {0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 60, 300, 900};
constexpr const char* kLag = "ocean_aws_live_events_lag_seconds";

}  // namespace

void DescribeLiveMetrics() {
  namespace m = core::metrics;
  m::Describe("ocean_aws_live_events_received_total", "counter", "Live-event envelopes received");
  m::Describe("ocean_aws_live_events_ignored_total", "counter",
              "Live-event envelopes ignored, by reason");
  m::Describe("ocean_aws_live_events_queued_total", "counter", "Resource events queued");
  m::Describe("ocean_aws_live_events_coalesced_total", "counter",
              "Resource events merged into one already pending for the same resource");
  m::Describe("ocean_aws_live_events_applied_total", "counter",
              "Resource events applied to the sink, by action");
  m::Describe("ocean_aws_live_events_denied_total", "counter",
              "Resource events whose fetch was denied (nothing changed)");
  m::Describe("ocean_aws_live_events_failed_total", "counter",
              "Resource events given up, by reason");
  m::Describe("ocean_aws_live_events_fetches_total", "counter",
              "Single-resource fetches made for live events");
  m::Describe("ocean_aws_live_events_pending", "gauge", "Resource events waiting or in flight");
  m::Describe(std::string(kLag) + "_bucket", "counter",
              "Live events by lag from the event's time to applied (cumulative buckets)");
  m::Describe(std::string(kLag) + "_sum", "counter", "Sum of live-event lags in seconds");
  m::Describe(std::string(kLag) + "_count", "counter", "Live events whose lag was observed");
}

void CountReceived(std::string_view source) {
  core::metrics::Add("ocean_aws_live_events_received_total", {{"source", std::string(source)}});
}
void CountIgnored(std::string_view reason) {
  core::metrics::Add("ocean_aws_live_events_ignored_total", {{"reason", std::string(reason)}});
}
void CountQueued(long n) {
  core::metrics::Add("ocean_aws_live_events_queued_total", {}, static_cast<double>(n));
}
void CountCoalesced() { core::metrics::Add("ocean_aws_live_events_coalesced_total", {}); }
void CountApplied(std::string_view action) {
  core::metrics::Add("ocean_aws_live_events_applied_total", {{"action", std::string(action)}});
}
void CountDenied() { core::metrics::Add("ocean_aws_live_events_denied_total", {}); }
void CountFailed(long n, std::string_view reason) {
  core::metrics::Add("ocean_aws_live_events_failed_total",
                     {{"reason", reason.empty() ? std::string("apply") : std::string(reason)}},
                     static_cast<double>(n));
}
void CountFetch() { core::metrics::Add("ocean_aws_live_events_fetches_total", {}); }

void ObserveLag(std::chrono::system_clock::duration lag) {
  double s = std::chrono::duration<double>(lag).count();
  if (s < 0) s = 0;  // clock skew between AWS and us
  for (double le : kLagBuckets) {
    if (s <= le) core::metrics::Add(std::string(kLag) + "_bucket", {{"le", fmt::format("{}", le)}});
  }
  core::metrics::Add(std::string(kLag) + "_bucket", {{"le", "+Inf"}});
  core::metrics::Add(std::string(kLag) + "_sum", {}, s);
  core::metrics::Add(std::string(kLag) + "_count", {});
}

void SetPending(long n) {
  core::metrics::Set("ocean_aws_live_events_pending", {}, static_cast<double>(n));
}

}  // namespace ocean::live_events
