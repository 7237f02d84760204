#include "app/export_command.h"

#include <cstdio>
#include <iostream>

#include "app/runtime.h"
#include "catalog/kind_resync.h"
#include "catalog/kind_table.h"
#include "catalog/scope_exporter.h"
#include "catalog/source.h"
#include "core/log.h"
#include "core/redact.h"

namespace app {

namespace asio = boost::asio;
using core::Result;
using core::Status;

CatalogCommands AddCatalogCommands(CLI::App& cli, CatalogCommandOptions& o) {
  CatalogCommands c;
  c.export_cmd = cli.add_subcommand("export", "Export one kind's raw resources as NDJSON");
  c.export_cmd->add_option("--kind", o.kind, "Kind, e.g. AWS::SQS::Queue")->required();
  c.export_cmd->add_option("--include", o.include, "Optional action to run (repeatable)");
  c.export_cmd->add_option("--region", o.regions, "Only this region (repeatable)");
  c.export_cmd->add_option("--max-concurrent-accounts", o.max_concurrent_accounts,
                           "Accounts exported at once (default 5)");
  c.get_cmd = cli.add_subcommand("get", "Fetch one resource of a kind, enriched");
  c.get_cmd->add_option("kind", o.kind, "Kind, e.g. AWS::S3::Bucket")->required();
  c.get_cmd->add_option("id", o.id, "The resource's id, name or ARN")->required();
  c.get_cmd->add_option("--include", o.include, "Optional action to run (repeatable)");
  c.get_cmd->add_option("--region", o.regions, "Region (default: AWS_REGION or us-east-1)");
  for (CLI::App* cmd : {c.export_cmd, c.get_cmd}) {
    cmd->add_option("--endpoint-url", o.endpoint_url, "Send AWS requests to this endpoint");
  }
  c.kinds_cmd = cli.add_subcommand("kinds", "List the kinds with their default and optional actions");
  c.kinds_cmd->add_option("--check", o.check,
                          "Validate these kind definition files or folders and print what each "
                          "kind will call");
  return c;
}

namespace {

const catalog::KindSpec* KindOrComplain(const std::string& name) {
  const catalog::KindSpec* kind = catalog::FindKind(name);
  if (!kind) {
    std::string known;
    for (const catalog::KindSpec* k : catalog::AllKinds()) {
      known += (known.empty() ? "" : ", ") + std::string(k->name);
    }
    std::cerr << "error: unknown kind '" << name << "'; known kinds: " << known << "\n";
  }
  return kind;
}

// The accounts of this run, from the integration's configuration; prints why not on failure.
std::unique_ptr<catalog::SourceRun> DiscoverAccounts(Runtime& rt) {
  Result<catalog::IntegrationConfig> config = catalog::IntegrationConfig::FromEnvironment();
  if (!config.ok()) {
    std::cerr << "error: " << core::Redact(config.status().message()) << "\n";
    return nullptr;
  }
  Result<std::unique_ptr<catalog::SourceRun>> found =
      rt.RunToCompletion(rt.source->Discover(*config));
  if (!found.ok()) {
    std::cerr << "error: account discovery failed: " << core::Redact(found.status().message()) << "\n";
    return nullptr;
  }
  for (const auto& f : (*found)->inaccessible()) {
    LOG_WARN("account {} ({}) skipped: {}", f.account_id, f.role_arn, f.status.message());
  }
  return std::move(*found);
}

void PrintScope(const catalog::ScopeOutcome& s) {
  std::string line = "scope kind=" + s.kind + " account=" + s.account_id +
                     " region=" + (s.region.empty() ? "-" : s.region) +
                     " state=" + std::string(catalog::ScopeStateName(s.state)) +
                     " resources=" + std::to_string(s.resources) +
                     " enrichment_errors=" + std::to_string(s.enrichment_errors);
  if (!s.error.ok()) line += " error=\"" + s.error.message() + "\"";
  std::cerr << line << "\n";
}

}  // namespace

int RunExport(const CatalogCommandOptions& o) {
  const catalog::KindSpec* kind = KindOrComplain(o.kind);
  if (!kind) return 2;
  Runtime rt(o.endpoint_url);
  std::unique_ptr<catalog::SourceRun> found = DiscoverAccounts(rt);
  if (!found) return 1;
  catalog::KindResyncOptions opts;
  opts.include_actions = o.include;
  opts.only_regions = o.regions;
  opts.max_concurrent_accounts = o.max_concurrent_accounts;
  std::string out;
  catalog::KindResyncResult result = rt.RunToCompletion(found->StreamKind(
      *kind, opts,
      [&out](std::vector<json::value> batch) -> asio::awaitable<Status> {
        out.clear();
        for (const json::value& e : batch) {
          core::WriteJson(e, out);
          out.push_back('\n');
        }
        if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) {
          co_return Status::Unavailable("cannot write to standard output");
        }
        co_return Status::Ok();
      }));
  std::fflush(stdout);
  if (!result.unknown_actions.empty()) {
    std::string valid;
    for (const catalog::ActionSpec& a : kind->actions) {
      if (!a.is_default || a.for_every_resource) {
        valid += (valid.empty() ? "" : ", ") + std::string(a.name);
      }
    }
    std::string unknown;
    for (const auto& u : result.unknown_actions) unknown += (unknown.empty() ? "" : ", ") + u;
    LOG_WARN("includeActions: {} not an optional action of {}; valid: {}", unknown, kind->name,
             valid.empty() ? "(none)" : valid);
  }
  bool failed = false;
  for (const catalog::ScopeOutcome& s : result.scopes) {
    PrintScope(s);
    failed = failed || s.state == catalog::ScopeState::kFailed;
  }
  return failed ? 1 : 0;
}

