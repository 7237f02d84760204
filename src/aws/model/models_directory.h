// Extra AWS API models loaded at run time from a directory in botocore's layout
// (`<service>/<version>/service-2.json[.gz]` and, beside it, `paginators-1.json[.gz]`), so that a
// user-defined kind can call any AWS service, not only the embedded ones.
//
// AddModelsDirectory() records which services a directory holds (the newest version of each);
// GetService() (service_model.h) consults them after the embedded models and parses a service
// on first use. A service present in both is taken from the directory (it is newer by intent).
//
// Thread-safety: AddModelsDirectory() runs at start, before concurrent use; lookups are safe from
// any thread.
#pragma once

#include <string>
#include <vector>

#include "aws/model/service_model.h"
#include "core/status.h"

namespace aws::model {

core::Status AddModelsDirectory(const std::string& dir);

// The service from the loaded directories; nullptr with `found == false` when none holds it.
core::Result<const ServiceModel*> FindLoadedService(std::string_view service, bool* found);

// The directories added so far (for "where it looked" in errors).
std::vector<std::string> ModelsDirectories();

}  // namespace aws::model
