// Per-kind behaviour, generated from the kind table: every kind (built-in data file, or one added
// later: the parameters are catalog::AllKinds()) is exported through the real engine from the
// fake endpoint served in-process, with all its optional actions, and must
//   (a) list across at least two pages (page_cap 2) and yield every resource exactly once;
//   (b) skip an access-denied region with a PermissionDenied outcome (reported), while the
//       other region completes;
//   (c) survive a failing detail call for one resource: every resource still emitted, the
//       failure counted (enrichment_errors, which keeps the kind from justifying deletions),
//       and, where the API reports failures per id, every other resource identical to a clean
//       export.
// Kinds a hand-written fake service lists (EC2 instances, S3, SQS, ECS clusters, Organizations)
// take the same tests. Nothing is skipped: where a behaviour cannot apply, a rule read from the
// definition names why (NotApplicable, printed as "[ N/A ]") and the alternative is asserted -
// a hook without listing makes no AWS request at all; an unpageable listing answers in one call
// per parent; a global kind denied in its home region is skipped whole; a kind without detail
// calls exports a "failing" resource exactly as a clean run. (d) and (e) are in
// kind_behaviour_limits_test.cc; the support (fake, export, keys, rules) in kind_behaviour.h.
#include "kind_behaviour.h"

namespace fakeaws::behaviour {
namespace {

TEST_P(KindBehaviour, PaginationAcrossPagesYieldsEveryResourceOnce) {
  if (MakesNoAwsCall(def())) {
    NotApplicable(GetParam(), "pagination", "a hook without listing makes no AWS call");
    return ExpectServedWithoutAws(kind(), BehaviourConfig());
  }
  ServedFake fake(BehaviourConfig());
  Exported e = ExportAll(kind(), fake.endpoint(), "us-east-1");
  ASSERT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
  uint64_t expected = Expected(fake.aws(), def());
  ASSERT_GE(expected, 3u);
  std::set<std::string> keys;
  for (const json::value& env : e.envelopes) {
    std::string key = KeyOf(fake.aws(), GetParam(), env);
    EXPECT_FALSE(key.empty()) << core::WriteJson(env);
    EXPECT_TRUE(keys.insert(key).second) << "twice: " << key;
  }
  EXPECT_EQ(e.envelopes.size(), expected);
  EXPECT_EQ(keys.size(), expected);
  std::string api = def().service + ":" + def().list->operation;
  if (Pageable(def())) {
    EXPECT_GE(fake.aws().stats().requests_of(api), 2u * Parents(fake.aws(), def()))
        << api << " was not paged (for every parent)";
  } else {
    // Not applicable: the API has no page token. Every resource comes in one call per parent.
    EXPECT_EQ(fake.aws().stats().requests_of(api), Parents(fake.aws(), def()))
        << api << " is not pageable: one call per parent must answer everything";
  }
  EXPECT_EQ(e.outcome.enrichment_errors, 0);
}

TEST_P(KindBehaviour, AccessDeniedRegionIsSkippedAndReported) {
  FakeConfig c = BehaviourConfig();
  // Kinds listed once per account are denied wherever they are asked (no other region to
  // complete: the alternative is that the one ask is skipped and reported).
  c.denied_regions = regional() ? std::vector<std::string>{"eu-west-1"}
                                : std::vector<std::string>{"us-east-1", "eu-west-1"};
  if (MakesNoAwsCall(def())) {
    NotApplicable(GetParam(), "denied", "a hook without listing makes no AWS call");
    return ExpectServedWithoutAws(kind(), c);
  }
  if (!regional()) {
    NotApplicable(GetParam(), "denied", "a global kind is listed once per account, in its home "
                                        "region: denied there, the whole kind is skipped");
  }
  ServedFake fake(c);
  Exported denied = ExportAll(kind(), fake.endpoint(), regional() ? "eu-west-1" : "us-east-1");
  EXPECT_EQ(denied.outcome.state, catalog::ScopeState::kSkipped)
      << catalog::ScopeStateName(denied.outcome.state) << ": " << denied.outcome.error.message();
  EXPECT_EQ(denied.outcome.error.code(), core::StatusCode::kPermissionDenied)
      << denied.outcome.error.message();
  EXPECT_FALSE(denied.outcome.error.message().empty());
  EXPECT_TRUE(denied.envelopes.empty());
  if (!regional()) return;
  Exported allowed = ExportAll(kind(), fake.endpoint(), "us-east-1");
  EXPECT_EQ(allowed.outcome.state, catalog::ScopeState::kComplete)
      << allowed.outcome.error.message();
  EXPECT_EQ(allowed.envelopes.size(), Expected(fake.aws(), def()));
}

TEST_P(KindBehaviour, FailingDetailCallLeavesOthersIntactAndKindIncomplete) {
  if (MakesNoAwsCall(def())) {
    NotApplicable(GetParam(), "detail", "a hook without listing makes no AWS call");
    FakeConfig c = BehaviourConfig();
    c.failing_ids = {"123456789012"};
    return ExpectServedWithoutAws(kind(), c);
  }
  bool detail = false, per_id = true;
  for (const cdef::ActionDef& a : def().actions) {
    if (a.type == cdef::ActionType::kCall || a.type == cdef::ActionType::kPagedCall) detail = true;
    if (a.type == cdef::ActionType::kBatch) {
      detail = true;
      per_id = per_id && !a.batch.failures.empty();
    }
    if (a.type == cdef::ActionType::kHook) per_id = false;
  }

  std::map<std::string, std::string> clean;  // key -> envelope
  {
    ServedFake fake(BehaviourConfig());
    Exported e = ExportAll(kind(), fake.endpoint(), "us-east-1");
    ASSERT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
    for (const json::value& env : e.envelopes) {
      clean[KeyOf(fake.aws(), GetParam(), env)] = core::WriteJson(env);
    }
  }
  ASSERT_GE(clean.size(), 3u);
  std::string victim = std::next(clean.begin())->first;
  FakeConfig c = BehaviourConfig();
  c.failing_ids = {victim};
  ServedFake fake(c);
  Exported e = ExportAll(kind(), fake.endpoint(), "us-east-1");
  ASSERT_EQ(e.outcome.state, catalog::ScopeState::kComplete) << e.outcome.error.message();
  if (!detail) {
    // Not applicable: the listing gives everything (no call, pagedCall or batch action). The
    // alternative: a resource whose detail calls would fail is exported as in a clean run, with
    // no failure counted (a listing is never failed per resource).
    NotApplicable(GetParam(), "detail", "no per-resource or batch detail call in its actions");
    EXPECT_EQ(e.outcome.enrichment_errors, 0);
    std::map<std::string, std::string> now;
    for (const json::value& env : e.envelopes) {
      now[KeyOf(fake.aws(), GetParam(), env)] = core::WriteJson(env);
    }
    EXPECT_EQ(now, clean);
    return;
  }
  EXPECT_GE(e.outcome.enrichment_errors, 1) << "the failure of " << victim << " was not counted";
  ASSERT_EQ(e.envelopes.size(), clean.size());
  if (!per_id) return;  // a batch API without per-id failures fails the victim's whole batch
  // Every other resource exactly as in the clean export; the victim still emitted (with what
  // the listing gave: it may carry no key when all its properties come from the failed call).
  std::set<std::string> seen;
  int keyless = 0;
  for (const json::value& env : e.envelopes) {
    std::string key = KeyOf(fake.aws(), GetParam(), env);
    if (key.empty()) {
      ++keyless;
      continue;
    }
    EXPECT_TRUE(seen.insert(key).second) << "twice: " << key;
    if (key == victim) continue;
    EXPECT_EQ(core::WriteJson(env), clean[key]) << "an other resource lost data: " << key;
  }
  EXPECT_EQ(seen.size() + keyless, clean.size());
  EXPECT_LE(keyless, 1);
  EXPECT_TRUE(seen.contains(victim) || keyless == 1) << "the failing resource must be emitted";
}

std::string TestName(const testing::TestParamInfo<std::string>& info) {
  std::string out;
  for (char ch : info.param) out.push_back(std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_');
  return out;
}

INSTANTIATE_TEST_SUITE_P(EveryKind, KindBehaviour, testing::ValuesIn(KindNames()), TestName);

}  // namespace
}  // namespace fakeaws::behaviour
