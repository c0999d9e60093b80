// The web configuration file: good files and what they mean, bad files and the one line that
// names the file and the key, the sample in etc/ (which promtool must accept too).
#include "src/http/web_config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "src/http/web_settings.hpp"
#include "tests/tls/tls_test_files.hpp"

namespace smistat::http {
namespace {

namespace fs = std::filesystem;

const std::string hash = "$2b$10$WchRmue.ca1eK5NI8WOn5.BuOjWqUtNwgQKF59c25ZBMXh2THKmv.";

web_config parse(const std::string& text) { return parse_web_config(text, "/etc/smistat/web.yml"); }

TEST(web_config, empty_file_means_plain_http_without_users) {
  for (const char* text : {"", "---\n", "tls_server_config:\nbasic_auth_users:\n"}) {
    const auto c = parse(text);
    EXPECT_FALSE(c.tls) << text;
    EXPECT_TRUE(c.basic_auth_users.empty()) << text;
  }
}

TEST(web_config, full_file_is_read_with_paths_relative_to_its_folder) {
  const auto c = parse(R"(
tls_server_config:
  cert_file: tls/server.crt
  key_file: /abs/server.key
  client_auth_type: RequireAndVerifyClientCert
  client_ca_file: ca.crt
  min_version: TLS13
  max_version: TLS13
  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256]
  prefer_server_cipher_suites: false
  curve_preferences: [X25519, CurveP256]
http_server_config:
  http2: false
  headers:
    Strict-Transport-Security: max-age=31536000
    X-Frame-Options: deny
basic_auth_users:
  alice: )" + hash + "\n");
  ASSERT_TRUE(c.tls);
  EXPECT_EQ(c.tls->cert_file, fs::path("/etc/smistat/tls/server.crt"));
  EXPECT_EQ(c.tls->key_file, fs::path("/abs/server.key"));
  EXPECT_EQ(c.tls->client_ca_file, fs::path("/etc/smistat/ca.crt"));
  EXPECT_EQ(c.tls->client_auth_type, client_auth::require_and_verify);
  EXPECT_EQ(c.tls->min_version, tls_version::tls13);
  EXPECT_EQ(c.tls->max_version, tls_version::tls13);
  // TLS 1.3 suites are not configurable (as in Go): only the 1.2 one is kept.
  EXPECT_EQ(c.tls->cipher_suites, std::vector<std::string>{"ECDHE-RSA-AES128-GCM-SHA256"});
  EXPECT_FALSE(c.tls->prefer_server_cipher_suites);
  EXPECT_EQ(c.tls->curve_preferences, (std::vector<std::string>{"X25519", "P-256"}));
  EXPECT_FALSE(c.http2);
  EXPECT_EQ(c.headers, (std::vector<web_header>{{"Strict-Transport-Security", "max-age=31536000"},
                                                {"X-Frame-Options", "deny"}}));
  EXPECT_EQ(c.basic_auth_users.at("alice"), hash);
}

TEST(web_config, defaults_follow_exporter_toolkit) {
  const auto c = parse("tls_server_config:\n  cert_file: a.crt\n  key_file: a.key\n");
  ASSERT_TRUE(c.tls);
  EXPECT_EQ(c.tls->client_auth_type, client_auth::none);
  EXPECT_EQ(c.tls->min_version, tls_version::tls12);
  EXPECT_EQ(c.tls->max_version, tls_version::tls13);
  EXPECT_TRUE(c.tls->prefer_server_cipher_suites);
  EXPECT_TRUE(c.http2);
}

TEST(web_config, every_client_auth_type_is_known) {
  const std::vector<std::pair<std::string, client_auth>> cases{
      {"NoClientCert", client_auth::none},
      {"RequestClientCert", client_auth::request},
      {"RequireAnyClientCert", client_auth::require_any},
      {"RequireClientCert", client_auth::require_any},
      {"VerifyClientCertIfGiven", client_auth::verify_if_given},
      {"RequireAndVerifyClientCert", client_auth::require_and_verify},
  };
  for (const auto& [name, mode] : cases) {
    // A CA file only where a certificate is asked for: with NoClientCert it is refused.
    const std::string ca = mode == client_auth::none ? "" : "  client_ca_file: c\n";
    const auto c = parse("tls_server_config:\n  cert_file: a\n  key_file: b\n" + ca +
                         "  client_auth_type: " + name + "\n");
    ASSERT_TRUE(c.tls) << name;
    EXPECT_EQ(c.tls->client_auth_type, mode) << name;
  }
}

TEST(web_config, bad_files_are_refused_with_one_line_naming_file_and_key) {
  struct bad_case {
    std::string text;
    std::string message;  ///< the whole what()
  };
  const std::string tls = "tls_server_config:\n  cert_file: a\n  key_file: b\n";
  const std::vector<bad_case> cases{
      {"tls_config:\n  cert_file: a\n", "/etc/smistat/web.yml: tls_config: unknown key"},
      {tls + "  certfile: a\n", "/etc/smistat/web.yml: tls_server_config.certfile: unknown key"},
      {"tls_server_config:\n  key_file: b\n",
       "/etc/smistat/web.yml: tls_server_config.cert_file: missing; TLS needs a certificate"},
      {"tls_server_config:\n  cert_file: a\n",
       "/etc/smistat/web.yml: tls_server_config.key_file: missing; TLS needs a private key"},
      {tls + "  min_version: TLS14\n",
       "/etc/smistat/web.yml: tls_server_config.min_version: unknown TLS version \"TLS14\" "
       "(expected TLS10, TLS11, TLS12 or TLS13)"},
      {tls + "  min_version: TLS13\n  max_version: TLS12\n",
       "/etc/smistat/web.yml: tls_server_config.min_version: greater than max_version"},
      {tls + "  client_auth_type: Maybe\n",
       "/etc/smistat/web.yml: tls_server_config.client_auth_type: unknown client auth type "
       "\"Maybe\""},
      {tls + "  client_ca_file: ca.crt\n",
       "/etc/smistat/web.yml: tls_server_config.client_ca_file: set without a client_auth_type "
       "that asks for a certificate"},
      {tls + "  client_auth_type: RequireAndVerifyClientCert\n",
       "/etc/smistat/web.yml: tls_server_config.client_ca_file: missing; client_auth_type "
       "RequireAndVerifyClientCert verifies client certificates against it"},
      {tls + "  cipher_suites: [TLS_RSA_WITH_RC4_128_SHA]\n",
       "/etc/smistat/web.yml: tls_server_config.cipher_suites: unknown cipher "
       "\"TLS_RSA_WITH_RC4_128_SHA\""},
      {tls + "  curve_preferences: [P256]\n",
       "/etc/smistat/web.yml: tls_server_config.curve_preferences: unknown curve \"P256\""},
      {tls + "  prefer_server_cipher_suites: sometimes\n",
       "/etc/smistat/web.yml: tls_server_config.prefer_server_cipher_suites: expected true or "
       "false"},
      {tls + "  cert_file: [a, b]\n",
       "/etc/smistat/web.yml: tls_server_config.cert_file: expected a single value"},
      {"http_server_config:\n  headers:\n    Set-Cookie: x\n",
       "/etc/smistat/web.yml: http_server_config.headers.Set-Cookie: not an allowed header "
       "(Strict-Transport-Security, X-Content-Type-Options, X-Frame-Options, X-XSS-Protection, "
       "Content-Security-Policy)"},
      {"http_server_config:\n  headers:\n    X-Frame-Options: allow\n",
       "/etc/smistat/web.yml: http_server_config.headers.X-Frame-Options: expected deny or "
       "sameorigin"},
      {"http_server_config:\n  http3: true\n",
       "/etc/smistat/web.yml: http_server_config.http3: unknown key"},
      {"basic_auth_users:\n  alice: secret\n",
       "/etc/smistat/web.yml: basic_auth_users.alice: expected a bcrypt hash ($2b$...), not a "
       "password"},
      {"basic_auth_users:\n  \"a:b\": " + hash + "\n",
       "/etc/smistat/web.yml: basic_auth_users.a:b: a user name must be non-empty and contain no "
       "':'"},
      {"basic_auth_users: [alice]\n", "/etc/smistat/web.yml: basic_auth_users: expected a mapping"},
      {"- just\n- a list\n", "/etc/smistat/web.yml: expected a mapping"},
      {"tls_server_config: {cert_file: a\n",
       "/etc/smistat/web.yml: line 2: end of map flow not found"},
  };
  for (const auto& c : cases) {
    try {
      parse(c.text);
      ADD_FAILURE() << "accepted:\n" << c.text;
    } catch (const web_config_error& e) {
      EXPECT_EQ(std::string(e.what()), c.message) << c.text;
    }
  }
}

TEST(web_config, a_missing_file_is_named) {
  try {
    load_web_config("/nonexistent/web.yml");
    ADD_FAILURE() << "a missing file was accepted";
  } catch (const web_config_error& e) {
    EXPECT_EQ(std::string(e.what()), "/nonexistent/web.yml: cannot be read");
  }
}

TEST(web_settings, load_the_certificate_and_refuse_a_key_that_does_not_match) {
  web_config c;
  c.tls = tls_server_config{};
  c.tls->cert_file = test::cert_path("server.crt");
  c.tls->key_file = test::cert_path("server.key");
  const auto settings = make_web_settings(c);
  EXPECT_TRUE(settings->tls);
  EXPECT_FALSE(settings->users);
  c.tls->key_file = test::cert_path("client.key");
  try {
    make_web_settings(c);
    ADD_FAILURE() << "a key of another certificate was accepted";
  } catch (const web_config_error& e) {
    // OpenSSL's reason follows the file's name.
    const std::string what = e.what();
    EXPECT_TRUE(what.starts_with("key_file " + test::cert_path("client.key").string() + ": "))
        << what;
    EXPECT_NE(what.find("mismatch"), std::string::npos) << what;
  }
  c.tls->cert_file = "/nonexistent/server.crt";
  EXPECT_THROW(make_web_settings(c), web_config_error);
}

/** A copy of etc/web-config.yml with a certificate and key under the names it gives, in a
 *  folder of the test's own: ctest runs the tests of this file in parallel processes. */
fs::path sample_copy(const std::string& folder) {
  const auto dir = test::scratch_dir(folder);
  fs::copy_file(SMISTAT_SAMPLE_WEB_CONFIG, dir / "web-config.yml",
                fs::copy_options::overwrite_existing);
  fs::copy_file(test::cert_path("server.crt"), dir / "smistat.crt",
                fs::copy_options::overwrite_existing);
  fs::copy_file(test::cert_path("server.key"), dir / "smistat.key",
                fs::copy_options::overwrite_existing);
  return dir / "web-config.yml";
}

TEST(web_config_sample, is_read_and_loaded) {
  const auto file = sample_copy("web-config-sample-load");
  const auto c = load_web_config(file);
  ASSERT_TRUE(c.tls);
  EXPECT_EQ(c.basic_auth_users.size(), 1u);
  const auto settings = make_web_settings(c);
  EXPECT_TRUE(settings->tls);
  EXPECT_TRUE(settings->users);
}

TEST(web_config_sample, promtool_accepts_it) {
  const fs::path promtool = "/usr/bin/promtool";
  if (!fs::exists(promtool)) GTEST_SKIP() << "promtool is not installed";
  const auto file = sample_copy("web-config-sample-promtool");
  const std::string command = promtool.string() + " check web-config " + file.string() + " 2>&1";
  const int status = std::system(command.c_str());
  EXPECT_EQ(status, 0) << command;
}

}  // namespace
}  // namespace smistat::http
