// The JSON credential documents of ECS container endpoints, EC2 instance metadata and
// credential_process, parsed into Credentials:
//   {"AccessKeyId", "SecretAccessKey", "Token" | "SessionToken", "Expiration", "AccountId"}
// (credential_process also requires "Version": 1; IMDS adds "Code": "Success").
//
// Errors name `what` (e.g. "ECS container credentials") and the missing field, never a value.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "aws/auth/credentials.h"
#include "core/result.h"

namespace aws {

struct CredentialDocumentRules {
  bool require_version_1 = false;   // credential_process
  bool require_expiration = false;  // ECS and IMDS credentials always expire
};

core::Result<Credentials> ParseCredentialDocument(std::string_view json_text, std::string_view what,
                                                  const CredentialDocumentRules& rules = {});

}  // namespace aws
