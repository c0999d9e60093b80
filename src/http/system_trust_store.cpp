#include "src/http/system_trust_store.hpp"

#include <array>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace smistat::http {
namespace {

// Single-file bundles, most common first (the places Go's crypto/x509 also looks): Debian and
// Ubuntu, Red Hat and Fedora, SUSE, Red Hat's extracted trust, Alpine.
constexpr std::array bundle_files = {
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/ca-bundle.pem",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/ssl/cert.pem",
};

bool is_regular_file(const char* path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

}  // namespace

void trust_system_store(boost::asio::ssl::context& context) {
  context.set_default_verify_paths();
  if (std::getenv("SSL_CERT_FILE") != nullptr || std::getenv("SSL_CERT_DIR") != nullptr) return;
  for (const char* bundle : bundle_files) {
    if (!is_regular_file(bundle)) continue;
    boost::system::error_code ignored;  // an unreadable bundle leaves the defaults in place
    context.load_verify_file(bundle, ignored);
    return;
  }
}

}  // namespace smistat::http
