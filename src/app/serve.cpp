#include "src/app/serve.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <future>
#include <thread>
#include <vector>

#include "src/app/nvidia_smi_source.hpp"
#include "src/app/routes.hpp"
#include "src/collect/collector.hpp"
#include "src/collect/collector_options.hpp"
#include "src/collect/snapshot_store.hpp"
#include "src/common/log.hpp"
#include "src/http/server.hpp"
#include "src/runner/process_runner.hpp"

namespace smistat::app {
namespace {

namespace net = boost::asio;

/** Waits on an HTTP thread for the collector: blocking is safe because collection runs on its
 *  own io_context, never on the threads that wait for it. */
template <class Start>
collect::snapshot_ptr wait_for(Start start, std::chrono::milliseconds limit,
                               const collect::snapshot_store& store) {
  auto done = std::make_shared<std::promise<collect::snapshot_ptr>>();
  auto result = done->get_future();
  start([done](collect::snapshot_ptr s) {
    try {
      done->set_value(std::move(s));
    } catch (const std::future_error&) {
    }
  });
  if (result.wait_for(limit) == std::future_status::ready) return result.get();
  return store.current();
}

/** The snapshot a data route answers from, per collection mode. */
snapshot_source make_source(const config& cfg, net::io_context& collect_io,
                            collect::snapshot_store& store,
                            std::shared_ptr<collect::collector> coll) {
  const auto limit = cfg.collect_timeout + std::chrono::seconds(1);
  if (cfg.mode == collect_mode::on_demand) {
    return [&store, coll, limit] {
      return wait_for([&](auto done) { coll->request_fresh(std::move(done)); }, limit, store);
    };
  }
  // Interval mode: only a request that comes before the first sample waits for it.
  return [&store, &collect_io, limit]() -> collect::snapshot_ptr {
    auto now = store.current();
    if (collect::has_collected(*now)) return now;
    return wait_for(
        [&](auto done) {
          store.async_wait_first(
              collect_io.get_executor(), limit,
              [done](boost::system::error_code, collect::snapshot_ptr s) { done(std::move(s)); });
        },
        limit, store);
  };
}

collect::collect_mode collect_mode_of(smistat::collect_mode m) {
  return m == smistat::collect_mode::on_demand ? collect::collect_mode::on_demand
                                               : collect::collect_mode::interval;
}

collect::collector_options collector_options_from(const config& cfg) {
  collect::collector_options o;
  o.program = cfg.nvidia_smi;
  o.mode = collect_mode_of(cfg.mode);
  o.refresh_interval = std::chrono::duration<double>(cfg.refresh_interval);
  o.run_timeout = cfg.collect_timeout;
  return o;
}

http::server_options server_options_from(const config& cfg) {
  http::server_options o;
  o.address = cfg.host;
  o.port = cfg.port;
  o.read_timeout = cfg.read_timeout;
  o.write_timeout = cfg.write_timeout;
  o.max_header_bytes = cfg.max_header_bytes;
  o.max_body_bytes = cfg.max_body_bytes;
  o.access_log = cfg.access_log;
  o.max_streams = cfg.max_streams;
  return o;
}

unsigned http_threads(const config& cfg) {
  if (cfg.threads) return cfg.threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

int serve(const loaded_config& loaded) {
  const config& cfg = loaded.cfg;
  for (const auto& w : loaded.warnings) log::warning(w);
  ::signal(SIGPIPE, SIG_IGN);
  const auto source = choose_nvidia_smi_source(cfg);

  // Collection gets its own io_context and thread, so HTTP handlers that wait for a sample
  // (the first one, or on demand) can never starve the collector of threads.
  net::io_context collect_io(1);
  net::io_context http_io;
  runner::process_runner runner(collect_io.get_executor());
  auto options = collector_options_from(cfg);
  // Generation 0 already tells /health how collection is set up, before the first run ends.
  collect::snapshot initial;
  initial.health.mode = collect::mode_name(options.mode);
  initial.health.refresh_interval = cfg.refresh_interval;
  collect::snapshot_store store(std::move(initial));
  options.program = source.program;
  auto coll =
      std::make_shared<collect::collector>(collect_io.get_executor(), runner, store, options);

  std::unique_ptr<http::server> server;
  auto routes = make_routes(
      cfg, make_source(cfg, collect_io, store, coll), [&store] { return store.current(); },
      [&server] { return server ? server->stats() : http::server_stats{}; },
      publish_feed{[&store](collect::snapshot_listener l) { return store.subscribe(std::move(l)); },
                   [&store](std::uint64_t id) { store.unsubscribe(id); }});
  try {
    server =
        std::make_unique<http::server>(http_io.get_executor(), server_options_from(cfg), routes);
  } catch (const boost::system::system_error& e) {
    log::error("cannot listen on " + cfg.host + ":" + std::to_string(cfg.port) + ": " +
               e.code().message());
    return 1;
  }
  log::info("listening on http://" + cfg.host + ":" + std::to_string(server->port()));

  net::signal_set signals(http_io, SIGINT, SIGTERM);
  net::steady_timer stop_deadline(http_io);
  signals.async_wait([&](boost::system::error_code ec, int signo) {
    if (ec) return;
    log::info(std::string("received ") + (signo == SIGINT ? "SIGINT" : "SIGTERM") +
              ", shutting down");
    server->stop();
    net::post(collect_io, [&] {
      coll->stop();
      runner.cancel_all();
    });
    // A response stuck on a client that stopped reading must not hold the exit up.
    stop_deadline.expires_after(std::chrono::milliseconds(900));
    stop_deadline.async_wait([&](boost::system::error_code e) {
      if (!e) http_io.stop();
    });
  });

  net::post(collect_io, [&] { coll->start(); });
  server->start();

  std::thread collect_thread([&] { collect_io.run(); });
  std::vector<std::thread> workers;
  for (unsigned i = 1; i < http_threads(cfg); ++i) workers.emplace_back([&] { http_io.run(); });
  http_io.run();
  for (auto& t : workers) t.join();
  stop_deadline.cancel();
  collect_thread.join();
  log::info("stopped");
  return 0;
}

}  // namespace smistat::app
