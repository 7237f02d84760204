#include "aws/model/service_model.h"

#include <cctype>

#include "core/json.h"

namespace aws::model {
namespace {

using core::FindString;
using core::Result;
using core::Status;

ShapeType ParseType(std::string_view t) {
  if (t == "structure") return ShapeType::kStructure;
  if (t == "list") return ShapeType::kList;
  if (t == "map") return ShapeType::kMap;
  if (t == "integer") return ShapeType::kInteger;
  if (t == "long") return ShapeType::kLong;
  if (t == "float") return ShapeType::kFloat;
  if (t == "double") return ShapeType::kDouble;
  if (t == "boolean") return ShapeType::kBoolean;
  if (t == "timestamp") return ShapeType::kTimestamp;
  if (t == "blob") return ShapeType::kBlob;
  return ShapeType::kString;  // string, character, bigdecimal: carried as text
}

Location ParseLocation(std::string_view l) {
  if (l == "uri") return Location::kUri;
  if (l == "querystring") return Location::kQueryString;
  if (l == "header") return Location::kHeader;
  if (l == "headers") return Location::kHeaders;
  if (l == "statusCode") return Location::kStatusCode;
  return Location::kBody;
}

void ReadNamespace(const json::object& o, RareString& uri, RareString& prefix) {
  const json::value* ns = o.if_contains("xmlNamespace");
  if (!ns) return;
  if (ns->is_string()) {
    const json::string& text = ns->get_string();
    uri = std::string_view(text.data(), text.size());
  } else if (ns->is_object()) {
    uri = FindString(ns->get_object(), "uri");
    prefix = FindString(ns->get_object(), "prefix");
  }
}

std::vector<std::string> StringOrList(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  const json::value* v = o.if_contains(key);
  if (!v) return out;
  if (v->is_string()) {
    out.emplace_back(v->get_string());
  } else if (v->is_array()) {
    for (const auto& e : v->get_array()) {
      if (e.is_string()) out.emplace_back(e.get_string());
    }
  }
  return out;
}

}  // namespace

// Builds a ServiceModel in two passes: create every shape (so references can be cyclic), then
// fill members. Member serialization traits inherit the target shape's, as in botocore.
class ServiceModelBuilder {
 public:
  explicit ServiceModelBuilder(ServiceModel& m) : m_(m) {}

  Status Build(const json::object& doc, const json::object* paginators) {
    const json::object* meta = core::FindObject(doc, "metadata");
    const json::object* shapes = core::FindObject(doc, "shapes");
    const json::object* ops = core::FindObject(doc, "operations");
    if (!meta || !shapes || !ops) {
      return Status::ParseError("service model lacks metadata, shapes or operations");
    }
    ReadMetadata(*meta);
    for (const auto& kv : *shapes) {
      Shape& s = m_.shapes_.emplace_back();
      s.name = kv.key();
      m_.shapes_by_name_[s.name] = &s;
    }
    for (const auto& kv : *shapes) {
      if (!kv.value().is_object()) return Status::ParseError("shape " + std::string(kv.key()));
      CORE_RETURN_IF_ERROR(FillShape(const_cast<Shape&>(*m_.shapes_by_name_.find(kv.key())->second),
                                     kv.value().get_object()));
    }
    CORE_RETURN_IF_ERROR(FillAllMembers(*shapes));
    for (const auto& kv : *ops) {
      if (!kv.value().is_object()) return Status::ParseError("operation " + std::string(kv.key()));
      CORE_RETURN_IF_ERROR(AddOperation(kv.key(), kv.value().get_object()));
    }
    if (paginators) {
      for (const auto& kv : *paginators) {
        auto it = m_.operations_.find(kv.key());
        if (it == m_.operations_.end() || !kv.value().is_object()) continue;
        const json::object& p = kv.value().get_object();
        Paginator pg;
        pg.input_token = StringOrList(p, "input_token");
        pg.output_token = StringOrList(p, "output_token");
        pg.result_key = StringOrList(p, "result_key");
        pg.non_aggregate_keys = StringOrList(p, "non_aggregate_keys");
        pg.limit_key = FindString(p, "limit_key");
        pg.more_results = FindString(p, "more_results");
        it->second.paginator = std::move(pg);
      }
    }
    return Status::Ok();
  }

 private:
  // botocore's choice: the first of its priority order (json, rest-json, rest-xml, cbor, query,
  // ec2) that the model's `protocols` list names, else the legacy `protocol`. CBOR is not
  // implemented here, so it is skipped (CloudWatch: [smithy-rpc-v2-cbor, json, query] -> json,
  // as boto3 sends it).
  static std::string ChooseProtocol(const json::object& meta) {
    static constexpr std::string_view kPriority[] = {"json", "rest-json", "rest-xml", "query",
                                                     "ec2"};
    if (const json::value* list = meta.if_contains("protocols"); list && list->is_array()) {
      for (std::string_view p : kPriority) {
        for (const json::value& v : list->get_array()) {
          if (v.is_string() && v.get_string() == p) return std::string(p);
        }
      }
    }
    return std::string(FindString(meta, "protocol"));
  }

