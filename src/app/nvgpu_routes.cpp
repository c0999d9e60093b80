#include "src/app/nvgpu_routes.hpp"

#include <memory>

#include "src/app/body_cache.hpp"
#include "src/render/nvgpu_agent.hpp"
#include "src/system/host_name.hpp"

namespace smistat::app {
namespace {

using collect::snapshot;

/** "since" is measured from the sample, so one generation renders the same every time. */
collect::wall_clock::time_point sample_time(const snapshot& s) {
  return s.sampled_at.value_or(collect::wall_clock::now());
}

http::response agent_response(const snapshot& s, const std::string& hostname) {
  if (!s.has_data())
    return http::json_response(500, render::render_nvgpu_error("Internal Server Error"));
  return http::json_response(200, render::render_nvgpu_agent(s, hostname, sample_time(s)));
}

template <class Respond>
http::async_handler cached_route(snapshot_source data, Respond respond) {
  auto cache = std::make_shared<body_cache>();
  return [=](const http::request&, http::responder answer) {
    data([cache, respond, answer](const collect::snapshot_ptr& s) {
      answer(cache->get(s, respond));
    });
  };
}

}  // namespace

void add_nvgpu_routes(http::router& r, snapshot_source data) {
  // socket.gethostname() in the original; the name does not change while we serve.
  const auto hostname = std::make_shared<const std::string>(system::host_name());
  r.add_async("/gpu_status", cached_route(data, [hostname](const snapshot& s) {
                return agent_response(s, *hostname);
              }));
}

}  // namespace smistat::app
