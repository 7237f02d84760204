// core::metrics: values, label handling, the Prometheus text rendering and concurrent updates.
#include "core/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <thread>

namespace core::metrics {
namespace {

class Metrics : public ::testing::Test {
 protected:
  void SetUp() override { ResetForTesting(); }
  void TearDown() override { ResetForTesting(); }
};

TEST_F(Metrics, AddAccumulatesPerSeriesAndGetReadsBack) {
  Add("jobs_total", {{"kind", "a"}});
  Add("jobs_total", {{"kind", "a"}}, 2.5);
  Add("jobs_total", {{"kind", "b"}});
  EXPECT_DOUBLE_EQ(Get("jobs_total", {{"kind", "a"}}), 3.5);
  EXPECT_DOUBLE_EQ(Get("jobs_total", {{"kind", "b"}}), 1);
  EXPECT_DOUBLE_EQ(Get("jobs_total", {{"kind", "c"}}), 0);
  EXPECT_DOUBLE_EQ(Get("absent", {}), 0);
  Set("jobs_total", {{"kind", "a"}}, 7);
  EXPECT_DOUBLE_EQ(Get("jobs_total", {{"kind", "a"}}), 7);
}

TEST_F(Metrics, RendersHelpTypeAndSeriesInPrometheusTextFormat) {
  Describe("requests_total", "counter", "Requests served.");
  Add("requests_total", {{"code", "200"}, {"method", "GET"}}, 3);
  Set("temperature", {}, 21.5);
  EXPECT_EQ(RenderPrometheus(),
            "# HELP requests_total Requests served.\n"
            "# TYPE requests_total counter\n"
            "requests_total{code=\"200\",method=\"GET\"} 3\n"
            "# HELP temperature \n"
            "# TYPE temperature gauge\n"
            "temperature 21.5\n");
}

TEST_F(Metrics, MetricsAreSortedByNameAndSeriesByLabelValues) {
  Add("zeta", {{"k", "b"}});
  Add("alpha", {{"k", "z"}});
  Add("alpha", {{"k", "a"}});
  Add("mid", {});
  Add("alpha", {{"k", "m"}});
  std::string text = RenderPrometheus();
  size_t a = text.find("alpha{k=\"a\"} 1");
  size_t m = text.find("alpha{k=\"m\"} 1");
  size_t z = text.find("alpha{k=\"z\"} 1");
  size_t mid = text.find("# TYPE mid gauge");
  size_t zeta = text.find("# TYPE zeta gauge");
  ASSERT_NE(a, std::string::npos) << text;
  ASSERT_NE(zeta, std::string::npos) << text;
  EXPECT_LT(a, m);
  EXPECT_LT(m, z);
  EXPECT_LT(z, mid);
  EXPECT_LT(mid, zeta);
}

TEST_F(Metrics, LabelValuesAndHelpAreEscaped) {
  Describe("esc", "gauge", "line one\nback\\slash \"quoted\"");
  Set("esc", {{"v", "a\\b\"c\nd"}}, 1);
  std::string text = RenderPrometheus();
  EXPECT_NE(text.find("# HELP esc line one\\nback\\\\slash \"quoted\"\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("esc{v=\"a\\\\b\\\"c\\nd\"} 1\n"), std::string::npos) << text;
}

TEST_F(Metrics, SpecialAndFractionalValuesAreSpelledLikePrometheus) {
  Set("v", {{"c", "inf"}}, std::numeric_limits<double>::infinity());
  Set("v", {{"c", "minf"}}, -std::numeric_limits<double>::infinity());
  Set("v", {{"c", "nan"}}, std::nan(""));
  Set("v", {{"c", "frac"}}, 0.25);
  Set("v", {{"c", "neg"}}, -3);
  Set("v", {{"c", "big"}}, 123456789);
  Set("v", {{"c", "zero"}}, 0);
  std::string text = RenderPrometheus();
  EXPECT_NE(text.find("v{c=\"inf\"} +Inf\n"), std::string::npos) << text;
  EXPECT_NE(text.find("v{c=\"minf\"} -Inf\n"), std::string::npos) << text;
  EXPECT_NE(text.find("v{c=\"nan\"} NaN\n"), std::string::npos) << text;
  EXPECT_NE(text.find("v{c=\"frac\"} 0.25\n"), std::string::npos) << text;
  EXPECT_NE(text.find("v{c=\"neg\"} -3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("v{c=\"big\"} 123456789\n"), std::string::npos) << text;
  EXPECT_NE(text.find("v{c=\"zero\"} 0\n"), std::string::npos) << text;
}

TEST_F(Metrics, LabelOrderOfLaterUsesDoesNotMatter) {
  Add("m", {{"a", "1"}, {"b", "2"}});
  Add("m", {{"b", "2"}, {"a", "1"}});
  EXPECT_DOUBLE_EQ(Get("m", {{"b", "2"}, {"a", "1"}}), 2);
  EXPECT_NE(RenderPrometheus().find("m{a=\"1\",b=\"2\"} 2\n"), std::string::npos);
}

TEST_F(Metrics, OtherLabelNamesThanTheFirstUseAreIgnored) {
  Add("m", {{"a", "1"}});
  Add("m", {{"b", "1"}});
  Add("m", {{"a", "1"}, {"b", "1"}});
  Add("m", {});
  EXPECT_DOUBLE_EQ(Get("m", {{"a", "1"}}), 1);
  std::string text = RenderPrometheus();
  EXPECT_EQ(text.find("b=\""), std::string::npos) << text;
  EXPECT_EQ(text.find("\nm 1"), std::string::npos) << text;
}

TEST_F(Metrics, InvalidNamesAreIgnored) {
  Add("9bad", {});
  Add("bad-name", {});
  Add("ok", {{"bad-label", "x"}});
  Add("ok2", {{"__reserved", "x"}});
  std::string text = RenderPrometheus();
  EXPECT_EQ(text.find("bad"), std::string::npos) << text;
  EXPECT_EQ(text.find("__reserved"), std::string::npos) << text;
  EXPECT_EQ(text, "");  // rejected first uses create no metric
}

TEST_F(Metrics, CountersNeverDecreaseButGaugesMay) {
  Describe("c_total", "counter", "");
  Add("c_total", {}, 5);
  Add("c_total", {}, -2);
  Add("g", {}, 5);
  Add("g", {}, -2);
  EXPECT_DOUBLE_EQ(Get("c_total", {}), 5);
  EXPECT_DOUBLE_EQ(Get("g", {}), 3);
}

TEST_F(Metrics, DescribeWithoutSeriesStillRendersHelpAndType) {
  Describe("later_total", "counter", "Not used yet.");
  Describe("odd", "histogram", "unsupported type becomes a gauge");
  std::string text = RenderPrometheus();
  EXPECT_NE(text.find("# HELP later_total Not used yet.\n# TYPE later_total counter\n"),
            std::string::npos);
  EXPECT_NE(text.find("# TYPE odd gauge\n"), std::string::npos);
}

TEST_F(Metrics, ConcurrentAddsFromManyThreadsAreAllCounted) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 5000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < kPerThread; ++i) {
        Add("hits_total", {{"shared", "yes"}});
        Add("hits_total", {{"shared", "t" + std::to_string(t)}});
        if (i % 500 == 0) (void)RenderPrometheus();  // readers interleave with writers
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_DOUBLE_EQ(Get("hits_total", {{"shared", "yes"}}), kThreads * kPerThread);
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_DOUBLE_EQ(Get("hits_total", {{"shared", "t" + std::to_string(t)}}), kPerThread);
  }
}

TEST_F(Metrics, ResetForTestingEmptiesTheRegistry) {
  Add("x", {});
  ResetForTesting();
  EXPECT_EQ(RenderPrometheus(), "");
  Add("x", {{"now", "labelled"}});  // label names may be chosen afresh after a reset
  EXPECT_DOUBLE_EQ(Get("x", {{"now", "labelled"}}), 1);
}

}  // namespace
}  // namespace core::metrics
