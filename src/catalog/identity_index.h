// IdentityIndex: the identities of the resources of kinds whose delete events do not carry their
// whole identity (a kind definition's `deleteIdentity`, definition/kind_def.h), so a live delete
// can name the entity a resync wrote (issue 12, gap d).
//
// DeleteRole names only the role; the entity's identifier is usually its ARN, which holds the
// role's path (arn:aws:iam::1:role/team/app). The Source remembers, for every resource of such a
// kind it lists (SourceRun::StreamKind) or fetches (Source::FetchOne), the properties named by
// `keep` under the value of each `by` property, in the resource's (kind, account, region)
// scope (region "" for kinds without Region in their extra context, such as IAM). A delete event
// then finds the remembered properties by (kind, account, region, the id it carries).
//
// Staleness: a listing's generation (BeginListing) marks what it remembers; when one of its
// scopes ends complete, entries of that scope older than the listing are dropped (deleted
// without an event seen). Live deletes Forget their entry. Kinds without `deleteIdentity` cost
// nothing (Remember returns at once).
//
// Memory: about 0.6 KB per remembered resource with short properties (an IAM role's RoleName,
// Arn, Path: 616 bytes, IdentityIndexTest.AnEntryCostsLessThanAKilobyte), only for resources of
// flagged kinds (IAM roles and users, CloudFormation stacks, CodeDeploy applications, Secrets
// Manager secrets): 10,000 IAM roles are about 6 MB.
//
// Thread-safety: every member may be called from any thread (one mutex); the rules function
// must be callable concurrently (the kind table's is).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "catalog/definition/kind_def.h"
#include "core/json.h"

namespace catalog {

class IdentityIndex {
 public:
  // A kind's `deleteIdentity`, nullptr for kinds without it.
  using RulesFn = std::function<const definition::DeleteIdentityDef*(std::string_view kind)>;

  IdentityIndex();  // the loaded kind table's definitions (kind_table.h)
  explicit IdentityIndex(RulesFn rules);
  IdentityIndex(const IdentityIndex&) = delete;
  IdentityIndex& operator=(const IdentityIndex&) = delete;

  const definition::DeleteIdentityDef* Rule(std::string_view kind) const;

  // A listing of `kind` starts; its generation is given to Remember and EndScope.
  std::uint64_t BeginListing(std::string_view kind);
  // Remembers envelopes ({Type, Properties, __ExtraContext: {AccountId[, Region]}}) of `kind`,
  // replacing what was remembered under the same names. generation 0: the kind's newest (a
  // fetch). Envelopes without AccountId, or without a string `by` property, are skipped.
  void Remember(std::string_view kind, std::span<const json::value> envelopes,
                std::uint64_t generation = 0);
  // A scope of the listing `generation` ended complete: its entries from older listings go.
  void EndScope(std::string_view kind, std::string_view account, std::string_view region,
                std::uint64_t generation);

  // The remembered `keep` properties of the resource `id` names; nullopt when none.
  std::optional<json::object> Find(std::string_view kind, std::string_view account,
                                   std::string_view region, std::string_view id) const;
  // Drops the resource `id` names (under every one of its `by` names).
  void Forget(std::string_view kind, std::string_view account, std::string_view region,
              std::string_view id);

  std::size_t size() const;  // resources remembered

 private:
  struct Entry {
    json::object props;
    std::uint64_t generation = 0;
  };
  using Names = std::unordered_map<std::string, std::shared_ptr<const Entry>>;

  std::string ScopeKey(std::string_view kind, const definition::DeleteIdentityDef& rule,
                       std::string_view account, std::string_view region) const;

  RulesFn rules_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Names> scopes_;  // "kind\naccount\nregion" -> name -> entry
  std::unordered_map<std::string, std::uint64_t> generations_;  // kind -> newest listing
};

}  // namespace catalog
