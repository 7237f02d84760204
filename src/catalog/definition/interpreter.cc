#include "catalog/definition/interpreter.h"

#include <memory>

#include "catalog/definition/actions.h"
#include "catalog/definition/default_when.h"
#include "catalog/definition/listing.h"
#include "catalog/definition/template.h"

namespace catalog::definition {

using core::Result;
using core::Status;

namespace {

Result<const aws::model::Operation*> FindOp(const KindDef& def, const aws::model::ServiceModel& svc,
                                            const std::string& name, const std::string& where) {
  const aws::model::Operation* op = svc.FindOperation(name);
  if (!op) {
    return Status::InvalidArgument(where + ": operation " + def.service + "." + name +
                                   " does not exist");
  }
  return op;
}

// The listing operation, with the kind's own paginator when it declares one.
Result<std::shared_ptr<const aws::model::Operation>> ListOp(const KindDef& def,
                                                            const aws::model::ServiceModel& svc,
                                                            const ListingDef& l) {
  Result<const aws::model::Operation*> op = FindOp(def, svc, l.operation, l.where + "/operation");
  if (!op.ok()) return op.status();
  if (!l.paginator) {
    // Not owned: the model lives for the process.
    return std::shared_ptr<const aws::model::Operation>(std::shared_ptr<void>(), *op);
  }
  auto own = std::make_shared<aws::model::Operation>(**op);
  aws::model::Paginator p;
  p.input_token = {l.paginator->input_token};
  p.output_token = {l.paginator->output_token};
  p.limit_key = l.paginator->limit_key;
  p.result_key = {l.items};
  own->paginator = std::move(p);
  return std::shared_ptr<const aws::model::Operation>(std::move(own));
}

}  // namespace

KindSpec KindSpecHeader(const KindDef& def) {
  KindSpec spec;
  spec.name = def.name;
  spec.service = def.service;
  spec.scope = def.scope;
  spec.supported_regions = def.regions;
  spec.property_order = def.property_order;
  spec.has_extra_context = def.extra_context != ExtraContextMode::kNone;
  spec.region_in_extra_context = def.extra_context == ExtraContextMode::kAccountRegion;
  return spec;
}

Result<KindSpec> BuildKindSpec(const KindDef& def, const HookRegistry& hooks) {
  KindSpec spec = KindSpecHeader(def);

  const aws::model::ServiceModel* svc = nullptr;
  bool needs_model = def.list.has_value() || (def.get && !def.get->operation.empty());
  for (const ActionDef& a : def.actions) needs_model = needs_model || !a.operation.empty();
  if (needs_model) {
    Result<const aws::model::ServiceModel*> s = aws::model::GetService(def.service);
    if (!s.ok()) {
      return Status::InvalidArgument(def.file + ": kind " + def.name + ": /service: " +
                                     s.status().message());
    }
    svc = *s;
  }

  if (!def.hook.empty()) {
    const KindHooks* h = hooks.FindKindHooks(def.hook);
    if (!h) {
      return Status::InvalidArgument(def.file + ": kind " + def.name + ": /hook: no C++ hook named '" +
                                     def.hook + "' in this build");
    }
    spec.custom_list = h->list;
    spec.get_one = h->get;
  } else {
    ListingOps ops;
    ops.svc = svc;
    Result<std::shared_ptr<const aws::model::Operation>> list = ListOp(def, *svc, *def.list);
    if (!list.ok()) return list.status();
    ops.list = *list;
    if (def.parent) {
      Result<std::shared_ptr<const aws::model::Operation>> parent =
          ListOp(def, *svc, def.parent->listing);
      if (!parent.ok()) return parent.status();
      ops.parent = *parent;
    }
    spec.list_operation = def.list->operation;
    spec.list_result_key = def.list->items;
    spec.list_paginator_declared = def.list->paginator.has_value() || def.list->single_page;
    const ListingDef* listing = &*def.list;
    spec.to_resources = [listing](const ListContext&, const json::value& item,
                                  const json::object& base_extra, std::vector<Resource>& out) {
      return ItemToResources(*listing, item, base_extra, out);
    };
    spec.custom_list = MakeList(def, std::move(ops));
  }
  if (def.get) {
    const aws::model::Operation* get_op = nullptr;
    if (!def.get->operation.empty()) {
      Result<const aws::model::Operation*> op =
          FindOp(def, *svc, def.get->operation, def.get->where + "/operation");
      if (!op.ok()) return op.status();
      get_op = *op;
    }
    spec.get_one = MakeGet(def, svc, get_op);
  }
  if (!def.envelope.empty()) {
    const KindDef* d = &def;
    spec.envelope_members = [d](const Resource& r) {
      TemplateVars vars;
      vars.id = r.id;
      vars.props = &r.properties;
      vars.extra = &r.extra_context;
      return RenderObject(d->envelope, vars);
    };
  }
  for (const ActionDef& a : def.actions) {
    ActionSpec action{a.name, a.is_default || a.default_when.has_value(), nullptr, a.operation,
                      a.after};
    action.whole_calls = MakeWholeCalls(a);
    if (a.type == ActionType::kHook) {
      const ActionFn* fn = hooks.FindAction(a.hook);
      if (!fn) {
        return Status::InvalidArgument(a.where + "/hook: no C++ action hook named '" + a.hook +
                                       "' in this build");
      }
      action.run = *fn;
    } else {
      const aws::model::Operation* op = nullptr;
      if (!a.operation.empty()) {
        Result<const aws::model::Operation*> found = FindOp(def, *svc, a.operation, a.where);
        if (!found.ok()) return found.status();
        op = *found;
      }
      action.run = MakeAction(a, svc, op);
    }
    if (a.default_when) {
      // Default for the resources meeting the condition; named in includeActions, for all.
      action.for_every_resource = std::make_shared<const ActionSpec>(
          ActionSpec{a.name, false, action.run, a.operation, a.after, {}, action.whole_calls});
      action.run = OnlyWhen(&*a.default_when, action.run);
    }
    spec.actions.push_back(std::move(action));
  }
  return spec;
}

}  // namespace catalog::definition
