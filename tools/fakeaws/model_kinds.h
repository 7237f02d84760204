// ModelKinds: every kind of the kind table (catalog/kind_table.h, data/kinds/*.yaml) as the fake
// endpoint serves it, read from the interpreter's parsed KindDefs and the embedded botocore
// models, so that a kind added as a data file is served without any C++ of its own.
//
// Per kind: its service model, a slug ("rdsdbinstance") and, per (account, region) scope, a
// resource count. Resource `i` has the identity marker "<slug>-<i, 7 digits>": identities are
// the marker itself, an ARN ending in it or a URL ending in it, chosen from the identity member's
// name (…Arn/…ARN, …Url, else a name), and every call that names a resource (by identity, ARN
// template or a listed property) carries the marker, which FindMarker() decodes back to `i`.
//
// Per (service, operation): how kinds use it (list, filtered get, call/pagedCall, batch), so the
// generic responder (service_model.cc) and the fault machinery (failing ids) know what a call
// is. Kinds whose listing a hand-written service serves (EC2 instances, S3, SQS, ECS clusters,
// Organizations, the STS hook) keep it; their other operations fall through to the generic
// responder when the hand-written one does not know them.
//
// Thread-safety: immutable after construction; shared by every serving thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/model/service_model.h"
#include "core/json.h"
#include "catalog/definition/kind_def.h"
#include "fake_config.h"
#include "request.h"

namespace fakeaws {

struct ModelKind {
  const catalog::definition::KindDef* def = nullptr;
  const aws::model::ServiceModel* model = nullptr;
  std::string slug;            // "sqsqueue"
  uint64_t salt = 0;           // hash of the kind's name
  bool regional = true;        // false: one set per account, whatever region is asked
  bool hand_written = false;   // its listing is a service_*.cc's
  uint64_t per_scope = 0;      // resources per populated scope (generic kinds)
  std::vector<bool> in_region; // per configured region: the kind's service exists there
  // Where a listed item carries the identity when the kind's identity is a template (its own,
  // or an `annotate` member's): the `{item.P}` paths it reads ("pipelineExecutionId"), and their
  // last members, which every answer about the resource fills with its identity. Empty: the
  // identity is the plain path `list.identity`.
  std::vector<std::string> identity_paths;
  std::vector<std::string> identity_members;
};

enum class OpRole { kList, kGet, kCall, kBatch };

struct OpUse {
  int kind = -1;
  OpRole role = OpRole::kList;
  const catalog::definition::ActionDef* action = nullptr;  // kCall, kBatch
  const catalog::definition::GetDef* get = nullptr;        // kGet
};

class ModelKinds {
 public:
  explicit ModelKinds(const FakeConfig& config);

  const std::vector<ModelKind>& kinds() const { return kinds_; }
  int Find(std::string_view kind_name) const;  // -1 when unknown
  // The generic kind whose listing kind `k`'s `parent` lists (same service and operation), or -1
  // (no parent, or a hand-written parent listing).
  int ParentOf(int k) const;
  // How kinds use `service`:`op` (empty when none does).
  const std::vector<OpUse>& Uses(std::string_view service, std::string_view op) const;
  // The botocore service a SigV4 signing name stands for ("ses" -> "sesv2"), or "".
  std::string_view ServiceOfSigningName(std::string_view signing_name) const;
  const aws::model::ServiceModel* Model(std::string_view service) const;
  // Decodes a request signed for `signing_name` with the model of the service it is meant for:
  // of the services sharing the name (API Gateway's apigateway and apigatewayv2), the one whose
  // model knows the operation and some kind uses it, else the one whose model knows it.
  // Sets call.service. Thread-safe (const).
  core::Status IdentifyCall(std::string_view signing_name, const HttpIn& in, Call& call) const;

  // Resources of generic kind `k` in the scope (account/region indexes; -1 = unknown -> 0);
  // none in a region the kind's `regions` list leaves out (the service does not exist there).
  uint64_t Count(int k, int account, int region, int region_count) const;
  // "<slug>-<index, 7 digits>".
  std::string Marker(int k, uint64_t index) const;
  // The identity of resource `index`, shaped by the identity member's name.
  std::string Identity(int k, uint64_t index, std::string_view account,
                       std::string_view region) const;
  // The index whose marker occurs in `s` (not preceded by a letter or digit), if any.
  std::optional<uint64_t> FindMarker(int k, std::string_view s) const;

  // The Properties key that carries kind `k`'s identity with default actions ("TopicArn"), or
  // "" when no property is the identity as listed (EKS's DescribeCluster renames it).
  std::string IdentityProperty(int k) const;
  // Whether kind `k`'s default actions call AWS after the listing.
  bool Enriches(int k) const;
  // GET /_fake/kinds: every kind with its service, list API, identity property, whether the
  // listing is hand-written and whether default actions enrich it (the benchmark's kind table).
  json::array KindsJson() const;

  // True when a hand-written service answers `service`:`op` (services.h).
  static bool HandWritten(std::string_view service, std::string_view op);

 private:
  const FakeConfig* config_;
  std::vector<ModelKind> kinds_;
  std::map<std::string, std::vector<OpUse>, std::less<>> uses_;  // "service:op"
  std::map<std::string, std::string, std::less<>> signing_;      // signing name -> service
  // signing name -> the services kinds use under it, in kind-table order
  std::map<std::string, std::vector<std::string>, std::less<>> kind_services_;
  std::vector<std::string> identity_style_;                      // per kind: "arn" | "url" | ""
};

}  // namespace fakeaws
