#pragma once
// What a connection is served with under a web configuration: the TLS context (certificate and
// key loaded, versions and client-certificate policy set), the basic-auth users and the extra
// headers. Built once per reading of the file; a connection keeps the one that was current when
// it was accepted, so a reload (SIGHUP) only affects new connections.

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <vector>

#include "src/http/basic_auth.hpp"
#include "src/http/response.hpp"
#include "src/http/web_config.hpp"

namespace smistat::http {

struct web_settings {
  /** Null: plain HTTP. */
  std::shared_ptr<boost::asio::ssl::context> tls;
  /** Null: no basic auth. */
  std::shared_ptr<const basic_auth> users;
  /** Added to every response. */
  std::vector<header_field> headers;
};

/** Loads the files `config` names; a certificate, key or CA file that cannot be used throws
 *  web_config_error naming the file and OpenSSL's reason. */
std::shared_ptr<const web_settings> make_web_settings(const web_config& config);

}  // namespace smistat::http
