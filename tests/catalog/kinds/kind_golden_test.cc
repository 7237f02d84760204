// The golden runner: a kind's test is data. Every tests/golden/kinds/<name>.yaml names a kind, a
// moto seed scenario, a region (or `regions`, exported in turn) and cases (each a list of
// optional actions to include); each case's
// envelopes are compared with tests/golden/kinds/<name>.<case>.json. A new kind's test is a file,
// not a test program.
//
// Normalisation before comparing: the moto endpoint becomes "{endpoint}", and the case file's
// `ignore` paths (volatile values such as timestamps: "Properties.CreatedTimestamp") become
// "<ignored>" where present. OCEAN_GOLDEN_UPDATE=1 rewrites the expected files (review the diff).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

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

void Ignore(json::value& envelope, std::string_view path) {
  std::size_t dot = path.rfind('.');
  json::value* parent = const_cast<json::value*>(
      definition::Lookup(envelope, dot == std::string_view::npos ? "@" : path.substr(0, dot)));
  if (!parent || !parent->is_object()) return;
  std::string_view key = dot == std::string_view::npos ? path : path.substr(dot + 1);
  if (parent->get_object().contains(key)) parent->get_object()[key] = "<ignored>";
}

std::string Pretty(const json::value& v) { return core::WriteJsonPretty(v, 2) + "\n"; }

TEST(KindGolden, EveryKindMatchesItsGoldenEnvelopes) {
  testenv::Moto* moto = testenv::Moto::Get();
  ASSERT_NE(moto, nullptr);
  const bool update = std::getenv("OCEAN_GOLDEN_UPDATE") != nullptr;
  fs::path dir = testenv::SourcePath("tests/golden/kinds");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.filename().string());
    core::Result<json::value> spec = core::ParseDocument(testenv::ReadFile(file.string()), file.string());
    ASSERT_TRUE(spec.ok()) << spec.status().ToString();
    const json::object& s = spec->as_object();
    const KindSpec* kind = FindKind(s.at("kind").as_string());
    ASSERT_NE(kind, nullptr) << s.at("kind");
    ASSERT_TRUE(moto->Reset());
    ASSERT_TRUE(moto->Seed(std::string(s.at("seed").as_string())).is_object());
    for (const json::value& c : s.at("cases").as_array()) {
      std::string name(c.at("name").as_string());
      SCOPED_TRACE(name);
      std::vector<std::string> include;
      if (const json::value* inc = c.as_object().if_contains("include")) {
        for (const json::value& a : inc->as_array()) include.emplace_back(a.as_string());
      }
      // `regions: [a, b]` exports each region in turn (envelopes concatenated in that order).
      std::vector<std::string> regions;
      if (const json::value* rs = s.if_contains("regions")) {
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
