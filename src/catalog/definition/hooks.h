// Named C++ hooks: the escape hatch for what a kind definition cannot say.
//
// A definition names a hook with `hook: Name` (a kind-level listing + get) or, on an action,
// `hook: Name` (an action). Hooks live in small .cc files next to the data
// (data/kinds/<kind>.cc); each such file defines `void RegisterHooks_<stem>(HookRegistry&)`,
// and the build generates the call of every one of them (cmake/EmbedKinds.cmake).
//
// Thread-safety: filled once before the kind table loads; read-only afterwards.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "catalog/kind.h"

namespace catalog::definition {

struct KindHooks {
  CustomListFn list;
  GetOneFn get;  // may be empty
};

class HookRegistry {
 public:
  void AddKindHooks(std::string name, KindHooks hooks) { kinds_[std::move(name)] = std::move(hooks); }
  void AddAction(std::string name, ActionFn fn) { actions_[std::move(name)] = std::move(fn); }
  const KindHooks* FindKindHooks(std::string_view name) const {
    auto it = kinds_.find(name);
    return it == kinds_.end() ? nullptr : &it->second;
  }
  const ActionFn* FindAction(std::string_view name) const {
    auto it = actions_.find(name);
    return it == actions_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, KindHooks, std::less<>> kinds_;
  std::map<std::string, ActionFn, std::less<>> actions_;
};

// Every built-in hook (the generated registration calls).
const HookRegistry& BuiltInHooks();

}  // namespace catalog::definition
