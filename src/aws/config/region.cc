#include "aws/config/region.h"

namespace aws {

core::Result<RegionSource> ResolveRegion(const SharedConfig& config, std::string_view profile) {
  if (auto r = GetNonEmptyEnv("AWS_REGION")) return RegionSource{*r, "AWS_REGION"};
  if (auto r = GetNonEmptyEnv("AWS_DEFAULT_REGION")) return RegionSource{*r, "AWS_DEFAULT_REGION"};
  std::string name = ActiveProfileName(profile);
  if (const Profile* p = config.FindProfile(name)) {
    if (const std::string* r = p->Find("region"); r != nullptr && !r->empty()) {
      return RegionSource{*r, "profile '" + name + "' in " + config.source()};
    }
  }
  return core::Status::NotFound("no AWS region configured: checked AWS_REGION, AWS_DEFAULT_REGION "
                                "and the region of profile '" + name + "' in " + config.source());
}

core::Result<RegionSource> ResolveRegion(std::string_view profile) {
  CORE_ASSIGN_OR_RETURN(SharedConfig config,
                        SharedConfig::Load(SharedConfigPaths::FromEnvironment()));
  return ResolveRegion(config, profile);
}

}  // namespace aws
