// The golden runner: a kind's test is data. Every tests/golden/kinds/<name>.yaml names a kind, a
// moto seed scenario, a region (or `regions`, exported in turn, envelopes concatenated) and cases
// (each a list of optional actions to include, and optionally its own region); each case's
// envelopes are compared with tests/golden/kinds/<name>.<case>.json. A new kind's test is a file,
// not a test program. moto is seeded once per scenario: goldens naming the same `seed` share it.
//
// Normalisation before comparing: the moto endpoint becomes "{endpoint}", the case file's
// `normalizeIds` prefixes rename random ids (see NormalizeIds), and its `ignore` paths (volatile
// values such as timestamps: "Properties.CreatedTimestamp") become "<ignored>" where present.
// OCEAN_GOLDEN_UPDATE=1 rewrites the expected files (review the diff).
#include <gtest/gtest.h>

#include <cctype>
#include <algorithm>
#include <cstdlib>
#include <map>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "catalog/definition/template.h"
#include "core/document.h"
#include "catalog/kind_table.h"
#include "fakes/moto.h"
#include "fakes/scope_export.h"
#include "test_env.h"

namespace catalog {
namespace {

namespace fs = std::filesystem;

void ReplaceAll(json::value& v, const std::string& from, const std::string& to) {
  if (v.is_string()) {
    std::string s(v.get_string());
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
      s.replace(at, from.size(), to);
    }
    v = json::string(s);
  } else if (v.is_array()) {
    for (json::value& e : v.get_array()) ReplaceAll(e, from, to);
  } else if (v.is_object()) {
    for (auto& kv : v.get_object()) ReplaceAll(kv.value(), from, to);
  }
}

// Replaces the value at `path` with "<ignored>"; a `*` segment stands for every element of an
// array ("Properties.StackResourceSummaries.*.LastUpdatedTimestamp").
void IgnoreIn(json::value& v, std::string_view path) {
  std::size_t dot = path.find('.');
  std::string_view head = path.substr(0, dot);
  std::string_view rest = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  if (head == "*" && v.is_array()) {
    for (json::value& e : v.get_array()) {
      if (rest.empty()) {
        e = "<ignored>";
      } else {
        IgnoreIn(e, rest);
      }
    }
    return;
  }
  if (!v.is_object()) return;
  json::value* child = v.get_object().if_contains(head);
  if (!child) return;
  if (rest.empty()) {
    *child = "<ignored>";
  } else {
    IgnoreIn(*child, rest);
  }
}

void Ignore(json::value& envelope, std::string_view path) { IgnoreIn(envelope, path); }


bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }

// Random resource ids (moto's "vpc-0a1b2c3d...": a prefix, then 8 or more letters, digits or '-'
// holding a digit) become "<prefix><N>", N the id's rank of first appearance in the output, so a golden can pin relations (a subnet's VpcId is the VPC's
// id) without pinning random values. `prefixes` come from the golden's `normalizeIds`.
void NormalizeIds(json::value& v, const std::vector<std::string>& prefixes,
                  std::map<std::string, std::string>& seen) {
  if (v.is_string()) {
    std::string s(v.get_string()), out;
    std::size_t i = 0;
    while (i < s.size()) {
      bool replaced = false;
      for (const std::string& p : prefixes) {
        if (s.compare(i, p.size(), p) != 0) continue;
        if (IsWordChar(p[0]) && i > 0 && IsWordChar(s[i - 1])) continue;  // inside a word
        std::size_t end = i + p.size();
        bool digit = false;
        while (end < s.size() && IsWordChar(s[end])) digit |= std::isdigit(static_cast<unsigned char>(s[end++])) != 0;
        if (end - i - p.size() < 8 || !digit) continue;
        std::string id = s.substr(i, end - i);
        auto [it, fresh] = seen.try_emplace(id, "");
        if (fresh) {
          std::size_t n = 0;
          for (const auto& kv : seen) {
            n += kv.first.compare(0, p.size(), p) == 0 && !kv.second.empty();
          }
          it->second = p + "<" + std::to_string(n + 1) + ">";
        }
        out += it->second;
        i = end;
        replaced = true;
        break;
      }
      if (!replaced) out += s[i++];
    }
    if (out != s) v = json::string(out);
  } else if (v.is_array()) {
    for (json::value& e : v.get_array()) NormalizeIds(e, prefixes, seen);
  } else if (v.is_object()) {
    for (auto& kv : v.get_object()) NormalizeIds(kv.value(), prefixes, seen);
  }
}

std::string Pretty(const json::value& v) { return core::WriteJsonPretty(v, 2) + "\n"; }

