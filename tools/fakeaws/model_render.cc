// Model-driven output rendering (model_wire.h RenderOutput; the JSON writer is model_json_out.cc): a boto3-shaped value written as the
// protocol sends it, from the operation's output shape: json/rest-json bodies (wire names, epoch
// or ISO timestamps, a payload member as the whole body), query XML (<OpResponse><OpResult>),
// ec2 XML (<requestId>, <item> lists) and rest-xml (the output's or payload's root element);
// lists as <member>/<item> or flattened, maps as <entry>.
//
// Thread-safety: pure functions of the (immutable) model.

#include "ids.h"
#include "model_wire.h"

namespace fakeaws {

namespace am = aws::model;

namespace {

bool IsoTimestamps(Protocol p, const am::Shape* s, const am::Member* m) {
  std::string_view f = m && !m->timestamp_format.empty() ? std::string_view(m->timestamp_format)
                                                          : std::string_view(s->timestamp_format);
  if (f == "iso8601") return true;
  if (f == "unixTimestamp") return false;
  return p == Protocol::kEc2 || p == Protocol::kQuery || p == Protocol::kRestXml;
}

int64_t Seconds(const json::value& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64()) return static_cast<int64_t>(v.get_uint64());
  if (v.is_double()) return static_cast<int64_t>(v.get_double());
  return 0;
}

void XmlOut(std::string& o, std::string_view name, const am::Shape* s, const json::value& v,
            const am::Member* m, Protocol p);

void XmlMembers(std::string& o, const am::Shape* s, const json::value& v, Protocol p) {
  const json::object* obj = v.if_object();
  if (!obj) return;
  for (const am::Member& mem : s->members) {
    if (mem.location != am::Location::kBody || mem.xml_attribute) continue;
    const json::value* mv = obj->if_contains(mem.name);
    if (mv) XmlOut(o, mem.WireName(mem.name), mem.shape, *mv, &mem, p);
  }
}

void Open(std::string& o, std::string_view name) { o.append("<").append(name).append(">"); }
void Close(std::string& o, std::string_view name) { o.append("</").append(name).append(">"); }

void XmlOut(std::string& o, std::string_view name, const am::Shape* s, const json::value& v,
            const am::Member* m, Protocol p) {
  if (!s) return;
  switch (s->type) {
    case am::ShapeType::kStructure:
      Open(o, name);
      XmlMembers(o, s, v, p);
      Close(o, name);
      return;
    case am::ShapeType::kList: {
      const json::array* a = v.if_array();
      bool flat = s->flattened || (m && m->flattened);
      std::string_view item = s->member().location_name.empty()
                                  ? (flat ? name : (p == Protocol::kEc2 ? "item" : "member"))
                                  : std::string_view(s->member().location_name);
      if (!flat) Open(o, name);
      if (a) {
        for (const json::value& e : *a) XmlOut(o, item, s->member().shape, e, &s->member(), p);
      }
      if (!flat) Close(o, name);
      return;
    }
    case am::ShapeType::kMap: {
      const json::object* obj = v.if_object();
      bool flat = s->flattened || (m && m->flattened);
      std::string_view k = s->key().location_name.empty() ? "key" : std::string_view(s->key().location_name);
      std::string_view val =
          s->value().location_name.empty() ? "value" : std::string_view(s->value().location_name);
      if (!flat) Open(o, name);
      if (obj) {
        for (const auto& e : *obj) {
          Open(o, flat ? name : "entry");
          Open(o, k);
          AppendXmlEscaped(o, e.key());
          Close(o, k);
          XmlOut(o, val, s->value().shape, e.value(), &s->value(), p);
          Close(o, flat ? name : "entry");
        }
      }
      if (!flat) Close(o, name);
      return;
    }
    case am::ShapeType::kTimestamp:
      Open(o, name);
      if (IsoTimestamps(p, s, m)) {
        AppendIsoTime(o, Seconds(v));
      } else {
        AppendUint(o, static_cast<uint64_t>(Seconds(v)));
      }
      Close(o, name);
      return;
    default:
      Open(o, name);
      if (v.is_string()) {
        AppendXmlEscaped(o, v.get_string());
      } else if (v.is_bool()) {
        o += v.get_bool() ? "true" : "false";
      } else {
        core::WriteJson(v, o);
      }
      Close(o, name);
  }
}

}  // namespace

Reply RenderOutput(const am::ServiceModel& model, const am::Operation& op, const json::value& v,
                   std::string_view rid) {
  Protocol p = ProtocolOf(model);
  const am::Shape* out = op.output;
  switch (p) {
    case Protocol::kJson:
    case Protocol::kRestJson: {
      std::string body;
      const am::Shape* s = out;
      const json::value* value = &v;
      if (out && !out->payload.empty()) {
        const am::Member* pm = out->FindMember(out->payload);
        const json::object* o = v.if_object();
        value = pm && o ? o->if_contains(pm->name) : nullptr;
        s = pm ? pm->shape : nullptr;
      }
      if (s && value) {
        WriteModelJson(body, s, *value, nullptr);
      } else {
        body = "{}";
      }
      Reply r = JsonReply(std::move(body), rid, model.metadata().json_version == "1.0");
      if (p == Protocol::kRestJson) {
        r.content_type = "application/json";
        r.status = op.http_response_code;
      }
      return r;
    }
    case Protocol::kQuery: {
      std::string body = "<" + op.name + "Response xmlns=\"" + model.metadata().xml_namespace + "\">";
      std::string wrapper = op.result_wrapper.empty() ? op.name + "Result" : op.result_wrapper;
      Open(body, wrapper);
      if (out) XmlMembers(body, out, v, p);
      Close(body, wrapper);
      body.append("<ResponseMetadata><RequestId>").append(rid).append(
          "</RequestId></ResponseMetadata>");
      Close(body, op.name + "Response");
      return XmlReply(std::move(body), rid);
    }
    case Protocol::kEc2: {
      std::string body = "<" + op.name + "Response xmlns=\"http://ec2.amazonaws.com/doc/" +
                         model.metadata().api_version + "/\"><requestId>" + std::string(rid) +
                         "</requestId>";
      if (out) XmlMembers(body, out, v, p);
      Close(body, op.name + "Response");
      return XmlReply(std::move(body), rid);
    }
    case Protocol::kRestXml: {
      std::string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
      const am::Shape* shape = out;
      const json::value* value = &v;
      std::string root = out ? (out->location_name.empty() ? out->name : out->location_name.str())
                             : op.name + "Result";
      // A payload member is the whole document (CloudFront's <DistributionList>).
      if (out && !out->payload.empty()) {
        const am::Member* pm = out->FindMember(out->payload);
        const json::object* o = v.if_object();
        value = pm && o ? o->if_contains(pm->name) : nullptr;
        shape = pm ? pm->shape : nullptr;
        if (pm) {
          root = !pm->location_name.empty() ? pm->location_name
                 : (pm->shape && !pm->shape->location_name.empty()) ? pm->shape->location_name.str()
                                                                   : pm->name;
        }
      }
      body += "<" + root + " xmlns=\"" + model.metadata().xml_namespace + "\">";
      if (shape && value && shape->type == am::ShapeType::kStructure) {
        XmlMembers(body, shape, *value, p);
      }
      Close(body, root);
      Reply r = XmlReply(std::move(body), rid);
      r.content_type = "application/xml";
      r.status = op.http_response_code;
      return r;
    }
  }
  return Reply{};
}

}  // namespace fakeaws
