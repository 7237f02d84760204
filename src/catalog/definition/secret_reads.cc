#include "catalog/definition/secret_reads.h"

namespace catalog::definition {
namespace {

struct SecretRead {
  std::string_view service;
  std::string_view operation;
  std::string_view reason;
};

constexpr std::string_view kSecretValue =
    "it returns secret values; use ListSecrets or DescribeSecret (metadata only)";
constexpr std::string_view kParameterValue =
    "it returns parameter values; use DescribeParameters (metadata only)";

constexpr SecretRead kSecretReads[] = {
    {"secretsmanager", "GetSecretValue", kSecretValue},
    {"secretsmanager", "BatchGetSecretValue", kSecretValue},
    {"secretsmanager", "GetRandomPassword", "it generates secret material"},
    {"ssm", "GetParameter", kParameterValue},
    {"ssm", "GetParameters", kParameterValue},
    {"ssm", "GetParametersByPath", kParameterValue},
    {"ssm", "GetParameterHistory", kParameterValue},
    {"ecr", "GetAuthorizationToken", "it returns a registry password"},
    {"sts", "GetSessionToken", "it returns credentials"},
    {"sts", "GetFederationToken", "it returns credentials"},
};

}  // namespace

std::string_view SecretReadReason(std::string_view service, std::string_view operation) {
  for (const SecretRead& s : kSecretReads) {
    if (s.service == service && s.operation == operation) return s.reason;
  }
  return {};
}

}  // namespace catalog::definition
