#pragma once
// GET /gpu/stream of contract 001 (docs/contracts/gpu_metrics_api.md): Server-Sent Events carrying
// the /gpu body of the current snapshot, first at once and then every `interval` seconds, behind
// the API keys.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>

#include "src/collect/snapshot.hpp"
#include "src/collect/snapshot_store.hpp"
#include "src/config/config.hpp"
#include "src/http/request.hpp"
#include "src/http/response.hpp"
#include "src/http/router.hpp"

namespace smistat::app {

/** The store's publish notifications (snapshot_store::subscribe / unsubscribe). While streams
 *  are open the route listens, so a rendering of an old generation is dropped at once. */
struct publish_feed {
  std::function<std::uint64_t(collect::snapshot_listener)> subscribe;
  std::function<void(std::uint64_t)> unsubscribe;
};

/** Renders the 001 `/gpu` JSON of a snapshot; may throw (the stream then sends an error event). */
using event_renderer = std::function<std::string(const collect::snapshot&)>;

/** The `interval` query parameter validated like pydantic 1 (`ge=0.5, le=60.0`, default 2.0):
 *  the value, or the 422 response FastAPI gives. */
std::variant<double, http::response> parse_stream_interval(const http::request& req);

/** DEFAULT_STREAM_INTERVAL's quirk: used only when `requested` equals 2.0, clamped to
 *  [0.5, 60]; an empty or unparsable value leaves `requested` as it is. */
double effective_stream_interval(double requested, std::string_view default_stream_interval);

/** The frame sent when rendering fails: json.dumps spacing and escaping, UTC time in whole
 *  seconds, e.g. `data: {"error": "boom", "timestamp": "2025-01-02T03:04:05Z", "status":
 *  "error"}\n\n`. */
std::string error_event(std::string_view message, std::chrono::system_clock::time_point now);

/** Registers GET /gpu/stream. Its timers run on each connection's strand: no thread per stream. */
void add_stream_route(http::router& r, const config& cfg,
                      std::function<collect::snapshot_ptr()> current, publish_feed feed,
                      event_renderer render_event_json);

}  // namespace smistat::app
