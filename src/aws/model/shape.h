// The shape graph of one AWS service: botocore's `service-2.json` as read-only C++ structs.
//
// A Shape describes a value (structure, list, map or scalar); a Member is a named, located
// reference from a structure (or list/map) to a shape. The serializers and parsers of every
// protocol walk this graph; nothing here knows about a particular service.
//
//   ServiceModel ──owns──> Shape* (stable addresses) <──refers── Member.shape
//        └──owns──> Operation ──input/output──> Shape*,  Operation.paginator ──> Paginator
//
// Thread-safety: immutable after ServiceModel::Parse returns; shared freely between threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aws::model {

enum class ShapeType {
  kStructure,
  kList,
  kMap,
  kString,
  kInteger,
  kLong,
  kFloat,
  kDouble,
  kBoolean,
  kTimestamp,
  kBlob,
};

// Where a member travels in a REST request or response (rest-json, rest-xml).
enum class Location { kBody, kUri, kQueryString, kHeader, kHeaders, kStatusCode };

struct Shape;

// A string that is almost always empty, in 8 bytes instead of 32: a resync holds the models of
// every service it lists, ~20,000 shapes each embedding three Members (issue 13.4: ~8 MB).
class RareString {
 public:
  RareString() = default;
  RareString(std::string_view s) { Assign(s); }  // NOLINT: implicit, like std::string
  RareString(const RareString& o) { Assign(o.view()); }
  RareString(RareString&&) noexcept = default;
  RareString& operator=(const RareString& o) {
    if (this != &o) Assign(o.view());
    return *this;
  }
  RareString& operator=(RareString&&) noexcept = default;
  RareString& operator=(std::string_view s) {
    Assign(s);
    return *this;
  }
  bool empty() const { return !text_; }
  std::string_view view() const { return text_ ? std::string_view(*text_) : std::string_view(); }
  operator std::string_view() const { return view(); }  // NOLINT: implicit on purpose
  std::string str() const { return std::string(view()); }
  const char* c_str() const { return text_ ? text_->c_str() : ""; }

 private:
  void Assign(std::string_view s) {
    if (s.empty()) {
      text_.reset();
    } else {
      text_ = std::make_unique<std::string>(s);
    }
  }
  std::unique_ptr<std::string> text_;
};

struct Member {
  std::string name;            // the key boto3 uses (and users' jq mappings see)
  const Shape* shape = nullptr;
  Location location = Location::kBody;
  std::string location_name;   // wire name: XML element, header, query key, URI label, JSON key
  RareString query_name;       // ec2 protocol's explicit request key
  bool flattened = false;      // XML: list/map elements directly under the parent
  bool xml_attribute = false;
  RareString xml_namespace_uri;
  RareString xml_namespace_prefix;
  RareString timestamp_format;  // overrides the shape's
  bool json_value = false;       // header carrying base64 JSON
  bool host_label = false;
  bool idempotency_token = false;
  bool required = false;

  // Wire name with the botocore fallback rules applied: locationName, else `fallback`.
  std::string_view WireName(std::string_view fallback) const {
    return location_name.empty() ? fallback : std::string_view(location_name);
  }
};

struct Shape {
  std::string name;
  ShapeType type = ShapeType::kString;
  std::vector<Member> members;  // structure: in declaration order
  RareString location_name;     // shape-level XML name (lists' element names live on member())
  RareString timestamp_format;  // "iso8601" | "unixTimestamp" | "rfc822" | "" (protocol default)
  RareString payload;           // REST: name of the member that is the whole body, or ""
  RareString xml_namespace_uri;
  RareString xml_namespace_prefix;
  RareString error_code;        // error shapes: "error.code" (awsQueryCompatible, query)
  int error_http_status = 0;
  long min = 0;                 // integer/long bounds from the model; 0 = none given
  long max = 0;
  bool flattened = false;
  bool exception = false;
  bool document = false;        // free-form JSON document
  bool streaming = false;
  bool event_stream = false;
  bool sensitive = false;
  bool is_union = false;

  // A list's element; a map's key and value. A shape of another type answers an empty Member
  // (no shape). Only lists and maps carry them (issue 13.4: three Members inline in every one
  // of a resync's ~20,000 shapes were ~8 MB of its peak RSS).
  const Member& member() const { return Element(0, ShapeType::kList); }
  const Member& key() const { return Element(0, ShapeType::kMap); }
  const Member& value() const { return Element(1, ShapeType::kMap); }

  const Member* FindMember(std::string_view member_name) const;

 private:
  // Inline: the parsers ask a list for its element once per element they read.
  const Member& Element(int i, ShapeType owner) const {
    static const Member kNone;
    return type == owner && elements_ ? elements_[i] : kNone;
  }

  std::unique_ptr<Member[]> elements_;  // list: [element]; map: [key, value]; else null

  friend class ServiceModelBuilder;
};

// One pagination rule from paginators-1.json. Tokens and result keys are JMESPath-lite
// expressions ("NextToken", "Contents[-1].Key", "NextMarker || Contents[-1].Key").
struct Paginator {
  std::vector<std::string> input_token;
  std::vector<std::string> output_token;
  std::vector<std::string> result_key;
  std::vector<std::string> non_aggregate_keys;
  std::string limit_key;
  std::string more_results;
};

struct Operation {
  std::string name;
  std::string http_method = "POST";
  std::string request_uri = "/";
  int http_response_code = 200;
  const Shape* input = nullptr;   // may be null (no input)
  const Shape* output = nullptr;  // may be null (no output)
  std::string result_wrapper;     // query protocol: <OpResult> element around the output
  std::string host_prefix;        // endpoint.hostPrefix, e.g. "{AccountId}." (may hold labels)
  std::optional<Paginator> paginator;
};

struct ServiceMetadata {
  std::string service_name;      // our key: "ec2", "s3", ... (botocore's directory name)
  std::string api_version;
  std::string protocol;          // ec2 | query | json | rest-json | rest-xml
  std::string json_version;      // "1.0" | "1.1"
  std::string target_prefix;     // json: X-Amz-Target prefix
  std::string endpoint_prefix;   // DNS label: "ec2", "s3", "email" (sesv2)
  std::string signing_name;      // SigV4 service name; defaults to endpoint_prefix
  std::string global_endpoint;   // "sts.amazonaws.com" for global services, else ""
  std::string service_id;        // "EC2", "S3", ... (AWS_ENDPOINT_URL_<SERVICE_ID>)
  std::string xml_namespace;
  bool aws_query_compatible = false;  // json services that used to be query (SQS)
};

}  // namespace aws::model
