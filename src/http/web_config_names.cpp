#include "src/http/web_config_names.hpp"

#include <array>
#include <utility>

namespace smistat::http::web_names {
namespace {

template <class T, std::size_t N>
std::optional<T> find_in(const std::array<std::pair<std::string_view, T>, N>& table,
                         std::string_view name) {
  for (const auto& [key, value] : table)
    if (key == name) return value;
  return std::nullopt;
}

}  // namespace

std::optional<client_auth> client_auth_named(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, client_auth>, 6> table{{
      {"NoClientCert", client_auth::none},
      {"RequestClientCert", client_auth::request},
      {"RequireAnyClientCert", client_auth::require_any},
      {"RequireClientCert", client_auth::require_any},  // exporter-toolkit's older spelling
      {"VerifyClientCertIfGiven", client_auth::verify_if_given},
      {"RequireAndVerifyClientCert", client_auth::require_and_verify},
  }};
  return find_in(table, name);
}

std::optional<tls_version> tls_version_named(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, tls_version>, 4> table{{
      {"TLS10", tls_version::tls10},
      {"TLS11", tls_version::tls11},
      {"TLS12", tls_version::tls12},
      {"TLS13", tls_version::tls13},
  }};
  return find_in(table, name);
}

std::optional<std::string> openssl_cipher_named(std::string_view go_name) {
  // Go's tls.CipherSuites(): the secure suites Go offers, by their IANA names.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 17> table{{
      {"TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA"},
      {"TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA"},
      {"TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256"},
      {"TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384"},
      {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE-ECDSA-AES128-SHA"},
      {"TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE-ECDSA-AES256-SHA"},
      {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE-RSA-AES128-SHA"},
      {"TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA"},
      {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"},
      {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384"},
      {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"},
      {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384"},
      {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305"},
      {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305"},
      // TLS 1.3 suites are always on, in Go as in OpenSSL's defaults.
      {"TLS_AES_128_GCM_SHA256", ""},
      {"TLS_AES_256_GCM_SHA384", ""},
      {"TLS_CHACHA20_POLY1305_SHA256", ""},
  }};
  const auto found = find_in(table, go_name);
  if (!found) return std::nullopt;
  return std::string(*found);
}

std::optional<std::string> openssl_group_named(std::string_view go_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> table{{
      {"CurveP256", "P-256"},
      {"CurveP384", "P-384"},
      {"CurveP521", "P-521"},
      {"X25519", "X25519"},
  }};
  const auto found = find_in(table, go_name);
  if (!found) return std::nullopt;
  return std::string(*found);
}

std::string header_problem(std::string_view name, std::string_view value) {
  // exporter-toolkit's extraHTTPHeaders: names are matched exactly, as there.
  if (name == "Strict-Transport-Security" || name == "X-XSS-Protection" ||
      name == "Content-Security-Policy")
    return {};
  if (name == "X-Content-Type-Options")
    return value == "nosniff" ? std::string() : "expected nosniff";
  if (name == "X-Frame-Options")
    return value == "deny" || value == "sameorigin" ? std::string() : "expected deny or sameorigin";
  return "not an allowed header (Strict-Transport-Security, X-Content-Type-Options, "
         "X-Frame-Options, X-XSS-Protection, Content-Security-Policy)";
}

}  // namespace smistat::http::web_names
