// Model-driven request decoding, output rendering and errors (model_wire.h).
#include "model_wire.h"

#include <cctype>

#include "ids.h"

namespace fakeaws {

namespace am = aws::model;

namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == s.npos ? s.npos : at - start));
    if (at == s.npos) return out;
    start = at + 1;
  }
}

std::string QueryKey(const am::Member& m, Protocol p) {
  if (p == Protocol::kEc2) {
    if (!m.query_name.empty()) return m.query_name.str();
    if (!m.location_name.empty()) {
      std::string k = m.location_name;
      k[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(k[0])));
      return k;
    }
    return m.name;
  }
  return m.location_name.empty() ? m.name : m.location_name;
}

// ---- rest: method + requestUri templates ----------------------------------------------------

struct UriMatch {
  const am::Operation* op = nullptr;
  int score = -1;
  std::vector<std::pair<std::string, std::string>> labels;  // label -> decoded value
};

void TryTemplate(const am::Operation& op, std::string_view method,
                 const std::vector<std::string_view>& path, const Params& query, UriMatch& best) {
  if (op.http_method != method) return;
  std::string_view uri = op.request_uri;
  std::string_view tpath = uri.substr(0, uri.find('?'));
  int score = 0;
  if (uri.find('?') != uri.npos) {
    for (std::string_view lit : Split(uri.substr(uri.find('?') + 1), '&')) {
      std::string_view key = lit.substr(0, lit.find('='));
      bool found = false;
      Param(query, key, &found);
      if (!found) return;
      score += 5;
    }
  }
  std::vector<std::string_view> tsegs = Split(tpath, '/');
  std::vector<std::pair<std::string, std::string>> labels;
  size_t i = 0;
  for (; i < tsegs.size(); ++i) {
    std::string_view t = tsegs[i];
    if (t.starts_with('{') && t.ends_with("+}")) {
      std::string rest;
      for (size_t j = i; j < path.size(); ++j) {
        if (j > i) rest += '/';
        rest += UrlDecode(path[j]);
      }
      labels.emplace_back(std::string(t.substr(1, t.size() - 3)), rest);
      i = path.size();
      break;
    }
    if (i >= path.size()) return;
    if (t.starts_with('{') && t.ends_with('}')) {
      if (path[i].empty()) return;
      labels.emplace_back(std::string(t.substr(1, t.size() - 2)), UrlDecode(path[i]));
    } else if (t == path[i]) {
      score += 10;
    } else {
      return;
    }
  }
  // A trailing slash in one but not the other still matches ("/functions/" vs "/functions").
  if (i < path.size() && !(i + 1 == path.size() && path[i].empty())) return;
  if (score > best.score) best = {&op, score, std::move(labels)};
}

const am::Member* MemberAt(const am::Shape* input, am::Location loc, std::string_view wire) {
  if (!input) return nullptr;
  for (const am::Member& m : input->members) {
    if (m.location == loc && m.WireName(m.name) == wire) return &m;
  }
  return nullptr;
}

void CollectStrings(const json::value& v, std::vector<std::string_view>& out) {
  if (v.is_string()) {
    out.push_back(v.get_string());
  } else if (const json::object* o = v.if_object()) {
    for (const auto& e : *o) CollectStrings(e.value(), out);
  } else if (const json::array* a = v.if_array()) {
    for (const json::value& e : *a) CollectStrings(e, out);
  }
}

std::string ScalarText(const json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_null()) return "";
  return core::WriteJson(v);
}

}  // namespace

Protocol ProtocolOf(const am::ServiceModel& model) {
  const std::string& p = model.metadata().protocol;
  if (p == "ec2") return Protocol::kEc2;
  if (p == "query") return Protocol::kQuery;
  if (p == "rest-xml") return Protocol::kRestXml;
  if (p == "rest-json") return Protocol::kRestJson;
  return Protocol::kJson;
}

