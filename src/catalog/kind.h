// KindSpec: everything ocean-aws knows about one resource kind, as the runtime form the resync
// pipeline executes.
//
// A kind lists its resources in an (account, region) scope (custom_list, or the generic path:
// one pageable operation list_operation / list_result_key with to_resources per item), enriches
// them with actions and leaves as upstream's envelope. KindSpecs are built from kind definition
// files (data/kinds/*.yaml, see docs/ADDING_KINDS.md) by catalog/definition/interpreter.h; adding
// a kind is adding one such file.
//
// Thread-safety: KindSpecs are immutable once the kind table is loaded.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "catalog/action.h"

namespace catalog {

enum class KindScope {
  kRegional,  // listed in every allowed region
  kGlobal,    // listed once per account, from the first region that answers (S3)
  kAccount,   // listed once per account, no region (Account::Info)
  // Listed once for the whole organization, from the first account that answers (the
  // management or a delegated administrator account): Organizations::Account.
  kOrganization,
};

struct ListContext {
  aws::AwsClient& client;
  aws::CallTarget target;
  const AccountSession& account;
};

// Receives batches of at most 100 envelopes; awaiting it applies backpressure.
using EmitFn = std::function<boost::asio::awaitable<core::Status>(std::vector<json::value> batch)>;

// Completes once the consumer behind an EmitFn has room for a batch now (it takes none; the
// emit that follows may still wait). A scope awaits it before it enriches a batch, so while
// the consumer is full no new enrichment starts and a waiting scope holds raw resources only.
// Not a reservation: a room held through enrichment let only `capacity` batches enrich at once
// across a resync, which paced enrichment of hundreds of scopes cannot afford (issue 13.3).
// An error (e.g. the resync was aborted) fails the scope as an emit error would.
using RoomGateFn = std::function<boost::asio::awaitable<core::Status>()>;

// Appends the resources of one listed item (e.g. an EC2 reservation's instances) to `out`.
// `base_extra` is the scope's extra context (AccountId, Region) to start each resource from.
using ToResourcesFn = std::function<core::Status(const ListContext& ctx, const json::value& item,
                                                 const json::object& base_extra,
                                                 std::vector<Resource>& out)>;
// Lists resources without the generic pageable-operation path; calls `sink` with batches.
using ResourceSink = std::function<boost::asio::awaitable<core::Status>(std::vector<Resource>)>;
using CustomListFn = std::function<boost::asio::awaitable<core::Status>(
    ListContext& ctx, const json::object& base_extra, ResourceSink sink)>;
// Fetches one resource by id; nullopt when it does not exist.
using GetOneFn = std::function<boost::asio::awaitable<core::Result<std::optional<Resource>>>(
    ListContext& ctx, std::string_view id, const json::object& base_extra)>;

// Top-level envelope members a kind adds beside Type/Properties/__ExtraContext, computed from the
// resource as merged (the Cloud Control family's Identifier, __Kind, __AccountId, __Region).
using EnvelopeFn = std::function<json::object(const Resource& r)>;

struct KindSpec {
  std::string name;     // "AWS::SQS::Queue"
  std::string service;  // botocore service name of its calls: "sqs"
  KindScope scope = KindScope::kRegional;
  std::string list_operation;   // a pageable operation, e.g. "ListQueues"
  std::string list_result_key;  // the page member holding the items, e.g. "QueueUrls"
  bool list_paginator_declared = false;  // the kind pages list_operation itself (SESv2)
  ToResourcesFn to_resources;
  CustomListFn custom_list;
  GetOneFn get_one;
  std::vector<ActionSpec> actions;  // defaults and options, in upstream's merge order
  // Upstream's property order (its model's declaration order); other keys follow as merged.
  std::vector<std::string> property_order;
  std::vector<std::string> supported_regions;  // empty: every region
  bool region_in_extra_context = true;                  // false: {AccountId} only (S3)
  bool has_extra_context = true;  // false: no __ExtraContext at all (upstream's account kinds)
  EnvelopeFn envelope_members;    // empty: the envelope is only Type/Properties/__ExtraContext
};

// Actions selected by `include` (defaults first, then options in the kind's order); a
// conditional default named in `include` is selected in its every-resource form
// (ActionSpec::for_every_resource). Names that are not actions of this kind are returned in
// `unknown`.
std::vector<const ActionSpec*> SelectActions(const KindSpec& kind,
                                             std::span<const std::string> include,
                                             std::vector<std::string>* unknown);

// Upstream's property order applied to `props` (listed keys first, the rest after, in order).
json::object OrderProperties(const KindSpec& kind, json::object props);

}  // namespace catalog
