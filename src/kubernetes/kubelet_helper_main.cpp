// smistat-kubelet: one PodResources List call, for smistat --kubernetes. gRPC, protobuf and
// Abseil are most of what a portable smistat would weigh, and every page of them that start-up
// touches is memory each node pays for, while only --kubernetes uses them; so they live in this
// helper, which smistat runs once per cadence with its runner (deadline, kill, reaping) and whose
// answer crosses as bytes (pod_devices_wire.hpp). A crash or hang of gRPC stays in here too.
//
// usage: smistat-kubelet SOCKET DEADLINE_MS
//   exit 0: the encoded list on stdout; exit 1: why there is none, one line on stderr;
//   exit 2: bad arguments.
#include <charconv>
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

#include "src/kubernetes/grpc_pod_resources_client.hpp"
#include "src/kubernetes/pod_devices_wire.hpp"

int main(int argc, char** argv) {
  long long deadline_ms = 0;
  const std::string_view deadline = argc == 3 ? argv[2] : "";
  const auto parsed =
      std::from_chars(deadline.data(), deadline.data() + deadline.size(), deadline_ms);
  if (argc != 3 || parsed.ec != std::errc() || parsed.ptr != deadline.data() + deadline.size() ||
      deadline_ms <= 0) {
    std::fputs("usage: smistat-kubelet SOCKET DEADLINE_MS\n", stderr);
    return 2;
  }
  try {
    auto client = smistat::kubernetes::make_grpc_pod_resources_client(argv[1]);
    const auto outcome = client->list(std::chrono::milliseconds(deadline_ms));
    if (!outcome.devices) {
      std::fprintf(stderr, "%s\n", outcome.error.c_str());
      return 1;
    }
    const auto bytes = smistat::kubernetes::encode_pod_devices(*outcome.devices);
    if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size() ||
        std::fflush(stdout) != 0) {
      std::fputs("cannot write the answer\n", stderr);
      return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
