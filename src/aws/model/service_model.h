// ServiceModel: one AWS service's operations, shapes and paginators, parsed from botocore's
// format (see tools/gen_models.py). Registry: the services embedded in the binary.
//
// Operation names are looked up as AWS spells them ("DescribeInstances") or as the AWS CLI and
// boto3 do ("describe-instances", "describe_instances").
//
// Thread-safety: a ServiceModel is immutable once built. GetService() is safe from any thread;
// it parses each embedded service once, on first use, and keeps it for the life of the process.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aws/model/shape.h"
#include "core/result.h"

namespace aws::model {

class ServiceModel {
 public:
  ServiceModel() = default;
  // Not copyable: the shape index and every Member point into this model's own shapes.
  ServiceModel(const ServiceModel&) = delete;
  ServiceModel& operator=(const ServiceModel&) = delete;

  // Parses a model document: {"metadata", "operations", "shapes"[, "paginators"]}. A separate
  // botocore paginators-1.json body may be given (its "pagination" object is used).
  static core::Result<std::unique_ptr<ServiceModel>> Parse(std::string_view service_json,
                                                           std::string_view paginators_json = {});

  const ServiceMetadata& metadata() const { return metadata_; }
  const Operation* FindOperation(std::string_view name) const;
  const Shape* FindShape(std::string_view name) const;
  const std::map<std::string, Operation, std::less<>>& operations() const { return operations_; }

 private:
  ServiceMetadata metadata_;
  std::deque<Shape> shapes_;  // deque: stable addresses while building
  std::map<std::string_view, const Shape*> shapes_by_name_;  // keys: the shapes' own names
  std::map<std::string, Operation, std::less<>> operations_;
  std::map<std::string, std::string, std::less<>> aliases_;  // snake/kebab name -> Operation name

  friend class ServiceModelBuilder;
};

// Converts "DescribeDBInstances" -> "describe_db_instances" the way botocore's xform_name does.
std::string SnakeCase(std::string_view name);

// The services compiled into this binary, e.g. {"account", "codebuild", ..., "sts"}.
const std::vector<std::string>& EmbeddedServiceNames();

// Returns the embedded model of `service` (botocore's name: "ec2", "sesv2", ...).
core::Result<const ServiceModel*> GetService(std::string_view service);

}  // namespace aws::model
