#pragma once
// The web configuration file of Prometheus exporters (exporter-toolkit's `--web.config.file`):
// TLS, basic-auth users and extra response headers, so one file works for smistat, node_exporter
// and `promtool check web-config`. Parsing is pure (text in, struct out); nothing here opens a
// socket or loads a certificate.

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace smistat::http {

/** exporter-toolkit's client_auth_type values (Go's tls.ClientAuthType). */
enum class client_auth {
  none,                ///< NoClientCert (the default)
  request,             ///< RequestClientCert: asked for, not required, not verified
  require_any,         ///< RequireAnyClientCert: required, not verified
  verify_if_given,     ///< VerifyClientCertIfGiven: verified against client_ca_file when sent
  require_and_verify,  ///< RequireAndVerifyClientCert: required and verified
};

enum class tls_version { tls10, tls11, tls12, tls13 };

/** `tls_server_config`, with relative paths already resolved against the file's folder. */
struct tls_server_config {
  std::filesystem::path cert_file;
  std::filesystem::path key_file;
  client_auth client_auth_type = client_auth::none;
  std::filesystem::path client_ca_file;  ///< empty: none
  tls_version min_version = tls_version::tls12;
  tls_version max_version = tls_version::tls13;
  /** OpenSSL names of the TLS 1.2 suites to offer (translated from Go's names); empty: the
   *  library's defaults. TLS 1.3 suites are not configurable, as in Go. */
  std::vector<std::string> cipher_suites;
  bool prefer_server_cipher_suites = true;
  /** OpenSSL group names (P-256, X25519, ...); empty: the library's defaults. */
  std::vector<std::string> curve_preferences;
  bool operator==(const tls_server_config&) const = default;
};

/** One header from `http_server_config.headers`, added to every response. */
struct web_header {
  std::string name;
  std::string value;
  bool operator==(const web_header&) const = default;
};

/** The whole file. An empty file (or one with only empty sections) means plain HTTP, no auth. */
struct web_config {
  std::optional<tls_server_config> tls;
  bool http2 = true;  ///< accepted for compatibility; smistat speaks HTTP/1.1 only
  std::vector<web_header> headers;
  /** user -> bcrypt hash ($2a$, $2b$ or $2y$). */
  std::map<std::string, std::string> basic_auth_users;
  bool operator==(const web_config&) const = default;
};

/** A refusal: one line naming the file, the key and what is wrong, like
 *  `web.yml: tls_server_config.min_version: unknown TLS version "TLS14"`. */
struct web_config_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/** Parses the YAML `text` of the file named `file` (named in errors; relative cert, key and CA
 *  paths are resolved against its folder, as exporter-toolkit does). Unknown keys and bad values
 *  throw web_config_error. Files are not opened. */
web_config parse_web_config(std::string_view text, const std::filesystem::path& file);

/** Reads `file` and parses it; a file that cannot be read throws web_config_error. */
web_config load_web_config(const std::filesystem::path& file);

}  // namespace smistat::http
