// "No kind can read a secret value": the validator refuses every value-reading operation
// (secret_reads.h) wherever a definition names it (list, get, action), for built-in and
// user-defined kinds alike, with an error naming the operation and the metadata alternative.
#include <gtest/gtest.h>

#include "catalog/definition/kind_parser.h"
#include "catalog/definition/secret_reads.h"
#include "catalog/definition/validator.h"

namespace catalog::definition {
namespace {

std::string SecretLoadError(const std::string& yaml, bool built_in) {
  core::Result<KindDef> def = ParseKindDefinition(yaml, "user.yaml", built_in);
  if (!def.ok()) return def.status().message();
  core::Status st = ValidateKind(*def);
  return st.ok() ? "" : st.message();
}

constexpr char kSecretAction[] = R"(
kind: AWS::SecretsManager::Leaky
service: secretsmanager
list: {operation: ListSecrets, items: SecretList, identity: ARN}
actions:
  - name: GetSecretValueAction
    default: true
    call: {operation: GetSecretValue, params: {SecretId: "{id}"}}
)";

TEST(SecretReads, GetSecretValueActionIsRefusedForUserAndBuiltInKinds) {
  for (bool built_in : {false, true}) {
    std::string err = SecretLoadError(kSecretAction, built_in);
    EXPECT_EQ(err,
              "user.yaml: kind AWS::SecretsManager::Leaky: /actions/0/call/operation: operation "
              "secretsmanager.GetSecretValue is refused: no kind may read a secret value (it "
              "returns secret values; use ListSecrets or DescribeSecret (metadata only))")
        << built_in;
  }
}

TEST(SecretReads, ParameterValuesAreRefusedInListGetAndBatch) {
  constexpr char kParams[] = R"(
kind: AWS::SSM::Leaky
service: ssm
list: {operation: GetParametersByPath, params: {Path: /, Recursive: true, WithDecryption: true},
       items: Parameters, identity: Name}
get: {operation: GetParameter, params: {Name: "{id}"}, items: Parameter, identity: Name}
actions:
  - name: ValuesAction
    default: true
    batch: {operation: GetParameters, ids: Names, items: Parameters, key: Name}
)";
  std::string err = SecretLoadError(kParams, false);
  for (const char* where : {"/list/operation: operation ssm.GetParametersByPath is refused",
                            "/get/operation: operation ssm.GetParameter is refused",
                            "/actions/0/batch/operation: operation ssm.GetParameters is refused"}) {
    EXPECT_NE(err.find(std::string("kind AWS::SSM::Leaky: ") + where), std::string::npos)
        << where << "\n" << err;
  }
  EXPECT_NE(err.find("use DescribeParameters (metadata only)"), std::string::npos) << err;
}

TEST(SecretReads, TheDenyListNamesValueAndCredentialReadsOnly) {
  for (auto [svc, op] : {std::pair{"secretsmanager", "GetSecretValue"},
                         {"secretsmanager", "BatchGetSecretValue"},
                         {"ssm", "GetParameter"},
                         {"ssm", "GetParameters"},
                         {"ssm", "GetParametersByPath"},
                         {"ssm", "GetParameterHistory"},
                         {"ecr", "GetAuthorizationToken"},
                         {"sts", "GetSessionToken"}}) {
    EXPECT_FALSE(SecretReadReason(svc, op).empty()) << svc << "." << op;
  }
  for (auto [svc, op] : {std::pair{"secretsmanager", "DescribeSecret"},
                         {"secretsmanager", "ListSecrets"},
                         {"ssm", "DescribeParameters"},
                         {"ssm", "ListTagsForResource"},
                         {"sts", "GetCallerIdentity"},
                         {"sqs", "GetParameter"}}) {  // the service matters, not just the name
    EXPECT_TRUE(SecretReadReason(svc, op).empty()) << svc << "." << op;
  }
}

}  // namespace
}  // namespace catalog::definition
