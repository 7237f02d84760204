#include "catalog/definition/lazy_kind.h"

#include <memory>
#include <mutex>

#include "catalog/definition/actions.h"
#include "catalog/definition/interpreter.h"
#include "catalog/definition/validator.h"

namespace catalog::definition {

namespace asio = boost::asio;
using core::Result;
using core::Status;

namespace {

// The definition and, after the first use, its interpreted spec (or why it has none).
struct LazyState {
  const KindDef* def;
  const HookRegistry* hooks;
  std::once_flag once;
  std::unique_ptr<KindSpec> full;
  Status status;

  // The interpreted spec, or nullptr with `status` set.
  const KindSpec* Full() {
    std::call_once(once, [this] {
      Status valid = ValidateKind(*def);
      if (!valid.ok()) {
        status = valid;
        return;
      }
      Result<KindSpec> spec = BuildKindSpec(*def, *hooks);
      if (!spec.ok()) {
        status = spec.status();
        return;
      }
      full = std::make_unique<KindSpec>(std::move(*spec));
    });
    return full.get();
  }
};

using StatePtr = std::shared_ptr<LazyState>;

// Coroutines take the state by value (never through a lambda's captures), so the frame owns
// what it uses.
asio::awaitable<Status> ListVia(StatePtr st, ListContext& ctx, const json::object& base_extra,
                                ResourceSink sink) {
  const KindSpec* full = st->Full();
  if (!full) co_return st->status;
  co_return co_await full->custom_list(ctx, base_extra, std::move(sink));
}

asio::awaitable<Result<std::optional<Resource>>> GetVia(StatePtr st, ListContext& ctx,
                                                        std::string id,
                                                        const json::object& base_extra) {
  const KindSpec* full = st->Full();
  if (!full) co_return st->status;
  co_return co_await full->get_one(ctx, id, base_extra);
}

asio::awaitable<Result<Enrichments>> ActionVia(StatePtr st, std::size_t index, ActionContext& ctx,
                                               std::span<const Resource> resources) {
  const KindSpec* full = st->Full();
  if (!full) co_return st->status;
  co_return co_await full->actions[index].run(ctx, resources);
}

// A conditional default's every-resource form (ActionSpec::for_every_resource).
asio::awaitable<Result<Enrichments>> EveryVia(StatePtr st, std::size_t index, ActionContext& ctx,
                                              std::span<const Resource> resources) {
  const KindSpec* full = st->Full();
  if (!full) co_return st->status;
  co_return co_await full->actions[index].for_every_resource->run(ctx, resources);
}

}  // namespace

Result<KindSpec> BuildLazyKindSpec(const KindDef& def, const HookRegistry& hooks,
                                   std::function<Status()>* prepare) {
  auto st = std::make_shared<LazyState>();
  st->def = &def;
  st->hooks = &hooks;

  KindSpec spec = KindSpecHeader(def);

  // Which closures exist follows BuildKindSpec (interpreter.cc).
  bool has_list = true;
  bool has_get = def.get.has_value();
  if (!def.hook.empty()) {
    const KindHooks* h = hooks.FindKindHooks(def.hook);
    if (!h) {
      return Status::InvalidArgument(def.file + ": kind " + def.name + ": /hook: no C++ hook named '" +
                                     def.hook + "' in this build");
    }
    has_list = h->list != nullptr;
    has_get = has_get || h->get != nullptr;
  } else {
    if (!def.list) {
      return Status::InvalidArgument(def.file + ": kind " + def.name + ": no listing and no hook");
    }
    spec.list_operation = def.list->operation;
    spec.list_result_key = def.list->items;
    spec.list_paginator_declared = def.list->paginator.has_value() || def.list->single_page;
    spec.to_resources = [st](const ListContext& ctx, const json::value& item,
                             const json::object& base_extra, std::vector<Resource>& out) {
      const KindSpec* full = st->Full();
      if (!full) return st->status;
      return full->to_resources(ctx, item, base_extra, out);
    };
  }
  if (has_list) {
    spec.custom_list = [st](ListContext& ctx, const json::object& base_extra, ResourceSink sink) {
      return ListVia(st, ctx, base_extra, std::move(sink));
    };
  }
  if (has_get) {
    spec.get_one = [st](ListContext& ctx, std::string_view id, const json::object& base_extra) {
      return GetVia(st, ctx, std::string(id), base_extra);
    };
  }
  for (std::size_t i = 0; i < def.actions.size(); ++i) {
    const ActionDef& a = def.actions[i];
    if (a.type == ActionType::kHook && !hooks.FindAction(a.hook)) {
      return Status::InvalidArgument(a.where + "/hook: no C++ action hook named '" + a.hook +
                                     "' in this build");
    }
    ActionSpec action{a.name, a.is_default || a.default_when.has_value(), nullptr, a.operation,
                      a.after};
    action.whole_calls = MakeWholeCalls(a);
    action.run = [st, i](ActionContext& ctx, std::span<const Resource> resources) {
      return ActionVia(st, i, ctx, resources);
    };
    if (a.default_when) {
      ActionFn every = [st, i](ActionContext& ctx, std::span<const Resource> resources) {
        return EveryVia(st, i, ctx, resources);
      };
      action.for_every_resource = std::make_shared<const ActionSpec>(
          ActionSpec{a.name, false, std::move(every), a.operation, a.after, {},
                     action.whole_calls});
    }
    spec.actions.push_back(std::move(action));
  }
  if (prepare) *prepare = [st]() -> Status { return st->Full() ? Status::Ok() : st->status; };
  return spec;
}

}  // namespace catalog::definition
