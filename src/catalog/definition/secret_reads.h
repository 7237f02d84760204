// Operations no kind may call: read-only by name, but their answers carry secret material
// (secret and parameter values, registry passwords, temporary credentials). The sibling of
// "no kind can call a mutating AWS API": no kind, built-in or user-defined, can read a secret
// value. The validator (validator.h) refuses a definition naming one anywhere (list, parent
// listing, get, actions) with an error saying which metadata operation to use instead.
//
//   secretsmanager: GetSecretValue, BatchGetSecretValue, GetRandomPassword
//                   (use ListSecrets / DescribeSecret: metadata only)
//   ssm:            GetParameter, GetParameters, GetParametersByPath, GetParameterHistory
//                   (use DescribeParameters: metadata only)
//   ecr:            GetAuthorizationToken (a registry password)
//   sts:            GetSessionToken, GetFederationToken (credentials)
//
// Thread-safety: pure function over a constant table.
#pragma once

#include <string_view>

namespace catalog::definition {

// Why `service`.`operation` reads a secret value (and what to use instead); "" when it may be
// called.
std::string_view SecretReadReason(std::string_view service, std::string_view operation);

}  // namespace catalog::definition
