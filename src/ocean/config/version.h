// The version of ocean-aws, the one place it is written (keep in step with CMakeLists.txt's
// project(VERSION)). Sent to Port as the integration's version and in the User-Agent.
#pragma once

#include <string_view>

namespace ocean {

inline constexpr std::string_view kOceanAwsVersion = "0.1.0";

}  // namespace ocean
