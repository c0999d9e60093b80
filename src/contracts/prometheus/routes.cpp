#include "src/contracts/prometheus/routes.hpp"

#include <memory>
#include <string>

#include "src/contracts/kit/body_cache.hpp"
#include "src/contracts/prometheus/metrics_compute_apps.hpp"
#include "src/contracts/prometheus/metrics_gpu.hpp"
#include "src/contracts/prometheus/metrics_kubernetes.hpp"
#include "src/contracts/prometheus/metrics_mig.hpp"
#include "src/contracts/prometheus/metrics_process.hpp"
#include "src/contracts/prometheus/metrics_self.hpp"
#include "src/contracts/prometheus/metrics_text.hpp"
#include "src/contracts/prometheus/metrics_xid.hpp"
#include "src/contracts/prometheus/settings.hpp"
#include "src/system/host_name.hpp"
#include "src/system/self_process.hpp"

namespace smistat::contracts {

void add_metrics_route(http::router& r, const config& cfg,
                       std::function<collect::snapshot_ptr()> current,
                       std::function<http::server_stats()> server_stats, current_xid_report xid,
                       current_kubernetes_report pods) {
  auto settings = std::make_shared<const render::metrics_settings>(
      metrics_settings_from(cfg, system::host_name()));
  auto cache = std::make_shared<body_cache>();
  auto xid_cache = std::make_shared<body_cache>();
  auto handler = [settings, cache, xid_cache,
                  build = render::build_info{SMISTAT_VERSION, SMISTAT_REVISION},
                  current = std::move(current), server_stats = std::move(server_stats),
                  xid = std::move(xid), pods = std::move(pods)](const http::request&) {
    const auto s = current();
    // The pod labels change with the kubelet's answers, not with the samples: the GPU part is
    // rendered again when either is new.
    const auto allocation = pods ? pods() : nullptr;
    auto labelled = settings;
    if (allocation) {
      auto with_pods = std::make_shared<render::metrics_settings>(*settings);
      with_pods->pods = allocation;
      labelled = std::move(with_pods);
    }
    const auto gpu = cache->get(s, allocation, [&](const collect::snapshot& snap) {
      http::response res;
      // Everything that depends on the sample alone is rendered once per generation.
      res.body = std::make_shared<const std::string>(
          render::render_gpu_metrics(snap, *labelled) +
          render::render_compute_app_metrics(snap, *labelled) + render::render_mig_metrics(snap));
      return res;
    });
    // The GPU part goes out from its cache as the answer's prefix; the body holds what follows.
    std::string body;
    body.reserve(16 * 1024);
    // The XIDs change with the kernel log's reports, which are published beside the samples
    // like the pod labels: rendered again when the sample, the report or the labels are new.
    if (xid) {
      const auto report = xid();
      body += xid_cache
                  ->get(s, report, allocation,
                        [&](const collect::snapshot& snap) {
                          http::response res;
                          res.body = std::make_shared<const std::string>(
                              render::render_xid_metrics(snap, *report, *labelled));
                          return res;
                        })
                  .body_view();
    }
    // Only smistat's own figures are read and rendered on every scrape: its counters, the
    // kubelet calls and its process.
    if (allocation) body += render::render_kubernetes_metrics(*allocation);
    body += render::render_self_metrics(*s, server_stats ? server_stats() : http::server_stats{},
                                        build, settings->gpus_expected);
    body += render::render_process_metrics(system::read_self_process_stats());
    http::response res;
    res.content_type = std::string(render::metrics_content_type);
    res.prefix = gpu.body;
    res.body = std::make_shared<const std::string>(std::move(body));
    return res;
  };
  constexpr http::route_doc metrics_doc{
      .summary = "Prometheus text exposition: GPU families (--metrics.profile) and smistat's own",
      .tag = "Prometheus",
      .schema = {},
      .content_type = "text/plain"};
  r.add(cfg.telemetry_path, std::move(handler), metrics_doc, http::prefix_policy::skip);
}

}  // namespace smistat::contracts
