#include "src/http/server.hpp"

#include "src/http/listener.hpp"
#include "src/http/server_state.hpp"
#include "src/http/session.hpp"

namespace smistat::http {

server::server(io_threads& threads, server_options options, std::shared_ptr<const router> routes) {
  const tcp::endpoint endpoint{net::ip::make_address(options.address), options.port};
  state_ = std::make_shared<server_state>(std::move(options), std::move(routes));
  listener_ = std::make_shared<listener>(threads, endpoint, state_);
  state_->set_verifier(verifier_.get_executor());
}

server::~server() { stop(); }

std::uint16_t server::port() const noexcept { return listener_->port(); }

void server::start() { listener_->run(); }

void server::stop() {
  listener_->stop();
  for (const auto& s : state_->begin_stop()) s->shutdown();
}

server_stats server::stats() const noexcept { return state_->counters().snapshot(); }

void server::use_web_settings(std::shared_ptr<const web_settings> settings) {
  state_->set_web(std::move(settings));
}

}  // namespace smistat::http
