// The AWS engine's names for net/'s HTTP vocabulary.
//
// The engine (signing, protocols, retries, credential providers, the client) speaks HTTP through
// the generic layer below it (src/net/: request/response values, URI encoding, the transport
// interface). These using-declarations let code inside namespace aws keep saying HttpRequest,
// UriEncode, HttpTransportPtr, ... while the one definition lives in net::. Code outside aws/
// names them net::...; an aws/ file includes this header instead of the net/ headers it needs.
//
// Thread-safety: declarations only.
#pragma once

#include "net/http_transport.h"
#include "net/http_types.h"
#include "net/transport_options.h"
#include "net/uri.h"

namespace aws {

using net::BuildQueryString;
using net::FindHeader;
using net::Headers;
using net::HttpRequest;
using net::HttpResponse;
using net::HttpTransport;
using net::HttpTransportPtr;
using net::ParsedUrl;
using net::ParseUrl;
using net::SetHeader;
using net::TransportOptions;
using net::UriDecode;
using net::UriEncode;

}  // namespace aws
