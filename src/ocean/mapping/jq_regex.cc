#include "ocean/mapping/jq_regex.h"

#include <dlfcn.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#define ONIG_ESCAPE_REGEX_T_COLLISION 1  // no `regex_t` typedef (glibc's <regex.h> has one)
#include <oniguruma.h>

namespace ocean::mapping {
namespace {

// The Oniguruma functions and data this file uses, from the library libjq loaded.
struct Onig {
  decltype(&onig_new) new_regex;
  decltype(&onig_free) free_regex;
  decltype(&onig_search) search;
  decltype(&onig_region_init) region_init;
  decltype(&onig_region_free) region_free;
  decltype(&onig_foreach_name) foreach_name;
  decltype(&onig_set_retry_limit_in_search) set_search_limit;
  OnigEncoding utf8;
  OnigSyntaxType* syntax;  // Perl_NG: what Debian's libjq 1.6 passes (OnigSyntaxPerl_NG)
};

template <typename T>
bool BindOnig(void* lib, const char* name, T& out) {
  out = reinterpret_cast<T>(dlsym(lib, name));
  return out != nullptr;
}

const Onig* LoadOnig() {
  static const Onig* const onig = []() -> const Onig* {
    // RTLD_NOLOAD: only the copy already in the process (libjq's dependency), never another one.
    // Oniguruma 6.x's soname is libonig.so.5 (the headers of the same package: libonig-dev).
    static_assert(ONIGURUMA_VERSION_MAJOR == 6, "libonig.so.5 is Oniguruma 6");
    void* lib = dlopen("libonig.so.5", RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
    if (lib == nullptr) return nullptr;
    static Onig o{};
    if (!BindOnig(lib, "onig_new", o.new_regex) || !BindOnig(lib, "onig_free", o.free_regex) ||
        !BindOnig(lib, "onig_search", o.search) || !BindOnig(lib, "onig_region_init", o.region_init) ||
        !BindOnig(lib, "onig_region_free", o.region_free) ||
        !BindOnig(lib, "onig_foreach_name", o.foreach_name) ||
        !BindOnig(lib, "onig_set_retry_limit_in_search", o.set_search_limit) ||
        !BindOnig(lib, "OnigEncodingUTF8", o.utf8) || !BindOnig(lib, "OnigSyntaxPerl_NG", o.syntax)) {
      return nullptr;
    }
    return &o;
  }();
  return onig;
}

// One match region per thread, reused (onig_search grows it as needed).
struct OnigThreadRegion {
  OnigRegion region;
  const Onig* onig;
  explicit OnigThreadRegion(const Onig* o) : onig(o) { onig->region_init(&region); }
  ~OnigThreadRegion() { onig->region_free(&region, 0); }
};

OnigRegion* ThreadMatchRegion(const Onig* onig) {
  thread_local OnigThreadRegion r(onig);
  return &r.region;
}

// Code points in [p, end) of valid UTF-8: bytes that are not continuation bytes.
std::int64_t RegexCodePoints(const char* p, const char* end) {
  std::int64_t n = 0;
  for (; p < end; ++p) n += (static_cast<unsigned char>(*p) & 0xC0) != 0x80;
  return n;
}

int NameRegexGroups(const OnigUChar* name, const OnigUChar* name_end, int ngroups, int* groups,
               OnigRegex, void* arg) {
  auto* captures = static_cast<json::array*>(arg);
  for (int i = 0; i < ngroups; ++i) {
    const std::size_t g = static_cast<std::size_t>(groups[i] - 1);
    if (g < captures->size()) {
      captures->at(g).get_object()["name"] =
          json::string(std::string_view(reinterpret_cast<const char*>(name),
                                        static_cast<std::size_t>(name_end - name)));
    }
  }
  return 0;
}

}  // namespace

void LimitRegexSearches() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (const Onig* onig = LoadOnig()) onig->set_search_limit(JqRegex::kSearchRetryLimit);
  });
}