core::Status IdentifyModelCall(const am::ServiceModel& model, const HttpIn& in, Call& call) {
  call.protocol = ProtocolOf(model);
  size_t q = in.target.find('?');
  Params query = q == in.target.npos ? Params{} : ParseForm(in.target.substr(q + 1));
  switch (call.protocol) {
    case Protocol::kEc2:
    case Protocol::kQuery:
      call.params = ParseForm(in.body);
      call.params.insert(call.params.end(), query.begin(), query.end());
      call.operation = std::string(Param(call.params, "Action"));
      return core::Status::Ok();
    case Protocol::kJson: {
      size_t dot = in.amz_target.find('.');
      if (dot != in.amz_target.npos) call.operation = std::string(in.amz_target.substr(dot + 1));
      if (!in.body.empty()) {
        core::Result<json::value> parsed = core::ParseJson(in.body, call.service + " request body");
        if (!parsed.ok()) return parsed.status();
        call.json = std::move(*parsed);
      }
      return core::Status::Ok();
    }
    case Protocol::kRestJson:
    case Protocol::kRestXml:
      break;
  }
  std::vector<std::string_view> path = Split(in.target.substr(0, q), '/');
  UriMatch best;
  for (const auto& [name, op] : model.operations()) TryTemplate(op, in.method, path, query, best);
  if (!best.op) return core::Status::Ok();  // no operation: the caller reports it
  call.operation = best.op->name;
  json::object params;
  if (call.protocol == Protocol::kRestJson && !in.body.empty()) {
    core::Result<json::value> parsed = core::ParseJson(in.body, call.service + " request body");
    if (!parsed.ok()) return parsed.status();
    if (json::object* body = parsed->if_object()) {
      for (auto& e : *body) {
        const am::Member* m = MemberAt(best.op->input, am::Location::kBody, e.key());
        std::string key = m ? m->name : std::string(e.key());
        params[key] = std::move(e.value());
      }
    }
  }
  for (auto& [label, value] : best.labels) {
    const am::Member* m = MemberAt(best.op->input, am::Location::kUri, label);
    params[m ? m->name : label] = json::string(value);
  }
  for (const auto& [key, value] : query) {
    const am::Member* m = MemberAt(best.op->input, am::Location::kQueryString, key);
    if (!m) continue;
    if (m->shape && m->shape->type == am::ShapeType::kList) {
      json::value& slot = params[m->name];
      if (!slot.is_array()) slot = json::array();
      slot.as_array().push_back(json::string(value));
    } else {
      params[m->name] = json::string(value);
    }
  }
  call.json = std::move(params);
  return core::Status::Ok();
}

// ---- parameters ----------------------------------------------------------------------------

ModelParams ReadParams(const am::ServiceModel& model, const am::Operation& op, const Call& call) {
  ModelParams p;
  p.model = &model;
  p.op = &op;
  p.call = &call;
  if (call.protocol == Protocol::kEc2 || call.protocol == Protocol::kQuery) {
    for (const auto& [k, v] : call.params) {
      if (k != "Action" && k != "Version") p.strings.push_back(v);
    }
  } else {
    CollectStrings(call.json, p.strings);
  }
  return p;
}

std::string ModelParams::Scalar(std::string_view member) const {
  const am::Member* m = op->input ? op->input->FindMember(member) : nullptr;
  if (call->protocol == Protocol::kEc2 || call->protocol == Protocol::kQuery) {
    return std::string(Param(call->params, m ? QueryKey(*m, call->protocol) : std::string(member)));
  }
  const json::object* o = call->json.if_object();
  if (!o) return "";
  const json::value* v = o->if_contains(member);
  if (!v && m) v = o->if_contains(m->WireName(m->name));
  return v ? ScalarText(*v) : "";
}

std::vector<std::string> ModelParams::List(std::string_view member) const {
  std::vector<std::string> out;
  const am::Member* m = op->input ? op->input->FindMember(member) : nullptr;
  if (call->protocol == Protocol::kEc2 || call->protocol == Protocol::kQuery) {
    std::string prefix = (m ? QueryKey(*m, call->protocol) : std::string(member)) + ".";
    for (const auto& [k, v] : call->params) {
      if (k.starts_with(prefix) && !k.empty() && std::isdigit(static_cast<unsigned char>(k.back()))) {
        out.push_back(v);
      }
    }
    return out;
  }
  const json::object* o = call->json.if_object();
  const json::value* v = o ? o->if_contains(member) : nullptr;
  if (!v && o && m) v = o->if_contains(m->WireName(m->name));
  if (v && v->is_array()) {
    for (const json::value& e : v->get_array()) out.push_back(ScalarText(e));
  } else if (v && v->is_string()) {
    out.emplace_back(v->get_string());
  }
  return out;
}

}  // namespace fakeaws