TEST(KindGolden, EveryKindMatchesItsGoldenEnvelopes) {
  testenv::Moto* moto = testenv::Moto::Get();
  ASSERT_NE(moto, nullptr);
  const bool update = std::getenv("OCEAN_GOLDEN_UPDATE") != nullptr;
  fs::path dir = testenv::SourcePath("tests/golden/kinds");
  // Goldens grouped by seed scenario (then by name): moto is reset and seeded once per scenario,
  // not once per golden (exports only read, so goldens of one scenario see the same state).
  std::vector<std::pair<std::string, fs::path>> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".yaml") continue;
    core::Result<json::value> spec = core::ParseDocument(testenv::ReadFile(e.path().string()), e.path().string());
    ASSERT_TRUE(spec.ok()) << spec.status().ToString();
    const json::value* seed = spec->as_object().if_contains("seed");
    ASSERT_TRUE(seed && seed->is_string()) << e.path() << ": no seed scenario";
    files.emplace_back(std::string(seed->get_string()), e.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  std::string seeded;
  for (const auto& [seed, file] : files) {
    SCOPED_TRACE(file.filename().string());
    core::Result<json::value> spec = core::ParseDocument(testenv::ReadFile(file.string()), file.string());
    ASSERT_TRUE(spec.ok()) << spec.status().ToString();
    const json::object& s = spec->as_object();
    const KindSpec* kind = FindKind(s.at("kind").as_string());
    ASSERT_NE(kind, nullptr) << s.at("kind");
    if (seed != seeded) {
      seeded.clear();
      ASSERT_TRUE(moto->Reset());
      ASSERT_TRUE(moto->Seed(seed).is_object());
      seeded = seed;
    }
    for (const json::value& c : s.at("cases").as_array()) {
      std::string name(c.at("name").as_string());
      SCOPED_TRACE(name);
      std::vector<std::string> include;
      if (const json::value* inc = c.as_object().if_contains("include")) {
        for (const json::value& a : inc->as_array()) include.emplace_back(a.as_string());
      }
      // The case's `region`, else the golden's `region` or `regions` (each exported in turn,
      // their envelopes concatenated).
      std::vector<std::string> regions;
      if (const json::value* cr = c.as_object().if_contains("region")) {
        regions.emplace_back(cr->as_string());
      } else if (const json::value* rs = s.if_contains("regions")) {
        for (const json::value& r : rs->as_array()) regions.emplace_back(r.as_string());
      } else {
        regions.emplace_back(s.at("region").as_string());
      }
      json::value got = json::array();
      for (const std::string& region : regions) {
        SCOPED_TRACE(region);
        testenv::ScopeExport ex = testenv::ExportOneScope(*kind, moto->endpoint(), region, include);
        EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
        EXPECT_EQ(ex.outcome.enrichment_errors, 0);
        for (json::value& e : ex.envelopes) got.as_array().push_back(std::move(e));
      }
      // `sortBy: <path>` orders the envelopes by that string (moto lists some resources, such as
      // IAM roles, in the order of their random ids).
      if (const json::value* by = s.if_contains("sortBy")) {
        std::string path(by->as_string());
        auto key = [&path](const json::value& e) {
          const json::value* v = definition::Lookup(e, path);
          return v && v->is_string() ? std::string(v->get_string()) : std::string();
        };
        std::stable_sort(got.as_array().begin(), got.as_array().end(),
                         [&key](const json::value& a, const json::value& b) { return key(a) < key(b); });
      }
      ReplaceAll(got, moto->endpoint(), "{endpoint}");
      if (const json::value* ids = s.if_contains("normalizeIds")) {
        std::vector<std::string> prefixes;
        for (const json::value& p : ids->as_array()) prefixes.emplace_back(p.as_string());
        // Longest prefix first: "subnet-cidr-assoc-" before "subnet-".
        std::sort(prefixes.begin(), prefixes.end(),
                  [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
        std::map<std::string, std::string> seen;
        NormalizeIds(got, prefixes, seen);
      }
      if (const json::value* ignore = s.if_contains("ignore")) {
        for (json::value& e : got.as_array()) {
          for (const json::value& p : ignore->as_array()) Ignore(e, p.as_string());
        }
      }
      fs::path expected = dir / (file.stem().string() + "." + name + ".json");
      if (update) {
        std::ofstream(expected) << Pretty(got);
        continue;
      }
      ASSERT_TRUE(fs::exists(expected)) << expected << " missing: run with OCEAN_GOLDEN_UPDATE=1";
      EXPECT_EQ(Pretty(got), Pretty(json::parse(testenv::ReadFile(expected.string()))));
    }
  }
}

}  // namespace
}  // namespace catalog