  void ReadMetadata(const json::object& meta) {
    ServiceMetadata& md = m_.metadata_;
    md.service_name = FindString(meta, "serviceName");
    md.api_version = FindString(meta, "apiVersion");
    md.protocol = ChooseProtocol(meta);
    md.json_version = FindString(meta, "jsonVersion", "1.0");
    md.target_prefix = FindString(meta, "targetPrefix");
    md.endpoint_prefix = FindString(meta, "endpointPrefix");
    md.signing_name = FindString(meta, "signingName", md.endpoint_prefix);
    md.global_endpoint = FindString(meta, "globalEndpoint");
    md.service_id = FindString(meta, "serviceId");
    md.xml_namespace = FindString(meta, "xmlNamespace");
    md.aws_query_compatible = meta.contains("awsQueryCompatible");
    if (md.service_name.empty()) md.service_name = md.endpoint_prefix;
  }

  Result<const Shape*> Resolve(std::string_view name) {
    auto it = m_.shapes_by_name_.find(name);
    if (it == m_.shapes_by_name_.end()) {
      return Status::ParseError("reference to unknown shape '" + std::string(name) + "'");
    }
    return it->second;
  }

  Status FillMember(Member& mem, std::string_view name, const json::object& ref) {
    mem.name = name;
    CORE_ASSIGN_OR_RETURN(mem.shape, Resolve(FindString(ref, "shape")));
    const Shape& target = *mem.shape;
    mem.location = ParseLocation(FindString(ref, "location"));
    mem.location_name = FindString(ref, "locationName", target.location_name);
    mem.query_name = FindString(ref, "queryName");
    const json::value* fl = ref.if_contains("flattened");
    mem.flattened = fl ? fl->is_bool() && fl->get_bool() : target.flattened;
    mem.xml_attribute = ref.contains("xmlAttribute");
    mem.xml_namespace_uri = target.xml_namespace_uri;
    mem.xml_namespace_prefix = target.xml_namespace_prefix;
    ReadNamespace(ref, mem.xml_namespace_uri, mem.xml_namespace_prefix);
    mem.timestamp_format = FindString(ref, "timestampFormat", target.timestamp_format);
    mem.json_value = ref.contains("jsonvalue");
    mem.host_label = ref.contains("hostLabel");
    mem.idempotency_token = ref.contains("idempotencyToken");
    return Status::Ok();
  }

  // Shape-level traits only; members are filled once every shape has its traits, because a
  // member inherits its target shape's serialization traits.
  Status FillShape(Shape& s, const json::object& o) {
    s.type = ParseType(FindString(o, "type"));
    s.location_name = FindString(o, "locationName");
    s.timestamp_format = FindString(o, "timestampFormat");
    s.payload = FindString(o, "payload");
    ReadNamespace(o, s.xml_namespace_uri, s.xml_namespace_prefix);
    auto flag = [&](std::string_view k) {
      const json::value* v = o.if_contains(k);
      return v && v->is_bool() && v->get_bool();
    };
    s.flattened = flag("flattened");
    s.exception = flag("exception");
    s.document = flag("document");
    s.streaming = flag("streaming");
    s.event_stream = flag("eventstream");
    s.sensitive = flag("sensitive");
    s.is_union = flag("union");
    if (const json::value* v = o.if_contains("min"); v && v->is_number()) {
      s.min = static_cast<long>(v->to_number<double>());
    }
    if (const json::value* v = o.if_contains("max"); v && v->is_number()) {
      s.max = static_cast<long>(v->to_number<double>());
    }
    if (const json::object* err = core::FindObject(o, "error")) {
      s.error_code = FindString(*err, "code");
      if (const json::value* st = err->if_contains("httpStatusCode"); st && st->is_int64()) {
        s.error_http_status = static_cast<int>(st->get_int64());
      }
    }
    return Status::Ok();
  }

  Status FillShapeMembers(Shape& s, const json::object& o) {
    std::string ctx = "shape " + s.name;
    if (s.type == ShapeType::kStructure) {
      if (const json::object* members = core::FindObject(o, "members")) {
        for (const auto& kv : *members) {
          if (!kv.value().is_object()) return Status::ParseError(ctx + ": bad member");
          Member& m = s.members.emplace_back();
          CORE_RETURN_IF_ERROR(FillMember(m, kv.key(), kv.value().get_object()).WithContext(ctx));
        }
      }
      for (const auto& r : StringOrList(o, "required")) {
        for (auto& m : s.members) {
          if (m.name == r) m.required = true;
        }
      }
    } else if (s.type == ShapeType::kList) {
      const json::object* m = core::FindObject(o, "member");
      if (!m) return Status::ParseError(ctx + ": list without member");
      s.elements_ = std::make_unique<Member[]>(1);
      CORE_RETURN_IF_ERROR(FillMember(s.elements_[0], "member", *m).WithContext(ctx));
    } else if (s.type == ShapeType::kMap) {
      const json::object* k = core::FindObject(o, "key");
      const json::object* v = core::FindObject(o, "value");
      if (!k || !v) return Status::ParseError(ctx + ": map without key or value");
      s.elements_ = std::make_unique<Member[]>(2);
      CORE_RETURN_IF_ERROR(FillMember(s.elements_[0], "key", *k).WithContext(ctx));
      CORE_RETURN_IF_ERROR(FillMember(s.elements_[1], "value", *v).WithContext(ctx));
    }
    return Status::Ok();
  }

