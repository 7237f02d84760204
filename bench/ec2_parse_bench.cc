// Parsing benchmark (issue 2): an EC2 DescribeInstances page of 1,000 instances, XML -> the
// boto3-shaped JSON. Reports instances per second on one core (target >= 50,000).
//
// The instance template (data/ec2_instance_item.xml) is one instance as moto serves it; each copy
// gets its own ids so that nothing is shared between items.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "aws/protocol/protocol.h"

namespace {

std::string ReadTemplate() {
  std::ifstream in(std::string(OCEAN_AWS_SOURCE_DIR) + "/bench/data/ec2_instance_item.xml");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A DescribeInstances response: `reservations` reservations of `per` instances each.
std::string MakeDescribeInstancesPage(int reservations, int per) {
  const std::string item = ReadTemplate();
  std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeInstancesResponse "
      "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId>"
      "<reservationSet>";
  int n = 0;
  for (int r = 0; r < reservations; ++r) {
    body += "<item><reservationId>r-" + std::to_string(100000 + r) +
            "</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>";
    for (int i = 0; i < per; ++i, ++n) {
      std::string copy = item;
      std::string id = "i-" + std::to_string(1000000000 + n);
      size_t pos = copy.find("<instanceId>");
      if (pos != std::string::npos) {
        size_t end = copy.find("</instanceId>", pos);
        copy.replace(pos + 12, end - pos - 12, id);
      }
      body += copy;
    }
    body += "</instancesSet></item>";
  }
  body += "</reservationSet><nextToken>tok</nextToken></DescribeInstancesResponse>";
  return body;
}

void BM_ParseDescribeInstances1000(benchmark::State& state) {
  const aws::model::ServiceModel* ec2 = *aws::model::GetService("ec2");
  const aws::model::Operation* op = ec2->FindOperation("DescribeInstances");
  aws::HttpResponse resp;
  resp.status = 200;
  resp.body = MakeDescribeInstancesPage(100, 10);
  for (auto _ : state) {
    auto r = aws::protocol::ParseResponse(*ec2, *op, resp);
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * 1000);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(resp.body.size()));
  state.counters["page_bytes"] = static_cast<double>(resp.body.size());
}
BENCHMARK(BM_ParseDescribeInstances1000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

}  // namespace
