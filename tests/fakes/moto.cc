#include "fakes/moto.h"

#include <gtest/gtest.h>

#include "test_env.h"

namespace testenv {

Moto* Moto::Get() {
  static Moto* instance = [] {
    auto* m = new Moto();
    std::string log = BinaryPath("moto-server.log");
    if (!m->process_.Start({"python3", SourcePath("tests/tools/moto_server.py")}, log)) {
      ADD_FAILURE() << "moto: cannot start python3 (run scripts/setup.sh)";
      return static_cast<Moto*>(nullptr);
    }
    std::string line;
    if (!m->process_.ReadLine(line, 60) || line.rfind("PORT ", 0) != 0) {
      ADD_FAILURE() << "moto did not start (" << line << "); see " << log
                    << " and run scripts/setup.sh";
      return static_cast<Moto*>(nullptr);
    }
    m->endpoint_ = "http://127.0.0.1:" + line.substr(5);
    return m;
  }();
  if (!instance) ADD_FAILURE() << "moto is not available";
  return instance;
}

bool Moto::Reset() {
  auto r = RunProcess({"python3", "-c",
                       "import urllib.request,sys;urllib.request.urlopen(urllib.request.Request("
                       "sys.argv[1]+'/moto-api/reset',method='POST'),timeout=30).read()",
                       endpoint_});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0;
}

json::value Moto::Seed(const std::string& scenario) {
  auto r = RunProcess({"python3", SourcePath("tests/tools/moto_seed.py"), "--endpoint", endpoint_,
                       scenario});
  EXPECT_EQ(r.exit_code, 0) << "seeding '" << scenario << "' failed: " << r.err;
  auto v = core::ParseJson(r.out, "moto_seed.py output");
  EXPECT_TRUE(v.ok()) << v.status().ToString() << "\n" << r.out;
  return v.ok() ? *v : json::value();
}

json::value Moto::Boto3(const std::string& service, const std::string& operation,
                        const json::object& params, const std::string& region, bool paginate,
                        const std::vector<std::string>& extra_args) {
  std::vector<std::string> argv = {"python3", SourcePath("tests/tools/boto3_call.py"),
                                   "--endpoint", endpoint_, "--service", service,
                                   "--operation", operation, "--params", core::WriteJson(params),
                                   "--region", region};
  if (paginate) argv.push_back("--paginate");
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  auto r = RunProcess(argv);
  EXPECT_EQ(r.exit_code, 0) << "boto3 " << service << "." << operation << ": " << r.err;
  auto v = core::ParseJson(r.out, "boto3_call.py output");
  EXPECT_TRUE(v.ok()) << v.status().ToString() << "\n" << r.out;
  return v.ok() ? *v : json::value();
}

}  // namespace testenv