std::shared_ptr<const JqRegex> JqRegex::Compile(std::string_view pattern, std::string_view modifiers) {
  const Onig* onig = LoadOnig();
  if (onig == nullptr) return nullptr;
  LimitRegexSearches();
  OnigOptionType options = ONIG_OPTION_CAPTURE_GROUP;
  for (char m : modifiers) {  // f_match's modifiers; a non-ASCII one is invalid there too
    switch (m) {
      case 'i': options |= ONIG_OPTION_IGNORECASE; break;
      case 'x': options |= ONIG_OPTION_EXTEND; break;
      case 'm': options |= ONIG_OPTION_MULTILINE; break;
      case 's': options |= ONIG_OPTION_SINGLELINE; break;
      case 'p': options |= ONIG_OPTION_MULTILINE | ONIG_OPTION_SINGLELINE; break;
      case 'l': options |= ONIG_OPTION_FIND_LONGEST; break;
      case 'n': options |= ONIG_OPTION_FIND_NOT_EMPTY; break;
      default: return nullptr;  // 'g' (several outputs) and invalid modifiers: libjq
    }
  }
  static std::mutex compile_mutex;  // onig_new initialises the library on first use
  std::lock_guard<std::mutex> lock(compile_mutex);
  OnigRegex reg = nullptr;
  OnigErrorInfo info;
  const auto* p = reinterpret_cast<const OnigUChar*>(pattern.data());
  if (onig->new_regex(&reg, p, p + pattern.size(), options, onig->utf8, onig->syntax, &info) != ONIG_NORMAL) {
    return nullptr;  // libjq reports "Regex failure: ..." per item
  }
  return std::shared_ptr<const JqRegex>(new JqRegex(reg));
}

JqRegex::~JqRegex() {
  if (reg_ != nullptr) LoadOnig()->free_regex(static_cast<OnigRegex>(reg_));
}

int JqRegex::Search(std::string_view input, void* region) const {
  const auto* s = reinterpret_cast<const OnigUChar*>(input.data());
  const OnigUChar* end = s + input.size();
  return LoadOnig()->search(static_cast<OnigRegex>(reg_), s, end, s, end,
                            static_cast<OnigRegion*>(region), ONIG_OPTION_NONE);
}

JqRegex::Outcome JqRegex::Test(std::string_view input) const {
  const int r = Search(input, ThreadMatchRegion(LoadOnig()));
  return r >= 0 ? Outcome::kMatch : r == ONIG_MISMATCH ? Outcome::kNoMatch : Outcome::kError;
}

JqRegex::Outcome JqRegex::First(std::string_view input, json::value& match) const {
  const Onig* onig = LoadOnig();
  OnigRegion* region = ThreadMatchRegion(onig);
  const int r = Search(input, region);
  if (r == ONIG_MISMATCH) return Outcome::kNoMatch;
  if (r < 0) return Outcome::kError;
  const char* s = input.data();
  const int beg = region->beg[0];
  const int end = region->end[0];
  json::object m;
  m.reserve(4);
  m["offset"] = RegexCodePoints(s, s + beg);
  m["length"] = RegexCodePoints(s + beg, s + end);
  m["string"] = json::string(input.substr(static_cast<std::size_t>(beg), static_cast<std::size_t>(end - beg)));
  json::array captures;
  if (end != beg) {  // f_match gives a zero-width match no captures
    captures.reserve(static_cast<std::size_t>(region->num_regs > 0 ? region->num_regs - 1 : 0));
    for (int i = 1; i < region->num_regs; ++i) {
      const int cb = region->beg[i];
      const int ce = region->end[i];
      json::object cap;
      cap.reserve(4);
      if (cb == ce) {  // empty, or did not take part (-1)
        cap["offset"] = cb == -1 ? std::int64_t{-1} : RegexCodePoints(s, s + cb);
        cap["string"] = cb == -1 ? json::value(nullptr) : json::value(json::string());
        cap["length"] = 0;
      } else {
        cap["offset"] = RegexCodePoints(s, s + cb);
        cap["length"] = RegexCodePoints(s + cb, s + ce);
        cap["string"] = json::string(input.substr(static_cast<std::size_t>(cb), static_cast<std::size_t>(ce - cb)));
      }
      cap["name"] = nullptr;
      captures.emplace_back(std::move(cap));
    }
    onig->foreach_name(static_cast<OnigRegex>(reg_), NameRegexGroups, &captures);
  }
  m["captures"] = std::move(captures);
  match = std::move(m);
  return Outcome::kMatch;
}

}  // namespace ocean::mapping
