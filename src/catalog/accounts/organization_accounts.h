// The ACTIVE accounts of an AWS organization, as upstream's OrganizationsStrategy discovers them
// (aws-v3-upstream.md §2.3):
//   - no OU ids: every page of organizations:ListAccounts;
//   - OU ids: for each OU, every page of ListAccountsForParent, then of
//     ListOrganizationalUnitsForParent, recursing into each child OU; accounts de-duplicated by
//     Id (an account is listed once even when two configured OUs nest).
// Kept: accounts whose State is "ACTIVE" (or, for responses without State, whose older Status
// field is "ACTIVE"). Each account is returned with all the fields Organizations listed, in
// discovery order.
//
// Thread-safety: runs on the AwsClient's io_context.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "aws/client.h"
#include "core/json.h"
#include "core/result.h"

namespace catalog::accounts {

// `org` carries the Organizations role's credentials and the partition's control-plane region.
boost::asio::awaitable<core::Result<std::vector<json::object>>> ListActiveOrganizationAccounts(
    aws::AwsClient& client, const aws::CallTarget& org, const std::vector<std::string>& ou_ids);

// True for the errors upstream answers with single-account mode: AccessDenied(Exception) and
// AWSOrganizationsNotInUseException.
bool IsOrganizationsUnavailable(const core::Status& status);

}  // namespace catalog::accounts
