// The generic responder's pieces (services.h HandleModel), shared by its files:
//   model_listing.cc   listings: pages, items, children of a parent, composed answers;
//   model_detail.cc    calls, gets and batches about named resources;
//   service_model.cc   which of those a request is.
// A request is a `Req`: the serving context, the kind table, the service model, the operation and
// its decoded parameters. Every function is a pure function of the request and the (immutable)
// configuration, so two endpoints with the same seed answer byte-identically.
//
// Thread-safety: pure functions; Req only borrows immutable data for one request.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model_kinds.h"
#include "model_synth.h"
#include "model_wire.h"
#include "services.h"

namespace fakeaws {

struct Req {
  const ServiceContext& ctx;
  const ModelKinds& kinds;
  const aws::model::ServiceModel& model;
  const aws::model::Operation& op;
  const ModelParams& params;
};

// Kinds listed per parent item (`parent`): the children of one parent are indexes
// bucket * kPerParent + j (j < the per-scope count), the bucket a hash of the parent value the
// request names, so children of different parents never share an identity.
constexpr uint64_t kPerParent = 10000;

// The element shape of the list at `path` inside `shape` ("" / "@": shape itself is the list).
const aws::model::Shape* ElementAt(const aws::model::Shape* shape, std::string_view path);
// The shape at `path` inside `shape` (nullptr when a step is missing).
const aws::model::Shape* ShapeAt(const aws::model::Shape* shape, std::string_view path);

// Whether resource `idx` of kind `k` exists in the request's scope (not removed).
bool Exists(const Req& r, int k, uint64_t idx);
// The seed of resource `idx`'s value named `what` (an operation, "item", ...).
uint64_t Seed(const Req& r, int k, uint64_t idx, std::string_view what);
// What the synthesizer needs to name resource `idx` of kind `k` (its marker, identity members).
struct Naming {
  std::string marker;
  std::string identity;
  const ModelKind* kind = nullptr;
  std::string_view account;
  std::string_view region;  // "" for a kind listed once per account
  // Views into this Naming: keep it alive while the scope is used.
  SynthScope Scope() const {
    return {kind->def->service, account, region, kind->slug, marker, &kind->identity_members,
            identity};
  }
};
Naming NameOf(const Req& r, int k, uint64_t idx);
// "Topic" of "AWS::SNS::Topic": the stem of the service's not-found error.
std::string_view LastPart(std::string_view kind_name);
// Whether a configured failing id occurs in `id`.
bool Failing(const Req& r, std::string_view id);

// ---- listings (model_listing.cc) -------------------------------------------------------------

// The child-index base of a kind listed under a parent: a hash of the parent value the request
// names (0 for kinds without a parent).
uint64_t ParentBase(const Req& r, int k);
// Kind `k`'s listing answer: a page (token, limit, page_cap), or just the resources `only`
// names; written into `out` (which may already hold another kind's answer to the same call).
// Returns false with `error` set when the request is bad (an unknown token) or names nothing.
bool FillListing(const Req& r, int k, const std::vector<uint64_t>* only, json::value& out,
                 Reply& error);
// The listing use whose fixed parameters the request carries (MSK's ClusterTypeFilter, ...).
const OpUse* PickListing(const Req& r, const std::vector<OpUse>& uses);
// A call naming a parent resource that kinds list their children from (CodePipeline's
// GetPipeline: the Pipeline kind's details, the Stage kind's stages and the Action kind's actions
// in one answer). nullopt when the request names no such parent.
std::optional<Reply> ComposeChildren(const Req& r, const std::vector<OpUse>& uses);

// ---- details (model_detail.cc) ---------------------------------------------------------------

// The operation's whole output for resource `idx` of use `u` (call, pagedCall, get), with the
// identity where the kind reads it, and no continuation token (a detail answer is one page).
json::value DetailValue(const Req& r, const OpUse& u, uint64_t idx);
Reply Detail(const Req& r, const OpUse& u, uint64_t idx);
// One result per id asked for; unknown or failing ids in the failures list the kind declares.
Reply Batch(const Req& r, const OpUse& u, const std::vector<std::string>& ids);
// Removes the paginator's continuation tokens from an answer and marks it complete.
void EndPagination(const Req& r, json::value& out);

}  // namespace fakeaws
