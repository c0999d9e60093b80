#pragma once
// Each module gets its own small options struct; this is where the configuration becomes them,
// so no module below app ever sees the whole `config`.

#include <string>

#include "src/collect/collector_options.hpp"
#include "src/config/config.hpp"
#include "src/http/server_options.hpp"

namespace smistat::app {

/** The collection settings: mode, the cadence of every part, the deadline. `program` is what
 *  runs as nvidia-smi (the real one or the replayer). */
collect::collector_options collector_options_from(const config& cfg, std::string program);

/** The HTTP server's address, timeouts, limits and stream cap. */
http::server_options server_options_from(const config& cfg);

}  // namespace smistat::app
