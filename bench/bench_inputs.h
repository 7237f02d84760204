// Inputs shared by the micro-benchmarks (bench/*_bench.cc): AWS response bodies of realistic
// size and shape, parsed pages, upstream envelopes and the default mappings.
//
// Everything is generated in-process (no network); each item gets its own ids so that nothing is
// shared between items. Helpers abort the benchmark binary on a setup error (a benchmark cannot
// measure a broken input), printing what failed.
//
// Thread-safety: plain functions; call them from the benchmark's thread.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "aws/client.h"
#include "aws/model/service_model.h"
#include "aws/protocol/protocol.h"
#include "catalog/kind_table.h"
#include "catalog/resource.h"
#include "core/json.h"
#include "ocean/config/port_app_config.h"

namespace bench {

[[noreturn]] inline void Die(const std::string& what) {
  std::fprintf(stderr, "benchmark setup failed: %s\n", what.c_str());
  std::exit(2);
}

inline std::string ReadSourceFile(const std::string& relative) {
  std::ifstream in(std::string(OCEAN_AWS_SOURCE_DIR) + "/" + relative);
  if (!in) Die("cannot read " + relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A DescribeInstances response: `reservations` reservations of `per` instances each, every
// instance the moto-served template bench/data/ec2_instance_item.xml with its own id.
inline std::string MakeDescribeInstancesPage(int reservations, int per) {
  const std::string item = ReadSourceFile("bench/data/ec2_instance_item.xml");
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

// An ECS DescribeClusters (json 1.1) response of `n` clusters with tags, settings, statistics
// and capacity providers, as DescribeClusters with include=[TAGS, SETTINGS, STATISTICS] answers.
inline std::string MakeDescribeClustersBody(int n) {
  std::string body = "{\"clusters\":[";
  for (int i = 0; i < n; ++i) {
    std::string name = "bench-cluster-" + std::to_string(i);
    if (i) body += ",";
    body += "{\"clusterArn\":\"arn:aws:ecs:us-east-1:123456789012:cluster/" + name +
            "\",\"clusterName\":\"" + name +
            "\",\"status\":\"ACTIVE\",\"registeredContainerInstancesCount\":" +
            std::to_string(i % 7) + ",\"runningTasksCount\":" + std::to_string(i % 13) +
            ",\"pendingTasksCount\":0,\"activeServicesCount\":" + std::to_string(i % 5) +
            ",\"statistics\":[{\"name\":\"runningEC2TasksCount\",\"value\":\"3\"},"
            "{\"name\":\"runningFargateTasksCount\",\"value\":\"2\"}],"
            "\"tags\":[{\"key\":\"team\",\"value\":\"platform\"},{\"key\":\"env\",\"value\":"
            "\"prod\"}],\"settings\":[{\"name\":\"containerInsights\",\"value\":\"enabled\"}],"
            "\"capacityProviders\":[\"FARGATE\",\"FARGATE_SPOT\"],"
            "\"defaultCapacityProviderStrategy\":[{\"capacityProvider\":\"FARGATE\","
            "\"weight\":1,\"base\":0}],\"attachments\":[],\"attachmentsStatus\":\"UPDATE_COMPLETE\"}";
  }
  body += "],\"failures\":[]}";
  return body;
}

// An SQS GetQueueAttributes (json 1.0) response with every attribute SQS returns for "All".
inline std::string MakeGetQueueAttributesBody(int i) {
  std::string arn = "arn:aws:sqs:us-east-1:123456789012:bench-queue-" + std::to_string(i);
  return "{\"Attributes\":{\"QueueArn\":\"" + arn +
         "\",\"ApproximateNumberOfMessages\":\"12\",\"ApproximateNumberOfMessagesNotVisible\":"
         "\"0\",\"ApproximateNumberOfMessagesDelayed\":\"0\",\"CreatedTimestamp\":\"1700000000\","
         "\"LastModifiedTimestamp\":\"1700000100\",\"VisibilityTimeout\":\"30\","
         "\"MaximumMessageSize\":\"262144\",\"MessageRetentionPeriod\":\"345600\","
         "\"DelaySeconds\":\"0\",\"ReceiveMessageWaitTimeSeconds\":\"0\","
         "\"SqsManagedSseEnabled\":\"true\",\"Policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\"}\"}}";
}

// An S3 ListBuckets (rest-xml) response of `n` buckets with their regions.
inline std::string MakeListBucketsBody(int n) {
  std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListAllMyBucketsResult "
      "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>0123abcd</ID>"
      "<DisplayName>bench</DisplayName></Owner><Buckets>";
  for (int i = 0; i < n; ++i) {
    body += "<Bucket><Name>bench-bucket-" + std::to_string(100000 + i) +
            "</Name><CreationDate>2024-05-0" + std::to_string(1 + i % 9) +
            "T12:00:00.000Z</CreationDate><BucketRegion>" +
            (i % 2 ? "eu-west-1" : "us-east-1") + "</BucketRegion></Bucket>";
  }
  body += "</Buckets><ContinuationToken>tok</ContinuationToken></ListAllMyBucketsResult>";
  return body;
}

inline json::value Parse(const char* service, const char* operation, std::string body) {
  auto svc = aws::model::GetService(service);
  if (!svc.ok()) Die(std::string("no service model ") + service);
  const aws::model::Operation* op = (*svc)->FindOperation(operation);
  if (!op) Die(std::string("no operation ") + operation);
  net::HttpResponse resp;
  resp.status = 200;
  resp.body = std::move(body);
  core::Result<json::value> r = aws::protocol::ParseResponse(**svc, *op, resp);
  if (!r.ok()) Die(r.status().ToString());
  return std::move(*r);
}

// The scope's base extra context, as the exporter builds it.
inline json::object BaseExtra() {
  json::object extra;
  extra["AccountId"] = "123456789012";
  extra["Region"] = "us-east-1";
  return extra;
}

// AWS::EC2::Instance envelopes as the exporter emits them for a DescribeInstances page of
// `reservations` x `per` instances (the kind's to_resources, property order, envelope).
inline std::vector<json::value> Ec2Envelopes(int reservations, int per) {
  const catalog::KindSpec* kind = catalog::FindKind("AWS::EC2::Instance");
  if (!kind) Die("no kind AWS::EC2::Instance");
  json::value page =
      Parse("ec2", "DescribeInstances", MakeDescribeInstancesPage(reservations, per));
  boost::asio::io_context io;
  aws::AwsClient client(io, nullptr, {});
  catalog::AccountSession account;
  catalog::ListContext ctx{client, aws::CallTarget{}, account};
  std::vector<catalog::Resource> resources;
  json::object base = BaseExtra();
  for (const json::value& item : page.at("Reservations").as_array()) {
    core::Status st = kind->to_resources(ctx, item, base, resources);
    if (!st.ok()) Die(st.ToString());
  }
  std::vector<json::value> out;
  out.reserve(resources.size());
  for (catalog::Resource& r : resources) {
    out.push_back(catalog::MakeEnvelope(kind->name,
                                        catalog::OrderProperties(*kind, std::move(r.properties)),
                                        std::move(r.extra_context)));
  }
  return out;
}

// The default mappings (.port/resources/port-app-config.yml) entry of `kind`.
inline ocean::ResourceConfig DefaultResourceConfig(const std::string& kind) {
  const std::string path = ".port/resources/port-app-config.yml";
  core::Result<ocean::PortAppConfig> config =
      ocean::ParsePortAppConfig(ReadSourceFile(path), path);
  if (!config.ok()) Die(config.status().ToString());
  for (const ocean::ResourceConfig& r : config->resources) {
    if (r.kind == kind) return r;
  }
  Die("no default mapping for " + kind);
}

}  // namespace bench
