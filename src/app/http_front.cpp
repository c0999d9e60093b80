#include "src/app/http_front.hpp"

#include <algorithm>
#include <string>
#include <thread>
#include <utility>

#include "src/app/module_options.hpp"
#include "src/app/routes.hpp"
#include "src/common/log.hpp"
#include "src/contracts/nvgpu/routes.hpp"

namespace smistat::app {
namespace {

unsigned http_threads(const config& cfg) {
  if (cfg.threads) return cfg.threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

http_front::http_front(const config& cfg, collection_service& collection)
    : cfg_(cfg), contexts_(http_threads(cfg)) {
  collect::snapshot_store& store = collection.store();
  route_inputs inputs;
  inputs.data = collection.data_source(&collect::has_collected);
  inputs.data_with_processes = collection.data_source(&collect::has_collected_processes);
  inputs.current = [&store] { return store.current(); };
  inputs.activity = [&collection] {
    return render::collection_activity{collection.runs_in_flight(), collection.streams_running()};
  };
  inputs.server_stats = [this] { return server_ ? server_->stats() : http::server_stats{}; };
  inputs.bound_port = [this] { return server_ ? server_->port() : std::uint16_t{0}; };
  inputs.feed = {[&store](collect::snapshot_listener l) { return store.subscribe(std::move(l)); },
                 [&store](std::uint64_t id) { store.unsubscribe(id); }};
  inputs.history = collection.history()->trends();
  inputs.executor = contexts_.main().get_executor();
  inputs.self = contracts::this_machine_agent();
  inputs.samples = collection.history()->samples();
  inputs.host_readers = [readers = collection.host_readers()] { readers->mark(); };
  inputs.xid = [xids = collection.xids()] { return xids->current(); };
  if (auto pods = collection.pods()) inputs.kubernetes = [pods] { return pods->current(); };
  routes_ = make_routes(cfg, std::move(inputs));
}

bool http_front::bind() {
  try {
    server_ = std::make_unique<http::server>(contexts_, server_options_from(cfg_), routes_);
  } catch (const boost::system::system_error& e) {
    log::error("cannot listen on " + cfg_.host + ":" + std::to_string(cfg_.port) + ": " +
               e.code().message());
    return false;
  }
  return true;
}

bool http_front::use_web_config() {
  if (cfg_.web_config_file.empty()) return false;
  auto web = load_web_settings(cfg_.web_config_file);
  const bool tls = web->tls != nullptr;
  server_->use_web_settings(std::move(web));
  web_reload_ =
      std::make_unique<web_config_reload>(contexts_.main(), cfg_.web_config_file, *server_);
  return tls;
}

void http_front::start() { server_->start(); }

void http_front::run() { contexts_.run(); }

void http_front::stop() {
  server_->stop();
  contexts_.release();
  if (web_reload_) web_reload_->stop();
}

void http_front::stop_now() { contexts_.stop(); }

std::unique_ptr<http_front> open_http_front(const config& cfg, collection_service& collection) {
  auto front = std::make_unique<http_front>(cfg, collection);
  if (!front->bind()) return nullptr;
  // Read before listening is announced, so a bad file stops the start (exit 2) with its line.
  const bool tls = front->use_web_config();
  log::info(std::string("listening on ") + (tls ? "https://" : "http://") + cfg.host + ":" +
            std::to_string(front->port()) +
            " (collection: " + collect::mode_name(collection.options().mode) + ")");
  return front;
}

}  // namespace smistat::app
