// An AWS account ocean-aws exports from, and the credentials that act in it.
//
// Thread-safety: plain values; the credentials provider and the shared responses are shared
// (see CredentialsProvider, SharedResponses).
#pragma once

#include <memory>
#include <string>

#include "aws/auth/credentials.h"
#include "core/json.h"

namespace catalog {

namespace definition {
class SharedResponses;  // catalog/definition/shared_responses.h
std::shared_ptr<SharedResponses> NewSharedResponses();
}  // namespace definition

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
  // Answers of `shared: true` calls, shared by every kind exporting from this session. Sessions
  // are made per resync (discovery), so this lives and dies with the resync; copies share it.
  std::shared_ptr<definition::SharedResponses> shared_responses = definition::NewSharedResponses();
};

}  // namespace catalog
