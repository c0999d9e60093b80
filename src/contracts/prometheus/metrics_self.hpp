#pragma once
// smistat's own metrics in conventional Prometheus form: collection health (why GPU series are
// missing when they are), the build, and the HTTP server's counters.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "src/collect/snapshot.hpp"
#include "src/common/server_counter_set.hpp"

namespace smistat::render {

/** The HTTP server's counters (src/common/server_counter_set.hpp), as the route copies them. */
using http_counters = server_stats;

/** One `smistat_http_*` counter family and the counter it publishes. */
struct http_counter_family {
  std::string_view name;
  std::string_view help;
  std::uint64_t http_counters::*value;
};

/** The server's published families, in the order /metrics writes them: publishing a counter
 *  is its row here. */
inline constexpr std::array<http_counter_family, 8> http_counter_families{{
    {"smistat_http_connections_accepted_total", "HTTP connections accepted.",
     &http_counters::connections_accepted},
    {"smistat_http_accept_backoffs_total", "Accept errors answered with a pause.",
     &http_counters::accept_backoffs},
    {"smistat_http_requests_total", "HTTP requests routed.", &http_counters::requests},
    {"smistat_http_rejected_total", "Unreadable HTTP requests answered with an error.",
     &http_counters::rejected},
    {"smistat_http_read_timeouts_total", "Connections closed by the read timeout.",
     &http_counters::read_timeouts},
    {"smistat_http_write_timeouts_total", "Connections closed by the write timeout.",
     &http_counters::write_timeouts},
    // With --web.config.file: a rising count is a client on the wrong scheme, an expired or
    // untrusted client certificate, or someone guessing passwords.
    {"smistat_http_tls_handshake_failures_total",
     "TLS handshakes that failed (plain HTTP, an untrusted client certificate, a timeout).",
     &http_counters::tls_handshake_failures},
    {"smistat_http_unauthorized_total",
     "Requests answered 401 for missing or wrong basic-auth credentials.",
     &http_counters::unauthorized},
}};

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