int RunGet(const CatalogCommandOptions& o) {
  const catalog::KindSpec* kind = KindOrComplain(o.kind);
  if (!kind) return 2;
  if (!kind->get_one) {
    std::cerr << "error: " << kind->name << " has no single-resource fetch\n";
    return 2;
  }
  Runtime rt(o.endpoint_url);
  std::unique_ptr<catalog::SourceRun> found = DiscoverAccounts(rt);
  if (!found) return 1;
  const catalog::AccountSession& account = found->accounts().front();
  std::string region = !o.regions.empty() ? o.regions.front() : "";
  if (region.empty()) {
    const char* env = std::getenv("AWS_REGION");
    region = env && *env ? env : catalog::AccountLevelRegion(account);
  }
  long enrichment_errors = 0;
  Result<std::optional<json::value>> got = rt.RunToCompletion(
      rt.source->FetchOne(*kind, account, region, o.id, o.include, &enrichment_errors));
  if (!got.ok()) {
    std::cerr << "error: " << core::Redact(got.status().message()) << "\n";
    return 1;
  }
  if (!*got) {
    std::cerr << "error: no " << kind->name << " '" << o.id << "' in account " << account.info.id
              << " region " << region << "\n";
    return 1;
  }
  std::cout << core::WriteJsonPretty(**got) << "\n";
  return enrichment_errors > 0 ? 1 : 0;
}

namespace {

std::string_view ScopeName(catalog::KindScope scope) {
  switch (scope) {
    case catalog::KindScope::kRegional: return "regional";
    case catalog::KindScope::kGlobal: return "global";
    case catalog::KindScope::kAccount: return "account";
    case catalog::KindScope::kOrganization: return "organization";
  }
  return "?";
}

std::string_view ActionTypeName(catalog::definition::ActionType t) {
  using catalog::definition::ActionType;
  switch (t) {
    case ActionType::kSet: return "set";
    case ActionType::kCall: return "call";
    case ActionType::kPagedCall: return "pagedCall";
    case ActionType::kBatch: return "batch";
    case ActionType::kHook: return "hook";
  }
  return "?";
}

// What a kind will call, for `kinds --check`.
void PrintCalls(const catalog::definition::KindDef& d) {
  std::cout << d.name << "  (" << d.file << ", " << ScopeName(d.scope) << ")\n";
  if (!d.hook.empty()) std::cout << "  list: C++ hook " << d.hook << "\n";
  if (d.parent) {
    std::cout << "  list: " << d.service << "." << d.parent->listing.operation
              << " (every page), then per item:\n";
  }
  if (d.list) {
    std::cout << "  list: " << d.service << "." << d.list->operation
              << (d.list->shared ? " (one call, shared by the resync's kinds) -> "
                                 : " (every page) -> ")
              << d.list->items << (d.list->flatten ? " -> " + d.list->flatten->items : "")
              << ", identity " << d.list->identity << "\n";
  }
  if (d.get && !d.get->operation.empty()) {
    std::cout << "  get: " << d.service << "." << d.get->operation << "\n";
  }
  for (const auto& a : d.actions) {
    std::cout << "  "
              << (a.is_default     ? "default "
                  : a.default_when ? "default where the listed properties are only the identity, "
                                     "else optional "
                                   : "optional ")
              << a.name << ": "
              << ActionTypeName(a.type);
    if (!a.operation.empty()) std::cout << " " << d.service << "." << a.operation;
    if (a.type == catalog::definition::ActionType::kBatch) {
      std::cout << " (up to " << a.batch.max << " ids per call)";
    } else if (!a.operation.empty()) {
      std::cout << " (one call per resource, at most " << a.concurrency << " at once"
                << (a.shared ? ", shared by the resync's kinds)" : ")");
    }
    std::cout << "\n";
  }
}

}  // namespace

int RunKinds(const CatalogCommandOptions& o) {
  if (!o.check.empty()) {
    std::vector<catalog::definition::KindDef> parsed;
    Status st = catalog::CheckKindFiles(o.check, &parsed);
    if (!st.ok()) {
      std::cerr << st.message() << "\n";
      return 2;
    }
    for (const auto& d : parsed) PrintCalls(d);
    return 0;
  }
  for (const catalog::KindSpec* k : catalog::AllKinds()) {
    std::string defaults, options;
    for (const catalog::ActionSpec& a : k->actions) {
      std::string& dst = a.is_default ? defaults : options;
      dst += (dst.empty() ? "" : ", ") + std::string(a.name);
    }
    std::cout << k->name << "\n  default: " << (defaults.empty() ? "-" : defaults)
              << "\n  optional: " << (options.empty() ? "-" : options) << "\n";
  }
  // The kind family (data/kinds/cloudcontrol_any.yaml): every other CloudFormation type name.
  if (const catalog::definition::KindDef* f = catalog::KindFamilyDefinition()) {
    std::string defaults, options, globals;
    for (const auto& a : f->actions) {
      // A `defaultWhen` action is both: default where its condition holds, optional for all.
      if (a.is_default || a.default_when) {
        defaults += (defaults.empty() ? "" : ", ") + a.name +
                    (a.default_when ? " (where the list gives only the identifier)" : "");
      }
      if (!a.is_default) options += (options.empty() ? "" : ", ") + a.name;
    }
    for (const auto& g : f->global_services) globals += (globals.empty() ? "" : ", ") + g;
    std::cout << "AWS::<Service>::<Type>\n  any other CloudFormation type, through "
              << f->service << " " << (f->list ? f->list->operation : std::string("?"))
              << " (global: " << (globals.empty() ? "-" : globals) << ")\n  default: "
              << (defaults.empty() ? "-" : defaults) << "\n"
              << "  optional: " << (options.empty() ? "-" : options) << " (every resource)\n";
  }
  return 0;
}

}  // namespace app
