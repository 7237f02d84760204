// A moto server (AWS emulator, PyPI moto[server]) on a free loopback port, shared by the tests
// of one process, plus helpers to seed it and to ask boto3 for reference answers.
//
// A test that needs moto FAILS (never skips) when moto cannot start: run scripts/setup.sh.
//
// Thread-safety: none; use from the test's thread.
#pragma once

#include <string>
#include <vector>

#include "core/json.h"
#include "fakes/subprocess.h"

namespace testenv {

class Moto {
 public:
  // The process-wide server, started on first use. Returns nullptr (after ADD_FAILURE with the
  // reason) when moto cannot start.
  static Moto* Get();

  const std::string& endpoint() const { return endpoint_; }  // http://127.0.0.1:<port>
  // Forgets every resource (POST /moto-api/reset).
  bool Reset();
  // Runs tests/tools/moto_seed.py <scenario> and returns what it printed (JSON); null on failure.
  json::value Seed(const std::string& scenario);
  // boto3's answer for the same call, rendered as ocean-aws renders (tests/tools/boto3_call.py).
  json::value Boto3(const std::string& service, const std::string& operation,
                    const json::object& params, const std::string& region = "us-east-1",
                    bool paginate = false, const std::vector<std::string>& extra_args = {});

 private:
  ChildProcess process_;
  std::string endpoint_;
};

}  // namespace testenv
