// The fake AWS endpoint (tools/fakeaws) served on its own thread for one test: listens on a free
// loopback port at construction, stops with the object. Shared by the fakeaws test files.
// Thread-safety: construct and destroy on the test's thread; the server runs on its own.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "fake_aws.h"
#include "server.h"

namespace fakeaws {

class ServedFake {
 public:
  explicit ServedFake(const FakeConfig& config) : aws_(config), server_(aws_) {
    core::Status st = server_.Listen();
    EXPECT_TRUE(st.ok()) << st.message();
    server_.Start();
  }
  std::string endpoint() const { return server_.endpoint(); }
  FakeAws& aws() { return aws_; }
  uint64_t Requests(std::string_view api) const { return aws_.stats().requests_of(api); }

 private:
  mutable FakeAws aws_;
  FakeAwsServer server_;
};

}  // namespace fakeaws
