// Floor of an AWS request (issue 13.2; the other floors: floor_bench.cc): one keep-alive
// HTTP/1.1 round trip over loopback done by the cheapest code, next to BM_AwsRequest*'s.
//
//   BM_FloorHttpRoundTrip/K   one keep-alive HTTP/1.1 request and its whole answer over loopback,
//                             raw sockets on one epoll loop with K connections each holding one
//                             request in flight, no signing, no parsing beyond Content-Length.
//                             Same fake endpoint (in-process, own thread), same request as
//                             BM_AwsRequestSqsListQueues. Counter cpu_us_per_request: the
//                             benchmark thread's CPU (user + kernel) per request.
//
// Single-threaded (the fake serves on its own thread); the benchmark owns its server and sockets.
#include <benchmark/benchmark.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "bench_inputs.h"
#include "fake_aws.h"
#include "server.h"

namespace {

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

constexpr int kRequestsPerIteration = 2000;

std::string ListQueuesRequest() {
  const std::string body = "{}";
  return "POST / HTTP/1.1\r\nHost: sqs.us-east-1.amazonaws.com\r\n"
         "Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: AmazonSQS.ListQueues\r\n"
         "X-Amz-Date: 20261205T000000Z\r\n"
         "Authorization: AWS4-HMAC-SHA256 Credential=AKIDBENCHBASE0000000/20261205/us-east-1/sqs/"
         "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
         "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\r\n"
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

int ConnectLoopback(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) bench::Die("socket failed");
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) bench::Die("connect failed");
  return fd;
}

// One connection's answer in progress: bytes read so far and the answer's full length once its
// headers are in (-1 before).
struct Conn {
  int fd = -1;
  std::string buf = std::string(1 << 16, '\0');
  size_t have = 0;
  long need = -1;
};

// True when the whole answer is in; dies on a closed connection or an answer without a length.
bool ReadSome(Conn& c) {
  ssize_t got = read(c.fd, c.buf.data() + c.have, c.buf.size() - c.have);
  if (got <= 0) bench::Die("the fake closed a connection");
  c.have += static_cast<size_t>(got);
  if (c.need < 0) {
    std::string_view seen(c.buf.data(), c.have);
    size_t end = seen.find("\r\n\r\n");
    if (end == std::string_view::npos) return false;
    size_t cl = seen.find("Content-Length: ");
    if (cl == std::string_view::npos || cl > end) bench::Die("an answer without Content-Length");
    c.need = static_cast<long>(end + 4) + std::atol(c.buf.data() + cl + 16);
  }
  return static_cast<long>(c.have) >= c.need;
}

void BM_FloorHttpRoundTrip(benchmark::State& state) {
  const int k = static_cast<int>(state.range(0));
  fakeaws::FakeConfig config;
  config.accounts = 1;
  config.regions = {"us-east-1"};
  config.threads = 1;
  fakeaws::FakeAws fake(config);
  fakeaws::FakeAwsServer server(fake);
  if (core::Status st = server.Listen(); !st.ok()) bench::Die(st.ToString());
  server.Start();
  const std::string endpoint = server.endpoint();
  const int port = std::atoi(endpoint.substr(endpoint.rfind(':') + 1).c_str());
  const std::string request = ListQueuesRequest();

  std::vector<Conn> conns(static_cast<size_t>(k));
  const int ep = epoll_create1(0);
  for (int i = 0; i < k; ++i) {
    conns[i].fd = ConnectLoopback(port);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = static_cast<uint32_t>(i);
    epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &ev);
  }
  auto send = [&](Conn& c) {
    c.have = 0;
    c.need = -1;
    if (write(c.fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
      bench::Die("short write");
    }
  };
  // Sends `n` requests, at most k in flight; returns when every answer is in.
  auto run = [&](int n) {
    int sent = 0, done = 0;
    for (int i = 0; i < k && sent < n; ++i, ++sent) send(conns[i]);
    std::vector<epoll_event> events(static_cast<size_t>(k));
    while (done < n) {
      int ready = epoll_wait(ep, events.data(), k, -1);
      for (int j = 0; j < ready; ++j) {
        Conn& c = conns[events[j].data.u32];
        if (!ReadSome(c)) continue;
        ++done;
        if (sent < n) {
          send(c);
          ++sent;
        }
      }
    }
  };
  run(k * 4);  // warm-up: connections accepted
  double cpu = 0;
  for (auto _ : state) {
    const double start = ThreadCpuSeconds();
    run(kRequestsPerIteration);
    cpu += ThreadCpuSeconds() - start;
  }
  for (Conn& c : conns) close(c.fd);
  close(ep);
  server.Stop();
  state.SetItemsProcessed(state.iterations() * kRequestsPerIteration);
  state.counters["cpu_us_per_request"] =
      cpu * 1e6 / (static_cast<double>(state.iterations()) * kRequestsPerIteration);
}
BENCHMARK(BM_FloorHttpRoundTrip)->Arg(1)->Arg(4)->Arg(16)->Arg(64)->Unit(benchmark::kMillisecond);

}  // namespace
