#pragma once
// --web.config.file: read at start (a bad file stops the start, like any bad option), and read
// again on every SIGHUP. A reload that fails is logged and the settings in force are kept; one
// that succeeds applies to connections accepted from then on (open ones keep theirs).

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <memory>
#include <string>

#include "src/http/server.hpp"
#include "src/http/web_settings.hpp"

namespace smistat::app {

/** The settings `file` describes; throws config_error with the file's one-line complaint. */
std::shared_ptr<const http::web_settings> load_web_settings(const std::string& file);

/** Re-reads the file on SIGHUP until stop(). */
class web_config_reload {
 public:
  web_config_reload(boost::asio::io_context& io, std::string file, http::server& server);
  /** Stops listening for SIGHUP (so the io_context can run out of work). */
  void stop();

 private:
  void wait();
  void reload();

  boost::asio::signal_set hangup_;
  std::string file_;
  http::server& server_;
};

}  // namespace smistat::app
