// An AWS account ocean-aws exports from, and the credentials that act in it.
//
// Thread-safety: plain values; the credentials provider is shared (see CredentialsProvider).
#pragma once

#include <string>

#include "aws/auth/credentials.h"
#include "core/json.h"

namespace catalog {

struct AccountInfo {
  std::string id;    // "123456789012"
  std::string name;  // Organizations' account name, else "Account <id>" (as upstream)
  // Organizations discovery only: Email, Arn, Status, State, JoinedTimestamp, ... as listed.
  json::object organization_fields;
};

struct AccountSession {
  AccountInfo info;
  aws::CredentialsProviderPtr credentials;  // acts in info.id
  std::string partition = "aws";            // aws | aws-cn | aws-us-gov
};

}  // namespace catalog
