#pragma once
// smistat's own metrics in conventional Prometheus form: collection health (why GPU series are
// missing when they are), the build, and the HTTP server's counters.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "src/collect/snapshot.hpp"

namespace smistat::render {

/** The HTTP server's counters that /metrics publishes (app copies them from the server). Adding
 *  one is its member here and its row in http_counter_families (a static_assert below fails when
 *  one is left out), and its copy in the route's http_counters_of. */
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

/** One `smistat_http_*` counter family and the counter it publishes. */
struct http_counter_family {
  std::string_view name;
  std::string_view help;
  std::uint64_t http_counters::*value;
};

/** The server's families in the order /metrics writes them. */
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

static_assert(sizeof(http_counters) == http_counter_families.size() * sizeof(std::uint64_t),
              "a member of http_counters has no row in http_counter_families");

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