  Status AddOperation(std::string_view name, const json::object& o) {
    Operation op;
    op.name = name;
    if (const json::object* http = core::FindObject(o, "http")) {
      op.http_method = FindString(*http, "method", "POST");
      op.request_uri = FindString(*http, "requestUri", "/");
      if (const json::value* rc = http->if_contains("responseCode"); rc && rc->is_int64()) {
        op.http_response_code = static_cast<int>(rc->get_int64());
      }
    }
    if (const json::object* in = core::FindObject(o, "input")) {
      CORE_ASSIGN_OR_RETURN(op.input, Resolve(FindString(*in, "shape")));
    }
    if (const json::object* out = core::FindObject(o, "output")) {
      CORE_ASSIGN_OR_RETURN(op.output, Resolve(FindString(*out, "shape")));
      op.result_wrapper = FindString(*out, "resultWrapper");
    }
    if (const json::object* ep = core::FindObject(o, "endpoint")) {
      op.host_prefix = FindString(*ep, "hostPrefix");
    }
    std::string snake = SnakeCase(name);
    m_.aliases_[snake] = op.name;
    std::string kebab = snake;
    for (char& c : kebab) {
      if (c == '_') c = '-';
    }
    m_.aliases_[kebab] = op.name;
    m_.operations_.emplace(op.name, std::move(op));
    return Status::Ok();
  }

 public:
  Status FillAllMembers(const json::object& shapes) {
    for (const auto& kv : shapes) {
      Shape& s = const_cast<Shape&>(*m_.shapes_by_name_.find(kv.key())->second);
      CORE_RETURN_IF_ERROR(FillShapeMembers(s, kv.value().get_object()));
    }
    return Status::Ok();
  }

 private:
  ServiceModel& m_;
};

core::Result<std::unique_ptr<ServiceModel>> ServiceModel::Parse(std::string_view service_json,
                                                                std::string_view paginators_json) {
  CORE_ASSIGN_OR_RETURN(json::value doc, core::ParseJson(service_json, "service model"));
  if (!doc.is_object()) return Status::ParseError("service model is not a JSON object");
  json::value pag_doc;
  const json::object* paginators = core::FindObject(doc.get_object(), "paginators");
  if (!paginators_json.empty()) {
    CORE_ASSIGN_OR_RETURN(pag_doc, core::ParseJson(paginators_json, "paginators"));
    if (pag_doc.is_object()) paginators = core::FindObject(pag_doc.get_object(), "pagination");
  }
  auto model = std::make_unique<ServiceModel>();
  ServiceModelBuilder b(*model);
  CORE_RETURN_IF_ERROR(b.Build(doc.get_object(), paginators));
  return model;
}

const Operation* ServiceModel::FindOperation(std::string_view name) const {
  if (auto it = operations_.find(name); it != operations_.end()) return &it->second;
  if (auto a = aliases_.find(name); a != aliases_.end()) return &operations_.find(a->second)->second;
  return nullptr;
}

const Shape* ServiceModel::FindShape(std::string_view name) const {
  auto it = shapes_by_name_.find(name);
  return it == shapes_by_name_.end() ? nullptr : it->second;
}

const Member* Shape::FindMember(std::string_view member_name) const {
  for (const auto& m : members) {
    if (m.name == member_name) return &m;
  }
  return nullptr;
}

std::string SnakeCase(std::string_view name) {
  // botocore.xform_name: '(.)([A-Z][a-z]+)' -> '\1_\2', then '([a-z0-9])([A-Z])' -> '\1_\2'.
  std::string first;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (i > 0 && std::isupper(static_cast<unsigned char>(c)) && i + 1 < name.size() &&
        std::islower(static_cast<unsigned char>(name[i + 1])) && first.back() != '_') {
      first.push_back('_');
    }
    first.push_back(c);
  }
  std::string out;
  for (size_t i = 0; i < first.size(); ++i) {
    char c = first[i];
    if (i > 0 && std::isupper(static_cast<unsigned char>(c))) {
      char p = first[i - 1];
      if (std::islower(static_cast<unsigned char>(p)) || std::isdigit(static_cast<unsigned char>(p))) {
        out.push_back('_');
      }
    }
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace aws::model
