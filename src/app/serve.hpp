#pragma once
// `smistat serve`: the collector on its own io_context thread (collection_service), the HTTP
// server on a pool of threads (http_front), and a graceful stop on SIGTERM/SIGINT
// (run_until_signal).

#include "src/config/config.hpp"

namespace smistat::app {

/** Runs the server until SIGTERM or SIGINT; returns the process exit code. */
int serve(const loaded_config& loaded);

}  // namespace smistat::app
