#include "src/app/web_config_reload.hpp"

#include <csignal>

#include "src/common/log.hpp"
#include "src/config/config.hpp"

namespace smistat::app {

std::shared_ptr<const http::web_settings> load_web_settings(const std::string& file) {
  try {
    return http::make_web_settings(http::load_web_config(file));
  } catch (const http::web_config_error& e) {
    throw config_error(std::string("--web.config.file: ") + e.what());
  }
}

web_config_reload::web_config_reload(boost::asio::io_context& io, std::string file,
                                     http::server& server)
    : hangup_(io, SIGHUP), file_(std::move(file)), server_(server) {
  wait();
}

void web_config_reload::stop() {
  boost::system::error_code ignored;
  hangup_.cancel(ignored);
}

void web_config_reload::wait() {
  hangup_.async_wait([this](boost::system::error_code ec, int) {
    if (ec) return;  // stopped
    reload();
    wait();
  });
}

void web_config_reload::reload() {
  try {
    server_.use_web_settings(load_web_settings(file_));
    log::info("received SIGHUP, web configuration reloaded", {{"file", file_}});
  } catch (const config_error& e) {
    log::error(std::string("received SIGHUP, keeping the web configuration in force: ") + e.what());
  }
}

}  // namespace smistat::app
