#pragma once
// smistat's own metrics in conventional Prometheus form: collection health (why GPU series are
// missing when they are), the build, and the HTTP server's counters.

#include <cstdint>
#include <string>

#include "src/collect/snapshot.hpp"

namespace smistat::render {

/** The HTTP server's counters that /metrics publishes (app copies them from the server). */
struct http_counters {
  std::uint64_t connections_accepted = 0;
  std::uint64_t accept_backoffs = 0;
  std::uint64_t requests = 0;
  std::uint64_t rejected = 0;
  std::uint64_t read_timeouts = 0;
  std::uint64_t write_timeouts = 0;
  std::uint64_t tls_handshake_failures = 0;
  std::uint64_t unauthorized = 0;  ///< 401s for missing or wrong basic-auth credentials
};

/** What `smistat_build_info` labels. */
struct build_info {
  std::string version;
  std::string revision;
};

/** `smistat_*` families from the snapshot's health, the build and the server's counters.
 *  `gpus_expected` is --gpus-expected; 0 publishes the most GPUs seen since start instead. */
std::string render_self_metrics(const collect::snapshot& s, const http_counters& server,
                                const build_info& build, unsigned gpus_expected = 0);

}  // namespace smistat::render
