// EC2 instances as DescribeInstances / DescribeInstanceStatus render them, from pre-rendered
// templates: each (account, region) scope has 16 instance profiles (type, state, zone, tags,
// options, ...), each rendered once into a template whose per-instance slots (ids, addresses,
// launch time, client token, name) are filled at serving time, so an instance (~3.5 KB) costs
// a memcpy and a dozen short appends.
//
// An instance carries the fields a real one does (~45 top-level: state, type, AMI, placement,
// network interface with association and private addresses, block device, tags, CPU and
// metadata options, ...); profiles 0 and 1 (1/8 of the instances) are stopped.
//
// Thread-safety: an InstanceRenderer is immutable; its templates come from a process-wide
// cache guarded by a mutex.
#pragma once

#include <memory>
#include <string>

#include "universe.h"

namespace fakeaws {

struct ScopeTemplates;

class InstanceRenderer {
 public:
  InstanceRenderer(const Universe& u, uint32_t account, uint32_t region);

  bool Running(uint64_t index) const;
  // One instancesSet <item>.
  void AppendInstance(std::string& out, uint64_t index) const;
  // One instanceStatusSet <item>.
  void AppendStatus(std::string& out, uint64_t index) const;

 private:
  const Universe& u_;
  ResourceKey scope_;
  std::shared_ptr<const ScopeTemplates> templates_;
};

}  // namespace fakeaws
