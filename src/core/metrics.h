// Metrics: a small process-wide Prometheus registry (counters and gauges with labels), rendered in
// the Prometheus text exposition format for `GET /metrics`.
//
// Names follow Ocean's where Ocean has one (duration_seconds{kind,phase}, object_count{kind,
// phase,object_count_type}, success{kind,phase}); ours are prefixed `ocean_aws_` (e.g.
// ocean_aws_aws_requests_total{service}, ..._throttles_total{service}, ..._retries_total{service}).
// A metric's label names are fixed by its first use; using other label names is a bug (ignored,
// logged once).
//
// Thread-safety: every function may be called from any thread (one mutex; updates are rare
// relative to the work they measure — per request or per batch, never per field).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace core::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

// Declares a metric's help text and type ("counter" or "gauge"); optional (undeclared metrics are
// gauges with empty help).
void Describe(std::string_view name, std::string_view type, std::string_view help);

void Add(std::string_view name, const Labels& labels, double delta = 1.0);
void Set(std::string_view name, const Labels& labels, double value);
double Get(std::string_view name, const Labels& labels);  // 0 when absent

// The whole registry in Prometheus text format (metrics sorted by name, series by labels).
std::string RenderPrometheus();

void ResetForTesting();

}  // namespace core::metrics
