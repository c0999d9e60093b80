#include "src/http/web_settings.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <string>

namespace smistat::http {
namespace {

namespace ssl = boost::asio::ssl;

/** OpenSSL's own reason for the last failure, for the one-line error. */
std::string openssl_reason() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

[[noreturn]] void refuse(const std::string& what) {
  throw web_config_error(what + ": " + openssl_reason());
}

int openssl_version(tls_version v) {
  switch (v) {
    case tls_version::tls10: return TLS1_VERSION;
    case tls_version::tls11: return TLS1_1_VERSION;
    case tls_version::tls12: return TLS1_2_VERSION;
    case tls_version::tls13: return TLS1_3_VERSION;
  }
  return TLS1_2_VERSION;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ":") + n;
  return out;
}

void load_identity(SSL_CTX* ctx, const tls_server_config& c) {
  if (SSL_CTX_use_certificate_chain_file(ctx, c.cert_file.c_str()) != 1)
    refuse("cert_file " + c.cert_file.string());
  if (SSL_CTX_use_PrivateKey_file(ctx, c.key_file.c_str(), SSL_FILETYPE_PEM) != 1)
    refuse("key_file " + c.key_file.string());
  if (SSL_CTX_check_private_key(ctx) != 1)
    refuse("key_file " + c.key_file.string() + " does not match cert_file");
}

void set_protocol(SSL_CTX* ctx, const tls_server_config& c) {
  SSL_CTX_set_min_proto_version(ctx, openssl_version(c.min_version));
  SSL_CTX_set_max_proto_version(ctx, openssl_version(c.max_version));
  if (!c.cipher_suites.empty() &&
      SSL_CTX_set_cipher_list(ctx, joined(c.cipher_suites).c_str()) != 1)
    refuse("cipher_suites");
  if (!c.curve_preferences.empty() &&
      SSL_CTX_set1_groups_list(ctx, joined(c.curve_preferences).c_str()) != 1)
    refuse("curve_preferences");
  if (c.prefer_server_cipher_suites) SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
}

/** Go's client auth types in OpenSSL's terms: whether a certificate is asked for, required, and
 *  checked against client_ca_file. */
void set_client_auth(ssl::context& ctx, const tls_server_config& c) {
  if (!c.client_ca_file.empty()) {
    if (SSL_CTX_load_verify_locations(ctx.native_handle(), c.client_ca_file.c_str(), nullptr) != 1)
      refuse("client_ca_file " + c.client_ca_file.string());
    // The CA names go into the certificate request, so clients pick a matching certificate.
    if (auto* names = SSL_load_client_CA_file(c.client_ca_file.c_str()))
      SSL_CTX_set_client_CA_list(ctx.native_handle(), names);
  }
  const bool required = c.client_auth_type == client_auth::require_any ||
                        c.client_auth_type == client_auth::require_and_verify;
  const bool verified = c.client_auth_type == client_auth::verify_if_given ||
                        c.client_auth_type == client_auth::require_and_verify;
  if (c.client_auth_type == client_auth::none) {
    ctx.set_verify_mode(ssl::verify_none);
    return;
  }
  ctx.set_verify_mode(ssl::verify_peer | (required ? ssl::verify_fail_if_no_peer_cert : 0));
  // Request and RequireAny take any certificate: the chain is not judged.
  if (!verified) ctx.set_verify_callback([](bool, ssl::verify_context&) { return true; });
}

std::shared_ptr<ssl::context> make_tls_context(const tls_server_config& c) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* native = ctx->native_handle();
  // No renegotiation, no compression: nothing an exporter needs, both past attack surfaces.
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
  load_identity(native, c);
  set_protocol(native, c);
  set_client_auth(*ctx, c);
  return ctx;
}

}  // namespace

std::shared_ptr<const web_settings> make_web_settings(const web_config& config) {
  auto out = std::make_shared<web_settings>();
  if (config.tls) out->tls = make_tls_context(*config.tls);
  if (!config.basic_auth_users.empty())
    out->users = std::make_shared<const basic_auth>(config.basic_auth_users);
  for (const auto& h : config.headers) out->headers.push_back({h.name, h.value});
  return out;
}

}  // namespace smistat::http
