#include "ocean/mapping/jq_prelude.h"

namespace ocean::mapping {
namespace {

// Definitions for functions that jq 1.7/1.8 (the engine behind Ocean's PyPI `jq`) has and
// Debian's libjq 1.6 lacks or gets wrong. Each is written from the behaviour documented for the
// newer versions; every one is exercised by tests/ocean/mapping/jq_prelude_test.cc.
//   have_decnum/have_literal_numbers  exist; false (this engine keeps numbers as doubles)
//   toarray, abs, toboolean, pick, debug(msgs), scan($re; $flags), add(f), skip/2, trim/ltrim/
//   rtrim, trimstr                     new in 1.7/1.8
//   limit/2                            1.6 yields one output for limit(0); negative is an error
//   nth/2                              empty when out of range (1.6 returned the last output)
//   last/1                             empty for an empty generator (1.6 returned null)
//   indices/index/rindex               on strings: code point offsets, overlapping matches, and
//                                      "" gives [] (1.6 loops forever)
//   _modify (`|=`)                     an empty update deletes the path, without shifting array
//                                      indices under later paths (1.6 deleted the wrong elements)
//   sub/gsub                           1.7's algorithm (1.6 loops forever on empty matches)
//   dateadd/datesub/date               present in newer builtin sets
//   input_line_number                  0 (libjq without jq's file reader raises an error)
//   input/inputs                       the item is the only input: "No more inputs" / empty
//                                      (1.6 reports "break")
// The definitions are kept on one line so that a user expression appended after them still
// starts on line 1 (compile errors and $__loc__ report the user's line numbers).
constexpr const char* kCore =
    "def _ocean_trunc: tojson | if length > 14 then .[0:11] + \"...\" else . end; "
    "def _ocean_type_error($m): error(\"\\(type) (\\(_ocean_trunc)) \\($m)\"); "
    "def have_decnum: false; "
    "def have_literal_numbers: false; "
    "def toarray: if type == \"array\" then . else [.] end; "
    "def abs: if type == \"number\" then (if . < 0 then - . else . end) else _ocean_type_error(\"has no absolute value\") end; "
    "def toboolean: if type == \"boolean\" then . elif . == \"true\" then true elif . == \"false\" then false else _ocean_type_error(\"cannot be parsed as a boolean\") end; "
    "def pick(pathexps): . as $in | reduce path(pathexps) as $p (null; setpath($p; $in | getpath($p))); "
    "def debug(msgs): (msgs | debug | empty), .; "
    "def scan($re; $flags): match($re; \"g\" + $flags) | if (.captures | length) > 0 then [.captures[].string] else .string end; "
    "def add(f): reduce f as $x (null; . + $x); "
    "def limit($n; f): if $n > 0 then label $ocean_out | foreach f as $x (0; . + 1; $x, if . >= $n then break $ocean_out else empty end) elif $n == 0 then empty else error(\"limit doesn't support negative count\") end; "
    "def skip($n; f): if $n > 0 then foreach f as $x ($n; . - 1; if . < 0 then $x else empty end) elif $n == 0 then f else error(\"skip doesn't support negative count\") end; "
    "def nth($n; f): if $n < 0 then error(\"Out of bounds negative array index\") else first(skip($n; f)) end; "
    "def last(f): reduce f as $x ([]; [$x]) | .[]; "
    "def _ocean_ws: (. >= 9 and . <= 13) or . == 32 or . == 133 or . == 160 or . == 5760 or (. >= 8192 and . <= 8202) or . == 8232 or . == 8233 or . == 8239 or . == 8287 or . == 12288; "
    "def _ocean_trim($l; $r): if type != \"string\" then _ocean_type_error(\"trim input must be a string\") else explode | (if $l then (first(range(length) as $i | select(.[$i] | _ocean_ws | not) | $i) // length) else 0 end) as $s | (if $r then (first(range(length - 1; $s - 1; -1) as $i | select(.[$i] | _ocean_ws | not) | $i + 1) // $s) else length end) as $e | .[$s:$e] | implode end; "
    "def trim: _ocean_trim(true; true); "
    "def ltrim: _ocean_trim(true; false); "
    "def rtrim: _ocean_trim(false; true); "
    "def trimstr($x): ltrimstr($x) | rtrimstr($x); "
    "def _ocean_indices($i): indices($i); "
    "def indices($i): if type == \"string\" and ($i | type) == \"string\" then (if $i == \"\" then [] else explode as $s | ($i | explode) as $n | ($n | length) as $k | [range(0; ($s | length) - $k + 1) as $j | select($s[$j:$j + $k] == $n) | $j] end) else _ocean_indices($i) end; "
    "def index($i): indices($i) | .[0]; "
    "def rindex($i): indices($i) | .[-1:][0]; "
    "def _modify(paths; update): reduce path(paths) as $p ([., []]; . as [$x, $del] | [$x | getpath($p) | first(update)] as $r | if $r == [] then [$x, $del + [$p]] else [($x | setpath($p; $r[0])), $del] end) | . as [$x, $del] | $x | delpaths($del); "
    "def sub($re; str; $flags): . as $in | (reduce match($re; $flags) as $m ({res: [], prev: 0}; $in[.prev:$m.offset] as $gap | [$m.captures | map(select(.name != null) | {key: .name, value: .string}) | from_entries | str] as $ins | reduce range(0; $ins | length) as $k (.; .res[$k] += $gap + $ins[$k]) | .prev = $m.offset + $m.length) | .res[] + $in[.prev:]) // $in; "
    "def sub($re; str): sub($re; str; \"\"); "
    "def gsub($re; str; $flags): sub($re; str; $flags + \"g\"); "
    "def gsub($re; str): sub($re; str; \"g\"); "
    "def input_line_number: 0; "
    "def input: error(\"No more inputs\"); "
    "def inputs: empty; "
    "def dateadd(u; n): . + n; "
    "def datesub(u; n): . - n; "
    "def date: todate; ";

// @base32 (missing in Debian's 1.6), @base32d (1.7), @uri (1.7 escapes !*'() too), @urid (1.8).
// Every string interpolation goes through `format`, so this override is only added to programs
// that mention a format it changes.
constexpr const char* kFormats =
    "def _ocean_utf8_encode: [explode[] | if . < 128 then . elif . < 2048 then 192 + ((. / 64) | floor), 128 + (. % 64) elif . < 65536 then 224 + ((. / 4096) | floor), 128 + ((. / 64 | floor) % 64), 128 + (. % 64) else 240 + ((. / 262144) | floor), 128 + ((. / 4096 | floor) % 64), 128 + ((. / 64 | floor) % 64), 128 + (. % 64) end]; "
    "def _ocean_utf8_lead($b): if $b < 128 then .cps += [$b] elif $b >= 194 and $b < 224 then .need = 1 | .cp = $b - 192 elif $b >= 224 and $b < 240 then .need = 2 | .cp = $b - 224 elif $b >= 240 and $b < 245 then .need = 3 | .cp = $b - 240 else .cps += [65533] end; "
    "def _ocean_utf8_decode: reduce (.[], null) as $b ({cps: [], need: 0, cp: 0}; if $b == null then (if .need > 0 then .cps += [65533] else . end) elif .need > 0 then (if $b >= 128 and $b < 192 then .cp = .cp * 64 + $b - 128 | .need -= 1 | if .need == 0 then .cps += [.cp] else . end else .cps += [65533] | .need = 0 | _ocean_utf8_lead($b) end) else _ocean_utf8_lead($b) end) | .cps | implode; "
    "def _ocean_b32: tostring | _ocean_utf8_encode | . as $bytes | (reduce $bytes[] as $b ({acc: 0, bits: 0, out: []}; .acc = .acc * 256 + $b | .bits += 8 | until(.bits < 5; .bits -= 5 | ((.acc / pow(2; .bits)) | floor) as $v | .out += [$v] | .acc -= $v * pow(2; .bits))) | if .bits > 0 then .out += [.acc * pow(2; 5 - .bits)] else . end | .out) | map(if . < 26 then . + 65 else . + 24 end) | implode | . + (\"=\" * ((8 - length % 8) % 8) // \"\"); "
    "def _ocean_b32d: tostring | . as $in | explode | map(select(. != 61)) | map(if . >= 65 and . <= 90 then . - 65 elif . >= 50 and . <= 55 then . - 24 else ($in | _ocean_type_error(\"is not valid base32 data\")) end) | reduce .[] as $v ({acc: 0, bits: 0, out: []}; .acc = .acc * 32 + $v | .bits += 5 | if .bits >= 8 then .bits -= 8 | ((.acc / pow(2; .bits)) | floor) as $b | .out += [$b] | .acc -= $b * pow(2; .bits) else . end) | .out | _ocean_utf8_decode; "
    "def _ocean_format($f): format($f); "
    "def _ocean_uri: _ocean_format(\"uri\") | split(\"!\") | join(\"%21\") | split(\"*\") | join(\"%2A\") | split(\"'\") | join(\"%27\") | split(\"(\") | join(\"%28\") | split(\")\") | join(\"%29\"); "
    "def _ocean_hex: if . >= 48 and . <= 57 then . - 48 elif . >= 65 and . <= 70 then . - 55 elif . >= 97 and . <= 102 then . - 87 else null end; "
    "def _ocean_urid: tostring | . as $in | explode | . as $c | reduce range(0; length) as $i ({out: [], bytes: [], skip: 0}; if .skip > 0 then .skip -= 1 elif $c[$i] == 37 then (($c[$i + 1] // -1) | _ocean_hex) as $h | (($c[$i + 2] // -1) | _ocean_hex) as $l | if $h == null or $l == null then ($in | _ocean_type_error(\"is not a valid uri encoding\")) else .bytes += [$h * 16 + $l] | .skip = 2 end else .out += [(.bytes | _ocean_utf8_decode), ([$c[$i]] | implode)] | .bytes = [] end) | .out + [.bytes | _ocean_utf8_decode] | add; "
    "def format($f): if $f == \"base32\" then _ocean_b32 elif $f == \"base32d\" then _ocean_b32d elif $f == \"uri\" then _ocean_uri elif $f == \"urid\" then _ocean_urid else _ocean_format($f) end; ";

// Ocean lets mappings read the environment (`env`, `$ENV`) by default, and ocean-aws keeps that
// setting; but its own credentials live there too. Variables whose upper-cased name contains
// SECRET, TOKEN, PASSWORD, PASSWD, ACCESS_KEY, PRIVATE_KEY, CREDENTIAL or API_KEY (AWS keys and
// session tokens, OCEAN__PORT__CLIENT_SECRET, OCEAN__INTEGRATION__CONFIG__AWS_SECRET_ACCESS_KEY,
// ...) are left out of both, so a mapping can never copy them into the catalog.
constexpr const char* kSecretFreeEnv =
    "(env | with_entries(select(.key | ascii_upcase | "
    "test(\"SECRET|TOKEN|PASSWORD|PASSWD|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL|API_KEY\") | not))) "
    "as $ENV | def env: $ENV; ";

bool MentionsFormatOverride(std::string_view expr) {
  return expr.find("@base32") != std::string_view::npos ||
         expr.find("@uri") != std::string_view::npos ||
         expr.find("format") != std::string_view::npos;
}

}  // namespace

std::string ProgramPrefix(std::string_view expression, bool allow_env) {
  std::string prefix = kCore;
  if (MentionsFormatOverride(expression)) prefix += kFormats;
  if (!allow_env) {
    prefix += "def env: {}; {} as $ENV | ";
  } else if (expression.find("env") != std::string_view::npos ||
             expression.find("ENV") != std::string_view::npos) {
    prefix += kSecretFreeEnv;  // only when mentioned: it costs a pass over environ per run
  }
  return prefix;
}

std::string CleanCompileMessage(std::string_view message, std::string_view prefix) {
  std::string out(message);
  if (!prefix.empty()) {
    for (std::size_t pos = out.find(prefix); pos != std::string::npos; pos = out.find(prefix, pos)) {
      out.erase(pos, prefix.size());
    }
  }
  // jq pads the echoed source line with spaces; drop trailing blanks of every line.
  std::string cleaned;
  std::size_t start = 0;
  while (start <= out.size()) {
    std::size_t nl = out.find('\n', start);
    std::string_view line(out.data() + start, (nl == std::string::npos ? out.size() : nl) - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    cleaned.append(line);
    if (nl == std::string::npos) break;
    cleaned.push_back('\n');
    start = nl + 1;
  }
  while (!cleaned.empty() && cleaned.back() == '\n') cleaned.pop_back();
  return cleaned;
}

}  // namespace ocean::mapping
