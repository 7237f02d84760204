// The embedded model registry. The model bytes are linked in by the generated
// models_embed.cc (see CMakeLists.txt); each service is parsed on first use.
#include <mutex>

#include "aws/model/embedded_models.h"
#include "aws/model/service_model.h"

namespace aws::model {
namespace {

struct Slot {
  std::once_flag once;
  std::unique_ptr<ServiceModel> model;
  core::Status status;
};

Slot* Slots() {
  static Slot* slots = new Slot[kEmbeddedModelCount];  // lives for the whole process
  return slots;
}

}  // namespace

const std::vector<std::string>& EmbeddedServiceNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (size_t i = 0; i < kEmbeddedModelCount; ++i) v.emplace_back(kEmbeddedModels[i].name);
    return v;
  }();
  return names;
}

core::Result<const ServiceModel*> GetService(std::string_view service) {
  for (size_t i = 0; i < kEmbeddedModelCount; ++i) {
    const EmbeddedModel& em = kEmbeddedModels[i];
    if (em.name != service) continue;
    Slot& slot = Slots()[i];
    std::call_once(slot.once, [&] {
      auto r = ServiceModel::Parse(std::string_view(em.begin, em.end - em.begin));
      if (r.ok()) {
        slot.model = std::move(*r);
      } else {
        slot.status = r.status().WithContext("embedded model '" + std::string(service) + "'");
      }
    });
    if (!slot.model) return slot.status;
    return static_cast<const ServiceModel*>(slot.model.get());
  }
  std::string known;
  for (const auto& n : EmbeddedServiceNames()) known += (known.empty() ? "" : ", ") + n;
  return core::Status::NotFound("unknown AWS service '" + std::string(service) +
                                "'; this build knows: " + known);
}

}  // namespace aws::model
