#pragma once
// The names exporter-toolkit's web configuration uses (Go's crypto/tls spellings) and what they
// mean to OpenSSL. Pure lookups for web_config.cpp.

#include <optional>
#include <string>
#include <string_view>

#include "src/http/web_config.hpp"

namespace smistat::http::web_names {

/** NoClientCert, RequestClientCert, RequireAnyClientCert (or the older RequireClientCert),
 *  VerifyClientCertIfGiven, RequireAndVerifyClientCert. */
std::optional<client_auth> client_auth_named(std::string_view name);

/** TLS10, TLS11, TLS12, TLS13. */
std::optional<tls_version> tls_version_named(std::string_view name);

/** The OpenSSL name of one of Go's cipher suite names; an empty string for a TLS 1.3 suite (Go
 *  accepts and ignores those); nullopt for a name Go does not know. */
std::optional<std::string> openssl_cipher_named(std::string_view go_name);

/** The OpenSSL group of CurveP256, CurveP384, CurveP521 or X25519. */
std::optional<std::string> openssl_group_named(std::string_view go_name);

/** Why exporter-toolkit would refuse response header `name: value`; empty when it is allowed
 *  (only a few security headers may be set, some only to fixed values). */
std::string header_problem(std::string_view name, std::string_view value);

}  // namespace smistat::http::web_names
