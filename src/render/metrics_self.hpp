#pragma once
// smistat's own metrics in conventional Prometheus form: collection health (why GPU series are
// missing when they are), the build, and the HTTP server's counters.

#include <string>

#include "src/collect/snapshot.hpp"
#include "src/http/server_options.hpp"

namespace smistat::render {

/** `smistat_*` families from the snapshot's health and the server's counters. */
std::string render_self_metrics(const collect::snapshot& s, const http::server_stats& server);

}  // namespace smistat::render
