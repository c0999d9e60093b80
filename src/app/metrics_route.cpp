#include "src/app/metrics_route.hpp"

#include <unistd.h>

#include <array>
#include <memory>
#include <string>

#include "src/app/body_cache.hpp"
#include "src/render/metrics_gpu.hpp"
#include "src/render/metrics_process.hpp"
#include "src/render/metrics_self.hpp"
#include "src/render/metrics_text.hpp"

namespace smistat::app {
namespace {

std::string host_name() {
  std::array<char, 256> buf{};
  if (::gethostname(buf.data(), buf.size() - 1) != 0) return {};
  return std::string(buf.data());
}

}  // namespace

void add_metrics_route(http::router& r, const config& cfg,
                       std::function<collect::snapshot_ptr()> current,
                       std::function<http::server_stats()> server_stats) {
  auto settings = std::make_shared<const render::metrics_settings>(
      render::make_metrics_settings(cfg, host_name()));
  auto cache = std::make_shared<body_cache>();
  auto handler = [settings, cache, current = std::move(current),
                  server_stats = std::move(server_stats)](const http::request&) {
    const auto s = current();
    const auto gpu = cache->get(s, [&](const collect::snapshot& snap) {
      http::response res;
      res.body = std::make_shared<const std::string>(render::render_gpu_metrics(snap, *settings));
      return res;
    });
    auto body = std::string(gpu.body_view());
    body += render::render_self_metrics(*s, server_stats ? server_stats() : http::server_stats{});
    body += render::render_process_metrics(render::read_process_stats());
    http::response res;
    res.content_type = std::string(render::metrics_content_type);
    res.body = std::make_shared<const std::string>(std::move(body));
    return res;
  };
  r.add(cfg.telemetry_path, std::move(handler), http::prefix_policy::skip);
}

}  // namespace smistat::app
