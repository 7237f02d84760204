// EC2 instances as DescribeInstances / DescribeInstanceStatus render them: one fixed template
// per document with slots for the values derived from (seed, account, region, index). No DOM
// and no formatting library on the hot path: a ~3.5 KB instance is a few dozen appends.
//
// An instance carries the fields a real one does (~45 top-level: state, type, AMI, placement,
// network interface with association and private addresses, block device, tags, CPU and
// metadata options, ...); 90% run, 10% are stopped (with a state reason).
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "universe.h"

namespace fakeaws {

bool InstanceRunning(const Universe& u, const ResourceKey& key);
// One instancesSet <item>.
void AppendInstanceXml(std::string& out, const Universe& u, const ResourceKey& key);
// One instanceStatusSet <item>.
void AppendInstanceStatusXml(std::string& out, const Universe& u, const ResourceKey& key);

}  // namespace fakeaws
