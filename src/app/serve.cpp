#include "src/app/serve.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <thread>
#include <vector>

#include "src/app/kubernetes_source.hpp"
#include "src/app/module_options.hpp"
#include "src/app/nvidia_smi_source.hpp"
#include "src/app/publish_hooks.hpp"
#include "src/app/routes.hpp"
#include "src/app/web_config_reload.hpp"
#include "src/app/xid_source.hpp"
#include "src/collect/collector.hpp"
#include "src/collect/snapshot_store.hpp"
#include "src/common/log.hpp"
#include "src/contracts/gpu_statistics/settings.hpp"
#include "src/contracts/nvgpu/routes.hpp"
#include "src/http/io_threads.hpp"
#include "src/http/server.hpp"
#include "src/runner/process_runner.hpp"
#include "src/runner/process_stream_launcher.hpp"

namespace smistat::app {
namespace {

namespace net = boost::asio;

/** Where data routes get their snapshot. Nothing here blocks: a request that must wait hands
 *  its continuation to the store or the collector, which call it from the collector's thread.
 *  `ready` is what the first answer waits for in interval and loop modes. */
snapshot_source make_source(const collect::collector_options& options, net::io_context& collect_io,
                            collect::snapshot_store& store,
                            std::shared_ptr<collect::collector> coll,
                            collect::snapshot_condition ready) {
  if (options.mode == collect::collect_mode::on_demand) {
    // The run has a deadline, and stop() answers every waiter, so each request is answered.
    return [coll](snapshot_consumer done) { coll->request_fresh(std::move(done)); };
  }
  // Interval and loop modes: only a request that comes before the first sample waits for it,
  // and not longer than one run may take.
  const auto limit = options.run_timeout + std::chrono::seconds(1);
  return [&store, &collect_io, limit, ready](snapshot_consumer done) {
    auto now = store.current();
    if (ready(*now)) return done(now);
    store.async_wait_until(
        collect_io.get_executor(), limit, ready,
        [done = std::move(done)](boost::system::error_code, collect::snapshot_ptr s) { done(s); });
  };
}

unsigned http_threads(const config& cfg) {
  if (cfg.threads) return cfg.threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

int serve(const loaded_config& loaded) {
  const config& cfg = loaded.cfg;
  for (const auto& w : loaded.warnings) log::warning(w);
  if (const auto warning = kubernetes_unsupported_warning(cfg); !warning.empty())
    log::warning(warning);
  ::signal(SIGPIPE, SIG_IGN);
  const auto source = choose_nvidia_smi_source(cfg);
  const auto options = collector_options_from(cfg, source.program);

  // Collection gets its own io_context and thread: parsing a sample never competes with a
  // request for a thread, and neither waits for the other.
  net::io_context collect_io(1);
  // On demand the collector may be idle for hours between requests: its thread must not end
  // when it runs out of work, only when the server stops.
  auto collect_work = net::make_work_guard(collect_io);
  // One single-threaded io_context per HTTP thread; the first also runs every HTTP-side service.
  http::io_threads http_contexts(http_threads(cfg));
  net::io_context& http_io = http_contexts.main();
  runner::process_runner runner(collect_io.get_executor());
  runner::process_stream_launcher launcher(collect_io.get_executor());
  // Generation 0 already tells /health how collection is set up, before the first run ends.
  collect::snapshot initial;
  initial.health.mode = collect::mode_name(options.mode);
  initial.health.refresh_interval = cfg.refresh_interval;
  collect::snapshot_store store(std::move(initial));
  auto coll = std::make_shared<collect::collector>(collect_io.get_executor(), runner, store,
                                                   options, &launcher);

  // One subscription keeps every history (trends and /gpu/history's samples) and logs the
  // visible-GPU filter's notes.
  auto history = make_snapshot_history(cfg.max_history);
  watch_publishes(store, history, contracts::gpu_statistics_settings_from(cfg).visible_gpu_ids);
  // XID errors come from the kernel log, read beside collection; a log smistat may not read
  // leaves a note in /health and nothing else changes.
  auto xids = std::make_shared<collect::xid_log>(cfg.xid_source);
  auto xid_reader = start_xid_reader(cfg, collect_io.get_executor(), launcher, store, xids);
  // Pod labels come from the kubelet, asked on a thread of its own: a hanging kubelet delays
  // only its own next answer.
  auto pods = start_kubelet_poller(cfg, store, runner);
  std::unique_ptr<http::server> server;
  route_inputs inputs;
  inputs.data = make_source(options, collect_io, store, coll, &collect::has_collected);
  inputs.data_with_processes =
      make_source(options, collect_io, store, coll, &collect::has_collected_processes);
  inputs.current = [&store] { return store.current(); };
  inputs.activity = [&runner, &launcher] {
    return render::collection_activity{runner.runs_in_flight(), launcher.streams_running()};
  };
  inputs.server_stats = [&server] { return server ? server->stats() : http::server_stats{}; };
  inputs.bound_port = [&server] { return server ? server->port() : std::uint16_t{0}; };
  inputs.feed = {[&store](collect::snapshot_listener l) { return store.subscribe(std::move(l)); },
                 [&store](std::uint64_t id) { store.unsubscribe(id); }};
  inputs.history = history->trends();
  inputs.executor = http_io.get_executor();
  inputs.self = contracts::this_machine_agent();
  inputs.samples = history->samples();
  inputs.xid = [xids] { return xids->current(); };
  if (pods) inputs.kubernetes = [pods] { return pods->current(); };
  auto routes = make_routes(cfg, std::move(inputs));
  try {
    server = std::make_unique<http::server>(http_contexts, server_options_from(cfg), routes);
  } catch (const boost::system::system_error& e) {
    log::error("cannot listen on " + cfg.host + ":" + std::to_string(cfg.port) + ": " +
               e.code().message());
    return 1;
  }
  // Read before listening is announced, so a bad file stops the start (exit 2) with its line.
  std::unique_ptr<web_config_reload> web_reload;
  bool tls = false;
  if (!cfg.web_config_file.empty()) {
    auto web = load_web_settings(cfg.web_config_file);
    tls = web->tls != nullptr;
    server->use_web_settings(std::move(web));
    web_reload = std::make_unique<web_config_reload>(http_io, cfg.web_config_file, *server);
  }
  log::info(std::string("listening on ") + (tls ? "https://" : "http://") + cfg.host + ":" +
            std::to_string(server->port()) + " (collection: " + collect::mode_name(options.mode) +
            ")");

  net::signal_set signals(http_io, SIGINT, SIGTERM);
  net::steady_timer stop_deadline(http_io);
  signals.async_wait([&](boost::system::error_code ec, int signo) {
    if (ec) return;
    log::info(std::string("received ") + (signo == SIGINT ? "SIGINT" : "SIGTERM") +
              ", shutting down");
    server->stop();
    http_contexts.release();
    if (web_reload) web_reload->stop();
    net::post(collect_io, [&] {
      // Requests still waiting for a first sample get their answer now: their timers would
      // hold the collection thread, and the exit, for as long as a run may take.
      store.release_waiters();
      coll->stop();
      runner.cancel_all();
      xid_reader->stop();
      launcher.cancel_all();
      collect_work.reset();
    });
    // A response stuck on a client that stopped reading must not hold the exit up.
    stop_deadline.expires_after(std::chrono::milliseconds(900));
    stop_deadline.async_wait([&](boost::system::error_code e) {
      if (!e) http_contexts.stop();
    });
  });

  // Before listening: the first host reading is published synchronously by start().
  coll->start();
  server->start();

  std::thread collect_thread([&] { collect_io.run(); });
  http_contexts.run();
  stop_deadline.cancel();
  collect_thread.join();
  if (pods) pods->stop();
  log::info("stopped");
  return 0;
}

}  // namespace smistat::app
