// Declarations of every kind's KindSpec (one file each in this folder) for kind_table.cc, and
// the headers a kind file needs.
#pragma once

#include "catalog/action.h"
#include "catalog/kind.h"

namespace catalog::kinds {

extern const KindSpec kAccountInfo;
extern const KindSpec kOrganizationsAccount;
extern const KindSpec kS3Bucket;
extern const KindSpec kEc2Instance;
extern const KindSpec kEcsCluster;
extern const KindSpec kSqsQueue;

}  // namespace catalog::kinds
