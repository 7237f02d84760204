// The AWS integration's own configuration keys, as upstream's .port/spec.yaml declares them
// (Ocean snake-cases them: accountRoleArns -> account_role_arns; environment variables are
// OCEAN__INTEGRATION__CONFIG__<KEY>, case-insensitive; arrays may be JSON strings).
//
// Thread-safety: a plain value.
#pragma once

#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace catalog {

struct IntegrationConfig {
  std::string account_role_arn;               // Organizations discovery (or single fallback)
  std::vector<std::string> account_role_arns; // direct multi-account list
  std::string external_id;
  std::vector<std::string> ou_ids;            // from "ouId": comma-separated, de-duplicated
  std::vector<std::string> credential_provider_priority;  // default: web identity, static, assume
  std::string aws_access_key_id;              // SECRET-adjacent: never logged
  std::string aws_secret_access_key;          // SECRET
  std::string aws_session_token;              // SECRET
  std::string aws_partition;                  // "" = derive (role ARN partition, else "aws")
  std::string region;                         // STS region for role assumption ("" = default)
  // User-defined kinds (docs/ADDING_KINDS.md): a kind definition file or folder, and a folder
  // of extra AWS API models in botocore's layout. "" = none.
  std::string custom_kinds_path;              // customKindsPath
  std::string aws_models_path;                // awsModelsPath

  // From an "integration.config" object: camelCase or snake_case keys; arrays as JSON arrays,
  // JSON strings or comma-separated strings. Unknown keys are ignored; wrong types are errors
  // naming the key.
  static core::Result<IntegrationConfig> FromJson(const json::object& config);
  // From OCEAN__INTEGRATION__CONFIG__* environment variables (case-insensitive).
  static core::Result<IntegrationConfig> FromEnvironment();
};

}  // namespace catalog
