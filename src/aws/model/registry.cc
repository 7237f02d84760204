// The embedded model registry. The model bytes are linked in by the generated
// models_embed.cc (see CMakeLists.txt); each service is parsed on first use.
#include <atomic>
#include <mutex>

#include "aws/model/embedded_models.h"
#include "aws/model/models_directory.h"
#include "aws/model/service_model.h"

namespace aws::model {
namespace {

struct Slot {
  std::once_flag once;
  std::unique_ptr<ServiceModel> model;
  core::Status status;
  // Set (release) after the parse: later look-ups skip std::call_once, whose libstdc++ entry
  // costs more than the look-up itself (it was ~1.6 % of a request's CPU by service name).
  std::atomic<bool> ready{false};
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
  bool loaded = false;
  core::Result<const ServiceModel*> from_dir = FindLoadedService(service, &loaded);
  if (loaded) return from_dir;
  for (size_t i = 0; i < kEmbeddedModelCount; ++i) {
    const EmbeddedModel& em = kEmbeddedModels[i];
    if (em.name != service) continue;
    Slot& slot = Slots()[i];
    if (slot.ready.load(std::memory_order_acquire)) {
      if (!slot.model) return slot.status;
      return static_cast<const ServiceModel*>(slot.model.get());
    }
    std::call_once(slot.once, [&] {
      auto r = ServiceModel::Parse(std::string_view(em.begin, em.end - em.begin));
      if (r.ok()) {
        slot.model = std::move(*r);
      } else {
        slot.status = r.status().WithContext("embedded model '" + std::string(service) + "'");
      }
      slot.ready.store(true, std::memory_order_release);
    });
    if (!slot.model) return slot.status;
    return static_cast<const ServiceModel*>(slot.model.get());
  }
  std::string known;
  for (const auto& n : EmbeddedServiceNames()) known += (known.empty() ? "" : ", ") + n;
  std::string where = "the embedded models (" + known + ")";
  for (const std::string& dir : ModelsDirectories()) where += " and the AWS models directory " + dir;
  if (ModelsDirectories().empty()) where += "; no AWS models directory is configured (awsModelsPath)";
  return core::Status::NotFound("unknown AWS service '" + std::string(service) +
                                "'; looked in " + where);
}

}  // namespace aws::model
