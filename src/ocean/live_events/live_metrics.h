// The live-events metrics of /metrics (core/metrics.h registry):
//   ocean_aws_live_events_received_total{source}     envelopes received ("webhook" | "sqs")
//   ocean_aws_live_events_ignored_total{reason}      envelopes ignored (error_code, unmapped,
//                                                    invalid, unauthorized, ... as the router says;
//                                                    identity_unknown: a delete of a kind with
//                                                    deleteIdentity whose identity is not known)
//   ocean_aws_live_events_queued_total               resource events queued
//   ocean_aws_live_events_coalesced_total            resource events merged into a pending one
//   ocean_aws_live_events_applied_total{action}      resource events applied (upsert | delete)
//   ocean_aws_live_events_denied_total               AccessDenied on the fetch (nothing changed)
//   ocean_aws_live_events_failed_total{reason}       resource events given up, by reason
//                                                    (mapping_worker: the mapping crashed, hung
//                                                    or blew its worker's memory; mapping; fetch;
//                                                    sink; ... as ApplyResult::reason says)
//   ocean_aws_live_events_fetches_total              single-resource fetches from AWS
//   ocean_aws_live_events_lag_seconds_{bucket,sum,count}  event time -> applied (histogram)
//   ocean_aws_live_events_pending                    events waiting or in flight (gauge)
//
// Thread-safety: as core::metrics (any thread).
#pragma once

#include <chrono>
#include <string_view>

namespace ocean::live_events {

void DescribeLiveMetrics();
void CountReceived(std::string_view source);
void CountIgnored(std::string_view reason);
void CountQueued(long n);
void CountCoalesced();
void CountApplied(std::string_view action);
void CountDenied();
void CountFailed(long n, std::string_view reason);
void CountFetch();
void ObserveLag(std::chrono::system_clock::duration lag);
void SetPending(long n);

}  // namespace ocean::live_events
